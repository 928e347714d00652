"""Re-evaluating a few strategies while one input of a framework moves (used by sensitivity).

A :class:`Probe` keeps a working copy of the strengths. After :meth:`Probe.select` picks an
input (a base score or a weight), each :meth:`Probe.at` sets it to a value and recomputes only
what it reaches on the way to the watched strategies: nodes in topological order, and only
those with a parent that actually moved; a cycle is re-solved starting from the previous
solution (or, ``cold``, from the base scores as ``evaluate`` does), going straight to RK4 when
the full evaluation needed it (small cycles are first tried with Newton's method). Work is counted in node updates plus parents read; a probe
that would go over the budget raises :class:`OutOfWork`, and ``poll`` (called between
nodes' batches and inside long solves) may raise to cancel.

>>> from app.reasoning.framework import framework_from_edges
>>> from app.reasoning.evaluate import evaluate
>>> fw = framework_from_edges({"a": .5, "r": .4}, [("r", "a", "support", 1.0, "ra")])
>>> probe = Probe(fw, evaluate(fw), ("a",))
>>> probe.select("r")
'base_score'
>>> round(probe.at(1.0)["a"], 6), round(probe.at(0.0)["a"], 6)   # σa = .5 + .5·τr
(1.0, 0.5)
"""

from __future__ import annotations

from typing import Callable, Iterable

from .evaluate import Evaluation, solve_cycle
from .framework import EDGE, RELATION, SOURCE, Framework, ReasoningError
from .newton import MAX_SIZE as NEWTON_SIZE, newton
from .order import ancestors, descendants, schedule
from .semantics import ATTACK, update_for

POS, NEG = 1, 2  # bits of a set of path signs


class OutOfWork(Exception):
    """The work budget is spent (internal: sensitivity turns it into a partial result)."""


class Probe:
    """σ of the ``watched`` nodes with one input of ``fw`` moved, recomputed incrementally."""

    def __init__(self, fw: Framework, ev: Evaluation, watched: Iterable[str], *,
                 budget: int | None = None, poll: Callable[[], None] | None = None):
        self.fw, self.ev, self.watched = fw, ev, tuple(watched)
        self.update = update_for(ev.semantics)
        self.relevant = ancestors(self.watched, fw.parents)
        self.tau, self.parents = dict(fw.tau), dict(fw.parents)
        self.s = dict(ev.strengths)
        self.rk4 = {key for key, (method, _) in ev.cycles.items() if method == "rk4"}
        self.budget, self.poll, self.work = budget, poll, 0
        self.input = self.field = self.seed = None
        self.affected: set[str] = set()
        self.order: list = []
        self._region_of: str | None = None
        self.failed: set[str] = set()   # cyclic components (by first id) left unsettled

    # ----- choosing an input ----------------------------------------------------------
    def select(self, input_id: str) -> str:
        """Prepare to move ``input_id``; return its field ('base_score' or 'weight')."""
        self._check()
        self._restore()
        if input_id in self.fw.tau:
            self.field, self.seed = "base_score", input_id
        elif input_id in self.fw.edge_index:
            self.field, self.seed = "weight", self.fw.edge_index[input_id][0]
        else:
            raise ReasoningError(f"There is no evaluated node or relation with id {input_id!r}")
        self.input = input_id
        if self._region_of != self.seed:   # a node's score and its relations share a region
            self.affected = descendants((self.seed,), self.fw.children, within=self.relevant)
            self.order = schedule(self.affected, self.fw.parents, self.fw.children)
            self._region_of = self.seed
            self.work += sum(1 + len(self.fw.parents[n]) for n in self.affected)
        self.failed = set()
        return self.field

    @property
    def cyclic(self) -> bool:
        """True if what the selected input reaches contains a cycle."""
        return any(item.__class__ is not str for item in self.order)

    def _restore(self) -> None:
        """Put the previous input and everything it reached back to the base values."""
        if self.input in self.fw.tau:
            self.tau[self.input] = self.fw.tau[self.input]
        elif self.input is not None:
            self.parents[self.seed] = self.fw.parents[self.seed]
        base = self.ev.strengths
        for n in self.affected:
            self.s[n] = base[n]

    def _check(self) -> None:
        """Raise OutOfWork when the budget is spent; let ``poll`` cancel."""
        if self.budget is not None and self.work >= self.budget:
            raise OutOfWork
        if self.poll is not None:
            self.poll()

    def _set(self, value: float) -> None:
        if self.field == "base_score":
            self.tau[self.input] = value
            return
        target, i = self.fw.edge_index[self.input]
        plist = list(self.fw.parents[target])
        source, relation, _w, edge = plist[i]
        plist[i] = (source, relation, value, edge)
        self.parents[target] = tuple(plist)

    # ----- moving it --------------------------------------------------------------------
    def at(self, value: float, *, cold: bool = False) -> dict[str, float] | None:
        """The strengths (a live dict: read, do not keep) with the input at ``value``.

        None if a cycle did not settle. ``cold`` recomputes every reached node and solves
        cycles from the base scores, exactly as ``evaluate`` would.
        """
        self._check()
        self._set(value)
        dirty = {self.seed} if not cold else None
        for item in self.order:
            if item.__class__ is str:
                self._node(item, dirty)
            else:
                self._cycle(item, dirty, cold)
        return None if self.failed else self.s

    def _node(self, node: str, dirty: set | None) -> None:
        plist = self.parents[node]
        if dirty is not None and node not in dirty and not any(p[SOURCE] in dirty for p in plist):
            return
        self.work += 1 + len(plist)
        v = self.update(self.tau[node], plist, self.s)
        if dirty is not None and v != self.s[node]:
            dirty.add(node)
        self.s[node] = v

    def _cycle(self, comp: tuple, dirty: set | None, cold: bool) -> None:
        parents = self.parents
        if dirty is not None and not any(n in dirty or any(p[SOURCE] in dirty for p in parents[n])
                                         for n in comp):
            return
        before = [self.s[n] for n in comp]
        size = sum(1 + len(parents[n]) for n in comp)
        settled = False
        if not cold and len(comp) <= NEWTON_SIZE:
            settled, spent = newton(comp, self.tau, parents, self.update, self.s,
                                    self.ev.options["tol"])
            self.work += spent
            if not settled:
                self.s.update(zip(comp, before))
        if not settled:
            left = None if self.budget is None else self.budget - self.work
            method, count, settled = solve_cycle(
                comp, self.tau, parents, self.update, self.s, self.ev.options, warm=not cold,
                skip_iteration=not cold and comp[0] in self.rk4, budget=left, poll=self.poll)
            self.work += count * size * (4 if method == "rk4" else 1)
            if not settled and left is not None and self.work + 4 * size >= self.budget:
                raise OutOfWork
        (self.failed.discard if settled else self.failed.add)(comp[0])
        if dirty is not None:
            dirty.update(n for n, v in zip(comp, before) if self.s[n] != v)


    def enclose(self) -> tuple[dict[str, float], dict[str, float]]:
        """(low, high) bounds of every reached node's σ over the input's whole range [0, 1].

        Sound because every semantics rises with τ, a supporter's w·σ and falls with an
        attacker's: each node's bounds come from its parents' (attackers at the other
        end). Nodes whose bounds have shrunk to their value (to the last bit) are left out.
        Only for an acyclic reach (see :attr:`cyclic`); call it before :meth:`at`.
        """
        base, lo, hi = self.ev.strengths, {}, {}
        for node in self.order:
            plist = self.fw.parents[node]
            if node != self.seed and not any(p[SOURCE] in lo for p in plist):
                continue          # its parents' bounds have shrunk to their values
            t_lo = t_hi = self.tau[node]
            p_lo = p_hi = plist
            if self.field == "base_score" and node == self.input:
                t_lo, t_hi = 0.0, 1.0
            elif self.field == "weight" and node == self.seed:
                p_lo, p_hi = _weights_at_ends(plist, self.input)
            v_lo, v_hi = {}, {}
            for p in plist:
                a, b = (lo[p[SOURCE]], hi[p[SOURCE]]) if p[SOURCE] in lo else (base[p[SOURCE]],) * 2
                if p[RELATION] == ATTACK:
                    a, b = b, a
                if v_lo.setdefault(p[SOURCE], a) != a or v_hi.setdefault(p[SOURCE], b) != b:
                    v_lo = None   # one source both supports and attacks: no tight bound
                    break
            self.work += 5 * (1 + len(plist))   # two updates and two small dicts
            if v_lo is None:
                lo[node], hi[node] = 0.0, 1.0
            else:
                low, high = self.update(t_lo, p_lo, v_lo), self.update(t_hi, p_hi, v_hi)
                if low != base[node] or high != base[node]:
                    lo[node], hi[node] = low, high
        return lo, hi


def _weights_at_ends(plist: tuple, edge: str) -> tuple[tuple, tuple]:
    """The parents with relation ``edge`` at the weight giving the lowest, and the highest σ."""
    low, high = [], []
    for p in plist:
        if p[EDGE] == edge:
            weak, strong = (p[SOURCE], p[RELATION], 0.0, edge), (p[SOURCE], p[RELATION], 1.0, edge)
            low.append(strong if p[RELATION] == ATTACK else weak)
            high.append(weak if p[RELATION] == ATTACK else strong)
        else:
            low.append(p)
            high.append(p)
    return tuple(low), tuple(high)


def path_signs(fw: Framework, semantics: str, target: str, within: set[str]) -> dict[str, int]:
    """For each node that reaches ``target``: the signs (POS|NEG bits) of its paths to it.

    A path's sign is + when σ(target) rises with σ(node) along it (an even number of
    attacks); the h-categorizer ignores supports, so they are no paths there.

    >>> from app.reasoning.framework import framework_from_edges
    >>> fw = framework_from_edges({"t": .5, "x": .5, "y": .5},
    ...     [("x", "t", "support"), ("y", "t", "attack"), ("x", "y", "attack")])
    >>> path_signs(fw, "dfquad", "t", set(fw.tau)) == {"t": POS, "x": POS, "y": NEG}
    True
    """
    signs = {target: POS}
    todo = [target]
    while todo:
        node = todo.pop()
        mask = signs[node]
        for p in fw.parents[node]:
            if p[SOURCE] not in within:
                continue
            if p[RELATION] == ATTACK:
                m = ((mask & POS) << 1) | ((mask & NEG) >> 1)
            elif semantics == "hcat":
                continue
            else:
                m = mask
            old = signs.get(p[SOURCE], 0)
            if old | m != old:
                signs[p[SOURCE]] = old | m
                todo.append(p[SOURCE])
    return signs
