"""Tests of port spreading: where edges meet the sides of their cards (app.layout.ports)."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from app.layout import ports
from app.layout.ports import SOURCE, SPAN, TARGET, assign_ports, spread
from app.layout.quality import segments_intersect
from app.layout.routing import route_edges

TARGET_CARD = (0.0, 0.0, 240.0, 80.0)       # left, top, width, height


def reasons_below(xs, width=100.0, top=200.0):
    """A target card with one reason card below it at each left x in *xs*."""
    rects = {"t": TARGET_CARD}
    edges = []
    for i, x in enumerate(xs):
        rects[f"r{i}"] = (x, top, width, 50.0)
        edges.append((f"e{i}", f"r{i}", "t"))
    return rects, edges


def test_a_single_edge_enters_and_leaves_at_the_middle():
    rects, edges = reasons_below([400.0])            # far to the right: still the middle
    ports = assign_ports(rects, edges, {})
    assert ports[("e0", TARGET)] == (120.0, 80.0, "bottom")
    assert ports[("e0", SOURCE)] == (450.0, 200.0, "top")


def test_several_edges_into_one_card_get_distinct_ports_in_origin_order():
    xs = [310.0, -200.0, 40.0, 900.0, -600.0]
    rects, edges = reasons_below(xs)
    ports = assign_ports(rects, edges, {})
    tips = {eid: ports[(eid, TARGET)] for eid, _, _ in edges}
    assert {p[1:] for p in tips.values()} == {(80.0, "bottom")}
    by_origin = sorted(tips, key=lambda eid: xs[int(eid[1:])])
    along = [tips[eid][0] for eid in by_origin]
    assert along == sorted(along)
    assert all(b - a >= 10 for a, b in zip(along, along[1:]))


def test_order_follows_the_last_waypoint_not_the_source():
    rects, edges = reasons_below([-300.0, 300.0])
    # e0 comes from the left card but its route ends far right, e1 the other way round
    routes = {"e0": [(600.0, 150.0)], "e1": [(-500.0, 150.0)]}
    ports = assign_ports(rects, edges, routes)
    assert ports[("e1", TARGET)][0] < ports[("e0", TARGET)][0]


def test_incoming_and_outgoing_ends_on_one_side_are_spread_together():
    rects = {"m": (0.0, 100.0, 200.0, 60.0), "up": (0.0, 0.0, 200.0, 40.0),
             "down": (0.0, 300.0, 200.0, 40.0), "top2": (300.0, -60.0, 100.0, 40.0)}
    # m → up leaves m's top; down → m enters m's bottom; top2 → m enters m's top
    edges = [("out", "m", "up"), ("in", "down", "m"), ("in2", "top2", "m")]
    ports = assign_ports(rects, edges, {})
    assert ports[("out", SOURCE)][2] == ports[("in2", TARGET)][2] == "top"
    assert ports[("in", TARGET)] == (100.0, 160.0, "bottom")
    assert ports[("out", SOURCE)][0] < ports[("in2", TARGET)][0]   # top2 lies to the right


def test_side_by_side_cards_spread_along_vertical_sides():
    rects = {"a": (0.0, 0.0, 100.0, 100.0), "b": (200.0, -40.0, 100.0, 60.0),
             "c": (200.0, 80.0, 100.0, 60.0)}
    edges = [("e1", "a", "b"), ("e2", "a", "c")]
    ports = assign_ports(rects, edges, {})
    p1, p2 = ports[("e1", SOURCE)], ports[("e2", SOURCE)]
    assert p1[2] == p2[2] == "right" and p1[0] == p2[0] == 100.0
    assert 10.0 <= p1[1] < p2[1] <= 90.0          # b is higher than c


def test_narrow_card_shares_ports_but_keeps_order_and_stays_on_the_side():
    narrow = (0.0, 0.0, 40.0, 30.0)
    ports = spread(narrow, "bottom", 6)
    xs = [p[0] for p in ports]
    assert xs == sorted(xs)
    assert 1 < len(set(xs)) < 6
    assert all(4.0 <= x <= 36.0 and y == 30.0 for x, y, _ in ports)
    assert all(b - a >= 10 for a, b in zip(sorted(set(xs)), sorted(set(xs))[1:]))


@settings(max_examples=100, deadline=None)
@given(st.lists(st.floats(-2000, 2000), min_size=1, max_size=30),
       st.floats(30, 400), st.floats(20, 200))
def test_ports_stay_within_the_middle_of_the_side(xs, width, height):
    rects, edges = reasons_below(xs, top=300.0)
    rects["t"] = (7.0, -3.0, width, height)
    ports = assign_ports(rects, edges, {})
    for eid, _, _ in edges:
        x, y, side = ports[(eid, TARGET)]
        assert side == "bottom" and y == height - 3.0
        assert 7.0 + (1 - SPAN) / 2 * width - 1e-9 <= x <= 7.0 + (1 + SPAN) / 2 * width + 1e-9
    # ports follow the source centres (sources closer than 1e-6 may be taken in either order:
    # their slopes can round to the same float, which the edge id then orders)
    centre = {eid: xs[int(eid[1:])] + 50.0 for eid, _, _ in edges}
    for a, _, _ in edges:
        for b, _, _ in edges:
            if centre[b] - centre[a] > 1e-6:
                assert ports[(a, TARGET)][0] <= ports[(b, TARGET)][0]


def test_ports_of_some_cards_match_the_full_assignment():
    rng = random.Random(4)
    rects = {f"c{i}": (rng.uniform(0, 3000), 150.0 * rng.randrange(6), 160.0, 60.0) for i in range(30)}
    ids = sorted(rects)
    edges = [(f"e{i}", rng.choice(ids), rng.choice(ids)) for i in range(60)]
    routes = route_edges(rects, edges)
    full = assign_ports(rects, edges, routes)
    some = {"c3", "c7", "c11"}
    at_some = [e for e in edges if e[1] in some or e[2] in some]
    part = assign_ports(rects, at_some, routes, some)
    assert part and all(full[k] == v for k, v in part.items())
    assert {k for k in full if (k[1] == SOURCE and _end(edges, k[0], 1) in some)
            or (k[1] == TARGET and _end(edges, k[0], 2) in some)} == set(part)
    assert assign_ports(dict(reversed(list(rects.items()))), list(reversed(edges)), routes) == full


def _end(edges, eid, i):
    return next(e[i] for e in edges if e[0] == eid)


def test_edges_with_an_unknown_end_get_no_ports():
    assert assign_ports({"a": (0, 0, 10, 10)}, [("x", "a", "zz")], {}) == {}


def _centre(rect):
    return rect[0] + rect[2] / 2, rect[1] + rect[3] / 2


def _ends_cross(monkeypatch, reach):
    """Whether the straight lines from the target's two ports to their sources cross: a near
    reason down-left and a far one straight below but a little further left."""
    monkeypatch.setattr(ports, "REACH", reach)
    rects = {"t": TARGET_CARD, "near": (-300.0, 150.0, 100.0, 40.0),
             "far": (-400.0, 1200.0, 100.0, 40.0)}
    got = assign_ports(rects, [("n", "near", "t"), ("f", "far", "t")], {})
    port = {e: got[(e, TARGET)][:2] for e in ("n", "f")}
    return segments_intersect(port["n"], _centre(rects["near"]), port["f"], _centre(rects["far"]))


def test_an_edge_coming_from_far_below_sits_inside_one_sweeping_aside_close_by(monkeypatch):
    """Ordered by where they are REACH from the side, the far edge's port is to the right of
    the near one's and the two lines stay apart; ordered by their sources' x they cross."""
    assert not _ends_cross(monkeypatch, 200.0)
    assert _ends_cross(monkeypatch, float("inf"))
