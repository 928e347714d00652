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
Cruxes: r at Q1 .4 gives S1 = .64 < .68 (swap), at Q3 .85 gives .91: a crux.
eq at .4 gives S2 = .62, at .8 gives .74, both below .88: wide, but not a crux.
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
    assert report.spread == pytest.approx({"r": .45, "eq": .4, "q": 0.0, "S1": 0.0})
    assert ranking(report.participants["P1"]) == [("S2", .56), ("S1", .5)]
    assert ranking(report.participants["P2"]) == [("S1", .95), ("S2", .8)]
    assert ranking(report.participants["P3"]) == [("S1", .88), ("S2", .75)]
    assert ranking(report.group) == [("S1", .88), ("S2", .68)]
    assert report.cruxes == ["r"]


def test_crux_threshold(workshop):
    assert group_report(workshop, crux_iqr=0.5).cruxes == []   # r's IQR .45 is below .5
    assert group_report(workshop, crux_iqr=0.0).cruxes == ["r"]  # others never swap


def test_no_participants_gives_map_ranking():
    amap = build_map([Node(id="a", kind="strategy", title="A", base_score=.3),
                      Node(id="b", kind="strategy", title="B", base_score=.7)])
    report = group_report(amap)
    assert report.participants == {} and report.medians == {} and report.cruxes == []
    assert [e.id for e in report.group] == ["b", "a"]


def test_bad_arguments(workshop):
    with pytest.raises(ReasonmapError):
        group_report(workshop, "nope")
    with pytest.raises(ReasonmapError):
        group_report(workshop, crux_iqr=-1)
