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

import math
from collections.abc import Callable, Iterable, Mapping, Sequence

from .coordinates import assign_x
from .layering import (assign_layers, bound_layers, break_cycles, same_layer, spans_budget,
                       split_long_edges, tighten_layers)
from .ordering import initial_order, reduce_crossings

Positions = dict[str, tuple[float, float]]
MIN_ROW_CARDS = 6      # never fold a drawing narrower than this many cards
RETRY_LIMIT = 1_000    # bigger components get a single attempt (time)
DUMMY_BUDGET = 0.5     # virtual nodes per node or edge, plus DUMMY_ALLOWANCE; longer edges
DUMMY_ALLOWANCE = 5_000    # are compressed (so small maps get all, big ones a linear number;
#                            a map of 5,000 cards gets half the virtual nodes it got with 1 and
#                            10,000, its layout takes half the time, with 1 % more crossings)


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


def _draw_component(size_list: list[tuple[float, float]], children: list[list[int]],
                    base: list[int], max_width: float | None, h_gap: float, v_gap: float,
                    prog: _Progress) -> tuple[list[tuple[float, float]], int]:
    """One attempt at a component: positions (left edge at x = 0) and nodes moved."""
    n = len(size_list)
    moved = 0
    if max_width is not None:
        base, moved = bound_layers(children, base, [w for w, _ in size_list], max_width, h_gap)
    edges = sum(len(cs) for cs in children)
    span = spans_budget(children, base, DUMMY_BUDGET * (n + edges) + DUMMY_ALLOWANCE)
    up, down, layer, owner = split_long_edges(children, base, span)
    prog.report(n, 0.1)
    prog.check()
    width = [w for w, _ in size_list] + [0.0] * (len(layer) - n)
    height = [h for _, h in size_list] + [0.0] * (len(layer) - n)
    layers, x = reduce_crossings(initial_order(up, down, layer, owner), up, down, layer,
                                 width, n, h_gap, check=prog.check)
    prog.report(n, 0.6)
    x = assign_x(layers, up, down, width, n, h_gap, check=prog.check, start=x)
    tops = _layer_tops(layers, height, n, v_gap)
    left = min(x[v] - width[v] / 2 for v in range(n))
    return [(x[v] - left, tops[layer[v]] + height[v] / 2) for v in range(n)], moved


def _extent(placed: Sequence[tuple[float, float]], size_list: Sequence[tuple[float, float]]
            ) -> tuple[float, float]:
    """Width and height of the bounding box of placed cards."""
    x0 = min(x - w / 2 for (x, _), (w, _) in zip(placed, size_list))
    x1 = max(x + w / 2 for (x, _), (w, _) in zip(placed, size_list))
    y0 = min(y - h / 2 for (_, y), (_, h) in zip(placed, size_list))
    y1 = max(y + h / 2 for (_, y), (_, h) in zip(placed, size_list))
    return x1 - x0, y1 - y0


def _slot_area(size_list: Sequence[tuple[float, float]], h_gap: float, v_gap: float) -> float:
    """Area the cards take with their gaps."""
    return sum((w + h_gap) * (h + v_gap) for w, h in size_list)


def _min_width(size_list: Sequence[tuple[float, float]], h_gap: float) -> float:
    """Width below which a drawing is never folded: six average cards (or the widest)."""
    mean = sum(w for w, _ in size_list) / len(size_list)
    return max(MIN_ROW_CARDS * (mean + h_gap) - h_gap, max(w for w, _ in size_list))


def _layout_component(size_list: list[tuple[float, float]], edges: list[tuple[int, int]],
                      h_gap: float, v_gap: float, prog: _Progress,
                      max_aspect: float | None, together: Sequence[Sequence[int]] = ()
                      ) -> list[tuple[float, float]]:
    """Layout of one component in local ids; the left edge is at x = 0.

    With ``max_aspect`` the layers are bounded to a width derived from the
    card area; when the result is far from the aim (``0.8 * max_aspect``)
    the bound is corrected and the layout retried (small components only),
    keeping the attempt closest to the aim that respects ``max_aspect``.
    """
    n = len(size_list)
    if n == 1:
        w, h = size_list[0]
        return [(w / 2, h / 2)]
    children = break_cycles(n, edges)
    base = tighten_layers(children, assign_layers(children))
    for group in together:
        base = same_layer(children, base, list(group))
    if max_aspect is None:
        return _draw_component(size_list, children, base, None, h_gap, v_gap, prog)[0]
    aim = 0.8 * max_aspect
    floor = _min_width(size_list, h_gap)
    bound = max(floor, math.sqrt(_slot_area(size_list, h_gap, v_gap) * aim))
    best, best_score = None, math.inf
    for attempt in range(1 if n > RETRY_LIMIT else 3):
        placed, moved = _draw_component(size_list, children, base, bound, h_gap, v_gap, prog)
        w, h = _extent(placed, size_list)
        aspect = w / max(h, 1.0)
        score = abs(math.log(aspect / aim)) + (10.0 if aspect > max_aspect * 1.1 else 0.0)
        if score < best_score:
            best, best_score = placed, score
        if abs(math.log(aspect / aim)) < 0.25 or (aspect < aim and not moved) \
                or (aspect > aim and bound <= floor):
            break
        bound = max(floor, bound * math.sqrt(aim / aspect))
    assert best is not None
    return best


def _shelves(boxes: list[tuple[float, float]], row_width: float, h_gap: float,
             v_gap: float) -> list[tuple[float, float]]:
    """Top-left corners packing boxes ``(w, h)`` in reading order into rows.

    A row is closed when the next box would make it wider than ``row_width``.

    >>> _shelves([(10, 5), (10, 8), (10, 5)], 25, 2, 3)
    [(0.0, 0.0), (12.0, 0.0), (0.0, 11.0)]
    """
    out, x, y, row_h = [], 0.0, 0.0, 0.0
    for w, h in boxes:
        if x > 0 and x + w > row_width:
            x, y, row_h = 0.0, y + row_h + v_gap, 0.0
        out.append((x, y))
        x += w + h_gap
        row_h = max(row_h, h)
    return out


def _split(ids: list[str], all_edges: list[tuple[int, int]]
           ) -> tuple[list[list[int]], list[list[tuple[int, int]]]]:
    """Components (global ids) and their edges in local ids."""
    comps = _components(len(ids), all_edges)
    local, comp_of = {}, {}
    for ci, comp in enumerate(comps):
        for j, v in enumerate(comp):
            local[v] = j
            comp_of[v] = ci
    comp_edges: list[list[tuple[int, int]]] = [[] for _ in comps]
    for a, b in all_edges:
        comp_edges[comp_of[a]].append((local[a], local[b]))
    return comps, comp_edges


def _corners(boxes: list[tuple[float, float]], all_sizes: list[tuple[float, float]],
             h_gap: float, v_gap: float, max_aspect: float | None) -> list[tuple[float, float]]:
    """Top-left corner of every component's box: one row, or rows aiming at the aspect."""
    if max_aspect is None or not boxes:
        return _shelves(boxes, math.inf, 2 * h_gap, 0.0)
    area = sum((w + 2 * h_gap) * (h + 2 * v_gap) for w, h in boxes)
    row = max(math.sqrt(area * 0.8 * max_aspect), max(w for w, _ in boxes),
              _min_width(all_sizes, h_gap))
    return _shelves(boxes, row, 2 * h_gap, 2 * v_gap)


def layered_layout(
    nodes: Sequence[str],
    sizes: Mapping[str, tuple[float, float]],
    edges: Sequence[tuple[str, str]],
    *, h_gap: float = 40.0, v_gap: float = 70.0,
    progress: Callable[[float], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    max_aspect: float | None = 2.0,
    together: Iterable[Iterable[str]] = (),
) -> Positions:
    """Centre ``(x, y)`` of every node of an argument map (y grows downwards).

    ``edges`` are ``(source, target)``: the source is a reason for/against
    the target and is drawn below it.  Cycles are broken deterministically,
    self-loops, duplicates and edges naming unknown nodes are ignored.

    ``max_aspect`` bounds the width/height ratio of the drawing: wide
    layers are broken into several (reasons move further down) and
    connected components are placed in rows, in the order of their first
    node in ``nodes``, ``2 * h_gap`` apart (rows ``2 * v_gap`` apart).
    Each group of nodes in ``together`` (a debate's rival answers to one question) is
    drawn in one layer where its edges allow it, before wide layers are broken.
    Small maps (up to about six cards wide) are never folded, so the bound
    is an aim rather than a guarantee.  With ``max_aspect=None`` layers are
    as wide as the longest-path layering makes them and the components
    form one row.  ``progress`` receives increasing values ending with 1.0;
    ``cancelled`` is polled and :class:`LayoutCancelled` raised when it
    returns True.  Raises ValueError if a node has no size.

    >>> layered_layout(["a", "b"], {"a": (10, 10), "b": (20, 20)}, [])
    {'a': (5.0, 5.0), 'b': (100.0, 10.0)}
    """
    ids = _unique_nodes(nodes, sizes)
    index = {node: i for i, node in enumerate(ids)}
    comps, comp_edges = _split(ids, _clean_edges(index, edges))
    prog = _Progress(len(ids), progress, cancelled)
    prog.check()
    drawn, boxes = [], []
    groups = [{index[v] for v in group if v in index} for group in together]
    for comp, cedges in zip(comps, comp_edges):
        size_list = [(float(sizes[ids[v]][0]), float(sizes[ids[v]][1])) for v in comp]
        local = [[j for j, v in enumerate(comp) if v in g] for g in groups]
        placed = _layout_component(size_list, cedges, h_gap, v_gap, prog, max_aspect,
                                   [g for g in local if len(g) > 1])
        drawn.append(placed)
        boxes.append((max(x + w / 2 for (x, _), (w, _) in zip(placed, size_list)),
                      max(y + h / 2 for (_, y), (_, h) in zip(placed, size_list))))
        prog.finish_component(len(comp))
    all_sizes = [(float(sizes[v][0]), float(sizes[v][1])) for v in ids]
    result: Positions = {}
    for comp, placed, (ox, oy) in zip(comps, drawn, _corners(boxes, all_sizes, h_gap,
                                                             v_gap, max_aspect)):
        for v, (x, y) in zip(comp, placed):
            result[ids[v]] = (x + ox, y + oy)
    if progress is not None and prog.last < 1.0:
        progress(1.0)
    return result
