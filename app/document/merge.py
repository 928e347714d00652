"""Merging another copy of the same map (Qt-free): every kind of change, as one undo step.

A facilitator hands copies of a map to people who work on their own laptops, then merges
them back. :func:`plan_merge` compares the two maps. Cards, relations, scores and texts are
compared by id (:mod:`app.document.merge_map`): what only the copy has comes in, and a field
both have with different values is a conflict. Participants are matched by id, or by name
when the ids differ; an input assessed by the same participant in both maps with different
values is a conflict too. :class:`MergeAssessments` (also called :data:`MergeCopy`) carries
out the plan with the chosen side of each conflict (ours by default) in one undoable step.
What is left out (assessments of inputs neither map has, relations that cannot be joined,
positions, settings) is reported in the plan's notes, never dropped silently.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..model import (Added, ArgumentMap, Assessment, ChangeSet, Command, ModelError,
                     Participant, ReasonmapError, Updated, new_id)
from ..store import Store
from .merge_map import FieldConflict, map_changes, plan_map


@dataclass(frozen=True)
class Conflict:
    """The same participant gave the same input different values in the two maps."""
    participant: str        # the participant id in this map
    target: str
    ours: float
    theirs: float


@dataclass
class MergePlan:
    """What merging the other map's assessments would do."""
    source: str                                   # where the other map came from (for notes)
    new_participants: list[Participant] = field(default_factory=list)
    id_map: dict[str, str] = field(default_factory=dict)    # their participant id → ours
    additions: list[Assessment] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    same: int = 0                                 # assessments both maps already agree on
    notes: list[str] = field(default_factory=list)
    new_nodes: list = field(default_factory=list)           # cards only the copy has
    new_edges: list = field(default_factory=list)           # relations only the copy has
    field_conflicts: list[FieldConflict] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.new_participants or self.additions or self.conflicts or self.new_nodes
                    or self.new_edges or self.field_conflicts)


def read_other_map(path) -> ArgumentMap:
    """Load another .rmap read-only (its file is never changed)."""
    path = Path(path)
    store = Store.open(path, read_only=True)
    try:
        return store.load()
    finally:
        store.close()


def plan_merge(ours: ArgumentMap, theirs: ArgumentMap, source: str = "the other copy") -> MergePlan:
    """Compare the participants and assessments of *theirs* with *ours*."""
    plan = MergePlan(source)
    plan_map(ours, theirs, plan)
    coming = {n.id for n in plan.new_nodes} | {e.id for e in plan.new_edges}
    by_name = {p.name: p.id for p in ours.participants.values()}
    taken = set(ours.participants)
    for p in sorted(theirs.participants.values(), key=lambda q: q.name):
        if p.id in ours.participants:
            plan.id_map[p.id] = p.id
        elif p.name in by_name:
            plan.id_map[p.id] = by_name[p.name]
        else:
            pid = p.id if p.id not in taken else new_id()
            taken.add(pid)
            plan.new_participants.append(Participant(pid, p.name, p.colour))
            plan.id_map[p.id] = pid
    skipped = 0
    for a in sorted(theirs.assessments.values(), key=lambda x: (x.participant, x.target)):
        if not ours.contains(a.target) and a.target not in coming:
            skipped += 1
            continue
        pid = plan.id_map[a.participant]
        mine = ours.assessments.get((pid, a.target))
        if mine is None:
            plan.additions.append(Assessment(pid, a.target, a.value, a.note, a.modified))
        elif mine.value == a.value:
            plan.same += 1
        else:
            plan.conflicts.append(Conflict(pid, a.target, mine.value, a.value))
    if skipped:
        plan.notes.append(f"{skipped} assessment(s) in {source} are of claims or relations "
                          "this map does not have; they were left out.")
    return plan


def plan_merge_from(ours: ArgumentMap, path) -> MergePlan:
    """:func:`plan_merge` with the other map read from the .rmap at *path*."""
    return plan_merge(ours, read_other_map(path), Path(path).name)


@dataclass
class MergeAssessments(Command):
    """Add the plan's cards, relations, participants and assessments, and for each conflict
    keep the chosen value: ``choices[(participant, target)]`` for an assessment and
    ``choices[(collection, id, field)]`` for a card's or relation's field is ``"theirs"`` or
    ``"ours"`` (default ours)."""

    plan: MergePlan
    choices: dict = field(default_factory=dict)
    label = "Merge another copy"

    def changes(self, amap: ArgumentMap) -> ChangeSet:
        bad = {v for v in self.choices.values()} - {"theirs", "ours"}
        if bad:
            raise ModelError(f"A conflict is settled with 'theirs' or 'ours', not {sorted(bad)[0]!r}")
        out: list = map_changes(amap, self.plan, self.choices)
        coming = {n.id for n in self.plan.new_nodes} | {e.id for e in self.plan.new_edges}
        new_ids = set()
        for p in self.plan.new_participants:
            if p.id in amap.participants:
                raise ModelError(f"The participant {p.name!r} was added meanwhile; merge again")
            out.append(Added(p.validate()))
            new_ids.add(p.id)
        known = set(amap.participants) | new_ids
        for a in self.plan.additions:
            self._check(amap, a.participant, a.target, known, coming)
            if (a.participant, a.target) in amap.assessments:
                raise ModelError("This map changed since the merge was prepared; merge again")
            out.append(Added(a.validate()))
        for c in self.plan.conflicts:
            if self.choices.get((c.participant, c.target), "ours") != "theirs":
                continue
            self._check(amap, c.participant, c.target, known, coming)
            mine = amap.assessments.get((c.participant, c.target))
            if mine is None or mine.value != c.ours:
                raise ModelError("This map changed since the merge was prepared; merge again")
            out.append(Updated("assessments", mine.key, "value", mine.value, c.theirs))
        return ChangeSet(self.label, tuple(out))

    @staticmethod
    def _check(amap: ArgumentMap, participant: str, target: str, known: set, coming=frozenset()) -> None:
        if participant not in known or not (amap.contains(target) or target in coming):
            raise ModelError("This map changed since the merge was prepared; merge again")


MergeCopy = MergeAssessments      # the same command: it merges every kind of change

__all__ = ["Conflict", "FieldConflict", "MergeAssessments", "MergeCopy", "MergePlan", "ReasonmapError", "plan_merge",
           "plan_merge_from", "read_other_map"]
