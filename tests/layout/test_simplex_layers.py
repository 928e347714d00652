"""Tests for network-simplex layering (app.layout.ranking) and its use in tighten_layers."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.layout.layered import _components
from app.layout.layering import assign_layers, break_cycles, tighten_layers
from app.layout.ranking import simplex_layers
from mapgen import generate_links_map, generate_map


def _span(children, layer, root_weight=1):
    """Total span; edges from nodes without parents count root_weight times."""
    lower = {c for cs in children for c in cs}
    return sum((layer[c] - layer[p]) * (1 if p in lower else root_weight)
               for p, cs in enumerate(children) for c in cs)


def _points_down(children, layer):
    return all(layer[c] - layer[p] >= 1 for p, cs in enumerate(children) for c in cs)


@st.composite
def connected_dags(draw):
    """A connected DAG on 2..5 nodes: every node below 0 hangs from an earlier one, plus extras."""
    n = draw(st.integers(2, 5))
    edges = {(draw(st.integers(0, v - 1)), v) for v in range(1, n)}
    pairs = [(a, b) for a in range(n) for b in range(a + 1, n)]
    edges |= set(draw(st.lists(st.sampled_from(pairs), max_size=6)))
    children = [sorted(b for a, b in edges if a == v) for v in range(n)]
    return children


@settings(max_examples=60, deadline=None)
@given(connected_dags(), st.sampled_from([1, 2, 5]))
def test_simplex_finds_the_smallest_total_span(children, root_weight):
    n = len(children)
    start = assign_layers(children)
    got = simplex_layers(children, start, 1_000, root_weight)
    assert _points_down(children, got) and min(got) == 0
    best = min(_span(children, lay, root_weight) for lay in itertools.product(range(n), repeat=n)
               if _points_down(children, lay))
    assert _span(children, got, root_weight) == best


@pytest.mark.parametrize("make", [generate_map, generate_links_map])
@pytest.mark.parametrize("n", [200, 1_000])
def test_tightening_shortens_edges_of_generated_maps(make, n):
    amap = make(n, seed=n)
    ids = list(amap.nodes)
    index = {v: i for i, v in enumerate(ids)}
    edges = {(index[e.target], index[e.source]) for e in amap.edges.values()}
    comp = max(_components(len(ids), list(edges)), key=len)
    local = {v: i for i, v in enumerate(comp)}
    children = break_cycles(len(comp), [(local[a], local[b]) for a, b in edges if a in local])
    base = assign_layers(children)
    greedy = tighten_layers(children, base, work=0)
    exact = tighten_layers(children, base)
    assert _points_down(children, greedy) and _points_down(children, exact)
    assert _span(children, exact) < _span(children, greedy) <= _span(children, base)
