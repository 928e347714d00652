"""Horizontal coordinate assignment for an ordered layering.

Each layer is placed by a weighted least-squares fit: every node wants to
sit at a *desired* x (centred over its neighbours in the reference layer),
subject to the hard constraint that consecutive nodes keep at least their
minimum separation (half widths plus the gap).  Substituting
``y_i = x_i - offset_i`` turns this into isotonic regression, solved
exactly in linear time by pool-adjacent-violators (:func:`fit_layer`).
So every pass is O(n) and overlap-free by construction.

Passes alternate downwards (children centred under parents) and upwards
(parents centred over children), ending with an upward pass.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import accumulate, islice

Check = Callable[[], None]


def fit_layer(desired: list[float], weights: list[float], seps: list[float]) -> list[float]:
    """Closest positions (weighted least squares) honouring minimum gaps.

    ``seps[i]`` is the minimum distance between item ``i-1`` and item ``i``
    (``seps[0]`` is ignored).

    >>> fit_layer([0.0, 0.0], [1.0, 1.0], [0.0, 10.0])
    [-5.0, 5.0]
    >>> fit_layer([0.0, 50.0], [1.0, 1.0], [0.0, 10.0])
    [0.0, 50.0]
    """
    offsets = list(accumulate(islice(seps, 1, None), initial=0.0))
    b_w: list[float] = []   # block weight
    b_s: list[float] = []   # block weighted sum of targets
    b_m: list[float] = []   # block mean (b_s / b_w)
    b_n: list[int] = []     # block size
    for d, w, o in zip(desired, weights, offsets):
        ss = w * (d - o)
        mean = ss / w
        if b_m and b_m[-1] >= mean:     # pool with the blocks before while they lie higher
            sw, sn = w, 1
            while b_m and b_m[-1] >= mean:
                b_m.pop()
                sw += b_w.pop()
                ss += b_s.pop()
                sn += b_n.pop()
                mean = ss / sw
            b_w.append(sw)
            b_s.append(ss)
            b_n.append(sn)
        else:
            b_w.append(w)
            b_s.append(ss)
            b_n.append(1)
        b_m.append(mean)
    if len(b_n) == len(offsets):        # nothing pooled
        return [m + o for m, o in zip(b_m, offsets)]
    ys: list[float] = []
    for m, sn in zip(b_m, b_n):
        ys.extend([m] * sn) if sn > 1 else ys.append(m)
    return [y + o for y, o in zip(ys, offsets)]


def pack_layer(widths: list[float], seps: list[float]) -> list[float]:
    """Left-to-right packing starting with the first left edge at 0.

    >>> pack_layer([10.0, 20.0], [0.0, 55.0])
    [5.0, 60.0]
    """
    out = []
    x = widths[0] / 2 if widths else 0.0
    for i, s in enumerate(seps):
        if i:
            x += s
        out.append(x)
    return out


def layer_separations(nodes: list[int], width: list[float], n_real: int,
                      h_gap: float) -> list[float]:
    """Minimum centre distances between neighbours in one layer.

    Virtual nodes (id >= ``n_real``) have zero width; two virtual nodes
    need only half a gap between them.

    >>> layer_separations([0, 1], [10.0, 30.0], 2, 40.0)
    [0.0, 60.0]
    """
    half = h_gap / 2
    seps = [0.0]
    seps += [(width[a] + width[b]) / 2 + (h_gap if (a < n_real or b < n_real) else half)
             for a, b in zip(nodes, islice(nodes, 1, None))]
    return seps


def _targets(nodes: list[int], nbrs: list[list[int]], x: list[float],
             n_real: int) -> tuple[list[float], list[float]]:
    """Desired x (midpoint of neighbour span) and weight for each node."""
    desired, weights = [], []
    for v in nodes:
        ns = nbrs[v]
        if len(ns) == 1:
            desired.append(x[ns[0]])
            weights.append(1.0)
        elif ns:
            xs = [x[u] for u in ns]
            desired.append((min(xs) + max(xs)) / 2)
            weights.append(float(len(ns)))
        else:
            desired.append(x[v])
            weights.append(0.25)
    return desired, weights


def assign_x(layers: list[list[int]], up: list[list[int]], down: list[list[int]],
             width: list[float], n_real: int, h_gap: float, *, rounds: int = 4,
             check: Check | None = None, start: list[float] | None = None) -> list[float]:
    """x centre of every node (real and virtual); overlap-free per layer.

    Starts from *start* (e.g. the x of the crossing reduction) if given,
    else from every layer packed from x = 0.
    """
    seps = [layer_separations(lay, width, n_real, h_gap) for lay in layers]
    if start is not None:
        x = list(start)
    else:
        x = [0.0] * len(width)
        for lay, sp in zip(layers, seps):
            for v, xv in zip(lay, pack_layer([width[v] for v in lay], sp)):
                x[v] = xv
    passes = [(range(1, len(layers)), up), (range(len(layers) - 2, -1, -1), down)]
    for _ in range(rounds):
        for order, nbrs in passes:
            if check is not None:
                check()
            for i in order:
                lay = layers[i]
                desired, weights = _targets(lay, nbrs, x, n_real)
                for v, xv in zip(lay, fit_layer(desired, weights, seps[i])):
                    x[v] = xv
    return x
