"""Tests for the aspect bound of app.layout.layered_layout (max_aspect)."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.layout import count_crossings, count_overlaps, layered_layout
from app.layout.layering import assign_layers, bound_layers, break_cycles
from mapgen import generate_links_map, generate_map

H_GAP, V_GAP = 40.0, 70.0


def _extent(pos, sizes):
    """(width, height) of the bounding box of all cards."""
    xs0 = min(pos[v][0] - sizes[v][0] / 2 for v in pos)
    xs1 = max(pos[v][0] + sizes[v][0] / 2 for v in pos)
    ys0 = min(pos[v][1] - sizes[v][1] / 2 for v in pos)
    ys1 = max(pos[v][1] + sizes[v][1] / 2 for v in pos)
    return xs1 - xs0, ys1 - ys0


def _above(pos, sizes, target, source):
    """Whether the target's card ends at least a vertical gap above the source's."""
    return pos[target][1] + sizes[target][1] / 2 + V_GAP <= pos[source][1] - sizes[source][1] / 2 + 1e-9


def _star(k=60):
    nodes = ["hub"] + [f"r{i}" for i in range(k)]
    return nodes, {v: (200.0, 80.0) for v in nodes}, [(f"r{i}", "hub") for i in range(k)]


def test_star_is_folded_into_several_rows_below_its_target():
    nodes, sizes, edges = _star()
    pos = layered_layout(nodes, sizes, edges)
    w, h = _extent(pos, sizes)
    assert w / h <= 2.2
    assert len({pos[v][1] for v in nodes[1:]}) >= 3
    assert all(_above(pos, sizes, "hub", s) for s, _ in edges)
    assert count_overlaps(pos, sizes, margin=H_GAP - 1e-6) == 0


def test_without_bound_the_star_is_one_wide_row():
    nodes, sizes, edges = _star()
    pos = layered_layout(nodes, sizes, edges, max_aspect=None)
    w, h = _extent(pos, sizes)
    assert len({pos[v][1] for v in nodes[1:]}) == 1
    assert w / h > 10


def _debate(n, seed):
    """A debate: every reason attacks/supports 1-3 earlier claims (acyclic)."""
    rng = random.Random(seed)
    nodes = [f"n{i}" for i in range(n)]
    sizes = {v: (float(rng.choice((160, 240, 280))), float(rng.choice((60, 100, 160)))) for v in nodes}
    edges = []
    for i in range(4, n):
        for t in rng.sample(range(min(i, 4 + i // 3)), rng.randint(1, 3) if i > 6 else 1):
            edges.append((nodes[i], nodes[t]))
    for i in range(1, 4):
        edges.append((nodes[i], nodes[0]))
    return nodes, sizes, edges


@pytest.mark.parametrize("n,seed", [(40, 1), (60, 2), (150, 3), (400, 4)])
def test_generated_debates_stay_near_screen_shape(n, seed):
    nodes, sizes, edges = _debate(n, seed)
    unbounded = _extent(layered_layout(nodes, sizes, edges, max_aspect=None), sizes)
    pos = layered_layout(nodes, sizes, edges)
    w, h = _extent(pos, sizes)
    assert w / h <= 2.2 < unbounded[0] / unbounded[1]
    assert all(_above(pos, sizes, t, s) for s, t in edges)
    assert count_overlaps(pos, sizes) == 0


def test_many_components_are_placed_in_rows_in_reading_order():
    nodes = [f"i{k}" for k in range(100)]
    sizes = {v: (120.0 + (k % 5) * 20, 40.0 + (k % 3) * 30) for k, v in enumerate(nodes)}
    pos = layered_layout(nodes, sizes, [])
    w, h = _extent(pos, sizes)
    assert 0.5 <= w / h <= 2.2
    tops = [pos[v][1] - sizes[v][1] / 2 for v in nodes]
    lefts = [pos[v][0] - sizes[v][0] / 2 for v in nodes]
    assert sorted(range(100), key=lambda k: (tops[k], lefts[k])) == list(range(100))
    assert count_overlaps(pos, sizes, margin=H_GAP - 1e-6) == 0


def test_small_maps_are_not_folded():
    nodes, sizes, edges = _star(5)
    assert (layered_layout(nodes, sizes, edges)
            == layered_layout(nodes, sizes, edges, max_aspect=None))


@st.composite
def graphs(draw, acyclic=False, max_nodes=40):
    """Random maps with varied card sizes; acyclic ones point to earlier nodes."""
    n = draw(st.integers(1, max_nodes))
    nodes = [f"n{i}" for i in range(n)]
    dims = st.tuples(st.integers(20, 300), st.integers(10, 200))
    sizes = {v: tuple(map(float, draw(dims))) for v in nodes}
    pairs = st.tuples(st.integers(0, n - 1), st.integers(0, n - 1))
    raw = draw(st.lists(pairs, max_size=3 * n))
    if acyclic:
        raw = [(max(a, b), min(a, b)) for a, b in raw]
    return nodes, sizes, [(nodes[a], nodes[b]) for a, b in raw]


aspects = st.sampled_from([0.3, 1.0, 2.0, 4.0])


@settings(max_examples=120, deadline=None)
@given(graphs(), aspects)
def test_bounded_layout_has_no_overlaps(graph, max_aspect):
    nodes, sizes, edges = graph
    pos = layered_layout(nodes, sizes, edges, max_aspect=max_aspect)
    assert set(pos) == set(nodes)
    assert count_overlaps(pos, sizes, margin=H_GAP - 1e-6) == 0


@settings(max_examples=120, deadline=None)
@given(graphs(acyclic=True), aspects)
def test_bounded_layout_keeps_targets_above_sources(graph, max_aspect):
    nodes, sizes, edges = graph
    pos = layered_layout(nodes, sizes, edges, max_aspect=max_aspect)
    assert all(_above(pos, sizes, t, s) for s, t in edges if s != t)


@settings(max_examples=60, deadline=None)
@given(graphs(), aspects)
def test_bounded_layout_is_deterministic(graph, max_aspect):
    nodes, sizes, edges = graph
    first = layered_layout(nodes, sizes, edges, max_aspect=max_aspect)
    shuffled_sizes = dict(reversed(list(sizes.items())))
    assert layered_layout(list(nodes), shuffled_sizes, list(edges), max_aspect=max_aspect) == first


@settings(max_examples=150, deadline=None)
@given(graphs(acyclic=True), st.floats(50, 3000))
def test_bound_layers_keeps_edges_downwards_and_fills_layers(graph, max_width):
    nodes, sizes, edges = graph
    index = {v: i for i, v in enumerate(nodes)}
    down = [(index[t], index[s]) for s, t in edges if s != t]
    children = break_cycles(len(nodes), down)
    width = [sizes[v][0] for v in nodes]
    layer, moved = bound_layers(children, assign_layers(children), width, max_width, H_GAP)
    assert all(layer[c] > layer[p] for p, cs in enumerate(children) for c in cs)
    assert sorted(set(layer)) == list(range(max(layer) + 1))   # no empty layer
    wide = [sum(width[v] + H_GAP for v in range(len(nodes)) if layer[v] == i) - H_GAP
            for i in range(max(layer) + 1)]
    if not children or not any(children):   # no edges: only the card widths count
        assert all(w <= max_width or sum(1 for v in layer if v == i) == 1
                   for i, w in enumerate(wide))
    if max_width > sum(width) + H_GAP * len(nodes):
        assert moved == 0


@pytest.mark.parametrize("generate", [generate_map, generate_links_map])
def test_folding_wide_layers_adds_no_crossings_on_generated_maps(generate):
    """Bounding the aspect moves whole subtrees down, not leaves far below their parents, so
    the folded drawings cross no more (straight centre-to-centre) than the unfolded ones."""
    folded = unfolded = 0
    for seed in range(1, 9):
        amap = generate(120, seed=seed)
        rng = random.Random(seed)
        sizes = {v: (rng.choice((180.0, 240.0)), rng.choice((60.0, 80.0, 100.0))) for v in amap.nodes}
        edges = [(e.source, e.target) for e in amap.edges.values()]
        pos = layered_layout(list(amap.nodes), sizes, edges)
        w, h = _extent(pos, sizes)
        assert w / h <= 2.2
        folded += count_crossings(pos, edges)
        unfolded += count_crossings(layered_layout(list(amap.nodes), sizes, edges, max_aspect=None), edges)
    assert folded <= unfolded


def test_a_heavy_subtree_moves_down_whole_and_leaves_stay_next_to_their_parent():
    """A hub with ten leaves and one reason that has a chain below it, in rows of four cards:
    the leaves fill the rows right under the hub while the chain's top waits (it goes last),
    and the chain keeps its own edges one layer long."""
    children = [list(range(1, 12)), [12], [], [], [], [], [], [], [], [], [], [], [13], [14], []]
    layer, moved = bound_layers(children, assign_layers(children), [10.0] * 15, 40.0, 0.0)
    assert layer[1] > 1 and moved > 0
    assert max(layer[leaf] for leaf in range(2, 12)) <= layer[1]
    assert [layer[v] - layer[1] for v in (12, 13, 14)] == [1, 2, 3]
