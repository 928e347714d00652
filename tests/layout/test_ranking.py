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


def _span(children, layer):
    return sum(layer[c] - layer[p] for p, cs in enumerate(children) for c in cs)


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
@given(connected_dags())
def test_simplex_finds_the_smallest_total_span(children):
    n = len(children)
    start = assign_layers(children)
    got = simplex_layers(children, start, 1_000)
    assert _points_down(children, got) and min(got) == 0
    best = min(_span(children, lay) for lay in itertools.product(range(n), repeat=n)
               if _points_down(children, lay))
    assert _span(children, got) == best


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
