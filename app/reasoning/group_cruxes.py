"""Cruxes: the inputs whose disagreement decides which strategy leads the group.

Camps. Each participant backs the strategy their own ranking puts first. The *leader's camp*
is everyone who backs the group's leader (under the aggregation in use); if nobody does, the
largest camp (ties: the camp whose strategy ranks higher in the group) takes its place. The
*other camp* is everyone else. When every participant backs the same strategy there is one
camp and no crux.

Cruxes. For an input both camps assessed, each camp's value is the median of its members'
assessments. The input is a crux when the group's leader with everyone at the leader camp's
value differs from the group's leader with everyone at the other camp's value (all other
inputs as they are). "Everyone at a value" means, for the median of inputs, that the input's
median becomes that value; for the median of strengths, that every participant's own map
takes that value before the strengths are weighed again. An input only one camp assessed is
not a disagreement between the camps and is never a crux. Cruxes are listed by how far apart
the camps' values are (widest first).

When there are no cruxes the result says why, and whenever the camps back different winners
that reason names what does (or does not) move the lead.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from .evaluate import Evaluation, reevaluate
from .framework import Framework
from .ranking import RankEntry, rank_key


@dataclass(frozen=True)
class Crux:
    """One input the camps' disagreement on decides the lead.

    ``values`` = (leader camp's value, other camp's value); ``leaders`` = the group's leader
    with everyone at each of those values.
    """
    input: str
    values: tuple[float, float]
    leaders: tuple[str, str]


@dataclass(frozen=True)
class CruxResult:
    cruxes: list[Crux]
    reason: str
    camps: dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class _Setting:
    """What the group's leader is computed from, with some inputs moved."""
    group_fw: Framework
    group_ev: Evaluation
    people: dict[str, Framework]
    evals: dict[str, Evaluation]
    aggregation: str

    def leader(self, values: dict[str, float]) -> str:
        """The group's leader with the inputs in *values* set for everyone."""
        keys = list(values)
        if self.aggregation == "inputs":
            ev = reevaluate(self.group_fw.with_values(values), self.group_ev, keys)
            scores = {s: ev.strengths[s] for s in self.group_fw.strategies}
        else:
            moved = [reevaluate(fw.with_values(values), self.evals[pid], keys).strengths
                     for pid, fw in self.people.items()]
            scores = {s: statistics.median(m[s] for m in moved) for s in self.group_fw.strategies}
        titles = self.group_fw.titles
        return min(scores, key=lambda s: rank_key(s, titles.get(s, s), scores[s]))


def camps_of(per_person: dict[str, list[RankEntry]]) -> dict[str, tuple[str, ...]]:
    """Strategy id → the participants whose own ranking puts it first (sorted ids)."""
    camps: dict[str, list[str]] = {}
    for pid, ranking in per_person.items():
        if ranking:
            camps.setdefault(ranking[0].id, []).append(pid)
    return {s: tuple(sorted(pids)) for s, pids in camps.items()}


def split_camps(camps: dict[str, tuple[str, ...]], group: list[RankEntry]) -> tuple[str, set, set]:
    """(the leading camp's strategy, its members, everyone else)."""
    order = {e.id: i for i, e in enumerate(group)}
    lead = group[0].id if group[0].id in camps else \
        min(camps, key=lambda s: (-len(camps[s]), order.get(s, len(order)), s))
    others = {pid for s, pids in camps.items() if s != lead for pid in pids}
    return lead, set(camps[lead]), others


def camp_values(amap, members: set, others: set) -> dict[str, tuple[float, float]]:
    """Input → (median of the leading camp's assessments, median of the other camp's), for
    every input both camps assessed."""
    mine: dict[str, list[float]] = {}
    theirs: dict[str, list[float]] = {}
    for a in amap.assessments.values():
        if a.participant in members:
            mine.setdefault(a.target, []).append(float(a.value))
        elif a.participant in others:
            theirs.setdefault(a.target, []).append(float(a.value))
    return {k: (statistics.median(mine[k]), statistics.median(theirs[k]))
            for k in mine.keys() & theirs.keys()}


def find_cruxes(group_fw: Framework, group_ev: Evaluation, people: dict[str, Framework],
                evals: dict[str, Evaluation], amap, aggregation: str,
                group: list[RankEntry], per_person: dict[str, list[RankEntry]]) -> CruxResult:
    """The cruxes of a workshop map, with the camps and, when there are none, the reason."""
    camps = camps_of(per_person)
    if not people:
        return CruxResult([], "There are no participants.", camps)
    if len(group) < 2:
        return CruxResult([], "Fewer than two strategies: nothing can change the lead.", camps)
    if len(camps) < 2:
        (only, pids), = camps.items()
        return CruxResult([], f"All {len(pids)} participants' own rankings put "
                              f"{group_fw.titles.get(only, only)!r} first: there are no camps "
                              f"whose disagreement could decide the lead.", camps)
    lead, members, others = split_camps(camps, group)
    setting = _Setting(group_fw, group_ev, people, evals, aggregation)
    shared = {k: v for k, v in camp_values(amap, members, others).items()
              if k in group_fw.tau or k in group_fw.edge_index}
    cruxes = []
    for key, (mine, theirs) in shared.items():
        if mine == theirs:
            continue
        leaders = (setting.leader({key: mine}), setting.leader({key: theirs}))
        if leaders[0] != leaders[1]:
            cruxes.append(Crux(key, (mine, theirs), leaders))
    cruxes.sort(key=lambda c: (-abs(c.values[0] - c.values[1]), c.input))
    reason = "" if cruxes else _no_crux_reason(setting, shared, lead)
    return CruxResult(cruxes, reason, camps)


def _no_crux_reason(setting: _Setting, shared: dict[str, tuple[float, float]], lead: str) -> str:
    """Why the camps back different winners although no single input decides the lead."""
    titles = setting.group_fw.titles
    if not shared:
        return (f"The camps backing {titles.get(lead, lead)!r} and the others assessed no input "
                "in common, so no disagreement between them can be weighed.")
    ours = setting.leader({k: v[0] for k, v in shared.items()})
    theirs = setting.leader({k: v[1] for k, v in shared.items()})
    n = len(shared)
    if ours != theirs:
        return (f"No single input decides the lead on its own; the camps' values on all {n} "
                f"inputs both assessed, taken together, do ({titles.get(ours, ours)!r} with the "
                f"leading camp's, {titles.get(theirs, theirs)!r} with the other camp's).")
    return (f"Even with all {n} inputs both camps assessed set to either camp's values, "
            f"{titles.get(ours, ours)!r} leads: the camps' different winners come from inputs "
            "only one camp assessed or from the map's own values.")
