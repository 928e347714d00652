"""Layered (Sugiyama-style) layout of an argument map.

Conclusions, questions and strategies end up on top, the reasons for and
against them below: for an edge ``(source, target)`` the target lies in a
higher layer (smaller y) than the source.  Cards are top-aligned within
their layer; a layer is as tall as its tallest card.

Connected components are laid out independently (so editing one never
moves the cards of another relative to each other) and placed side by
side, left to right, in the order of their first node in ``nodes``.

>>> pos = layered_layout(["c", "r"], {"c": (100, 40), "r": (80, 30)}, [("r", "c")])
>>> pos["c"], pos["r"]
((50.0, 20.0), (50.0, 125.0))
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from .coordinates import assign_x
from .layering import assign_layers, break_cycles, split_long_edges
from .ordering import initial_order, reduce_crossings

Positions = dict[str, tuple[float, float]]


class LayoutCancelled(Exception):
    """Raised by :func:`layered_layout` when ``cancelled()`` returns True."""


class _Progress:
    """Maps per-component progress onto 0..1 and polls for cancellation."""

    def __init__(self, total: int, progress: Callable[[float], None] | None,
                 cancelled: Callable[[], bool] | None) -> None:
        self.total = max(total, 1)
        self.done = 0
        self.last = -1.0
        self.progress = progress
        self.cancelled = cancelled

    def check(self) -> None:
        """Raise LayoutCancelled if the caller asked to stop."""
        if self.cancelled is not None and self.cancelled():
            raise LayoutCancelled()

    def report(self, size: int, fraction: float) -> None:
        """Report ``fraction`` of the work on a component of ``size`` nodes."""
        value = min(1.0, (self.done + size * fraction) / self.total)
        if self.progress is not None and (value - self.last >= 0.01 or value >= 1.0):
            if value > self.last:
                self.last = value
                self.progress(value)

    def finish_component(self, size: int) -> None:
        """Mark a component as done and poll for cancellation."""
        self.done += size
        self.report(0, 0.0)
        self.check()


def _unique_nodes(nodes: Sequence[str], sizes: Mapping[str, tuple[float, float]]) -> list[str]:
    """Nodes without duplicates (first occurrence wins); all must have sizes."""
    seen: dict[str, None] = dict.fromkeys(nodes)
    missing = [n for n in seen if n not in sizes]
    if missing:
        raise ValueError(f"no size given for node(s): {missing[:5]!r}")
    return list(seen)


def _clean_edges(index: Mapping[str, int], edges: Sequence[tuple[str, str]]
                 ) -> list[tuple[int, int]]:
    """Edges as ``(upper, lower)`` index pairs: ``(target, source)``.

    Self-loops, duplicates and edges to unknown nodes are dropped.
    """
    out: dict[tuple[int, int], None] = {}
    for source, target in edges:
        s, t = index.get(source), index.get(target)
        if s is not None and t is not None and s != t:
            out[(t, s)] = None
    return list(out)


def _components(n: int, edges: list[tuple[int, int]]) -> list[list[int]]:
    """Connected components (lists of ascending ids), ordered by first id.

    >>> _components(4, [(2, 0)])
    [[0, 2], [1], [3]]
    """
    parent = list(range(n))

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for a, b in edges:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[int, list[int]] = {}
    for v in range(n):
        groups.setdefault(find(v), []).append(v)
    return list(groups.values())


def _layer_tops(layers: list[list[int]], height: list[float], n_real: int,
                v_gap: float) -> list[float]:
    """Top y of every layer; a layer is as tall as its tallest real card."""
    tops, y = [], 0.0
    for lay in layers:
        tops.append(y)
        y += max((height[v] for v in lay if v < n_real), default=0.0) + v_gap
    return tops


def _layout_component(size_list: list[tuple[float, float]], edges: list[tuple[int, int]],
                      h_gap: float, v_gap: float, prog: _Progress
                      ) -> list[tuple[float, float]]:
    """Layout of one component in local ids; the left edge is at x = 0."""
    n = len(size_list)
    if n == 1:
        w, h = size_list[0]
        return [(w / 2, h / 2)]
    children = break_cycles(n, edges)
    up, down, layer, owner = split_long_edges(children, assign_layers(children))
    prog.report(n, 0.1)
    prog.check()
    layers = reduce_crossings(initial_order(up, down, layer, owner), up, down, n,
                              check=prog.check)
    prog.report(n, 0.6)
    width = [w for w, _ in size_list] + [0.0] * (len(layer) - n)
    height = [h for _, h in size_list] + [0.0] * (len(layer) - n)
    x = assign_x(layers, up, down, width, n, h_gap, check=prog.check)
    tops = _layer_tops(layers, height, n, v_gap)
    left = min(x[v] - width[v] / 2 for v in range(n))
    return [(x[v] - left, tops[layer[v]] + height[v] / 2) for v in range(n)]


def layered_layout(
    nodes: Sequence[str],
    sizes: Mapping[str, tuple[float, float]],
    edges: Sequence[tuple[str, str]],
    *, h_gap: float = 40.0, v_gap: float = 70.0,
    progress: Callable[[float], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Positions:
    """Centre ``(x, y)`` of every node of an argument map (y grows downwards).

    ``edges`` are ``(source, target)``: the source is a reason for/against
    the target and is drawn below it.  Cycles are broken deterministically,
    self-loops, duplicates and edges naming unknown nodes are ignored.
    Components are placed left to right, ``2 * h_gap`` apart, all starting
    at y = 0.  ``progress`` receives increasing values ending with 1.0;
    ``cancelled`` is polled and :class:`LayoutCancelled` raised when it
    returns True.  Raises ValueError if a node has no size.

    >>> layered_layout(["a", "b"], {"a": (10, 10), "b": (20, 20)}, [])
    {'a': (5.0, 5.0), 'b': (100.0, 10.0)}
    """
    ids = _unique_nodes(nodes, sizes)
    index = {node: i for i, node in enumerate(ids)}
    all_edges = _clean_edges(index, edges)
    comps = _components(len(ids), all_edges)
    local = {}
    for comp in comps:
        for j, v in enumerate(comp):
            local[v] = j
    comp_edges: list[list[tuple[int, int]]] = [[] for _ in comps]
    comp_of = {v: ci for ci, comp in enumerate(comps) for v in comp}
    for a, b in all_edges:
        comp_edges[comp_of[a]].append((local[a], local[b]))
    prog = _Progress(len(ids), progress, cancelled)
    prog.check()
    result: Positions = {}
    offset = 0.0
    for comp, cedges in zip(comps, comp_edges):
        size_list = [(float(sizes[ids[v]][0]), float(sizes[ids[v]][1])) for v in comp]
        placed = _layout_component(size_list, cedges, h_gap, v_gap, prog)
        right = 0.0
        for v, (x, y), (w, _) in zip(comp, placed, size_list):
            result[ids[v]] = (x + offset, y)
            right = max(right, x + w / 2)
        offset += right + 2 * h_gap
        prog.finish_component(len(comp))
    if progress is not None and prog.last < 1.0:
        progress(1.0)
    return result
