"""`rounds`, `assess --round`, `snapshot` and `diff` (issue 16), on the small map of
tests/document/test_rounds.py: S = 0.5 + 0.5 * r, T = 0.8 (x is 0)."""

import json

import pytest

from app.cli import main
from app.document import Document
from app.document.snapshots import compare, snapshot_named
from app.model import Edge, Node, Participant
from app.model.build import build_map


@pytest.fixture
def rmap(tmp_path):
    amap = build_map([Node(id="S", kind="strategy", title="S"),
                      Node(id="T", kind="strategy", title="T", base_score=0.8),
                      Node(id="r", title="r"), Node(id="x", title="x", base_score=0.0)],
                     [Edge(id="e", source="r", target="S"), Edge(id="f", source="x", target="T")],
                     participants=[Participant("A", "Ann"), Participant("B", "Bo"), Participant("C", "Cy")])
    path = tmp_path / "w.rmap"
    Document.new(path, amap).close()
    return path


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_two_rounds_from_the_command_line(rmap, capsys):
    assert run(capsys, "rounds", rmap, "--open", "First")[0] == 0
    for who, value in (("Ann", "0.2"), ("Bo", "0.8"), ("Cy", "none")):
        assert run(capsys, "assess", rmap, "--participant", who, "--input", "r", "--value", value,
                   "--round", "1")[0] == 0
    run(capsys, "rounds", rmap, "--close")
    run(capsys, "rounds", rmap, "--open", "Second")
    for who, value in (("Ann", "0.6"), ("Bo", "0.7"), ("Cy", "0.65")):
        run(capsys, "assess", rmap, "--participant", who, "--input", "r", "--value", value,
            "--round", "Second", "--note", "after talking")
    code, out, _ = run(capsys, "rounds", rmap, "--json")
    data = json.loads(out)
    first, second = data["rounds"]
    r1 = next(i for i in first["inputs"] if i["id"] == "r")
    assert (r1["median"], round(r1["spread"], 9), r1["assessors"], r1["no_opinion"]) == (0.5, 0.3, 2, 1)
    assert [(e["id"], round(e["strength"], 6)) for e in first["ranking"]] == [("T", 0.8), ("S", 0.75)]
    assert [(e["id"], round(e["strength"], 6)) for e in second["ranking"]] == [("S", 0.825), ("T", 0.8)]
    assert first["answer_count"] == 3 and first["status"] == "closed" and second["status"] == "open"
    assert [(a["participant"], a["value"]) for a in first["answers"]] == [("Ann", 0.2), ("Bo", 0.8), ("Cy", None)]
    assert {a["note"] for a in second["answers"]} == {"after talking"}
    assert first["aggregation"] == "median of inputs, then evaluate"
    assert data["movement"] == {"r": "converged"}
    code, text, _ = run(capsys, "rounds", rmap)
    assert "Round 1: First (closed;" in text and "Converged: r" in text
    assert "0.50    0.30          2           1  r" in text


def test_round_errors_are_one_line(rmap, capsys):
    code, _, err = run(capsys, "assess", rmap, "--participant", "Ann", "--input", "r", "--value", "0.5",
                       "--round", "3")
    assert code != 0 and "No round numbered or named '3'" in err and len(err.strip().splitlines()) == 1
    run(capsys, "rounds", rmap, "--open", "First")
    code, _, err = run(capsys, "rounds", rmap, "--open", "Second")
    assert code != 0 and "not closed yet" in err
    code, _, err = run(capsys, "assess", rmap, "--participant", "Ann", "--input", "r", "--value", "none")
    assert code != 0 and "--value must be a number" in err, "no opinion only within a round"


def test_snapshot_and_diff(rmap, capsys):
    assert run(capsys, "snapshot", rmap, "before discussion")[0] == 0
    run(capsys, "assess", rmap, "--participant", "Ann", "--input", "r", "--value", "0.9")
    doc = Document.open(rmap)
    from app.model import AddNode, SetScore
    doc.execute(AddNode(title="new reason", parent="T", node_id="n"))
    doc.execute(SetScore("x", 1.0))
    doc.close()
    assert run(capsys, "snapshot", rmap, "after")[0] == 0
    code, _, err = run(capsys, "snapshot", rmap, "after")
    assert code != 0 and "already a snapshot called 'after'" in err
    code, out, _ = run(capsys, "diff", rmap, "before discussion", "after", "--json")
    data = json.loads(out)
    assert data["cards"]["added"] == ["new reason"]
    assert data["relations"]["added"] == ["\u201cnew reason\u201d supports \u201cT\u201d"]
    assert {"input": "base score of x", "before": 0.0, "after": 1.0} in data["values"]
    assert {"input": "Ann: r", "before": None, "after": 0.9} in data["values"]
    # T: .8 + .2·1 = 1.0 first; then the new reason (0.5) cannot move it further than 1
    assert data["ranking"][0] == {"title": "T", "rank_before": 1, "rank_after": 1,
                                  "strength_before": 0.8, "strength_after": 1.0}
    group = {r["title"]: (r["rank_before"], r["rank_after"]) for r in data["group_ranking"]}
    assert group == {"T": (None, 1), "S": (None, 2)}, "no assessments before: no group ranking then"
    code, out, _ = run(capsys, "diff", rmap, "before discussion", "nowhere")
    assert code != 0


def test_comparing_a_snapshot_with_itself_finds_nothing(rmap, capsys):
    run(capsys, "snapshot", rmap, "one")
    doc = Document.open(rmap, read_only=True)
    s = snapshot_named(doc.map, "one")
    doc.close()
    assert compare(s, s).same
