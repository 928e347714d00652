"""Tests for app.layout.count_overlaps and app.layout.count_crossings."""

from __future__ import annotations

from itertools import combinations

from hypothesis import given, settings
from hypothesis import strategies as st

from app.layout import count_crossings, count_overlaps


def _brute_overlaps(pos, sizes, margin=0.0):
    count = 0
    for a, b in combinations(pos, 2):
        (xa, ya), (wa, ha) = pos[a], sizes[a]
        (xb, yb), (wb, hb) = pos[b], sizes[b]
        if abs(xa - xb) < (wa + wb) / 2 + margin and abs(ya - yb) < (ha + hb) / 2 + margin:
            count += 1
    return count


def _cross(o, a, b):
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def _brute_crossings(pos, edges):
    """All-pairs reference on integer coordinates (exact arithmetic)."""
    segs = {frozenset(e): e for e in edges if e[0] != e[1]}
    count = 0
    for (a, b), (c, d) in combinations(segs.values(), 2):
        if {a, b} & {c, d}:
            continue
        p, q, r, s = pos[a], pos[b], pos[c], pos[d]
        d1, d2, d3, d4 = _cross(r, s, p), _cross(r, s, q), _cross(p, q, r), _cross(p, q, s)
        if d1 * d2 < 0 and d3 * d4 < 0:
            count += 1
        elif any(dd == 0 and min(u[0], v[0]) <= w[0] <= max(u[0], v[0])
                 and min(u[1], v[1]) <= w[1] <= max(u[1], v[1])
                 for dd, u, v, w in ((d1, r, s, p), (d2, r, s, q), (d3, p, q, r), (d4, p, q, s))):
            count += 1
    return count


def test_overlaps_hand_made():
    sizes = {k: (10, 10) for k in "abcd"}
    sizes["big"] = (100, 100)
    assert count_overlaps({}, sizes) == 0
    assert count_overlaps({"a": (0, 0), "b": (5, 5)}, sizes) == 1
    assert count_overlaps({"a": (0, 0), "b": (10, 0)}, sizes) == 0          # touching
    assert count_overlaps({"a": (0, 0), "b": (0, 9.99)}, sizes) == 1
    assert count_overlaps({"a": (0, 0), "b": (30, 0), "big": (15, 0)}, sizes) == 2  # contains both
    assert count_overlaps({k: (0, 0) for k in "abcd"}, sizes) == 6         # all stacked
    assert count_overlaps({"a": (0, 0), "b": (13, 0)}, sizes, margin=2) == 0
    assert count_overlaps({"a": (0, 0), "b": (11.5, 0)}, sizes, margin=2) == 1


def test_crossings_hand_made():
    p = {"a": (0, 0), "b": (10, 10), "c": (0, 10), "d": (10, 0),
         "e": (5, 0), "f": (5, 20), "g": (20, 0), "h": (30, 0)}
    assert count_crossings(p, [("a", "b"), ("c", "d")]) == 1               # X
    assert count_crossings(p, [("a", "b"), ("a", "d")]) == 0               # shared end
    assert count_crossings(p, [("a", "c"), ("d", "b")]) == 0               # parallel
    assert count_crossings(p, [("a", "b"), ("c", "d"), ("e", "f")]) == 3   # through the middle
    assert count_crossings(p, [("a", "d"), ("e", "f")]) == 1               # T-touch
    assert count_crossings(p, [("a", "g"), ("d", "h")]) == 1               # collinear overlap
    assert count_crossings(p, [("a", "d"), ("g", "h")]) == 0               # collinear apart
    assert count_crossings(p, [("a", "b"), ("b", "a"), ("c", "d")]) == 1   # repeated edge
    assert count_crossings(p, [("a", "a"), ("a", "ghost"), ("c", "d")]) == 0


def test_many_parallel_edges_have_no_crossings():
    pos = {}
    edges = []
    for i in range(2000):
        pos[f"t{i}"], pos[f"s{i}"] = (i * 50.0, 0.0), (i * 50.0 + 30, 150.0)
        edges.append((f"s{i}", f"t{i}"))
    assert count_crossings(pos, edges) == 0
    edges.append(("s0", "t1999"))  # one long diagonal crosses all others but one
    assert count_crossings(pos, edges) == 1998


coords = st.integers(-50, 50)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(coords, coords, st.integers(1, 40), st.integers(1, 40)), max_size=40),
       st.sampled_from([0.0, 3.0]))
def test_overlaps_match_brute_force(rects, margin):
    pos = {f"n{i}": (float(x), float(y)) for i, (x, y, _, _) in enumerate(rects)}
    sizes = {f"n{i}": (float(w), float(h)) for i, (_, _, w, h) in enumerate(rects)}
    assert count_overlaps(pos, sizes, margin) == _brute_overlaps(pos, sizes, margin)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(coords, coords), min_size=2, max_size=20),
       st.data())
def test_crossings_match_brute_force(points, data):
    pos = {f"n{i}": (float(x), float(y)) for i, (x, y) in enumerate(points)}
    index = st.integers(0, len(points) - 1)
    raw = data.draw(st.lists(st.tuples(index, index), max_size=30))
    edges = [(f"n{a}", f"n{b}") for a, b in raw]
    assert count_crossings(pos, edges) == _brute_crossings(pos, edges)
