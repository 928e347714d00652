"""Every AIF file among the test fixtures imports, and its map has the file's structure.

The expected structure is worked out here from the raw JSON, independently of the importer:
every I-node is a claim with the I-node's text; every premise–conclusion pair of an RA, CA or
MA node (premise: an I-node with an edge into it; conclusion: an I-node it points to, or the
premises of the inference it points to) is joined by the right relation, except a pair of a
claim with itself; and the map holds no relation that the file does not give.
"""

import json
from collections import defaultdict
from pathlib import Path

import pytest

from app.io import import_file

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
KINDS = {"RA": "support", "CA": "attack", "MA": "relates"}


def is_aif(path: Path) -> bool:
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc = doc.get("AIF", doc) if isinstance(doc, dict) else doc
    return isinstance(doc, dict) and isinstance(doc.get("nodes"), list) and "format" not in doc \
        and all(isinstance(n, dict) and "nodeID" in n for n in doc["nodes"])


AIF_FILES = sorted(p for p in FIXTURES.rglob("*.json") if is_aif(p))


def expected_structure(doc: dict) -> tuple[dict[str, str], dict[tuple[str, str], set[str]]]:
    """(I-node id → text, (premise id, conclusion id) → the relations the S-nodes give it)."""
    types = {str(n["nodeID"]): n.get("type", "").upper() for n in doc["nodes"]}
    texts = {str(n["nodeID"]): n.get("text", "") for n in doc["nodes"] if types[str(n["nodeID"])] == "I"}
    into, out_of = defaultdict(list), defaultdict(list)
    for e in doc.get("edges", []):
        into[str(e["toID"])].append(str(e["fromID"]))
        out_of[str(e["fromID"])].append(str(e["toID"]))
    pairs: dict[tuple[str, str], set[str]] = defaultdict(set)
    for sid, kind in types.items():
        if kind not in KINDS:
            continue
        premises = [p for p in into[sid] if types[p] == "I"]
        conclusions = [c for c in out_of[sid] if types[c] == "I"]
        for c in out_of[sid]:
            if types[c] in KINDS:
                conclusions += [p for p in into[c] if types[p] == "I"]
        for p in premises:
            for c in conclusions:
                if p != c:
                    pairs[(p, c)].add(KINDS[kind])
    return texts, pairs


def test_the_fixtures_hold_enough_aif_to_mean_something():
    assert len(AIF_FILES) >= 9
    names = {p.name for p in AIF_FILES}
    assert {"qt30-nodeset18320.json", "iac-nodeset7107.json", "us2016-nodeset10700.json"} <= names


@pytest.mark.parametrize("path", AIF_FILES, ids=lambda p: p.name)
def test_every_aif_fixture_imports_with_the_files_structure(path):
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc = doc.get("AIF", doc)
    texts, pairs = expected_structure(doc)
    result = import_file(path)
    amap = result.map
    by_aif = {n.data["aif_id"]: n for n in amap.nodes.values()}
    assert set(by_aif) == set(texts)                          # every I-node is a claim, nothing else
    assert all(by_aif[i].kind == "claim" and by_aif[i].text == t for i, t in texts.items())
    got = {(amap.nodes[e.source].data["aif_id"], amap.nodes[e.target].data["aif_id"]): e.relation
           for e in amap.edges.values()}
    for pair, relations in pairs.items():
        assert got.get(pair) in relations, (pair, relations, got.get(pair))
    assert set(got) <= set(pairs)                             # no relation the file does not give
    if not doc["nodes"]:
        assert any("empty AIF nodeset" in n for n in result.notes)
