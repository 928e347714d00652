"""AIF patterns met in real corpora: self-linked relation nodes, empty nodesets, source texts
that are not UTF-8, and values that must not reach the map."""

import json
import re
import shutil
from pathlib import Path

import pytest

from app.io import FormatError, import_file
from app.io.aif import read_aif
from app.io.native_json import read_json

WILD = Path(__file__).resolve().parent.parent / "fixtures" / "aif-wild"


def nodeset(nodes, edges):
    return json.dumps({"nodes": [{"nodeID": i, "text": t, "type": k} for i, t, k in nodes],
                       "edges": [{"edgeID": f"e{n}", "fromID": a, "toID": b} for n, (a, b) in enumerate(edges)],
                       "locutions": []})


def test_a_relation_node_joining_a_claim_to_itself_is_left_out_with_a_note():
    text = nodeset([("1", "A", "I"), ("2", "B", "I"), ("3", "Default Rephrase", "MA"), ("4", "Default Inference", "RA")],
                   [("1", "3"), ("3", "1"), ("2", "4"), ("4", "1")])
    result = read_aif(text)
    assert [(result.map.nodes[e.source].text, e.relation, result.map.nodes[e.target].text)
            for e in result.map.edges.values()] == [("B", "support", "A")]
    (note,) = [n for n in result.notes if "itself" in n]
    assert "MA node '3'" in note and "Default Rephrase" in note


@pytest.mark.parametrize("name, node", [("qt30-nodeset18320.json", "MA node '543107'"),
                                        ("iac-nodeset7903.json", "CA node '149528'")])
def test_real_self_links_import(name, node):
    result = import_file(WILD / name)
    assert any(node in n for n in result.notes)
    assert all(e.source != e.target for e in result.map.edges.values())


def test_an_error_names_the_relation_node_that_holds_it():
    doc = json.loads(nodeset([("1", "A", "I"), ("2", "B", "I"), ("s9", "x", "RA")], [("1", "s9"), ("s9", "2")]))
    doc["nodes"][2]["reasonmap"] = {"weight": 7}
    with pytest.raises(FormatError) as info:
        read_aif(json.dumps(doc))
    assert "nodes[2] (RA node 's9')" in str(info.value) and "weight" in str(info.value)


def test_an_empty_nodeset_is_an_empty_map_under_any_json_name(tmp_path):
    shutil.copy(WILD / "iac-nodeset7107.json", tmp_path / "n.json")
    for result in (import_file(tmp_path / "n.json"), read_json('{"nodes": [], "edges": []}')):
        assert not result.map.nodes and result.format == "aif"
        assert any("empty AIF nodeset" in n for n in result.notes)
    with pytest.raises(FormatError, match="Reasonmap JSON"):
        read_json('{"nodes": [], "colour": "red"}')      # neither AIF nor ours


def test_a_windows_1252_source_text_is_decoded_and_reported(tmp_path):
    quote = "Taxes \u201cmust\u201d rise \u2014 soon"
    (tmp_path / "m.json").write_text(nodeset([("1", quote, "I")], []), encoding="utf-8")
    (tmp_path / "m.txt").write_bytes(f"Speaker: {quote}. Applause.".encode("cp1252"))
    result = import_file(tmp_path / "m.json")
    (source,) = result.map.sources.values()
    (claim,) = result.map.nodes.values()
    assert source.text[claim.anchor["start"]:claim.anchor["end"]] == quote
    assert any("Windows-1252" in n and "m.txt" in n for n in result.notes)


def test_the_us2016_source_text_never_fails_the_import():
    result = import_file(WILD / "us2016-nodeset10700.json")
    (source,) = result.map.sources.values()
    raw = (WILD / "us2016-nodeset10700.txt").read_bytes().decode("cp1252")
    # OVA's HTML is turned into plain text: tags gone, <br> a line break, every word kept
    assert "<span" not in source.text and "<br>" not in source.text
    assert source.text.startswith("HOLT : We have just ... \n\nTRUMP : ... where they 're not paying us")
    assert " ".join(re.sub(r"<[^>]+>", "", raw.replace("<br>", " ")).split()) == " ".join(source.text.split())
    assert any("Windows-1252" in n and "HTML" in n for n in result.notes)
    anchored = [n for n in result.map.nodes.values() if n.anchor is not None]
    assert len(anchored) > 20
    assert all(source.text[n.anchor["start"]:n.anchor["end"]] == n.anchor["quote"] for n in anchored)


def test_a_source_text_that_is_not_a_file_is_left_out(tmp_path):
    (tmp_path / "m.json").write_text(nodeset([("1", "A", "I")], []), encoding="utf-8")
    (tmp_path / "m.txt").mkdir()
    assert import_file(tmp_path / "m.json").map.sources == {}


def test_lone_surrogates_are_removed_with_a_note():
    result = read_aif('{"nodes": [{"nodeID": "1", "text": "bro\\ud800ken", "type": "I"}], "edges": []}')
    assert [n.text for n in result.map.nodes.values()] == ["broken"]
    assert any("surrogate" in n for n in result.notes)


@pytest.mark.parametrize("value, kept", [("1e300", False), ("1e309", False), ("-2500.5", True)])
def test_positions_outside_a_sane_range_are_dropped(value, kept):
    text = '{"nodes": [{"nodeID": "1", "text": "A", "type": "I", "x": %s, "y": 3}], "edges": []}' % value
    (node,) = read_aif(text).map.nodes.values()
    assert (node.x is not None) is kept


def test_a_number_of_thousands_of_digits_is_one_clear_error():
    text = '{"nodes": [{"nodeID": "1", "text": "A", "type": "I", "x": %s}], "edges": []}' % ("9" * 5000)
    with pytest.raises(FormatError, match="more than 4300 digits"):
        read_aif(text)


def test_html_source_text_becomes_plain_and_case_changes_still_anchor(tmp_path):
    (tmp_path / "m.json").write_text(nodeset([("1", "we are working at pace", "I"), ("2", "not said", "I")], []),
                                     encoding="utf-8")
    (tmp_path / "m.txt").write_text('JC[0:29:28] <span class="highlighted" id="n7">We are working at pace</span>.'
                                    "<br>RS : &quot;Quite.&quot;", encoding="utf-8")
    result = import_file(tmp_path / "m.json")
    (source,) = result.map.sources.values()
    assert source.text == 'JC[0:29:28] We are working at pace.\nRS : "Quite."'
    claims = {n.text: n.anchor for n in result.map.nodes.values()}
    assert claims["we are working at pace"]["quote"] == "We are working at pace"
    assert claims["not said"] is None
    assert any("HTML markup" in n and "Anchored 1 of 2" in n for n in result.notes)


def test_ova_files_bring_their_text_as_the_source_and_s_nodes_by_scheme():
    doc = {"AIF": json.loads(nodeset([("1", "Taxes must rise", "I"), ("2", "Schools need money", "I")],
                                     [("2", "s"), ("s", "1")])),
           "OVA": {"firstname": "Anon", "nodes": [], "edges": []},
           "text": 'A: <span class="highlighted">Schools need money</span>, so taxes must rise.'}
    doc["AIF"]["nodes"].append({"nodeID": "s", "text": "", "type": "S", "scheme": "RA"})
    result = read_aif(json.dumps(doc))
    amap = result.map
    assert [(amap.nodes[e.source].text, e.relation) for e in amap.edges.values()] == [("Schools need money", "support")]
    (source,) = amap.sources.values()
    assert source.text == "A: Schools need money, so taxes must rise."
    assert {n.text: n.anchor["quote"] for n in amap.nodes.values()} == {
        "Schools need money": "Schools need money", "Taxes must rise": "taxes must rise"}
    assert any("OVA analysed" in n for n in result.notes)


def test_a_source_text_mixing_utf8_and_windows_1252_reads_both(tmp_path):
    (tmp_path / "m.json").write_text(nodeset([("1", "we win \u2014 they lose", "I")], []), encoding="utf-8")
    (tmp_path / "m.txt").write_bytes("Intro \u2014 ".encode("utf-8") + b"we win \x97 they lose")
    result = import_file(tmp_path / "m.json")
    (source,) = result.map.sources.values()
    assert source.text == "Intro \u2014 we win \u2014 they lose"
    (claim,) = result.map.nodes.values()
    assert claim.anchor["quote"] == "we win \u2014 they lose"
    assert any("UTF-8 mixed with Windows-1252" in n for n in result.notes)
