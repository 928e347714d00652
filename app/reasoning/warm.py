"""Re-solving a cyclic component from its previous solution, where that provably gives the same
fixed point (``reevaluate``).

A full evaluation solves a cycle from the base scores. After an edit, starting from the old
solution and recomputing only the nodes whose inputs moved is far cheaper, but it is only
right if the component has one fixed point, whichever start the solver takes. A
:class:`Certificate` proves that: every semantics bounds how much a node's new strength can
move per unit move of one parent (``gain(τ)`` times the relation's weight), which gives a
non-negative matrix B over the component; a positive vector x with B·x ≤ c·x for c < 1 makes
the update a contraction in the norm max |v_i| / x_i, so it has exactly one fixed point and any
order of updates reaches it. The vector is found by a few rounds of power iteration and kept
with the evaluation (it depends on the component's own base scores and inner weights only).

:func:`settle` then updates nodes from a queue, passing a change on to a node only once the
changes it has missed could have moved it by more than ``tol·(1 − c)·x_i``; what is left when
the queue is empty is within ``tol`` of the fixed point (a residual r gives a distance of at
most |r|/(1 − c)).

>>> from app.reasoning.framework import framework_from_edges
>>> fw = framework_from_edges({"a": .6, "b": .7}, [("a", "b", "attack", .5), ("b", "a", "attack", .5)])
>>> cert = certify(("a", "b"), fw.tau, fw.parents, "dfquad")
>>> round(cert.bound, 3)
0.35
>>> certify(("a", "b"), {"a": 1.0, "b": 1.0}, framework_from_edges({"a": 1, "b": 1},
...     [("a", "b", "attack"), ("b", "a", "attack")]).parents, "dfquad") is None
True
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from .semantics import ATTACK

MAX_BOUND = 0.98     # a contraction slower than this is not worth certifying
ROUNDS = 80          # power-iteration rounds at most
FLOOR = 1e-3         # keeps every entry of x positive (relative to the largest)
QE_SLOPE = 0.6496    # the steepest slope of h(x) = x²/(1+x²), 3√3/8 ≈ 0.64952, rounded up


def gain(semantics: str, tau: float) -> float:
    """An upper bound of |∂σ/∂(w·σ_parent)| for a node of base score *tau*, anywhere."""
    if semantics == "dfquad":
        return max(tau, 1.0 - tau)
    if semantics == "qe":
        return max(tau, 1.0 - tau) * QE_SLOPE
    if semantics == "euler":
        return (1.0 - tau * tau) / 4.0
    return tau            # hcat: τ·w/(1 + Σ)² ≤ τ·w


@dataclass(frozen=True)
class Certificate:
    """B·x ≤ bound·x over the component ``inside`` (x is ``weights``, largest entry 1)."""
    bound: float
    weights: dict
    inside: frozenset


def certify(comp: tuple, tau, parents, semantics: str, start: dict | None = None
            ) -> Certificate | None:
    """A certificate that *comp* has exactly one fixed point, or None if none was found.
    *start* (weights of earlier certificates, by node) usually passes in a round or two.

    The rounds multiply by I + B/c rather than B: components made of mutual attacks are
    periodic, and plain power iteration would swing between two vectors."""
    index = {n: i for i, n in enumerate(comp)}
    rows = [[(index[src], b) for src, b in _row(n, index, tau, parents, semantics)]
            for n in comp]
    start = start or {}
    x = [start.get(n, 1.0) for n in comp]
    for _ in range(ROUNDS):
        y = [sum([b * x[j] for j, b in row]) for row in rows]
        bound = max([v / w for v, w in zip(y, x)])
        if bound <= MAX_BOUND:
            return Certificate(bound, dict(zip(comp, x)), frozenset(comp))
        floor = FLOOR * max(y)
        x = [v + bound * w + floor for v, w in zip(y, x)]
        top = max(x)
        x = [v / top for v in x]
    return None


def recheck(cert: Certificate, nodes, tau, parents, semantics: str) -> Certificate | None:
    """*cert* after the base scores or relations into *nodes* changed (the rest of the
    component as before), or None if its weights no longer prove one fixed point."""
    x = cert.weights
    bound = cert.bound
    for n in nodes:
        row = _row(n, x, tau, parents, semantics)
        ratio = sum([b * x[src] for src, b in row]) / x[n]
        if ratio > MAX_BOUND:
            return None
        bound = max(bound, ratio)
    return Certificate(bound, x, cert.inside)


def _row(n, inside, tau, parents, semantics: str) -> list:
    """(parent inside the component, bound of n's slope in that parent's strength)."""
    g = gain(semantics, tau[n])
    hcat = semantics == "hcat"
    return [(src, g * w) for src, rel, w, _e in parents[n]
            if src in inside and (not hcat or rel == ATTACK)]


def settle(comp: tuple, seeds, tau, parents, children, update, s, cert: Certificate,
           tol: float, cap: int) -> tuple[bool, int, set]:
    """Bring *comp* to its fixed point from the values in *s*, starting with the nodes
    *seeds* (whose inputs changed); (settled, node updates, the nodes whose value moved).
    Not settled means *cap* updates were not enough (then *s* is left half-way)."""
    inside, x = cert.inside, cert.weights
    theta = tol * (1.0 - cert.bound)
    queue = deque(n for n in comp if n in seeds)
    queued = set(queue)
    missed: dict = {}            # node → how far its update may have moved since computed
    moved: set = set()
    work = 0
    while queue:
        n = queue.popleft()
        queued.discard(n)
        missed.pop(n, None)
        new = update(tau[n], parents[n], s)
        work += 1
        d = new - s[n]
        if d == 0.0:
            continue
        d = abs(d)
        s[n] = new
        moved.add(n)
        if work > cap:
            return False, work, moved
        for child in children[n]:
            if child in queued or child not in inside:
                continue
            due = missed.get(child, 0.0) + d      # gains and weights are at most 1
            if due > theta * x[child]:
                queue.append(child)
                queued.add(child)
            else:
                missed[child] = due
    return True, work, moved
