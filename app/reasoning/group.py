"""Workshop aggregation: each participant's ranking, the group's, and where people disagree.

Each participant's ranking uses their own assessments (map values elsewhere); the group's uses
the median of the assessments per input (map values where nobody assessed). The spread of an
input is the interquartile range of its assessments (linear-interpolation quartiles,
``statistics.quantiles(method="inclusive")``; 0 for a single assessment). A *crux* is an input
with a large spread whose move from its lower to its upper quartile value, alone, swaps the
group's top two strategies.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from .evaluate import Evaluation, evaluate, reevaluate
from .framework import (Framework, ReasoningError, assessed_values, framework_from_map,
                        participant_overrides)
from .ranking import RankEntry, rank_key, rank_strategies
from .semantics import update_for


@dataclass(frozen=True)
class GroupReport:
    """Rankings per participant and for the group, medians, spreads and cruxes."""
    semantics: str
    participants: dict[str, list[RankEntry]]
    group: list[RankEntry]
    medians: dict[str, float]
    spread: dict[str, float]
    cruxes: list[str]


def quartiles(values: list[float]) -> tuple[float, float]:
    """(Q1, Q3) by linear interpolation; both equal the value when there is only one.

    >>> quartiles([0.2, 0.6])
    (0.30000000000000004, 0.49999999999999994)
    """
    if len(values) == 1:
        return values[0], values[0]
    q1, _, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return q1, q3


def group_report(amap, semantics: str = "dfquad", *, crux_iqr: float = 0.25) -> GroupReport:
    """Everything the group view shows, for ``amap`` under ``semantics``."""
    update_for(semantics)
    if isinstance(crux_iqr, bool) or not isinstance(crux_iqr, (int, float)) or crux_iqr < 0:
        raise ReasoningError(f"The crux threshold must be a number ≥ 0, not {crux_iqr!r}")
    values = assessed_values(amap)
    medians = {k: statistics.median(v) for k, v in values.items()}
    bounds = {k: quartiles(v) for k, v in values.items()}
    spread = {k: q3 - q1 for k, (q1, q3) in bounds.items()}
    per_person = {}
    for pid in amap.participants:
        fw = framework_from_map(amap, participant_overrides(amap, pid))
        per_person[pid] = rank_strategies(fw, evaluate(fw, semantics))
    group_fw = framework_from_map(amap, medians)
    group_ev = evaluate(group_fw, semantics)
    group = rank_strategies(group_fw, group_ev)
    cruxes = []
    if len(group) >= 2:
        wide = [k for k in values if spread[k] >= crux_iqr]
        cruxes = [k for k in wide if _swaps(group_fw, group_ev, k, bounds[k], group[0], group[1])]
        cruxes.sort(key=lambda k: (-spread[k], k))
    return GroupReport(semantics, per_person, group, medians, spread, cruxes)


def _swaps(fw: Framework, base: Evaluation, key: str, bounds: tuple[float, float],
           a: RankEntry, b: RankEntry) -> bool:
    """True if a and b are ordered differently with ``key`` at its Q1 and at its Q3 value."""
    if key not in fw.tau and key not in fw.edge_index:
        return False  # a note or a non-evaluated relation cannot change any strength
    orders = []
    for value in bounds:
        ev = reevaluate(fw.with_values({key: value}), base, [key])
        ka = rank_key(a.id, a.title, ev.strengths[a.id])
        kb = rank_key(b.id, b.title, ev.strengths[b.id])
        orders.append(ka < kb)
    return orders[0] != orders[1]
