"""Cruxes on a five-person workshop whose camps back different winners (3 vs 2), by hand.

Strategies A, B (τ .5); x supports A, y supports B (weights 1). DF-QuAD with one supporter:
σ = τ + (1 − τ)·σ(supporter).
  P1 x .8 y .2 → A .9,  B .6        P4 x .2 y .8 → A .6,  B .9
  P2 x .6 y .4 → A .8,  B .7        P5 x .3 y .9, A's τ .4 → A .4 + .6·.3 = .58, B .95
  P3 x .7 y .3 → A .85, B .65
Medians x .6, y .4, A's τ .4 (P5 alone) → group A = .4 + .6·.6 = .76, B = .7: A leads,
although only P1–P3 back it. Camps: {P1, P2, P3} (A) and {P4, P5} (B).
Camp values x (.7, .25): A = .82 > .7 or .55 < .7 → crux; y (.3, .85): B = .65 < .76 or
.925 > .76 → crux. Widest gap first: y (.55), then x (.45). A's τ: only P5 → never a crux.
Quartiles (inclusive): x [.2 .3 .6 .7 .8] → .3, .7 (IQR .4); y [.2 .3 .4 .8 .9] → .3, .8 (.5).
"""

import pytest

from app.model import Assessment, Edge, Node, Participant
from app.model.build import build_map
from app.reasoning.group import group_report

VALUES = {"P1": (.8, .2), "P2": (.6, .4), "P3": (.7, .3), "P4": (.2, .8), "P5": (.3, .9)}


def five(extra=()):
    nodes = [Node(id="A", kind="strategy", title="A"), Node(id="B", kind="strategy", title="B"),
             Node(id="x", title="x"), Node(id="y", title="y")]
    edges = [Edge(id="ex", source="x", target="A"), Edge(id="ey", source="y", target="B")]
    people = [Participant(id=p, name=p) for p in VALUES]
    marks = [Assessment(p, k, v) for p, (vx, vy) in VALUES.items() for k, v in (("x", vx), ("y", vy))]
    return build_map(nodes, edges, people, marks + [Assessment("P5", "A", .4)] + list(extra))


@pytest.mark.parametrize("aggregation", ["inputs", "strengths"])
def test_five_people_two_camps(aggregation):
    report = group_report(five(), aggregation=aggregation)
    assert report.camps == {"A": ("P1", "P2", "P3"), "B": ("P4", "P5")}
    assert [e.id for e in report.group] == ["A", "B"]
    assert report.cruxes == ["y", "x"] and report.crux_reason == ""
    y, x = report.crux_details
    assert y.values == pytest.approx((.3, .85)) and y.leaders == ("A", "B")
    assert x.values == pytest.approx((.7, .25)) and x.leaders == ("A", "B")


def test_five_people_numbers():
    report = group_report(five())
    assert [(e.id, round(e.strength, 12)) for e in report.group] == [("A", .76), ("B", .7)]
    # median of strengths: A median(.9, .8, .85, .6, .58) = .8, B median(.6 .7 .65 .9 .95) = .7
    assert [(e.id, round(e.strength, 12)) for e in report.by_strengths] == [("A", .8), ("B", .7)]
    assert report.assessors == {"x": 5, "y": 5, "A": 1}
    assert report.spread["x"] == pytest.approx(.4) and report.spread["y"] == pytest.approx(.5)
    assert report.spread["A"] is None


def test_no_single_crux_says_why():
    """Only P1 and P2 (both back A): one camp, so no crux, and the reason says so."""
    amap = five()
    one_camp = build_map(list(amap.nodes.values()), list(amap.edges.values()),
                         list(amap.participants.values()),
                         [a for a in amap.assessments.values() if a.participant in ("P1", "P2")])
    report = group_report(one_camp)
    assert report.cruxes == [] and "put 'A' first" in report.crux_reason


def test_median_of_inputs_above_everyone_is_explained():
    """S supported by r and q (τ 1). P1 weights er .8, eq .2; P2 er .2, eq .8:
    v_s = 1 − (1 − .8)(1 − .2) = .84 → S = .5 + .5·.84 = .92 for both. Medians .5, .5:
    v_s = 1 − .5·.5 = .75 → S = .875, below both participants' own."""
    nodes = [Node(id="S", kind="strategy", title="S"), Node(id="T", kind="strategy", title="T"),
             Node(id="r", base_score=1.0), Node(id="q", base_score=1.0)]
    edges = [Edge(id="er", source="r", target="S"), Edge(id="eq", source="q", target="S")]
    people = [Participant(id="P1", name="P1"), Participant(id="P2", name="P2")]
    marks = [Assessment("P1", "er", .8), Assessment("P1", "eq", .2),
             Assessment("P2", "er", .2), Assessment("P2", "eq", .8)]
    report = group_report(build_map(nodes, edges, people, marks))
    assert report.group[0].strength == pytest.approx(.875)
    assert report.by_strengths[0].strength == pytest.approx(.92)
    assert any("'S' comes out at 0.875, below every participant's own" in n for n in report.notes)
