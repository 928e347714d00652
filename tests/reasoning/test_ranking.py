"""Ranking order, ties, and why (each direct parent's contribution)."""

import pytest

from app.model import ReasonmapError
from app.reasoning import evaluate, framework_from_edges, rank_strategies, why


def test_ranking_strongest_first_ties_by_title_then_id():
    fw = framework_from_edges({"a": .5, "b": .5, "c": .5, "d": .9, "x": .1},
                              [], strategies=("a", "b", "c", "d"),
                              titles={"a": "Beta", "b": "Alpha", "c": "Alpha", "d": "Zed"})
    got = rank_strategies(fw, evaluate(fw))
    assert [e.id for e in got] == ["d", "b", "c", "a"]
    assert got[0].title == "Zed" and got[0].strength == .9


def test_why_by_hand():
    # σS = .5 + .5·(.6 − .1) = .75; without r: .5 − .5·.1 = .45; without x: .5 + .5·.6 = .8
    fw = framework_from_edges({"S": .5, "r": .6, "x": .2},
                              [("r", "S", "support", 1.0, "rS"), ("x", "S", "attack", .5, "xS")],
                              strategies=("S",))
    got = why(fw, "dfquad", "S")
    assert [(c.node, c.edge, c.relation) for c in got] == [("r", "rS", "support"), ("x", "xS", "attack")]
    assert [c.delta for c in got] == pytest.approx([.3, -.05], abs=1e-12)
    assert len(why(fw, "dfquad", "S", limit=1)) == 1
    assert why(fw, "dfquad", "r") == []
    with pytest.raises(ReasonmapError):
        why(fw, "dfquad", "nothing")
