"""Whose values a text export (CSV ranking, Markdown outline) shows: the map's own (the default,
written exactly as before), one participant's assessments, or the group's medians.

:func:`view_of` gathers what such an export names and needs: the values put over the map's own,
the aggregation in words, the latest round that has answers, and per input (node or edge id)
how many people assessed it. :meth:`ExportView.strengths` weighs the map under one semantics
the way the group view does: with ``"inputs"`` the median of each input, then one evaluation;
with ``"strengths"`` each participant's own map, then each node's median across them.

>>> from app.model.build import build_map
>>> from app.model import Assessment, Node, Participant
>>> m = build_map([Node(id="a", kind="strategy")], participants=[Participant("p", "P"),
...               Participant("q", "Q")], assessments=[Assessment("p", "a", .2), Assessment("q", "a", .6)])
>>> v = view_of(m, group=True)
>>> v.whose, round(v.values["a"], 6), v.assessors, round(v.strengths(m, "dfquad")["a"], 6)
("the group's values", 0.4, {'a': 2}, 0.4)
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model.round_commands import rounds_in_order
from ..reasoning import (evaluate, framework_from_map, group_overrides, participant_overrides)
from ..reasoning.framework import ReasoningError, assessed_values
from ..reasoning.group import AGGREGATIONS, check_aggregation, median_strengths
from ..reasoning.order import ancestors


@dataclass(frozen=True)
class ExportView:
    """One perspective for a text export (see the module's note)."""
    whose: str                                   # "the group's values", "Ann's values"
    label: str                                   # short, beside each value: "group", "Ann"
    values: dict[str, float]                     # over the map's own
    aggregation: str = ""                        # "inputs" | "strengths" (group only)
    round_title: str = ""                        # the latest round with answers (group only)
    assessors: dict[str, int] | None = None      # per assessed input (group only)
    people: tuple[str, ...] = field(default_factory=tuple)   # participant ids who assessed

    @property
    def is_group(self) -> bool:
        return self.assessors is not None

    @property
    def aggregation_words(self) -> str:
        return AGGREGATIONS[self.aggregation] if self.aggregation else ""

    def strengths(self, amap, semantics: str) -> dict[str, float]:
        """Every evaluated node's strength under this perspective and *semantics*."""
        if self.aggregation == "strengths" and self.people:
            evals = [evaluate(framework_from_map(amap, participant_overrides(amap, p)), semantics)
                     for p in self.people]
            return median_strengths([e.strengths for e in evals])
        return evaluate(framework_from_map(amap, self.values), semantics).strengths

    def count(self, target: str) -> int:
        return (self.assessors or {}).get(target, 0)

    def strategy_assessors(self, amap, fw, strategy: str) -> int:
        """How many people assessed at least one input that bears on *strategy* (its own base
        score, a node from which it can be reached, or the weight of a relation among them)."""
        nodes = ancestors([strategy], fw.parents)
        inputs = nodes | {e.id for e in amap.edges.values() if e.target in nodes and e.source in nodes}
        return len({a.participant for a in amap.assessments.values() if a.target in inputs})

    def heading(self) -> str:
        """One line naming whose values, the aggregation and the round, for a caption."""
        if not self.is_group:
            return f"Values: {self.whose}"
        text = f"Values: {self.whose} ({self.aggregation_words}; {len(self.people)} people assessed)"
        return text + (f"; latest round: {self.round_title}" if self.round_title else "")


def view_of(amap, participant: str | None = None, group: bool = False,
            aggregation: str = "inputs", shown_as: str | None = None) -> ExportView | None:
    """The view of one participant (by id or name; named *shown_as* if given, e.g. their
    number in anonymous mode), of the group, or None for the map's own."""
    if group:
        check_aggregation(aggregation)
        if not amap.participants:
            raise ReasoningError("This map has no participants to aggregate")
        counts = {k: len(v) for k, v in assessed_values(amap).items()}
        people = tuple(p for p in amap.participants
                       if any(a.participant == p for a in amap.assessments.values()))
        return ExportView("the group's values", "group", group_overrides(amap), aggregation,
                          latest_round(amap), counts, people)
    if participant is not None:
        found = ([amap.participants[participant]] if participant in amap.participants
                 else [p for p in amap.participants.values() if p.name == participant])
        if not found:
            names = ", ".join(sorted(p.name for p in amap.participants.values())) or "none"
            raise ReasoningError(f"No participant called {participant!r} (participants: {names})")
        p = found[0]
        name = shown_as or p.name
        return ExportView(f"{name}'s values", name, participant_overrides(amap, p.id))
    return None


def latest_round(amap) -> str:
    """The title of the latest round anyone answered in ("" when there is none)."""
    done = [r for r in rounds_in_order(amap) if any(a.round == r.id for a in amap.answers.values())]
    return done[-1].title if done else ""

