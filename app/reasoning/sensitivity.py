"""Which single input would swap the two strongest strategies, and at what value.

For the top two strategies a and b, every base score and weight upstream of either of them is
moved alone across [0, 1]: the interval is sampled to bracket a change of order, then bisected.
Only the nodes that are both downstream of the input and upstream of a or b are recomputed.

>>> from app.reasoning.framework import framework_from_edges
>>> fw = framework_from_edges({"a": .5, "b": .4, "r": .5},
...     [("r", "a", "support")], strategies=("a", "b"))
>>> [(f.input, f.field, round(f.flip_at, 5)) for f in sensitivity(fw).flips]  # σ(a) = .75
[('b', 'base_score', 0.75)]
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .evaluate import Evaluation, evaluate, run
from .framework import Framework, ReasoningError
from .order import ancestors, descendants, schedule
from .ranking import rank_key, rank_strategies
from .semantics import update_for

SAMPLES = 8  # sample intervals over [0, 1] used to bracket a swap before bisecting
# |∂σ/∂x| ≤ L for x = any weighted parent contribution w·σ(parent) (Lipschitz constants):
# DF-QuAD max(τ, 1−τ) ≤ 1; QE max h′ = 3√3/8 ≈ 0.6495; Euler (1−τ²)/4 ≤ 1/4; h-cat τ ≤ 1.
LIPSCHITZ = {"dfquad": 1.0, "qe": 0.65, "euler": 0.25, "hcat": 1.0}


@dataclass(frozen=True)
class Flip:
    """Setting ``input``'s ``field`` to ``flip_at`` (alone) swaps the top two strategies."""
    input: str
    field: str
    current: float
    flip_at: float


@dataclass(frozen=True)
class Sensitivity:
    """The top two strategies (a ahead of b) and the inputs that would swap them."""
    semantics: str
    top: tuple[str, str] | None
    flips: list[Flip]


class Probe:
    """Re-evaluates σ(a) and σ(b) with one input of ``fw`` set to other values."""

    def __init__(self, fw: Framework, ev: Evaluation, a: str, b: str):
        self.fw, self.ev, self.a, self.b = fw, ev, a, b
        self.update = update_for(ev.semantics)
        self.relevant = ancestors((a, b), fw.parents)
        self.tau, self.parents = dict(fw.tau), dict(fw.parents)
        self.s = dict(ev.strengths)
        self.input = self.field = None
        self.affected: set[str] = set()

    def _restore(self) -> None:
        """Undo the moves of the previously selected input."""
        if self.input in self.fw.tau:
            self.tau[self.input] = self.fw.tau[self.input]
        elif self.input is not None:
            target = self.fw.edge_index[self.input][0]
            self.parents[target] = self.fw.parents[target]
        for n in self.affected:
            self.s[n] = self.ev.strengths[n]

    def influence(self) -> dict[str, float] | None:
        """Upper bound of |Δσ(a)| + |Δσ(b)| per unit change of σ(x), for each upstream x.

        Sums, over the paths from x to a and b, the products of L·w along the path (a
        Lipschitz bound). None when the upstream region has a cycle (no such bound is used).
        """
        order = schedule(self.relevant, self.fw.parents, self.fw.children)
        if any(item.__class__ is not str for item in order):
            return None
        bound = dict.fromkeys(self.relevant, 0.0)
        bound[self.a] += 1.0
        bound[self.b] += 1.0
        lip = LIPSCHITZ[self.ev.semantics]
        for node in reversed(order):
            for p in self.fw.parents[node]:
                if p.relation == "attack" or self.ev.semantics != "hcat":
                    bound[p.source] += lip * p.weight * bound[node]
        return bound

    def can_swap(self, input_id: str, field: str, bound: dict[str, float] | None) -> bool:
        """False if moving ``input_id`` anywhere in [0, 1] provably cannot close the gap."""
        if bound is None:
            return True
        if field == "base_score":
            reach = bound[input_id]  # σ moves by at most 1
        else:
            target, i = self.fw.edge_index[input_id]
            p = self.fw.parents[target][i]
            if p.relation != "attack" and self.ev.semantics == "hcat":
                return False
            reach = LIPSCHITZ[self.ev.semantics] * self.ev.strengths[p.source] * bound[target]
        gap = self.ev.strengths[self.a] - self.ev.strengths[self.b]
        return reach * (1 + 1e-9) + 1e-11 >= gap

    def inputs(self) -> list[tuple[str, str, float]]:
        """(input id, field, current value) for every input upstream of a or b."""
        nodes = [n for n in self.fw.tau if n in self.relevant]
        found = [(n, "base_score", self.fw.tau[n]) for n in nodes]
        found += [(p.edge, "weight", p.weight) for n in nodes for p in self.fw.parents[n]]
        return found

    def select(self, input_id: str) -> str:
        """Prepare to move ``input_id``; return its field ('base_score' or 'weight')."""
        self._restore()
        if input_id in self.fw.tau:
            self.field, target = "base_score", input_id
        elif input_id in self.fw.edge_index:
            self.field, target = "weight", self.fw.edge_index[input_id][0]
        else:
            raise ReasoningError(f"There is no evaluated node or relation with id {input_id!r}")
        self.input = input_id
        self.affected = descendants((target,), self.fw.children, within=self.relevant)
        self.order = schedule(self.affected, self.fw.parents, self.fw.children)
        return self.field

    def at(self, value: float) -> tuple[float, float] | None:
        """(σ(a), σ(b)) with the selected input at ``value``; None if that does not settle."""
        if self.field == "base_score":
            self.tau[self.input] = value
        else:
            target, i = self.fw.edge_index[self.input]
            plist = list(self.fw.parents[target])
            plist[i] = replace(plist[i], weight=value)
            self.parents[target] = tuple(plist)
        bad = set(self.ev.unconverged) - self.affected
        run(self.order, self.tau, self.parents, self.update, self.s, {}, bad, self.ev.options)
        if self.a in bad or self.b in bad:
            return None
        return self.s[self.a], self.s[self.b]

    def swapped(self, value: float) -> bool:
        """True if b comes out ahead of a with the input at ``value``."""
        pair = self.at(value)
        if pair is None:
            return False
        titles = self.fw.titles
        return rank_key(self.b, titles[self.b], pair[1]) < rank_key(self.a, titles[self.a], pair[0])


def sensitivity(fw: Framework, semantics: str = "dfquad", *, tol: float = 1e-6) -> Sensitivity:
    """The inputs whose change alone swaps the two strongest strategies (nearest flip each)."""
    update_for(semantics)
    if not 0 < tol < 1:
        raise ReasoningError(f"The tolerance must be a small positive number, not {tol!r}")
    ev = evaluate(fw, semantics)
    ranking = rank_strategies(fw, ev)
    if len(ranking) < 2:
        return Sensitivity(semantics, None, [])
    a, b = ranking[0].id, ranking[1].id
    probe = Probe(fw, ev, a, b)
    flips = []
    bound = probe.influence()
    for input_id, field, current in probe.inputs():
        if not probe.can_swap(input_id, field, bound):
            continue
        probe.select(input_id)
        flip_at = _nearest_flip(probe, current, tol)
        if flip_at is not None:
            flips.append(Flip(input_id, field, current, flip_at))
    flips.sort(key=lambda f: (abs(f.flip_at - f.current), f.input))
    return Sensitivity(semantics, (a, b), flips)


def _nearest_flip(probe: Probe, current: float, tol: float) -> float | None:
    """The swapping value nearest to ``current`` (on the swapped side, within tol/4)."""
    grid = [i / SAMPLES for i in range(SAMPLES + 1)]
    candidates = []
    for side in ([v for v in grid if v > current], [v for v in reversed(grid) if v < current]):
        previous = current
        for value in side:
            if probe.swapped(value):
                candidates.append(_bisect(probe, previous, value, tol / 4))
                break
            previous = value
    if not candidates:
        return None
    return min(candidates, key=lambda v: abs(v - current))


def _bisect(probe: Probe, kept: float, swapped: float, width: float) -> float:
    """Narrow [kept, swapped] (order kept at one end, swapped at the other) to ``width``."""
    while abs(swapped - kept) > width:
        mid = (kept + swapped) / 2
        if probe.swapped(mid):
            swapped = mid
        else:
            kept = mid
    return swapped


def sweep(fw: Framework, semantics: str, input_id: str, a: str, b: str,
          steps: int = 41) -> list[tuple[float, float, float]]:
    """(value, σ(a), σ(b)) as ``input_id`` goes from 0 to 1 in ``steps`` even steps.

    Values that do not settle (a cycle that fails to converge) are reported as NaN.
    """
    for node in (a, b):
        if node not in fw.tau:
            raise ReasoningError(f"There is no evaluated node with id {node!r}")
    if isinstance(steps, bool) or not isinstance(steps, int) or steps < 2:
        raise ReasoningError(f"A sweep needs at least 2 steps, not {steps!r}")
    probe = Probe(fw, evaluate(fw, semantics), a, b)
    probe.select(input_id)
    rows = []
    for i in range(steps):
        value = i / (steps - 1)
        pair = probe.at(value) or (float("nan"), float("nan"))
        rows.append((value, pair[0], pair[1]))
    return rows
