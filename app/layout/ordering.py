"""Crossing reduction: order the nodes inside each layer.

Initial order: DFS pre-order from the top (planar for trees), then
barycentre sweeps alternately downwards and upwards; the best ordering
seen (fewest crossings, counted exactly per layer pair) is kept.

All functions work on integer ids (real and virtual nodes alike) with
``up[v]`` / ``down[v]`` neighbour lists in the adjacent layers.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from collections.abc import Callable

Check = Callable[[], None]


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


def count_layer_crossings(upper: list[int], down: list[list[int]],
                          pos: list[int]) -> int:
    """Count crossings between one layer and the layer below (exact).

    Edges are sorted by upper position (then lower position); every
    inversion of the lower positions is a crossing.

    >>> count_layer_crossings([0, 1], [[3], [2], [], []], [0, 1, 0, 1])
    1
    """
    seen: list[int] = []
    crossings = 0
    for u in upper:
        lows = sorted(pos[c] for c in down[u])
        for p in lows:
            crossings += len(seen) - bisect_right(seen, p)
        for p in lows:
            insort(seen, p)
    return crossings


def total_crossings(layers: list[list[int]], down: list[list[int]],
                    pos: list[int]) -> int:
    """Sum of :func:`count_layer_crossings` over all adjacent layer pairs."""
    return sum(count_layer_crossings(layers[i], down, pos)
               for i in range(len(layers) - 1))


def _reorder(layer_nodes: list[int], nbrs: list[list[int]], pos: list[int]) -> list[int]:
    """Sort the nodes having neighbours by barycentre; others keep their slot."""
    keyed = []
    slots = []
    for i, v in enumerate(layer_nodes):
        ns = nbrs[v]
        if ns:
            total = 0
            for u in ns:
                total += pos[u]
            keyed.append((total / len(ns), i, v))
            slots.append(i)
    keyed.sort()
    new = list(layer_nodes)
    for slot, item in zip(slots, keyed):
        new[slot] = item[2]
    return new


def sweep(layers: list[list[int]], nbrs: list[list[int]], pos: list[int],
          downward: bool) -> None:
    """One barycentre sweep, in place; ``nbrs`` are the fixed-side neighbours."""
    order = range(1, len(layers)) if downward else range(len(layers) - 2, -1, -1)
    for i in order:
        new = _reorder(layers[i], nbrs, pos)
        layers[i] = new
        for j, v in enumerate(new):
            pos[v] = j


def _pair_crossings(nu: list[int], nv: list[int], pos: list[int]) -> int:
    """Crossings among edges of u and v (u left of v) to one side layer."""
    if not nu or not nv:
        return 0
    pv = sorted(pos[b] for b in nv)
    return sum(bisect_left(pv, pos[a]) for a in nu)


def transpose(layers: list[list[int]], up: list[list[int]], down: list[list[int]],
              pos: list[int], n_real: int, max_passes: int = 4) -> None:
    """Swap adjacent nodes while that lowers crossings (both sides), in place.

    Pairs of virtual nodes (id >= ``n_real``) are skipped to save time.
    """
    for _ in range(max_passes):
        improved = False
        for lay in layers:
            for j in range(len(lay) - 1):
                u, v = lay[j], lay[j + 1]
                if u >= n_real and v >= n_real:
                    continue  # two edge bends: swapping rarely matters
                keep = _pair_crossings(up[u], up[v], pos) + _pair_crossings(down[u], down[v], pos)
                swap = _pair_crossings(up[v], up[u], pos) + _pair_crossings(down[v], down[u], pos)
                if swap < keep:
                    lay[j], lay[j + 1] = v, u
                    pos[u], pos[v] = j + 1, j
                    improved = True
        if not improved:
            return


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


def reduce_crossings(layers: list[list[int]], up: list[list[int]],
                     down: list[list[int]], n_real: int, *, max_rounds: int = 12,
                     budget: int = 4_000_000, check: Check | None = None
                     ) -> list[list[int]]:
    """Alternate down/up barycentre sweeps; return the best ordering seen.

    Each sweep is followed by adjacent transpositions unless the graph is
    too big for the work ``budget`` (roughly node visits); the number of
    rounds is bounded by the budget and ``max_rounds``.  Stops early at
    zero crossings or after two rounds without improvement.  ``check`` is
    called between sweeps (it may raise to abort).
    """
    n = len(up)
    use_transpose = n * 20 <= budget
    rounds = max(1, min(max_rounds, budget // (n * (20 if use_transpose else 4))))
    pos = positions_of(layers, n)
    best = [list(lay) for lay in layers]
    best_count = total_crossings(layers, down, pos)
    stale = 0
    cur = [list(lay) for lay in layers]
    for _ in range(rounds):
        if best_count == 0 or stale >= 2:
            break
        for downward in (True, False):
            if check is not None:
                check()
            sweep(cur, up if downward else down, pos, downward)
            if use_transpose:
                transpose(cur, up, down, pos, n_real)
            count = total_crossings(cur, down, pos)
            if count < best_count:
                best_count, best, stale = count, [list(lay) for lay in cur], -1
        stale += 1
    return best
