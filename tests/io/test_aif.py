"""AIF JSON import/export on the AIFdb and Argumentative Microtexts fixtures."""

import json
from collections import Counter
from pathlib import Path

import pytest

from app.io.aif import read_aif, write_aif
from app.io.aif_source import anchor_to_source
from app.io.registry import FormatError
from app.model import Edge, Node
from app.model.build import build_map

FIX = Path(__file__).resolve().parent.parent / "fixtures" / "aif"


def load(name):
    return read_aif((FIX / name).read_text(encoding="utf-8"))


def structure(amap, relations=("support", "attack")):
    """(premise text, relation, conclusion text) for every relation of the given kinds."""
    return Counter((amap.nodes[e.source].text, e.relation, amap.nodes[e.target].text)
                   for e in amap.edges.values() if e.relation in relations)


def by_aif_id(amap):
    """(premise AIF id, relation, conclusion AIF id) for every edge."""
    return {(amap.nodes[e.source].data["aif_id"], e.relation, amap.nodes[e.target].data["aif_id"])
            for e in amap.edges.values()}


def test_both_6064_files_give_the_same_argument_graph():
    dialogical, reconstructed = load("aifdb-6064-dialogical.json"), load("aifdb-6064-reconstructed.json")
    texts = lambda m: sorted(n.text for n in m.map.nodes.values())  # noqa: E731
    assert texts(dialogical) == texts(reconstructed)
    assert len(dialogical.map.nodes) == 9          # the 9 I-nodes of both files
    assert structure(dialogical.map) == structure(reconstructed.map)
    # Five RA nodes with one premise each in both files: five supports.
    assert sum(structure(dialogical.map).values()) == 5
    # The reconstructed file also has three MA (rephrase) nodes: plain links, not evaluated.
    assert Counter(e.relation for e in reconstructed.map.edges.values())["relates"] == 3
    assert any("dialogue" in n.lower() for n in dialogical.notes)
    assert not any("dialogue" in n.lower() for n in reconstructed.notes)


def test_6064_keeps_aif_ids_and_scheme_names():
    amap = load("aifdb-6064-reconstructed.json").map
    assert {n.data["aif_id"] for n in amap.nodes.values()} >= {"29045", "29053", "29054", "111805"}
    labels = {(amap.nodes[e.source].data["aif_id"], amap.nodes[e.target].data["aif_id"]): e.label
              for e in amap.edges.values()}
    assert labels[("111809", "111805")] == "Default Inference"   # RA 111814 has scheme "Default Inference"
    assert labels[("29053", "29054")] == ""                        # RA 111803 has no scheme


# Counted by hand from the JSON (premises = edges from I-nodes into the S-node, conclusion =
# the edge out of it; a CA aimed at another CA attacks that CA's premise instead):
# 6361: RA 119933: 119928→119927; CA 119932: 119927→119931; CA 119934 (premises 119929 and
#       119930) aims at CA 119932, whose premise is 119927 → 1 support, 3 attacks.
# 6362: RA 119940: 119935→119937; RA 119941: 119936→119937; CA 119942: 119938→119937;
#       CA 119943 (119939) aims at CA 119942 (premise 119938) → 2 supports, 2 attacks.
# 6363: CA 119949: 119945→119944; CA 119950: 119946→119945; CA 119951: 119947→119944;
#       CA 119952 (119948) aims at CA 119951 (premise 119947) → 0 supports, 4 attacks.
MICROTEXTS = {
    "microtexts-nodeset6361.json": {("119928", "support", "119927"), ("119927", "attack", "119931"),
                                    ("119929", "attack", "119927"), ("119930", "attack", "119927")},
    "microtexts-nodeset6362.json": {("119935", "support", "119937"), ("119936", "support", "119937"),
                                    ("119938", "attack", "119937"), ("119939", "attack", "119938")},
    "microtexts-nodeset6363.json": {("119945", "attack", "119944"), ("119946", "attack", "119945"),
                                    ("119947", "attack", "119944"), ("119948", "attack", "119947")},
}


@pytest.mark.parametrize("name", sorted(MICROTEXTS))
def test_microtexts_support_attack_structure(name):
    result = load(name)
    raw = json.loads((FIX / name).read_text(encoding="utf-8"))
    i_nodes = [n for n in raw["nodes"] if n["type"] == "I"]
    assert len(result.map.nodes) == len(i_nodes) == 5
    assert all(n.kind == "claim" for n in result.map.nodes.values())
    assert by_aif_id(result.map) == MICROTEXTS[name]
    assert any("inference" in n for n in result.notes)   # the undercut was noted


def rich_map():
    nodes = [Node(id="s", kind="strategy", title="Build the bridge", text="Build it.\nSoon.", base_score=0.6,
                  tags=("infra", "a, b"), x=10.0, y=-20.5),
             Node(id="q", kind="question", title="What now?", text="What should we do now?"),
             Node(id="r", title="Cheap", text="It is cheap — «really» & \"quoted\"", base_score=0.8),
             Node(id="o", kind="evidence", title="Study", text="A study says no."),
             Node(id="n", kind="note", title="Remember", text="")]
    edges = [Edge(id="e1", source="r", target="s", weight=0.7, label="cost"),
             Edge(id="e2", source="o", target="s", relation="attack"),
             Edge(id="e3", source="s", target="q", relation="answer"),
             Edge(id="e4", source="n", target="r", relation="relates")]
    return build_map(nodes, edges, meta={"title": "Bridge"})


def fields(amap):
    """Every node's own fields and every edge by its ends' titles (ids differ after import)."""
    title = {nid: n.title for nid, n in amap.nodes.items()}
    nodes = sorted((n.kind, n.title, n.text, n.base_score, n.tags, n.x, n.y) for n in amap.nodes.values())
    edges = sorted((title[e.source], title[e.target], e.relation, e.weight, e.label) for e in amap.edges.values())
    return nodes, edges


def test_round_trip_keeps_titles_texts_and_relations():
    original = rich_map()
    back = read_aif(write_aif(original)).map
    assert fields(back) == fields(original)


def test_round_trip_of_an_imported_file():
    first = load("microtexts-nodeset6361.json").map
    again = read_aif(write_aif(first)).map
    assert fields(again) == fields(first)
    assert {n.data["aif_id"] for n in again.nodes.values()} == {n.data["aif_id"] for n in first.nodes.values()}


def test_export_is_plain_valid_aif():
    doc = json.loads(write_aif(rich_map()))
    assert doc["locutions"] == []
    ids = [n["nodeID"] for n in doc["nodes"]]
    assert len(ids) == len(set(ids))
    assert all({"nodeID", "text", "type"} <= set(n) for n in doc["nodes"])
    assert all({"edgeID", "fromID", "toID"} <= set(e) for e in doc["edges"])
    assert all(e["fromID"] in ids and e["toID"] in ids for e in doc["edges"])
    types = {n["nodeID"]: n["type"] for n in doc["nodes"]}
    assert Counter(types.values()) == {"I": 5, "RA": 2, "CA": 1, "MA": 1}
    for sid, kind in types.items():
        if kind != "I":   # each S-node joins exactly one I-node to another
            assert [types[e["fromID"]] for e in doc["edges"] if e["toID"] == sid] == ["I"]
            assert [types[e["toID"]] for e in doc["edges"] if e["fromID"] == sid] == ["I"]


def test_export_without_our_extra_keys_still_reads_as_the_same_argument():
    original = rich_map()
    doc = json.loads(write_aif(original))
    for n in doc["nodes"]:
        n.pop("reasonmap")
    plain = read_aif(json.dumps(doc)).map
    # Without our key an "answer" (exported as RA) reads back as a support; all else is equal.
    expected = structure(original) + structure(original, ("answer",))
    expected = Counter({(a, "support" if r == "answer" else r, b): k for (a, r, b), k in expected.items()})
    assert structure(plain, ("support", "attack")) == expected
    assert sorted(n.text or n.title for n in original.nodes.values()) == sorted(n.text for n in plain.nodes.values())


def test_ova_positions_are_kept():
    doc = {"AIF": {"nodes": [{"nodeID": "1", "text": "A", "type": "I"},
                             {"nodeID": "2", "text": "B", "type": "I", "x": 5, "y": 6},
                             {"nodeID": "3", "text": "Default Conflict", "type": "CA"}],
                   "edges": [{"edgeID": "a", "fromID": "1", "toID": "3"}, {"edgeID": "b", "fromID": "3", "toID": "2"}],
                   "locutions": []},
           "OVA": {"nodes": [{"nodeID": "1", "x": 120, "y": 40, "visible": True}]}}
    amap = read_aif(json.dumps(doc)).map
    pos = {n.text: (n.x, n.y) for n in amap.nodes.values()}
    assert pos == {"A": (120.0, 40.0), "B": (5.0, 6.0)}
    assert [e.relation for e in amap.edges.values()] == ["attack"]


@pytest.mark.parametrize("text, where", [
    ('{"nodes": [', "line 1"),
    ('{"nodes": [{"nodeID": "1", "type": "I"}], "edges": [{"edgeID": "x", "fromID": "1", "toID": "9"}]}', "edges[0]"),
    ('{"nodes": [{"nodeID": "1", "type": "I"}, {"nodeID": "1", "type": "I"}]}', "nodes[1]"),
    ('{"nodes": [{"text": "no id"}]}', "nodes[0]"),
    ('{"nodes": {}}', "list"),
    ('[1, 2]', "AIF"),
    ('{"nodes": [{"nodeID": "1", "type": "I", "reasonmap": {"kind": "bogus"}}]}', "nodes[0]"),
])
def test_bad_files_give_one_clear_error(text, where):
    with pytest.raises(FormatError, match=None) as info:
        read_aif(text)
    assert where in str(info.value)


def test_anchor_to_source_on_a_microtext():
    amap = load("microtexts-nodeset6361.json").map
    source = (FIX / "microtexts-nodeset6361.txt").read_text(encoding="utf-8")
    anchored = anchor_to_source(amap, "nodeset 6361", source)
    (src,) = anchored.sources.values()
    assert (src.title, src.text) == ("nodeset 6361", source)
    for n in anchored.nodes.values():
        a = n.anchor
        assert a["source"] == src.id
        assert source[a["start"]:a["end"]] == a["quote"] == n.text
    assert amap.nodes.values() and all(n.anchor is None for n in amap.nodes.values())  # original untouched


def test_anchor_tolerates_other_white_space_and_skips_missing_text():
    source = "First claim here.  Second\nclaim   spans lines. Unrelated."
    amap = build_map([Node(id="a", text="First claim here."), Node(id="b", text="Second claim spans lines."),
                      Node(id="c", text="Not in the source at all.")])
    anchored = anchor_to_source(amap, "src", source).nodes
    assert source[anchored["a"].anchor["start"]:anchored["a"].anchor["end"]] == "First claim here."
    assert anchored["b"].anchor["quote"] == "Second\nclaim   spans lines."
    assert anchored["c"].anchor is None


def test_export_ids_stay_unique_when_names_clash():
    amap = build_map([Node(id="ra-e", text="A"), Node(id="b", text="B", data={"aif_id": "ra-e"})],
                     [Edge(id="e", source="ra-e", target="b")])
    doc = json.loads(write_aif(amap))
    ids = [n["nodeID"] for n in doc["nodes"]]
    assert len(ids) == len(set(ids)) == 3
    back = read_aif(json.dumps(doc)).map
    assert structure(back) == structure(amap)
