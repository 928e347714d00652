"""The workshop sub-commands and `evaluate --group` on a five-person map (numbers in
tests/reasoning/test_group_camps.py)."""

import json

import pytest

from app.cli import main
from app.document import Document
from app.model import Node
from app.model.build import build_map
from tests.reasoning.test_group_camps import five


@pytest.fixture
def rmap(tmp_path):
    path = tmp_path / "w.rmap"
    Document.new(path, five()).close()
    return path


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def load(path):
    doc = Document.open(path, read_only=True)
    try:
        return doc.map
    finally:
        doc.close()


def test_evaluate_group_json(rmap, capsys):
    code, out, _ = run(capsys, "evaluate", rmap, "--group", "--json")
    data = json.loads(out)
    assert code == 0 and data["aggregation"] == "inputs"
    assert data["aggregation_name"] == "median of inputs, then evaluate"
    assert [(r["id"], round(r["strength"], 9)) for r in data["ranking"]] == [("A", .76), ("B", .7)]
    counts = {i["id"]: (i["assessors"], i["spread"]) for i in data["inputs"]}
    assert counts["A"] == (1, None) and counts["x"][0] == 5
    assert [c["input"] for c in data["cruxes"]] == ["y", "x"] and data["crux_reason"] == ""
    code, out, _ = run(capsys, "evaluate", rmap, "--group", "--json", "--aggregation", "strengths")
    data = json.loads(out)
    assert data["aggregation"] == "strengths"
    assert [(r["id"], round(r["strength"], 9)) for r in data["ranking"]] == [("A", .8), ("B", .7)]


def test_evaluate_group_text_and_aggregation_misuse(rmap, capsys):
    code, out, _ = run(capsys, "evaluate", rmap, "--group")
    assert code == 0 and "median of inputs, then evaluate" in out and "Cruxes:" in out
    assert "1 assessors" not in out  # the cruxes x, y have 5 assessors each
    code, _, err = run(capsys, "evaluate", rmap, "--aggregation", "inputs")
    assert code == 1 and err.count("\n") == 1 and "only with --group" in err


def test_sensitivity_perspectives(rmap, capsys):
    code, out, _ = run(capsys, "sensitivity", rmap, "--group", "--json")
    group = json.loads(out)
    assert code == 0 and group["top"] == ["A", "B"]
    code, out, _ = run(capsys, "sensitivity", rmap, "--participant", "P4", "--json")
    assert json.loads(out)["top"] == ["B", "A"]  # P4: A .6, B .9
    code, _, err = run(capsys, "sensitivity", rmap, "--participant", "Nobody")
    assert code == 1 and "No participant called 'Nobody'" in err


def test_participants_list_add_remove(rmap, capsys):
    code, out, _ = run(capsys, "participants", rmap)
    assert code == 0 and out.splitlines()[0] == "P1\t2 assessed" and "P5\t3 assessed" in out
    assert run(capsys, "participants", rmap, "--add", "Zoe")[0] == 0
    assert "Zoe" in {p.name for p in load(rmap).participants.values()}
    assert run(capsys, "participants", rmap, "--remove", "P5")[0] == 0
    amap = load(rmap)
    assert "P5" not in amap.participants and not any(a.participant == "P5" for a in amap.assessments.values())
    code, _, err = run(capsys, "participants", rmap, "--add", "Zoe")
    assert code == 1 and "already a participant called 'Zoe'" in err


def test_assess_by_title_and_id(rmap, capsys):
    code, out, _ = run(capsys, "assess", rmap, "--participant", "P1", "--input", "y", "--value", "0.35",
                       "--note", "changed my mind")
    assert code == 0
    a = load(rmap).assessments[("P1", "y")]
    assert (a.value, a.note) == (0.35, "changed my mind")
    assert run(capsys, "assess", rmap, "--participant", "P2", "--input", "ex", "--value", "1")[0] == 0
    assert load(rmap).assessments[("P2", "ex")].value == 1.0


@pytest.mark.parametrize("value", ["1.5", "-0.1", "nan", "inf", "high"])
def test_assess_refuses_bad_values(rmap, capsys, value):
    before = load(rmap).assessments
    code, _, err = run(capsys, "assess", rmap, "--participant", "P1", "--input", "x", "--value", value)
    assert code == 1 and err.count("\n") == 1 and "between 0 and 1" in err
    assert load(rmap).assessments == before


def test_assess_ambiguous_or_unknown_input(tmp_path, capsys):
    amap = five()
    nodes = list(amap.nodes.values()) + [Node(id="d1", title="dup"), Node(id="d2", title="dup"),
                                         Node(id="n", kind="note", title="memo")]
    path = tmp_path / "dup.rmap"
    Document.new(path, build_map(nodes, list(amap.edges.values()), list(amap.participants.values()),
                                 list(amap.assessments.values()))).close()
    code, _, err = run(capsys, "assess", path, "--participant", "P1", "--input", "dup", "--value", ".5")
    assert code == 1 and "2 cards are titled 'dup' (ids d1, d2); pass the id instead" in err
    code, _, err = run(capsys, "assess", path, "--participant", "P1", "--input", "memo", "--value", ".5")
    assert code == 1 and "is a note" in err
    code, _, err = run(capsys, "assess", path, "--participant", "P1", "--input", "zzz", "--value", ".5")
    assert code == 1 and "No card or relation" in err


def test_refused_while_open_elsewhere(rmap, capsys):
    doc = Document.open(rmap)
    try:
        code, _, err = run(capsys, "participants", rmap, "--add", "Zoe")
        code2, _, err2 = run(capsys, "assess", rmap, "--participant", "P1", "--input", "x", "--value", ".1")
    finally:
        doc.close()
    assert code == 1 and code2 == 1 and "already open" in err and err.count("\n") == 1
    assert "Zoe" not in {p.name for p in load(rmap).participants.values()}
