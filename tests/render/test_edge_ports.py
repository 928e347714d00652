"""Drawn edges at spread ports (app.render.edges with app.layout.ports): separate arrowheads
pointing into the card, no crossings added among the edges into one card."""

from __future__ import annotations

import random

from PySide6.QtCore import QRectF

from app.layout.ports import SOURCE, TARGET, assign_ports
from app.layout.routing import route_edges
from app.render.edges import route_edge


def polyline(geom, steps=120):
    return [(p.x(), p.y()) for p in (geom.path.pointAtPercent(k / steps) for k in range(steps + 1))]


def segments_cross(a, b, c, d) -> bool:
    """True if segments a-b and c-d properly intersect."""
    def orient(p, q, r):
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])
    return (orient(a, b, c) * orient(a, b, d) < 0) and (orient(c, d, a) * orient(c, d, b) < 0)


def curves_cross(p, q) -> bool:
    return any(segments_cross(a, b, c, d) for a, b in zip(p, p[1:]) for c, d in zip(q, q[1:]))


def fan_in(seed: int, n: int):
    """One target card above a row of *n* reason cards of random widths and heights."""
    rng = random.Random(seed)
    rects = {"t": (0.0, 0.0, rng.uniform(150, 300), rng.uniform(40, 100))}
    x = rng.uniform(-900, -100)
    for i in range(n):
        w, h = rng.uniform(80, 220), rng.uniform(30, 110)
        rects[f"r{i}"] = (x, 260.0 - h / 2, w, h)
        x += w + rng.uniform(20, 120)
    edges = [(f"e{i}", f"r{i}", "t") for i in rng.sample(range(n), n)]
    return rects, edges


def draw(rects, edges):
    routes = route_edges(rects, edges)
    ports = assign_ports(rects, edges, routes)
    return {eid: route_edge(QRectF(*rects[s]), QRectF(*rects[t]), routes[eid],
                            (ports[(eid, SOURCE)], ports[(eid, TARGET)])) for eid, s, t in edges}


def test_arrowheads_into_one_card_are_apart_and_point_into_it():
    for seed in range(6):
        rects, edges = fan_in(seed, 6)
        geoms = draw(rects, edges)
        left, top, width, height = rects["t"]
        tips = sorted(g.tip.x() for g in geoms.values())
        assert all(b - a >= 10 for a, b in zip(tips, tips[1:])), (seed, tips)
        for g in geoms.values():
            assert g.tip.y() == top + height and left < g.tip.x() < left + width
            assert g.direction == (0.0, -1.0)
            end = g.path.pointAtPercent(1.0)        # the line stops below the arrowhead
            assert end.y() > g.tip.y() and abs(end.x() - g.tip.x()) < 1e-6


def test_no_crossings_among_edges_into_one_card():
    for seed in range(6):
        rects, edges = fan_in(seed, 5)
        lines = {eid: polyline(g) for eid, g in draw(rects, edges).items()}
        ids = sorted(lines)
        crossed = [(a, b) for i, a in enumerate(ids) for b in ids[i + 1:]
                   if curves_cross(lines[a], lines[b])]
        assert crossed == [], seed


def test_single_edge_starts_and_ends_at_side_middles():
    rects = {"t": (0.0, 0.0, 200.0, 60.0), "s": (500.0, 300.0, 100.0, 40.0)}
    geom = draw(rects, [("e", "s", "t")])["e"]
    start = geom.path.pointAtPercent(0.0)
    assert (start.x(), start.y()) == (550.0, 300.0)
    assert (geom.tip.x(), geom.tip.y()) == (100.0, 60.0)

