"""Comparing the strategies side by side: what each consideration contributes, head to head,
and how the ranking holds up across semantics.

**Contribution.** The contribution of a consideration c to a strategy S is
``σ(S) − σ(S with every relation out of c removed)``: what S would lose (a positive number)
or gain (negative) if c were taken out of the debate, whether c bears on S directly or
through the arguments it supports or attacks. (Removing a relation is the same as giving it
weight 0 in all four semantics.) A consideration *bears on* S when S can be reached from it
through supports and attacks. Contributions are not additive: the cells of a column need not
sum to ``σ(S) − τ(S)`` (two reasons for the same claim overlap under DF-QuAD, for example).

**Separation.** Head to head, a consideration separates A from B by
``contribution to A − contribution to B`` (0 where it does not bear): positive when it
favours A.

>>> from app.reasoning.framework import framework_from_edges
>>> fw = framework_from_edges({"A": .5, "B": .6, "r": .4, "o": .5},
...     [("r", "A", "support"), ("o", "r", "attack"), ("o", "B", "attack")],
...     strategies=("A", "B"))
>>> t = contributions(fw, "dfquad")
>>> [(c.id, round(c.strength, 6)) for c in t.columns]      # σr = .2, σA = .6, σB = .3
[('A', 0.6), ('B', 0.3)]
>>> {r.id: {k: round(v, 6) for k, v in r.contributions.items()} for r in t.rows}
{'o': {'A': -0.1, 'B': -0.3}, 'r': {'A': 0.1}}
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Mapping

from .evaluate import Evaluation, evaluate, reevaluate
from .framework import EDGE, RELATION, SOURCE, Framework, ReasoningError
from .order import ancestors, descendants, schedule
from .probe import Probe
from .ranking import rank_strategies
from .semantics import SEMANTICS
from .sensitivity import WORK, Cancelled, Sensitivity, pair_flips

NAMES = {"dfquad": "DF-QuAD", "qe": "quadratic energy", "euler": "the Euler-based semantics",
         "hcat": "the h-categorizer, which ignores supports"}
ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth")


@dataclass(frozen=True)
class Column:
    """One strategy: its strength and rank (1 = strongest)."""
    id: str
    title: str
    strength: float
    rank: int


@dataclass(frozen=True)
class Row:
    """One consideration: its contribution to each strategy it bears on (others absent)."""
    id: str
    title: str
    contributions: dict[str, float]
    order: int            # position in the map

    @property
    def influence(self) -> float:
        """Σ |contribution| over the strategies: how much the consideration matters overall."""
        return sum(abs(v) for v in self.contributions.values())


@dataclass(frozen=True)
class Table:
    """Strategies as columns (ranked), considerations as rows (most influential first)."""
    semantics: str
    converged: bool
    method: str
    columns: list[Column]
    rows: list[Row]


def _poll(should_stop: Callable[[], bool] | None) -> None:
    if should_stop is not None and should_stop():
        raise Cancelled("stopped on request")


def contributions(fw: Framework, semantics: str = "dfquad", *, base: Evaluation | None = None,
                  should_stop: Callable[[], bool] | None = None,
                  progress: Callable[[int, int], None] | None = None) -> Table:
    """The comparison table of ``fw`` under ``semantics`` (see the module docstring).

    Each consideration costs a recomputation of what it reaches, so a large map takes a while:
    ``should_stop`` is polled (raising :class:`Cancelled`) and ``progress(done, total)`` told
    as the considerations are done."""
    ev = base if base is not None and base.semantics == semantics else evaluate(fw, semantics)
    ranking = rank_strategies(fw, ev)
    columns = [Column(e.id, e.title, e.strength, i) for i, e in enumerate(ranking, 1)]
    reach = {s: ancestors((s,), fw.parents) - {s} for s in fw.strategies}
    position = {n: i for i, n in enumerate(fw.tau)}
    considered = sorted(set().union(*reach.values()) if reach else set(), key=position.get)
    out_edges = _out_edges(fw)
    probe = _CutProbe(fw, ev, fw.strategies, poll=lambda: _poll(should_stop))
    rows = []
    for done, node in enumerate(considered):
        _poll(should_stop)
        if progress is not None and done % 50 == 0:
            progress(done, len(considered))
        strengths = probe.cut(node)
        if strengths is None:    # a cycle did not settle warm: evaluate as evaluate() would
            cut = {e: 0.0 for e in out_edges[node]}
            strengths = reevaluate(fw.with_values(cut), ev, list(cut)).strengths
        cells = {s: ev.strengths[s] - strengths[s] for s in fw.strategies if node in reach[s]}
        rows.append(Row(node, fw.titles[node], cells, position[node]))
    return Table(semantics, ev.converged, ev.method, columns, sort_rows(rows, "influence"))


class _CutProbe(Probe):
    """The watched strengths with every relation out of one node cut (weight 0), recomputed
    only where that node reaches (the Probe machinery, with a cut instead of a moved input)."""

    _cut: tuple[str, ...] = ()

    def cut(self, node: str) -> dict[str, float] | None:
        """The strengths (a live dict) without *node*'s relations; None if a cycle did not
        settle."""
        self._check()
        self._restore()
        for target in self._cut:
            self.parents[target] = self.fw.parents[target]
        self.input = self._region_of = None
        self.failed = set()
        targets = tuple(t for t in self.fw.children[node] if t in self.relevant)
        self._cut = targets
        self.affected = descendants(targets, self.fw.children, within=self.relevant)
        self.order = schedule(self.affected, self.fw.parents, self.fw.children)
        for target in targets:
            self.parents[target] = tuple((p[SOURCE], p[RELATION], 0.0, p[EDGE])
                                         if p[SOURCE] == node else p
                                         for p in self.fw.parents[target])
        dirty = set(targets)
        for item in self.order:
            if item.__class__ is str:
                self._node(item, dirty)
            else:
                self._cycle(item, dirty, False)
        return None if self.failed else self.s


def _out_edges(fw: Framework) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {n: [] for n in fw.tau}
    for plist in fw.parents.values():
        for src, _r, _w, edge in plist:
            out[src].append(edge)
    return out


def sort_rows(rows: list[Row], by: str = "influence",
              spread: Mapping[str, float] | None = None) -> list[Row]:
    """Rows by total ``influence`` (largest first), by ``disagreement`` (the workshop spread
    of each consideration's base score, largest first; pass ``spread``) or in ``map`` order."""
    if by == "influence":
        return sorted(rows, key=lambda r: (-round(r.influence, 12), r.order))
    if by == "disagreement":
        spread = spread or {}
        return sorted(rows, key=lambda r: (-spread.get(r.id, 0.0), -r.influence, r.order))
    if by == "map":
        return sorted(rows, key=lambda r: r.order)
    raise ReasoningError(f"Rows sort by influence, disagreement or map, not {by!r}")


@dataclass(frozen=True)
class Separation:
    """How much one consideration favours a over b (its contribution to each, 0 if none)."""
    id: str
    title: str
    a: float
    b: float

    @property
    def difference(self) -> float:
        return self.a - self.b


@dataclass(frozen=True)
class HeadToHead:
    """Strategy ``a`` (currently ahead) against ``b``: what separates them, what reverses them."""
    a: str
    b: str
    separating: list[Separation]
    flips: Sensitivity


def head_to_head(fw: Framework, semantics: str, a: str, b: str, *, table: Table | None = None,
                 base: Evaluation | None = None, work: int = WORK,
                 should_stop: Callable[[], bool] | None = None,
                 progress: Callable[[int, int], None] | None = None) -> HeadToHead:
    """Compare two strategies: the considerations that separate them most (largest
    |difference| first) and every single input whose change alone reverses them."""
    flips = pair_flips(fw, semantics, a, b, base=base, work=work, should_stop=should_stop,
                       progress=progress)
    first, second = flips.top
    if table is None or table.semantics != semantics:
        table = contributions(fw, semantics, base=base, should_stop=should_stop)
    return HeadToHead(first, second, separation(table, first, second), flips)


def ahead(table: Table, a: str, b: str) -> tuple[str, str]:
    """The two strategies *a* and *b* of *table*, the one ranked higher first."""
    rank = {c.id: c.rank for c in table.columns}
    for sid in (a, b):
        if sid not in rank:
            raise ReasoningError(f"{sid!r} is not a strategy of this map")
    if a == b:
        raise ReasoningError("Choose two different strategies to compare")
    return (a, b) if rank[a] <= rank[b] else (b, a)


def separation(table: Table, a: str, b: str) -> list[Separation]:
    """The considerations that separate strategies *a* and *b* (contribution to a minus
    contribution to b, 0 where one does not bear), largest |difference| first; those that do
    not separate them at all are left out.

    >>> t = Table("dfquad", True, "exact", [], [Row("o", "Costs", {"A": -.1, "B": -.3}, 0),
    ...                                        Row("r", "Wins", {"A": .1}, 1)])
    >>> [(s.id, round(s.difference, 6)) for s in separation(t, "A", "B")]
    [('o', 0.2), ('r', 0.1)]
    """
    seps = [Separation(r.id, r.title, r.contributions.get(a, 0.0), r.contributions.get(b, 0.0))
            for r in table.rows if a in r.contributions or b in r.contributions]
    seps = [s for s in seps if round(s.difference, 12) != 0]
    seps.sort(key=lambda s: (-abs(s.difference), s.title, s.id))
    return seps


@dataclass(frozen=True)
class Robustness:
    """The ranking (strategy ids, strongest first) under every semantics, and a sentence;
    ``strengths[semantics][strategy]`` is the strategy's strength there."""
    rankings: dict[str, list[str]]
    converged: dict[str, bool]
    leader: str | None
    sentence: str
    strengths: dict[str, dict[str, float]] = field(default_factory=dict)


def robustness(fw: Framework, *, should_stop: Callable[[], bool] | None = None,
               prefer: str = "dfquad") -> Robustness:
    """Rank under all four semantics; say in one sentence how far the leader holds.

    The strategy named is the one that leads under the most semantics (ties: the leader
    under ``prefer``, then by title).
    """
    rankings, converged, strengths = {}, {}, {}
    for sem in SEMANTICS:
        _poll(should_stop)
        ev = evaluate(fw, sem)
        ranked = rank_strategies(fw, ev)
        rankings[sem] = [e.id for e in ranked]
        strengths[sem] = {e.id: e.strength for e in ranked}
        converged[sem] = ev.converged
    if not fw.strategies:
        return Robustness(rankings, converged, None, "This map has no strategies to rank.",
                          strengths)
    leader = _most_leading(fw, rankings, prefer)
    return Robustness(rankings, converged, leader,
                      _sentence(fw.titles, rankings, converged, leader), strengths)


def _most_leading(fw: Framework, rankings: dict[str, list[str]], prefer: str) -> str:
    wins = {s: sum(r[0] == s for r in rankings.values()) for s in fw.strategies}
    preferred = rankings.get(prefer, [None])[0]
    return min(fw.strategies, key=lambda s: (-wins[s], s != preferred, fw.titles[s], s))


def describe(robust: Robustness, titles: Mapping[str, str]) -> str:
    """The robustness sentence again with other *titles* (after a rename; nothing evaluated)."""
    if robust.leader is None:
        return robust.sentence
    return _sentence(titles, robust.rankings, robust.converged, robust.leader)


def _sentence(titles, rankings, converged, leader) -> str:
    title = titles.get(leader, leader)
    led = [sem for sem, r in rankings.items() if r[0] == leader]
    total = len(rankings)
    if len(led) == total:
        text = f"{title} leads under all {total} semantics"
    else:
        places = [f"{NAMES[sem]}{',' if sem == 'hcat' else ''} puts it "
                  f"{_place(r.index(leader) + 1, len(r))}"
                  for sem, r in rankings.items() if r[0] != leader]
        text = f"{title} leads under {len(led)} of {total} semantics; " + "; ".join(places)
    unsettled = [NAMES[sem] for sem, ok in converged.items() if not ok]
    if unsettled:
        text += f" (the strengths did not settle under {', '.join(unsettled)})"
    return text + "."


def _place(rank: int, count: int) -> str:
    if rank == count and count > 1:
        return "last"
    return ORDINALS[rank - 1] if rank <= len(ORDINALS) else f"{rank}th"
