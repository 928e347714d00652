"""Group report on a small workshop map, every number computed by hand.

Strategies S1, S2 (τ .5); r supports S1 (w 1), q supports S2 (edge eq, w 1); all τ .5.
Assessments: r: P1 0, P2 .9, P3 .8;  eq: P1 .2, P2 1.0;  q: P1 .6, P2 .6;  S1: P3 .4.
Medians r .8, eq .6, q .6, S1 .4. Inclusive quartiles: r [0, .8, .9] → Q1 .4, Q3 .85,
IQR .45; eq [.2, 1] → Q1 .4, Q3 .8, IQR .4; q and S1 → IQR 0.
DF-QuAD, σ = τ + (1 − τ)·w·σ(supporter):
  P1: S1 = .5, S2 = .5 + .5·.2·.6 = .56 → S2, S1
  P2: S1 = .95, S2 = .5 + .5·.6 = .8 → S1, S2
  P3: S1 = .4 + .6·.8 = .88, S2 = .75 → S1, S2
  group: S1 = .88, S2 = .5 + .5·.6·.6 = .68 → S1, S2
Median of strengths: S1 median(.5, .95, .88) = .88, S2 median(.56, .8, .75) = .75.
Camps: P1 backs S2; P2, P3 back the group leader S1. Camp values (leader camp, other):
r (.85, 0): S1 = .4 + .6·.85 = .91 > .68, S1 = .4 < .68 → S2 leads: a crux.
eq (1.0, .2): S2 = .8 or .56, both below .88: not a crux. q: both camps .6. S1: only P3.
"""

import pytest

from app.model import Assessment, Edge, Node, Participant, ReasonmapError
from app.model.build import build_map
from app.reasoning import group_report


@pytest.fixture
def workshop():
    nodes = [Node(id="S1", kind="strategy", title="S1"), Node(id="S2", kind="strategy", title="S2"),
             Node(id="r", title="r"), Node(id="q", title="q")]
    edges = [Edge(id="er", source="r", target="S1"), Edge(id="eq", source="q", target="S2")]
    people = [Participant(id=p, name=p) for p in ("P1", "P2", "P3")]
    marks = [Assessment("P1", "r", 0.0), Assessment("P2", "r", .9), Assessment("P3", "r", .8),
             Assessment("P1", "eq", .2), Assessment("P2", "eq", 1.0),
             Assessment("P1", "q", .6), Assessment("P2", "q", .6), Assessment("P3", "S1", .4)]
    return build_map(nodes, edges, people, marks)


def ranking(entries):
    return [(e.id, round(e.strength, 12)) for e in entries]


def test_group_report_by_hand(workshop):
    report = group_report(workshop, "dfquad")
    assert report.semantics == "dfquad"
    assert report.medians == pytest.approx({"r": .8, "eq": .6, "q": .6, "S1": .4})
    assert report.spread == pytest.approx({"r": .45, "eq": .4, "q": 0.0, "S1": None})
    assert report.assessors == {"r": 3, "eq": 2, "q": 2, "S1": 1}
    assert report.aggregation == "inputs"
    assert report.aggregation_name == "median of inputs, then evaluate"
    assert ranking(report.participants["P1"]) == [("S2", .56), ("S1", .5)]
    assert ranking(report.participants["P2"]) == [("S1", .95), ("S2", .8)]
    assert ranking(report.participants["P3"]) == [("S1", .88), ("S2", .75)]
    assert ranking(report.group) == [("S1", .88), ("S2", .68)]
    assert ranking(report.by_strengths) == [("S1", .88), ("S2", .75)]
    assert report.camps == {"S2": ("P1",), "S1": ("P2", "P3")}
    assert report.cruxes == ["r"] and report.crux_reason == ""
    (crux,) = report.crux_details
    assert crux.values == pytest.approx((.85, 0.0)) and crux.leaders == ("S1", "S2")


def test_strengths_aggregation(workshop):
    report = group_report(workshop, aggregation="strengths")
    assert report.aggregation_name == "each person's strength, then the median across people"
    assert ranking(report.group) == [("S1", .88), ("S2", .75)]
    assert report.strengths["S2"] == pytest.approx(.75)
    # everyone's r at 0: S1 per person .5, .5, .4 → .5 < S2 .75; at .85: .925, .925, .91
    assert report.cruxes == ["r"]


def test_no_participants_gives_map_ranking():
    amap = build_map([Node(id="a", kind="strategy", title="A", base_score=.3),
                      Node(id="b", kind="strategy", title="B", base_score=.7)])
    report = group_report(amap)
    assert report.participants == {} and report.medians == {} and report.cruxes == []
    assert report.crux_reason == "There are no participants."
    assert [e.id for e in report.group] == ["b", "a"]


def test_bad_arguments(workshop):
    with pytest.raises(ReasonmapError):
        group_report(workshop, "nope")
    with pytest.raises(ReasonmapError):
        group_report(workshop, aggregation="mean")
