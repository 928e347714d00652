"""Round results with hand-computed numbers (issue 16): rounds kept apart, "no opinion" kept
apart from "not asked", spread as the interquartile range, converged and contested inputs."""

import pytest

from app.document import Document
from app.document.rounds import (all_results, mean_spread, movement, previous_round, scope_targets,
                                 strength_series)
from app.model import Edge, ModelError, Node, Participant
from app.model.build import build_map
from app.model.round_commands import AnswerInRound, OpenRound, SetRoundStatus


@pytest.fixture
def doc(tmp_path):
    # DF-QuAD: S = 0.5 + 0.5 * value(r) (r supports S with weight 1); T = 0.8 + 0.2 * value(x),
    # and x's map value is 0, so T = 0.8.
    amap = build_map([Node(id="S", kind="strategy", title="S"), Node(id="T", kind="strategy", title="T",
                                                                      base_score=0.8),
                      Node(id="r", title="r"), Node(id="x", title="x", base_score=0.0)],
                     [Edge(id="e", source="r", target="S"), Edge(id="f", source="x", target="T")],
                     participants=[Participant("A", "Ann"), Participant("B", "Bo"), Participant("C", "Cy")])
    d = Document.new(tmp_path / "m.rmap", amap)
    yield d
    d.close()


def two_rounds(doc):
    doc.execute(OpenRound("First", targets=("r",), round_id="r1"))
    for pid, value in (("A", 0.2), ("B", 0.8), ("C", None)):
        doc.execute(AnswerInRound("r1", pid, "r", value))
    doc.execute(SetRoundStatus("r1", "closed"))
    doc.execute(OpenRound("Second", targets=("r",), round_id="r2"))
    for pid, value in (("A", 0.6), ("B", 0.7), ("C", 0.65)):
        doc.execute(AnswerInRound("r2", pid, "r", value, "moved after the discussion"))


def test_two_rounds_are_weighed_apart(doc):
    two_rounds(doc)
    first, second = all_results(doc.map, "dfquad")
    s1, s2 = first.stats["r"], second.stats["r"]
    assert (s1.values, s1.no_opinion, s1.assessors) == ((0.2, 0.8), 1, 2)
    assert s1.median == pytest.approx(0.5) and s1.spread == pytest.approx(0.3)     # Q1 .35, Q3 .65
    assert s2.median == pytest.approx(0.65) and s2.spread == pytest.approx(0.05)   # Q1 .625, Q3 .675
    assert [(e.id, round(e.strength, 6)) for e in first.ranking] == [("T", 0.8), ("S", 0.75)]
    assert [(e.id, round(e.strength, 6)) for e in second.ranking] == [("S", 0.825), ("T", 0.8)]
    assert first.finished == ["A", "B", "C"], "no opinion counts as an answer"
    assert movement([first, second]) == {"r": "converged"}
    assert movement([first]) == {"r": "contested"}
    series = strength_series([first, second], doc.map)
    assert [round(v, 6) for v in series["S"]] == [0.75, 0.825]
    assert mean_spread(first) == pytest.approx(0.3)
    assert previous_round(doc.map, second.round).id == "r1"


def test_an_unfinished_round_and_an_input_one_person_gave(doc):
    doc.execute(OpenRound("First", targets=("r", "x"), round_id="r1"))
    doc.execute(AnswerInRound("r1", "A", "r", 0.4))
    (only,) = all_results(doc.map, "dfquad")
    assert only.stats["r"].spread is None and only.stats["r"].assessors == 1    # no spread, not 0
    assert only.stats["x"].assessors == 0 and only.stats["x"].median is None
    assert only.finished == [] and only.answered == {"A": 1, "B": 0, "C": 0}


def test_scopes(doc):
    assert scope_targets(doc.weighing, "map") == ["S", "T", "r", "x", "e", "f"]
    assert sorted(scope_targets(doc.weighing, "pair", ("S", "T"))) == sorted(["S", "T", "r", "x", "e", "f"])
    assert scope_targets(doc.weighing, "picked", picked=("x", "x", "r")) == ["x", "r"]
    with pytest.raises(ModelError, match="two different strategies"):
        scope_targets(doc.weighing, "pair", ("S", "S"))
    lead = scope_targets(doc.weighing, "lead")
    # r above 0.6, S's own score above 0.6 or T's below 0.75 would put S first; x can only raise
    # T, which leads already, and e's weight is 1 already.
    assert set(lead) == {"r", "S", "T"}
