"""Crossing reduction: order the nodes inside each layer.

Initial order: DFS pre-order from the top (planar for trees), then
barycentre sweeps alternately downwards and upwards; the best ordering
seen (fewest crossings between adjacent layers) is kept, and on graphs of
up to some thousands of nodes refined by swapping neighbours (transpose).
Small graphs (a few hundred cards) start again from RESTARTS orders
shuffled with fixed seeds (so a layout is the same every time), and keep
the one with the fewest crossings: the sweeps settle in a local minimum,
and another start often finds a lower one (as Graphviz's restarts do).

Long edges are *compressed* (see :func:`app.layout.layering.split_long_edges`):
an edge spanning many layers is one edge between its two ends, not a chain
of virtual nodes, so a sweep costs O(V + E) whatever the spans.  To make
positions in layers far apart comparable, a sweep orders a layer by the
barycentre of its neighbours' *x coordinates* and then places the layer by
:func:`app.layout.coordinates.fit_layer` (as close to the barycentres as the
card widths allow).  Crossings between adjacent layers are counted exactly
as inversions with a Fenwick tree (Barth, Jünger & Mutzel), O(E log V).

All functions work on integer ids (real and virtual nodes alike) with
``up[v]`` / ``down[v]`` neighbour lists (any layers above / below).
"""

from __future__ import annotations

import random
from bisect import bisect_right, insort
from collections.abc import Callable

from .coordinates import fit_layer, layer_separations

Check = Callable[[], None]
STALE = 2   # rounds without improvement before giving up
SMALL_LAYER = 3_000   # crossings between layers this small are counted by binary insertion
TRANSPOSE_COST = 400  # transpose only graphs of up to budget / TRANSPOSE_COST edge visits (time)
RESTARTS = 2          # shuffled starts more for graphs of up to budget / RESTART_COST edge visits
RESTART_COST = 1_600  # (about 500 cards of a tree map, 250 of a map with many long edges)


def initial_order(up: list[list[int]], down: list[list[int]], layer: list[int],
                  owner: list[int]) -> list[list[int]]:
    """Group nodes into layers in DFS pre-order from the roots.

    Roots and children are visited in ascending ``owner`` (creation) order.

    >>> initial_order([[], [0], [0]], [[2, 1], [], []], [0, 1, 1], [0, 1, 2])
    [[0], [1, 2]]
    """
    n = len(layer)
    layers: list[list[int]] = [[] for _ in range(max(layer) + 1)]
    seen = [False] * n
    roots = sorted((v for v in range(n) if not up[v]), key=lambda v: (owner[v], v))
    for root in roots:
        seen[root] = True
        stack = [root]
        while stack:
            v = stack.pop()
            layers[layer[v]].append(v)
            kids = sorted(down[v], key=lambda c: (owner[c], c), reverse=True)
            for c in kids:
                if not seen[c]:
                    seen[c] = True
                    stack.append(c)
    return layers


def inversions(values: list[int], size: int) -> int:
    """Pairs ``i < j`` with ``values[i] > values[j]`` (values in ``0..size-1``), in
    O(len · log size): up to SMALL_LAYER values by binary insertion into a sorted list (its
    shifts are C-fast at that size), above it by a Fenwick tree.

    >>> inversions([2, 0, 1], 3), inversions([0, 1, 1, 2], 3)
    (2, 0)
    >>> inversions(list(range(5000, 0, -1)), 5001)
    12497500
    """
    if len(values) <= SMALL_LAYER:
        ordered: list[int] = []
        count = 0
        for seen, p in enumerate(values):
            count += seen - bisect_right(ordered, p)   # earlier values greater than p
            insort(ordered, p)
        return count
    tree = [0] * (size + 1)
    count = 0
    for seen, p in enumerate(values):
        i = p + 1            # count earlier values <= p, the rest are greater
        le = 0
        while i > 0:
            le += tree[i]
            i -= i & -i
        count += seen - le
        i = p + 1
        while i <= size:
            tree[i] += 1
            i += i & -i
    return count


def count_layer_crossings(upper: list[int], down: list[list[int]],
                          pos: list[int], size: int | None = None) -> int:
    """Crossings between one layer and the layer below (exact).

    ``down`` must hold only neighbours in the next layer; ``pos`` is the
    index of every node in its layer.  Edges sorted by upper position, then
    lower position: every inversion of the lower positions is a crossing.

    >>> count_layer_crossings([0, 1], [[3], [2], [], []], [0, 1, 0, 1])
    1
    """
    lows: list[int] = []
    for u in upper:
        below = down[u]
        if len(below) == 1:
            lows.append(pos[below[0]])
        elif below:
            lows.extend(sorted([pos[c] for c in below]))
    if size is None:
        size = max(lows, default=0) + 1
    return inversions(lows, size)


def total_crossings(layers: list[list[int]], down: list[list[int]],
                    pos: list[int]) -> int:
    """Sum of :func:`count_layer_crossings` over all adjacent layer pairs."""
    return sum(count_layer_crossings(layers[i], down, pos, len(layers[i + 1]))
               for i in range(len(layers) - 1))


def adjacent_only(nbrs: list[list[int]], layer: list[int], step: int) -> list[list[int]]:
    """Neighbour lists restricted to the layer ``step`` away (+1 below, -1 above)."""
    return [[u for u in ns if layer[u] == layer[v] + step] for v, ns in enumerate(nbrs)]


def positions_of(layers: list[list[int]], n: int) -> list[int]:
    """Index of every node inside its layer.

    >>> positions_of([[2], [0, 1]], 3)
    [0, 1, 0]
    """
    pos = [0] * n
    for lay in layers:
        for j, v in enumerate(lay):
            pos[v] = j
    return pos


class _Placer:
    """x coordinates of an ordering, kept up to date layer by layer."""

    def __init__(self, width: list[float], n_real: int, h_gap: float) -> None:
        self.width, self.n_real, self.h_gap = width, n_real, h_gap

    def place(self, lay: list[int], desired: list[float], weights: list[float],
              x: list[float]) -> None:
        """Put the layer *lay* (in order) as close to *desired* as its widths allow."""
        seps = layer_separations(lay, self.width, self.n_real, self.h_gap)
        for v, xv in zip(lay, fit_layer(desired, weights, seps)):
            x[v] = xv

    def pack(self, lay: list[int], x: list[float]) -> None:
        """Put the layer side by side, centred on 0."""
        seps = layer_separations(lay, self.width, self.n_real, self.h_gap)
        for v, xv in zip(lay, _running(seps, -sum(seps) / 2)):
            x[v] = xv


def _running(seps: list[float], start: float) -> list[float]:
    """Running sums of *seps* (the first ignored) from *start*."""
    out, acc = [], start
    for i, s in enumerate(seps):
        if i:
            acc += s
        out.append(acc)
    return out


def sweep(layers: list[list[int]], nbrs: list[list[int]], x: list[float],
          placer: _Placer, downward: bool) -> None:
    """One barycentre sweep, in place; ``nbrs`` are the fixed-side neighbours.

    Nodes without such neighbours keep their x (so, roughly, their slot).
    """
    order = range(1, len(layers)) if downward else range(len(layers) - 2, -1, -1)
    for i in order:
        lay = layers[i]
        keyed = []
        for v in lay:
            ns = nbrs[v]
            if len(ns) == 1:
                keyed.append((x[ns[0]], x[v], v, 1.0))
            elif ns:
                total = 0.0
                for u in ns:
                    total += x[u]
                keyed.append((total / len(ns), x[v], v, float(len(ns))))
            else:
                keyed.append((x[v], x[v], v, 0.25))
        keyed.sort()
        layers[i] = [k[2] for k in keyed]
        placer.place(layers[i], [k[0] for k in keyed], [k[3] for k in keyed], x)


def reduce_crossings(layers: list[list[int]], up: list[list[int]],
                     down: list[list[int]], layer: list[int], width: list[float],
                     n_real: int, h_gap: float, *, max_rounds: int = 4,
                     budget: int = 4_000_000, check: Check | None = None
                     ) -> tuple[list[list[int]], list[float]]:
    """Alternate down/up barycentre sweeps; return the best ordering seen and its x.

    The number of rounds is bounded by the work ``budget`` (roughly edge
    visits) and ``max_rounds``.  Stops early at zero crossings or after
    STALE rounds without improvement.  ``check`` is called between sweeps
    (it may raise to abort).  Small graphs (up to ``budget / TRANSPOSE_COST``
    edge visits) then get :func:`transpose` on the best ordering; smaller
    ones (``budget / RESTART_COST``) start again from RESTARTS shuffled
    orders, keeping the ordering with the fewest crossings.
    """
    n = len(up)
    work = n + sum(len(d) for d in down)
    down1 = adjacent_only(down, layer, 1)
    up1 = adjacent_only(up, layer, -1) if work * TRANSPOSE_COST <= budget else None
    placer = _Placer(width, n_real, h_gap)
    rounds = max(1, min(max_rounds, budget // (work * 4)))
    starts = 1 + (RESTARTS if work * RESTART_COST <= budget else 0)
    best = None
    for seed in range(starts):
        start = [list(lay) for lay in layers]
        if seed:
            shuffle = random.Random(seed).shuffle
            for lay in start:
                shuffle(lay)
        found = _sweeps(start, up, down, down1, up1, placer, rounds, check)
        if best is None or found[0] < best[0]:
            best = found
        if best[0] == 0:
            break
    return best[1], best[2]


def _sweeps(layers: list[list[int]], up: list[list[int]], down: list[list[int]],
            down1: list[list[int]], up1: list[list[int]] | None, placer: _Placer,
            rounds: int, check: Check | None) -> tuple[int, list[list[int]], list[float]]:
    """The sweeps of :func:`reduce_crossings` from one start (then transpose, if ``up1``):
    (crossings, ordering, x)."""
    n = len(up)
    x = [0.0] * n
    for lay in layers:
        placer.pack(lay, x)
    pos = positions_of(layers, n)
    best, best_x = [list(lay) for lay in layers], list(x)
    best_count = total_crossings(layers, down1, pos)
    stale = 0
    cur = [list(lay) for lay in layers]
    for _ in range(rounds):
        if best_count == 0 or stale >= STALE:
            break
        for downward in (True, False):
            if check is not None:
                check()
            sweep(cur, up if downward else down, x, placer, downward)
            pos = positions_of(cur, n)
            count = total_crossings(cur, down1, pos)
            if count < best_count:
                best_count, best, best_x, stale = count, [list(lay) for lay in cur], list(x), -1
        stale += 1
    if up1 is not None and transpose(best, up1, down1, n):
        best_x = _reorder_x(best, best_x, placer)
        best_count = total_crossings(best, down1, positions_of(best, n))
    return best_count, best, best_x


def _pair_cost(left: list[int], right: list[int], pos: list[int]) -> int:
    """Crossings between the edges of two neighbours in a layer going to *left* and *right*
    (the neighbours' neighbours in one adjacent layer) in this order.

    >>> _pair_cost([1, 2], [0], [0, 1, 2])
    2
    """
    count = 0
    for p in left:
        at = pos[p]
        for q in right:
            if at > pos[q]:
                count += 1
    return count


def transpose(layers: list[list[int]], up1: list[list[int]], down1: list[list[int]],
              n: int, max_passes: int = 12) -> bool:
    """Swap neighbours inside layers, in place, while that lowers their exact crossings
    with both adjacent layers (``up1`` / ``down1``: neighbours one layer away); returns
    whether anything moved.

    >>> lays = [[0, 1], [2, 3]]
    >>> transpose(lays, [[], [], [1], [0]], [[3], [2], [], []], 4), lays
    (True, [[1, 0], [2, 3]])
    """
    pos = positions_of(layers, n)
    moved = False
    for _ in range(max_passes):
        improved = False
        for lay in layers:
            for j in range(len(lay) - 1):
                u, v = lay[j], lay[j + 1]
                now = _pair_cost(up1[u], up1[v], pos) + _pair_cost(down1[u], down1[v], pos)
                if now and (_pair_cost(up1[v], up1[u], pos)
                            + _pair_cost(down1[v], down1[u], pos)) < now:
                    lay[j], lay[j + 1] = v, u
                    pos[u], pos[v] = j + 1, j
                    improved = moved = True
        if not improved:
            break
    return moved


def _reorder_x(layers: list[list[int]], x: list[float], placer: _Placer) -> list[float]:
    """x for a reordered layering: each layer takes its old x values, sorted, in its new
    order (spread where the widths need it)."""
    x = list(x)
    for lay in layers:
        placer.place(lay, sorted(x[v] for v in lay), [1.0] * len(lay), x)
    return x
