"""Map-level geometry: roles, collapsed subtrees and placing cards without overlap (Qt-free:
shared by the canvas, the Qt exports and the Qt-free SVG export).
"""

from __future__ import annotations

from collections import deque
from typing import Iterable, Mapping

from ..layout import layered_layout
from ..model import role_of
from .cards import CardMetrics, measure_card

H_GAP, V_GAP = 40.0, 70.0
Rect = tuple[float, float, float, float]   # left, top, right, bottom


def wrap_width(amap) -> float:
    """The map's card text width in pixels (meta 'wrap_width', default 240)."""
    try:
        return max(80.0, float(amap.meta.get("wrap_width") or 240))
    except (TypeError, ValueError):
        return 240.0


def measure_nodes(amap, ids: Iterable[str] | None = None, measure=None) -> dict[str, CardMetrics]:
    """Cards of the nodes *ids* (all when None) measured by *measure* (title, text, width)
    (the Qt-free table's when None)."""
    measure = measure or measure_card
    width = wrap_width(amap)
    nodes = amap.nodes
    return {nid: measure(nodes[nid].title, nodes[nid].text, width)
            for nid in (nodes if ids is None else ids)}


def roles(amap, ids: Iterable[str] | None = None) -> dict[str, str]:
    """What each node does to the nodes it bears on, for its card's stripe: 'reason',
    'objection' or 'rebuttal' when all its relations agree, 'mixed' when it supports some
    and attacks others (roles belong to relations: such a card is no "objection"), ''."""
    return {nid: bearing(amap, nid) for nid in (amap.nodes if ids is None else ids)}


def bearing(amap, nid: str) -> str:
    kinds = {e.relation for e in amap.outgoing(nid)}
    if {"support", "attack"} <= kinds:
        return "mixed"
    return role_of(amap, nid)


def hidden_by_collapse(amap) -> tuple[set[str], dict[str, int]]:
    """Nodes hidden under collapsed nodes, and how many each collapsed node hides.

    A node is hidden when everything it supports or attacks is collapsed or hidden, so a
    reason shared with a visible conclusion stays visible.
    """
    hidden: set[str] = set()
    counts: dict[str, int] = {}
    for root in [n for n, node in amap.nodes.items() if node.collapsed]:
        before = len(hidden)
        queue = deque(_sources(amap, root))
        while queue:
            n = queue.popleft()
            if n in hidden or n == root:
                continue
            if all(t in hidden or t == root or amap.nodes[t].collapsed for t in _targets(amap, n)):
                hidden.add(n)
                queue.extend(_sources(amap, n))
        counts[root] = len(hidden) - before
    for root in list(counts):
        if root in hidden:
            counts.pop(root)
    return hidden, counts


def _sources(amap, n: str) -> list[str]:
    """The nodes with a relation into *n* (its reasons and objections)."""
    return [e.source for e in amap.incoming(n)]


def _targets(amap, n: str) -> list[str]:
    """The nodes *n* has a relation to."""
    return [e.target for e in amap.outgoing(n)]


def full_layout(amap, sizes: Mapping[str, tuple[float, float]], progress=None,
                cancelled=None) -> dict[str, tuple[float, float]]:
    """Layered positions (card centres) for every node; the strategies answering one
    question side by side in one layer where their relations allow it."""
    edges = [(e.source, e.target) for e in amap.edges.values()]
    return layered_layout(list(amap.nodes), sizes, edges, h_gap=H_GAP, v_gap=V_GAP,
                          progress=progress, cancelled=cancelled, together=rival_answers(amap))


def rival_answers(amap) -> list[list[str]]:
    """The strategies answering each question (rivals a reader compares side by side)."""
    nodes, answers = amap.nodes, {}
    for e in amap.edges.values():
        if nodes[e.source].kind == "strategy" and nodes[e.target].kind == "question":
            answers.setdefault(e.target, []).append(e.source)
    return list(answers.values())


class Occupancy:
    """Card rectangles in a coarse grid, for fast 'is this spot free?' questions."""

    CELL = 200.0

    def __init__(self, margin: float = 16.0) -> None:
        self.cells: dict[tuple[int, int], list[Rect]] = {}
        self.margin = margin

    def _keys(self, r: Rect):
        c = self.CELL
        for i in range(int(r[0] // c), int(r[2] // c) + 1):
            for j in range(int(r[1] // c), int(r[3] // c) + 1):
                yield (i, j)

    def add(self, centre: tuple[float, float], size: tuple[float, float]) -> None:
        r = _rect(centre, size)
        for k in self._keys(r):
            self.cells.setdefault(k, []).append(r)

    def is_free(self, centre: tuple[float, float], size: tuple[float, float]) -> bool:
        m = self.margin
        l, t, r, b = _rect(centre, size)
        probe = (l - m, t - m, r + m, b + m)
        return not any(o[0] < probe[2] and probe[0] < o[2] and o[1] < probe[3] and probe[1] < o[3]
                       for k in self._keys(probe) for o in self.cells.get(k, ()))


def _rect(c: tuple[float, float], s: tuple[float, float]) -> Rect:
    return (c[0] - s[0] / 2, c[1] - s[1] / 2, c[0] + s[0] / 2, c[1] + s[1] / 2)


def free_spot(occ: Occupancy, size: tuple[float, float], near: tuple[float, float],
              step_x: float | None = None) -> tuple[float, float]:
    """The free position closest to *near*, searching along rows below and beside it."""
    sx = step_x or size[0] + H_GAP
    for ring in range(0, 60):
        for row in range(0, ring + 1):
            for col in sorted({ring - row, -(ring - row)}):
                spot = (near[0] + col * sx / 2, near[1] + row * (size[1] / 2 + 20))
                if occ.is_free(spot, size):
                    return spot
    return (near[0], near[1] + 60 * (size[1] + V_GAP))


def place_missing(amap, sizes: Mapping[str, tuple[float, float]]) -> dict[str, tuple[float, float]]:
    """Positions for the nodes that have none, next to positioned neighbours, overlapping
    nothing; a map with no positions at all gets a full layered layout."""
    missing = [n for n, node in amap.nodes.items() if node.x is None or node.y is None]
    if not missing:
        return {}
    if len(missing) == len(amap.nodes):
        return full_layout(amap, sizes)
    occ = Occupancy()
    placed = {n: (node.x, node.y) for n, node in amap.nodes.items() if n not in set(missing)}
    for n, c in placed.items():
        occ.add(c, sizes[n])
    out: dict[str, tuple[float, float]] = {}
    right = max(c[0] + sizes[n][0] / 2 for n, c in placed.items())
    for n in _by_distance(amap, missing, placed):
        near = _anchor_point(amap, n, {**placed, **out}, sizes)
        if near is None:
            near = (right + H_GAP + sizes[n][0] / 2, min(c[1] for c in placed.values()))
        spot = free_spot(occ, sizes[n], near)
        out[n] = spot
        occ.add(spot, sizes[n])
    return out


def _by_distance(amap, missing: list[str], placed: Mapping) -> list[str]:
    """Missing nodes ordered so that those next to placed ones come first (BFS)."""
    todo = set(missing)
    order, seen = [], set()

    def neighbours(n: str) -> list[str]:
        return _sources(amap, n) + _targets(amap, n)
    queue = deque(n for n in missing if any(m in placed for m in neighbours(n)))
    while queue or todo - seen:
        if not queue:
            queue.append(next(n for n in missing if n not in seen))
        n = queue.popleft()
        if n in seen:
            continue
        seen.add(n)
        order.append(n)
        queue.extend(m for m in neighbours(n) if m in todo and m not in seen)
    return order


def _anchor_point(amap, n: str, known: Mapping, sizes) -> tuple[float, float] | None:
    """Below a known target of *n*, or above a known reason of it."""
    for t in _targets(amap, n):
        if t in known:
            return (known[t][0], known[t][1] + sizes[t][1] / 2 + V_GAP + sizes[n][1] / 2)
    for s in _sources(amap, n):
        if s in known:
            return (known[s][0], known[s][1] - sizes[s][1] / 2 - V_GAP - sizes[n][1] / 2)
    return None
