"""What a sensitivity search watches (a pair of strategies, or who leads) and cheap facts
about each input that let the search skip or shorten its work.

An outcome has ``watched`` strategies, ``top`` (the pair reported), ``changed(σ)`` (has the
outcome changed?), a continuous ``margin(σ)`` that is ≥ 0 while it has not (the root finder
interpolates on it) and ``winner(σ)`` (who leads then, for leader changes). A change is
strict: another strategy must come out *stronger*; a tie (which the ranking settles by title)
is not a reversal.

>>> from app.reasoning.framework import framework_from_edges
>>> fw = framework_from_edges({"a": .5, "b": .4}, [], strategies=("a", "b"))
>>> pair = Pair(fw, "a", "b", {"a": .5, "b": .4})
>>> pair.changed({"a": .5, "b": .6}), round(pair.margin({"a": .5, "b": .4}), 6)
(True, 0.1)
"""

from __future__ import annotations

from typing import Protocol

from .framework import EDGE, RELATION, SOURCE, WEIGHT
from .order import ancestors, schedule
from .probe import NEG, POS, Probe, path_signs
from .ranking import TIE_DIGITS, rank_key

# |∂σ/∂x| ≤ L for x = any weighted parent contribution w·σ(parent) (Lipschitz constants):
# DF-QuAD max(τ, 1−τ) ≤ 1; QE max h′ = 3√3/8 ≈ 0.6495; Euler (1−τ²)/4 ≤ 1/4; h-cat τ ≤ 1.
LIPSCHITZ = {"dfquad": 1.0, "qe": 0.65, "euler": 0.25, "hcat": 1.0}


class Outcome(Protocol):
    watched: tuple[str, ...]
    top: tuple[str, str]

    def changed(self, s) -> bool: ...
    def margin(self, s) -> float: ...
    def winner(self, s) -> str | None: ...
    def lowest(self, lo, hi) -> float: ...
    def monotone(self, dirs: dict[str, int]) -> int: ...


def _ahead(x: float, y: float) -> bool:
    """True when strength *x* is strictly above *y* (a tie to TIE_DIGITS digits is not)."""
    return round(x, TIE_DIGITS) > round(y, TIE_DIGITS)


def _flip(mask: int) -> int:
    return ((mask & POS) << 1) | ((mask & NEG) >> 1)


class Pair:
    """Strategy ``a`` (ahead) and ``b``: has b come out ahead of a?"""

    def __init__(self, fw, a: str, b: str, sigma):
        self.a, self.b, self.titles, self.sigma = a, b, fw.titles, sigma
        self.watched = self.top = (a, b)

    def changed(self, s) -> bool:
        return _ahead(s[self.b], s[self.a])

    def margin(self, s) -> float:
        return s[self.a] - s[self.b]

    def winner(self, s) -> str | None:
        return None

    def lowest(self, lo, hi) -> float:
        """The smallest margin the bounds allow (nodes not in them are at σ)."""
        return lo.get(self.a, self.sigma[self.a]) - hi.get(self.b, self.sigma[self.b])

    def monotone(self, dirs: dict[str, int]) -> int:
        """The signs with which the margin can move (POS|NEG bits; 0: it cannot)."""
        return dirs.get(self.a, 0) | _flip(dirs.get(self.b, 0))


class Leader:
    """Every strategy of a ranking: does another one than today's leader come first?"""

    def __init__(self, fw, ranking, sigma):
        self.titles, self.sigma = fw.titles, sigma
        self.lead = ranking[0].id
        self.watched = tuple(e.id for e in ranking)
        self.top = (ranking[0].id, ranking[1].id)

    def winner(self, s) -> str:
        t = self.titles
        return min(self.watched, key=lambda x: rank_key(x, t[x], s[x]))

    def changed(self, s) -> bool:
        return any(_ahead(s[o], s[self.lead]) for o in self.watched if o != self.lead)

    def margin(self, s) -> float:
        return s[self.lead] - max(s[o] for o in self.watched if o != self.lead)

    def lowest(self, lo, hi) -> float:
        sig = self.sigma
        return lo.get(self.lead, sig[self.lead]) - max(hi.get(o, sig[o]) for o in self.watched
                                                       if o != self.lead)

    def monotone(self, dirs: dict[str, int]) -> int:
        mask = dirs.get(self.lead, 0)
        for o in self.watched:
            if o != self.lead:
                mask |= _flip(dirs.get(o, 0))
        return mask


def distances(probe: Probe) -> dict[str, int]:
    """Relations between each relevant node and the nearest watched strategy."""
    dist = dict.fromkeys(probe.watched, 0)
    frontier = list(probe.watched)
    while frontier:
        nxt = []
        for node in frontier:
            for p in probe.fw.parents[node]:
                if p[SOURCE] not in dist:
                    dist[p[SOURCE]] = dist[node] + 1
                    nxt.append(p[SOURCE])
        frontier = nxt
    return dist


def ordered_inputs(probe: Probe) -> list[tuple[str, str, float]]:
    """(input id, field, current value) upstream of the watched strategies, nearest first
    (a node's base score, then the weights of its relations: they reach the same nodes)."""
    fw, dist = probe.fw, distances(probe)
    found = []
    for n in fw.tau:
        if n in probe.relevant:
            found.append((dist[n], len(found), n, "base_score", fw.tau[n]))
            for p in fw.parents[n]:
                found.append((dist[n], len(found), p[EDGE], "weight", p[WEIGHT]))
    found.sort()
    return [item[2:] for item in found]


def influence(probe: Probe) -> dict[str, float] | None:
    """Upper bound of Σ |Δσ(watched)| per unit change of σ(x), for each upstream x.

    Sums, over the paths from x to the watched strategies, the products of L·w along the
    path (a Lipschitz bound). None when the upstream region has a cycle (no bound then).
    """
    fw, semantics = probe.fw, probe.ev.semantics
    order = schedule(probe.relevant, fw.parents, fw.children)
    if any(item.__class__ is not str for item in order):
        return None
    bound = dict.fromkeys(probe.relevant, 0.0)
    for w in probe.watched:
        bound[w] += 1.0
    lip = LIPSCHITZ[semantics]
    for node in reversed(order):
        for p in fw.parents[node]:
            if p[RELATION] == "attack" or semantics != "hcat":
                bound[p[SOURCE]] += lip * p[WEIGHT] * bound[node]
    return bound


def monotone_inputs(probe: Probe, outcome: Outcome) -> dict[str, str]:
    """Inputs whose effect is known: "none" (it reaches no watched strategy through a path
    that counts) or "mono" (no cycle on its way, and every path pushes the margin the same
    way, so the outcome is monotone in it). Other inputs are not listed."""
    fw, semantics = probe.fw, probe.ev.semantics
    signs = {w: path_signs(fw, semantics, w, probe.relevant) for w in outcome.watched}
    order = schedule(probe.relevant, fw.parents, fw.children)
    in_cycles = [n for item in order if item.__class__ is not str for n in item]
    cyclic = ancestors(in_cycles, fw.parents) if in_cycles else set()
    known: dict[str, str] = {}
    for node in probe.relevant:
        _classify(known, node, POS, node, signs, outcome, node in cyclic)
        for p in fw.parents[node]:
            start = 0 if (semantics == "hcat" and p[RELATION] != "attack") else (
                NEG if p[RELATION] == "attack" else POS)
            _classify(known, p[EDGE], start, node, signs, outcome, node in cyclic)
    return known


def _classify(known, input_id, start, seed, signs, outcome, cyclic) -> None:
    dirs = {}
    for w, table in signs.items():
        mask = table.get(seed, 0) if start else 0
        dirs[w] = _flip(mask) if start == NEG else mask
    mask = outcome.monotone(dirs)
    if mask == 0:
        known[input_id] = "none"
    elif mask in (POS, NEG) and not cyclic:
        known[input_id] = "mono"
