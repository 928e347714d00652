"""Tests of edge routing around cards (app.layout.routing)."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from app.layout import layered_layout
from app.layout.routing import route_edges


def centre(r):
    return (r[0] + r[2] / 2, r[1] + r[3] / 2)


def segment_hits(a, b, r, eps=1e-6) -> bool:
    """True if segment a-b meets the open interior of rectangle r (Liang–Barsky clip)."""
    x0, y0, x1, y1 = r[0] + eps, r[1] + eps, r[0] + r[2] - eps, r[1] + r[3] - eps
    dx, dy = b[0] - a[0], b[1] - a[1]
    lo, hi = 0.0, 1.0
    for p, q in ((-dx, a[0] - x0), (dx, x1 - a[0]), (-dy, a[1] - y0), (dy, y1 - a[1])):
        if p == 0:
            if q < 0:
                return False
        else:
            t = q / p
            if p < 0:
                lo = max(lo, t)
            else:
                hi = min(hi, t)
    return lo < hi


def box_hits(a, b, r) -> bool:
    """True if the box spanned by a and b meets the open interior of rectangle r."""
    return (min(a[0], b[0]) < r[0] + r[2] and r[0] < max(a[0], b[0])
            and min(a[1], b[1]) < r[1] + r[3] and r[1] < max(a[1], b[1]))


def polyline(rects, s, t, way):
    return [centre(rects[s]), *way, centre(rects[t])]


def crossings(rects, s, t, way, test=segment_hits):
    """Other cards met by the polyline (or by the boxes of its segments)."""
    pts = polyline(rects, s, t, way)
    return {n for n, r in rects.items() if n not in (s, t)
            for a, b in zip(pts, pts[1:]) if test(a, b, r)}


@st.composite
def row_layouts(draw):
    """Rows of cards (separate in y, no two cards of a row sharing an x range) and edges."""
    rows = draw(st.integers(2, 6))
    rects, y = {}, 0.0
    for r in range(rows):
        x = draw(st.floats(-300, 300))
        row_h = 0.0
        for c in range(draw(st.integers(1, 6))):
            w, h = draw(st.floats(40, 250)), draw(st.floats(20, 120))
            dy = draw(st.floats(0, 30))
            rects[f"n{r}_{c}"] = (x, y + dy, w, h)
            row_h = max(row_h, dy + h)
            x += w + draw(st.floats(0, 120))
        y += row_h + draw(st.floats(1, 120))
    ids = sorted(rects)
    pairs = draw(st.lists(st.tuples(st.sampled_from(ids), st.sampled_from(ids)), max_size=25))
    return rects, [(f"e{i}", s, t) for i, (s, t) in enumerate(pairs)]


@settings(max_examples=150, deadline=None)
@given(row_layouts())
def test_routes_stay_clear_of_other_cards(case):
    rects, edges = case
    routes = route_edges(rects, edges)
    assert set(routes) == {e[0] for e in edges}
    for eid, s, t in edges:
        assert crossings(rects, s, t, routes[eid], box_hits) == set(), (eid, s, t, routes[eid])


def random_free_layout(seed: int, n: int = 40):
    """Cards at random spots, none overlapping another (rows not aligned at all)."""
    rng = random.Random(seed)
    rects = {}
    while len(rects) < n:
        r = (rng.uniform(0, 2000), rng.uniform(0, 2000), rng.uniform(60, 200), rng.uniform(30, 90))
        if not any(box_hits((r[0], r[1]), (r[0] + r[2], r[1] + r[3]), o) for o in rects.values()):
            rects[f"c{len(rects)}"] = r
    ids = sorted(rects)
    edges = [(f"e{i}", rng.choice(ids), rng.choice(ids)) for i in range(60)]
    return rects, edges


def test_waypoints_are_never_inside_a_card():
    for seed in range(20):
        rects, edges = random_free_layout(seed)
        for way in route_edges(rects, edges).values():
            for x, y in way:
                assert not any(r[0] < x < r[0] + r[2] and r[1] < y < r[1] + r[3]
                               for r in rects.values()), (seed, x, y)


def test_routing_is_deterministic_and_ignores_edge_order():
    rects, edges = random_free_layout(7)
    first = route_edges(rects, edges)
    assert route_edges(dict(rects), list(edges)) == first
    assert route_edges(dict(reversed(list(rects.items()))), list(reversed(edges))) == first


def test_straight_vertical_edge_between_adjacent_rows_gets_no_waypoints():
    rects = {"t": (0, 0, 100, 40), "s": (0, 110, 100, 60), "o": (300, 110, 100, 60)}
    assert route_edges(rects, [("e", "s", "t")]) == {"e": []}


def test_edge_across_a_row_goes_through_a_gap():
    rects = {"t": (150, 0, 100, 40),
             "a": (0, 100, 220, 50), "b": (260, 100, 200, 50),
             "s": (150, 220, 100, 40)}
    way = route_edges(rects, [("e", "s", "t")])["e"]
    assert way, "the straight line crosses card a or b"
    assert crossings(rects, "s", "t", way) == set()
    # it passes between a and b, the gap nearest to the straight line
    assert all(220 < x < 260 for x, y in way if 100 <= y <= 150)


def test_same_row_edge_goes_around_cards_between():
    rects = {"s": (0, 100, 100, 40), "m": (140, 100, 100, 40), "t": (280, 100, 100, 40),
             "up": (0, 0, 100, 40)}
    way = route_edges(rects, [("e", "s", "t")])["e"]
    assert way and crossings(rects, "s", "t", way) == set()
    # neighbours in one row need no detour
    assert route_edges(rects, [("f", "s", "m")]) == {"f": []}


def test_same_band_edge_between_cards_that_do_not_overlap_in_height_goes_around():
    # z joins a to the band of m and t; a lies lower than m and t, m between a and t
    rects = {"z": (0, 64, 40, 20), "a": (40, 83, 40, 20), "m": (80, 63, 40, 20),
             "t": (120, 63, 40, 20)}
    assert crossings(rects, "a", "t", [], box_hits) == {"m"}
    way = route_edges(rects, [("e", "a", "t")])["e"]
    assert way and crossings(rects, "a", "t", way, box_hits) == set()


def test_edges_sharing_a_gap_are_spread_in_order():
    # both straight lines cross card a, so both pass through the gap right of it
    rects = {"t1": (-200, 0, 100, 40), "t2": (350, 0, 100, 40),
             "a": (0, 100, 200, 50), "b": (240, 100, 200, 50),
             "s1": (-100, 220, 100, 40), "s2": (400, 220, 100, 40)}
    named = [("e1", "s1", "t2"), ("e2", "s2", "t1")]
    routes = route_edges(rects, named)
    gap_x = {}
    for eid, s, t in named:
        assert crossings(rects, s, t, []) == {"a"}
        assert crossings(rects, s, t, routes[eid]) == set()
        xs = {round(x, 3) for x, y in routes[eid] if 100 <= y <= 150}
        assert len(xs) == 1 and 200 < min(xs) < 240
        gap_x[eid] = min(xs)
    assert abs(gap_x["e1"] - gap_x["e2"]) >= 4
    # in the order in which their straight lines cross the row (e2's crossing is further left)
    assert gap_x["e2"] < gap_x["e1"]


def test_layered_layout_edges_avoid_cards():
    rng = random.Random(3)
    nodes = [f"n{i}" for i in range(60)]
    edges = [(nodes[i], nodes[rng.randrange(max(0, i - 12), i)]) for i in range(1, 60)]
    edges += [(nodes[i], nodes[rng.randrange(0, max(1, i - 20))]) for i in range(25, 60, 3)]
    sizes = {n: (rng.uniform(120, 260), rng.uniform(40, 110)) for n in nodes}
    pos = layered_layout(nodes, sizes, edges)
    rects = {n: (x - sizes[n][0] / 2, y - sizes[n][1] / 2, *sizes[n]) for n, (x, y) in pos.items()}
    named = [(f"e{i}", s, t) for i, (s, t) in enumerate(edges)]
    routes = route_edges(rects, named)
    before = sum(bool(crossings(rects, s, t, [])) for _, s, t in named)
    assert before > 0, "the test map should have edges that cut through cards"
    for eid, s, t in named:
        assert crossings(rects, s, t, routes[eid], box_hits) == set(), eid


def test_unknown_ends_and_loops_get_no_waypoints():
    rects = {"a": (0, 0, 10, 10)}
    assert route_edges(rects, [("x", "a", "zz"), ("y", "a", "a")]) == {"x": [], "y": []}
    assert route_edges({}, []) == {}


def test_drawn_curves_follow_the_routes_around_cards():
    """The curves drawn through the waypoints (app.render.edges) from and to the spread
    ports (app.layout.ports) stay off other cards too."""
    from PySide6.QtCore import QRectF

    from app.layout.ports import SOURCE, TARGET, assign_ports
    from app.render.edges import route_edge

    rng = random.Random(5)
    nodes = [f"n{i}" for i in range(40)]
    edges = [(nodes[i], nodes[rng.randrange(max(0, i - 15), i)]) for i in range(1, 40)]
    sizes = {n: (rng.uniform(120, 260), rng.uniform(40, 110)) for n in nodes}
    pos = layered_layout(nodes, sizes, edges)
    rects = {n: (x - sizes[n][0] / 2, y - sizes[n][1] / 2, *sizes[n]) for n, (x, y) in pos.items()}
    named = [(f"e{i}", s, t) for i, (s, t) in enumerate(edges)]
    routes = route_edges(rects, named)
    ports = assign_ports(rects, named, routes)
    for eid, s, t in named:
        geom = route_edge(QRectF(*rects[s]), QRectF(*rects[t]), routes[eid],
                          (ports[(eid, SOURCE)], ports[(eid, TARGET)]))
        for k in range(201):
            p = geom.path.pointAtPercent(k / 200)
            inside = [n for n, r in rects.items() if n not in (s, t)
                      and r[0] + 0.5 < p.x() < r[0] + r[2] - 0.5 and r[1] + 0.5 < p.y() < r[1] + r[3] - 0.5]
            assert not inside, (eid, k, inside)


def test_edges_past_the_work_budget_stay_straight_shortest_routed_first():
    rects = {"t": (0, 0, 100, 50), "m": (0, 100, 100, 50), "m2": (0, 200, 100, 50),
             "s": (0, 300, 100, 50)}
    edges = [("long", "s", "t"), ("short", "m2", "t")]
    full = route_edges(rects, edges)
    assert full["long"] and full["short"]              # both pass beside cards
    tight = route_edges(rects, edges, budget=1)        # room for one band passage
    assert tight["short"] == full["short"] and tight["long"] == []
