"""The comparison engine: contributions by hand, separation, rows' order, robustness.

Map (DF-QuAD): strategies A (τ .5) and B (τ .6); r (τ .4) supports A with weight .5; o (τ .5)
attacks r (weight 1) and B (weight .8); q (τ .3) supports o.
σo = .5 + .5·.3 = .65;  σr = .4(1 − .65) = .14;  σA = .5 + .5·(.5·.14) = .535;
σB = .6(1 − .8·.65) = .288.
Contributions (σ − σ without the consideration's relations):
  r → A: .535 − .5 = .035
  o → A: without o, σr = .4 and σA = .5 + .5·.2 = .6: .535 − .6 = −.065;   o → B: .288 − .6 = −.312
  q → A: without q, σo = .5, σr = .2, σA = .55: −.015;  q → B: σB = .6(1 − .4) = .36: −.072
"""

import pytest

from app.model import ReasonmapError
from app.reasoning.framework import SOURCE
from app.reasoning import (Cancelled, contributions, evaluate, framework_from_edges, head_to_head,
                           robustness, sort_rows)

FW = framework_from_edges({"A": .5, "B": .6, "r": .4, "o": .5, "q": .3},
                          [("r", "A", "support", .5, "rA"), ("o", "r", "attack", 1.0, "or"),
                           ("o", "B", "attack", .8, "oB"), ("q", "o", "support", 1.0, "qo")],
                          strategies=("A", "B"), titles={"A": "Alpha", "B": "Beta", "r": "Reason",
                                                         "o": "Objection", "q": "Backing"})


def test_contributions_by_hand():
    table = contributions(FW, "dfquad")
    assert [(c.id, c.rank) for c in table.columns] == [("A", 1), ("B", 2)]
    assert [c.strength for c in table.columns] == pytest.approx([.535, .288])
    cells = {r.id: r.contributions for r in table.rows}
    assert cells["r"] == pytest.approx({"A": .035})
    assert cells["o"] == pytest.approx({"A": -.065, "B": -.312})
    assert cells["q"] == pytest.approx({"A": -.015, "B": -.072})
    assert [r.id for r in table.rows] == ["o", "q", "r"]       # influence .377, .087, .035


def test_rows_sort_three_ways():
    rows = contributions(FW, "dfquad").rows
    assert [r.id for r in sort_rows(rows, "map")] == ["r", "o", "q"]
    assert [r.id for r in sort_rows(rows, "disagreement", {"q": .4, "r": .1})] == ["q", "r", "o"]
    with pytest.raises(ReasonmapError):
        sort_rows(rows, "colour")


def test_head_to_head_separation():
    duel = head_to_head(FW, "dfquad", "B", "A")
    assert (duel.a, duel.b) == ("A", "B")
    seps = {s.id: s.difference for s in duel.separating}
    assert seps == pytest.approx({"o": -.065 + .312, "q": -.015 + .072, "r": .035})
    assert [s.id for s in duel.separating] == ["o", "q", "r"]
    # B overtakes A alone: τB = y: y(1 − .52) = .535 → y = .535/.48 > 1, none; τA = x:
    # x + (1 − x)·.07 = .288 → x = .218/.93
    flips = {f.input: f.flip_at for f in duel.flips.flips}
    assert flips["A"] == pytest.approx(.218 / .93, abs=1e-6) and "B" not in flips


def test_contributions_through_a_cycle_equal_full_evaluations():
    fw = framework_from_edges({"S": .5, "T": .5, "x": .6, "y": .7},
                              [("x", "y", "attack"), ("y", "x", "attack"), ("x", "S", "support"),
                               ("y", "T", "support")], strategies=("S", "T"))
    table = contributions(fw, "qe")
    base = evaluate(fw, "qe")
    for row in table.rows:
        cut = fw.with_values({e: 0.0 for e, (t, i) in fw.edge_index.items()
                              if fw.parents[t][i][SOURCE] == row.id})
        without = evaluate(cut, "qe")
        for s, value in row.contributions.items():
            assert value == pytest.approx(base.strengths[s] - without.strengths[s], abs=1e-9)
    assert {r.id: set(r.contributions) for r in table.rows} == {"x": {"S", "T"}, "y": {"S", "T"}}


def test_robustness_sentence_when_one_strategy_always_leads():
    fw = framework_from_edges({"A": .9, "B": .2}, [], strategies=("A", "B"))
    r = robustness(fw)
    assert r.leader == "A" and r.sentence == "A leads under all 4 semantics."
    assert all(ids == ["A", "B"] for ids in r.rankings.values())


def test_contributions_can_be_cancelled():
    with pytest.raises(Cancelled):
        contributions(FW, "dfquad", should_stop=lambda: True)
