"""Ranking strategies by strength, and why a strategy is as strong as it is.

>>> from app.reasoning.framework import framework_from_edges
>>> from app.reasoning.evaluate import evaluate
>>> fw = framework_from_edges({"s": .5, "t": .5, "r": .4}, [("r", "s", "support")],
...                           strategies=("s", "t"), titles={"s": "Plan S", "t": "Plan T"})
>>> [e.id for e in rank_strategies(fw, evaluate(fw))]
['s', 't']
>>> [(c.node, round(c.delta, 6)) for c in why(fw, "dfquad", "s")]
[('r', 0.2)]
"""

from __future__ import annotations

from dataclasses import dataclass

from .evaluate import Evaluation, evaluate, reevaluate
from .framework import EDGE, RELATION, SOURCE, Framework, ReasoningError

TIE_DIGITS = 12  # strengths equal to this many digits count as a tie


def level(a: float | None, b: float | None) -> bool:
    """True when strengths *a* and *b* tie (the ranking then orders them by title).

    >>> level(0.85, 0.85 + 1e-14), level(0.85, 0.8501), level(None, 0.5)
    (True, False, False)
    """
    return a is not None and b is not None and round(a, TIE_DIGITS) == round(b, TIE_DIGITS)


@dataclass(frozen=True)
class RankEntry:
    """One strategy in a ranking."""
    id: str
    title: str
    strength: float


@dataclass(frozen=True)
class Contribution:
    """How much one direct parent adds to (delta > 0) or takes from a node's strength."""
    node: str
    edge: str
    relation: str
    delta: float


def rank_key(entry_id: str, title: str, strength: float) -> tuple:
    """Sort key: strongest first; ties by title, then id."""
    return (-round(strength, TIE_DIGITS), title, entry_id)


def rank_strategies(fw: Framework, ev: Evaluation) -> list[RankEntry]:
    """The strategies of ``fw``, strongest first (ties broken by title, then id)."""
    entries = [RankEntry(s, fw.titles.get(s, s), ev.strengths[s]) for s in fw.strategies]
    entries.sort(key=lambda e: rank_key(e.id, e.title, e.strength))
    return entries


def why(fw: Framework, semantics: str, strategy_id: str, *, limit: int | None = None,
        base: Evaluation | None = None) -> list[Contribution]:
    """The direct parents of ``strategy_id`` with the change in its strength that each brings.

    delta = σ(node) − σ(node with that one relation removed): removing the relation removes the
    whole subtree behind that parent as far as it acts through it. Strongest |delta| first.
    ``base`` may pass an evaluation of ``fw`` under ``semantics`` that is already at hand.
    """
    if strategy_id not in fw.tau:
        raise ReasoningError(f"There is no evaluated node with id {strategy_id!r}")
    if base is None or base.semantics != semantics:
        base = evaluate(fw, semantics)
    result = []
    for p in fw.parents[strategy_id]:
        cut = reevaluate(fw.without_edge(p[EDGE]), base, [strategy_id])
        delta = base.strengths[strategy_id] - cut.strengths[strategy_id]
        result.append(Contribution(p[SOURCE], p[EDGE], p[RELATION], delta))
    result.sort(key=lambda c: (-abs(c.delta), fw.titles.get(c.node, c.node), c.edge))
    return result if limit is None else result[:max(0, limit)]
