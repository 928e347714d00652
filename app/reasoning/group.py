"""Workshop aggregation: each participant's ranking, the group's, and where people disagree.

Each participant's ranking uses their own assessments (map values elsewhere). The group's
ranking comes from one of two aggregations, and the report names the one it used:

- ``"inputs"`` — *median of inputs, then evaluate*: every assessed input takes the median of
  the values people gave it (map values where nobody assessed) and that one map is weighed.
- ``"strengths"`` — *each person's strength, then the median across people*: every
  participant's map is weighed on its own and each node's group strength is the median of the
  participants' strengths.

They can differ because the median of inputs builds a map nobody holds: a strategy may get the
favourable middle value of several inputs at once and end above every participant's own
strength, while the median of strengths always lies between the participants' own.

The default is ``"inputs"``: the group's numbers then come from one coherent set of inputs, so
the canvas, the "why" contributions and the sensitivity thresholds of the group view explain
them exactly as they explain anyone's map, and a person who did not assess an input does not
count on it (their own map falls back to the map's value there, which the median of strengths
would count as if it were their opinion). The report still carries both rankings, and says so
when the two put different strategies first.

Per input the report counts its assessors; the spread is the interquartile range of the
assessments (linear-interpolation quartiles, ``statistics.quantiles(method="inclusive")``) and
is ``None`` — no spread, not 0 — for an input only one person assessed. Cruxes are found by
:mod:`app.reasoning.group_cruxes`.

A participant's current assessments hold values only. Within a round (model/rounds.py) an
explicit "no opinion" is kept apart from "not asked"; both give no value here, and the round
reports (document/rounds.py) count the "no opinion" answers separately.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field

from .evaluate import evaluate
from .framework import Framework, ReasoningError, assessed_values, framework_from_map, participant_overrides
from .group_cruxes import Crux, CruxResult, find_cruxes
from .ranking import RankEntry, rank_key, rank_strategies
from .semantics import update_for

AGGREGATIONS = {
    "inputs": "median of inputs, then evaluate",
    "strengths": "each person's strength, then the median across people",
}
DEFAULT_AGGREGATION = "inputs"
WHY_THEY_DIFFER = ("The median of inputs weighs a map nobody holds, so a strategy can collect "
                   "the favourable middle value of several inputs and end above (or below) "
                   "every participant's own strength; the median of strengths always lies "
                   "between the participants' own.")


@dataclass(frozen=True)
class GroupReport:
    """Rankings per participant and for the group, per-input statistics and cruxes.

    ``group`` is the ranking under ``aggregation``; ``by_inputs`` and ``by_strengths`` are the
    rankings under each aggregation. ``strengths`` are the group's strengths of every evaluated
    node under ``aggregation``; ``converged`` is False if any evaluation behind them was not.
    ``spread[k]`` is None when only one person assessed k. ``cruxes`` lists input ids (details in
    ``crux_details``); ``crux_reason`` says why the list is empty (empty string otherwise).
    ``camps`` maps each strategy that some participant's own ranking puts first to those
    participants. ``notes`` are plain sentences about this map's aggregations.
    """
    semantics: str
    participants: dict[str, list[RankEntry]]
    group: list[RankEntry]
    medians: dict[str, float]
    spread: dict[str, float | None]
    cruxes: list[str]
    aggregation: str = DEFAULT_AGGREGATION
    assessors: dict[str, int] = field(default_factory=dict)
    by_inputs: list[RankEntry] = field(default_factory=list)
    by_strengths: list[RankEntry] = field(default_factory=list)
    strengths: dict[str, float] = field(default_factory=dict)
    converged: bool = True
    crux_details: list[Crux] = field(default_factory=list)
    crux_reason: str = ""
    camps: dict[str, tuple[str, ...]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    @property
    def aggregation_name(self) -> str:
        """The aggregation in words, e.g. "median of inputs, then evaluate"."""
        return AGGREGATIONS[self.aggregation]


def quartiles(values: list[float]) -> tuple[float, float]:
    """(Q1, Q3) by linear interpolation; both equal the value when there is only one.

    >>> quartiles([0.2, 0.6])
    (0.30000000000000004, 0.49999999999999994)
    """
    if len(values) == 1:
        return values[0], values[0]
    q1, _, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return q1, q3


def spread_of(values: list[float]) -> float | None:
    """The interquartile range of *values*, or None when fewer than two people gave one.

    >>> spread_of([0.5]) is None, round(spread_of([0.0, 0.8, 0.9]), 12)
    (True, 0.45)
    """
    if len(values) < 2:
        return None
    q1, q3 = quartiles(values)
    return q3 - q1


def check_aggregation(aggregation: str) -> str:
    """*aggregation* if it is one of AGGREGATIONS, else a ReasoningError naming the choices."""
    if aggregation not in AGGREGATIONS:
        raise ReasoningError(f"Unknown aggregation {aggregation!r}: choose "
                             + " or ".join(repr(a) for a in AGGREGATIONS))
    return aggregation


def median_strengths(evaluations: list[dict[str, float]]) -> dict[str, float]:
    """Each node's median strength over several evaluations of the same nodes."""
    if not evaluations:
        return {}
    return {node: statistics.median(ev[node] for ev in evaluations) for node in evaluations[0]}


def ranking_from(fw: Framework, strengths: dict[str, float]) -> list[RankEntry]:
    """The strategies of *fw* ranked by the given strengths (same order rules as everywhere)."""
    entries = [RankEntry(s, fw.titles.get(s, s), strengths[s]) for s in fw.strategies]
    entries.sort(key=lambda e: rank_key(e.id, e.title, e.strength))
    return entries


def group_report(amap, semantics: str = "dfquad", *,
                 aggregation: str = DEFAULT_AGGREGATION) -> GroupReport:
    """Everything the group view shows, for ``amap`` under ``semantics`` and ``aggregation``."""
    update_for(semantics)
    check_aggregation(aggregation)
    values = assessed_values(amap)
    medians = {k: statistics.median(v) for k, v in values.items()}
    people = {pid: framework_from_map(amap, participant_overrides(amap, pid)) for pid in amap.participants}
    evals = {pid: evaluate(fw, semantics) for pid, fw in people.items()}
    per_person = {pid: rank_strategies(people[pid], evals[pid]) for pid in people}
    group_fw = framework_from_map(amap, medians)
    group_ev = evaluate(group_fw, semantics)
    by_inputs = rank_strategies(group_fw, group_ev)
    if people:
        person_strengths = median_strengths([ev.strengths for ev in evals.values()])
        by_strengths = ranking_from(group_fw, person_strengths)
    else:  # nobody to take a median over: both aggregations are the map itself
        person_strengths, by_strengths = dict(group_ev.strengths), by_inputs
    if aggregation == "inputs":
        strengths, converged, group = group_ev.strengths, group_ev.converged, by_inputs
    else:
        strengths, group = person_strengths, by_strengths
        converged = all(ev.converged for ev in evals.values()) if people else group_ev.converged
    found: CruxResult = find_cruxes(group_fw, group_ev, people, evals, amap, aggregation, group,
                                   per_person)
    return GroupReport(
        semantics, per_person, group, medians,
        {k: spread_of(v) for k, v in values.items()}, [c.input for c in found.cruxes],
        aggregation=aggregation, assessors={k: len(v) for k, v in values.items()},
        by_inputs=by_inputs, by_strengths=by_strengths, strengths=dict(strengths),
        converged=converged, crux_details=found.cruxes, crux_reason=found.reason,
        camps=found.camps, notes=aggregation_notes(per_person, by_inputs, by_strengths))


def aggregation_notes(per_person: dict[str, list[RankEntry]], by_inputs: list[RankEntry],
                      by_strengths: list[RankEntry]) -> list[str]:
    """Plain sentences: strategies whose median-of-inputs strength lies outside every
    participant's own, and whether the two aggregations put different strategies first."""
    notes = []
    if not per_person or not by_inputs:
        return notes
    own = {e.id: [] for e in by_inputs}
    for ranking in per_person.values():
        for e in ranking:
            own[e.id].append(e.strength)
    for e in by_inputs:
        low, high = min(own[e.id]), max(own[e.id])
        if round(e.strength - high, 9) > 0:
            notes.append(f"With the median of inputs, {e.title!r} comes out at {e.strength:.3f}, "
                         f"above every participant's own strength (at most {high:.3f}).")
        elif round(low - e.strength, 9) > 0:
            notes.append(f"With the median of inputs, {e.title!r} comes out at {e.strength:.3f}, "
                         f"below every participant's own strength (at least {low:.3f}).")
    if by_strengths and by_inputs[0].id != by_strengths[0].id:
        notes.append(f"The two aggregations disagree on the leader: {by_inputs[0].title!r} by the "
                     f"median of inputs, {by_strengths[0].title!r} by the median of strengths.")
    return notes
