"""Workshop method records: rounds, the answers given in them, and named snapshots.

A *round* (the Delphi method) is a named, numbered stage a facilitator opens, lets people
answer in and closes. Its answers are kept per round, so the next round never overwrites
them. An answer's ``value`` of None is an explicit "no opinion"; an input the round did not
ask (not in its ``targets``) or that a person has not reached simply has no answer.

A *snapshot* keeps the map, its assessments and its ranking at one moment under a name
("before discussion"), as a JSON mapping made by the document layer.

>>> r = Round(id="r1", number=1, name="First", targets=("a",)).validate()
>>> r.status, r.asks("a"), r.asks("b")
('open', True, False)
>>> RoundAnswer("r1", "p", "a", None).validate().no_opinion
True
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .entities import check_text, check_unit, shown
from .errors import ModelError

ROUND_STATUSES = ("open", "answering", "closed")
SCOPES = {"map": "the whole map", "lead": "inputs that could change the lead",
          "pair": "inputs that separate two strategies", "picked": "hand-picked inputs"}
MAX_TIME_BOX = 24 * 3600       # seconds


@dataclass(frozen=True)
class Round:
    id: str
    number: int
    name: str
    status: str = "open"
    scope: str = "map"
    targets: tuple[str, ...] = ()
    time_box: int | None = None      # seconds for answering, or None (no time box)
    created: str = ""
    started: str = ""                # when answering began
    closed: str = ""

    def asks(self, target: str) -> bool:
        return target in self.targets

    def validate(self) -> "Round":
        check_text(self.id, "A round id")
        if not self.id:
            raise ModelError("A round id must not be empty")
        if isinstance(self.number, bool) or not isinstance(self.number, int) or not 1 <= self.number <= 10_000:
            raise ModelError(f"A round number must be a whole number from 1, not {shown(self.number)}")
        check_text(self.name, "A round's name")
        if self.status not in ROUND_STATUSES:
            raise ModelError(f"A round is open, answering or closed, not {shown(self.status)}")
        if self.scope not in SCOPES:
            raise ModelError(f"Unknown round scope {shown(self.scope)} (expected one of {', '.join(SCOPES)})")
        if not isinstance(self.targets, tuple):
            raise ModelError("A round's inputs must be a list of ids")
        for t in self.targets:
            check_text(t, "A round's input")
        if self.time_box is not None and (isinstance(self.time_box, bool) or not isinstance(self.time_box, int)
                                          or not 1 <= self.time_box <= MAX_TIME_BOX):
            raise ModelError(f"A time box is a number of seconds from 1 to {MAX_TIME_BOX}, not {shown(self.time_box)}")
        for name in ("created", "started", "closed"):
            check_text(getattr(self, name), "A round's time")
        return self

    @property
    def title(self) -> str:
        return f"Round {self.number}" + (f": {self.name}" if self.name else "")


@dataclass(frozen=True)
class RoundAnswer:
    round: str
    participant: str
    target: str
    value: float | None              # None: the person said "no opinion"
    note: str = ""                   # the short written reason (e.g. for a revision)
    modified: str = ""

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.round, self.participant, self.target)

    @property
    def no_opinion(self) -> bool:
        return self.value is None

    def validate(self) -> "RoundAnswer":
        for name in ("round", "participant", "target"):
            check_text(getattr(self, name), f"An answer's {name}")
        if self.value is not None:
            check_unit(self.value, "An answer")
        check_text(self.note, "An answer's note")
        check_text(self.modified, "An answer's time")
        return self


@dataclass(frozen=True)
class Snapshot:
    id: str
    name: str
    created: str = ""
    data: dict = field(default_factory=dict)   # {"map": native JSON, "ranking": [...], ...}

    def validate(self) -> "Snapshot":
        check_text(self.id, "A snapshot id")
        if not self.id:
            raise ModelError("A snapshot id must not be empty")
        if not isinstance(self.name, str) or not self.name.strip():
            raise ModelError("A snapshot needs a name")
        check_text(self.name, "A snapshot's name")
        check_text(self.created, "A snapshot's time")
        if not isinstance(self.data, dict):
            raise ModelError("A snapshot's contents must be a mapping")
        return self
