"""Commands of the workshop method: open, start and close rounds, answer in a round, take
and delete snapshots. Like every command they only compute a ChangeSet.

>>> from app.model.build import build_map
>>> from app.model.entities import Node, Participant
>>> m = build_map([Node(id="a")], participants=[Participant("p", "Ann")])
>>> m.apply(OpenRound("First", targets=("a",), round_id="r1").changes(m))
>>> m.apply(AnswerInRound("r1", "p", "a", 0.7, "seems likely").changes(m))
>>> m.answers[("r1", "p", "a")].value, m.assessments[("p", "a")].value
(0.7, 0.7)
>>> m.apply(AnswerInRound("r1", "p", "a", None).changes(m))     # no opinion
>>> m.answers[("r1", "p", "a")].no_opinion, ("p", "a") in m.assessments
(True, False)
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .argmap import ArgumentMap
from .changes import Added, ChangeSet, Removed
from .commands import Command, assessment_changes, field_updates
from .entities import check_text, check_unit, new_id, now
from .errors import ModelError
from .rounds import Round, RoundAnswer, Snapshot


def round_named(amap: ArgumentMap, round_id: str) -> Round:
    r = amap.rounds.get(round_id)
    if r is None:
        raise ModelError(f"There is no round with id {round_id!r}")
    return r


def current_round(amap: ArgumentMap) -> Round | None:
    """The round that is not closed yet (at most one), or None."""
    return next((r for r in amap.rounds.values() if r.status != "closed"), None)


def rounds_in_order(amap: ArgumentMap) -> list[Round]:
    return sorted(amap.rounds.values(), key=lambda r: r.number)


@dataclass
class OpenRound(Command):
    """A new round numbered after the last one, asking *targets* (ids of inputs)."""

    name: str
    scope: str = "map"
    targets: tuple[str, ...] = ()
    time_box: int | None = None
    round_id: str | None = None

    @property
    def label(self) -> str:
        return f"Open round: {self.name}" if self.name else "Open round"

    def changes(self, amap: ArgumentMap) -> ChangeSet:
        busy = current_round(amap)
        if busy is not None:
            raise ModelError(f"{busy.title} is not closed yet; close it before opening another")
        targets = tuple(dict.fromkeys(self.targets))
        if not targets:
            raise ModelError("A round needs at least one input to ask about")
        for t in targets:
            if not amap.contains(t):
                raise ModelError(f"There is no node or relation with id {t!r}")
        number = max((r.number for r in amap.rounds.values()), default=0) + 1
        r = Round(self.round_id or new_id(), number, self.name.strip(), "open", self.scope, targets,
                  self.time_box, now()).validate()
        return ChangeSet(self.label, (Added(r),))


@dataclass
class SetRoundStatus(Command):
    """Move a round on: open -> answering (the clock starts) -> closed."""

    round_id: str
    status: str

    @property
    def label(self) -> str:
        return "Close round" if self.status == "closed" else "Start answering"

    def changes(self, amap: ArgumentMap) -> ChangeSet:
        r = round_named(amap, self.round_id)
        order = ("open", "answering", "closed")
        if self.status not in order or order.index(self.status) <= order.index(r.status):
            raise ModelError(f"{r.title} is {r.status}; it cannot become {self.status!r}")
        stamp = now()
        new = replace(r, status=self.status, started=r.started or stamp,
                      closed=stamp if self.status == "closed" else r.closed).validate()
        return ChangeSet(self.label, tuple(field_updates(r, new, ("status", "started", "closed"))))


@dataclass
class AnswerInRound(Command):
    """A participant's answer to one input of a round (None: "no opinion"), with a note.

    The answer is kept in the round; the participant's current assessment (what the map's
    group view weighs) follows it in the same step."""

    round_id: str
    participant: str
    target: str
    value: float | None
    note: str = ""
    label = "Answer in round"

    def changes(self, amap: ArgumentMap) -> ChangeSet:
        r = round_named(amap, self.round_id)
        if r.status == "closed":
            raise ModelError(f"{r.title} is closed; open a new round to revise answers")
        if not r.asks(self.target):
            raise ModelError(f"{r.title} does not ask about that input")
        value = None if self.value is None else check_unit(self.value, "An answer")
        note = check_text(self.note, "An answer's note")
        out = assessment_changes(amap, self.participant, self.target, value, note)
        key = (r.id, self.participant, self.target)
        new = RoundAnswer(*key, value, note, now()).validate()
        old = amap.answers.get(key)
        if old is None:
            out.append(Added(new))
        elif (old.value, old.note) != (new.value, new.note):
            out.extend(field_updates(old, new, ("value", "note", "modified")))
        return ChangeSet(self.label, tuple(out))


@dataclass
class TakeSnapshot(Command):
    """Keep *data* (the map, assessments and ranking as made by the document) as *name*."""

    name: str
    data: dict
    snapshot_id: str | None = None
    label = "Take snapshot"

    def changes(self, amap: ArgumentMap) -> ChangeSet:
        name = check_text(self.name, "A snapshot's name").strip()
        if any(s.name == name for s in amap.snapshots.values()):
            raise ModelError(f"There is already a snapshot called {name!r}")
        s = Snapshot(self.snapshot_id or new_id(), name, now(), dict(self.data)).validate()
        return ChangeSet(self.label, (Added(s),))


@dataclass
class DeleteSnapshot(Command):
    snapshot_id: str
    label = "Delete snapshot"

    def changes(self, amap: ArgumentMap) -> ChangeSet:
        s = amap.snapshots.get(self.snapshot_id)
        if s is None:
            raise ModelError(f"There is no snapshot with id {self.snapshot_id!r}")
        return ChangeSet(self.label, (Removed(s),))
