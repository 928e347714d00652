"""The records a map is made of: nodes, edges, participants, assessments, sources.

All records are frozen dataclasses; a change replaces a record instead of mutating it,
which keeps old values available for undo.

>>> n = Node(id="a", title="A claim")
>>> n.kind, n.base_score
('claim', 0.5)
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, fields, replace
from datetime import datetime, timezone
from typing import Any

from .errors import ModelError

NODE_KINDS = ("claim", "strategy", "question", "evidence", "note")
RELATIONS = ("support", "attack", "answer", "relates")
EVALUATED_RELATIONS = ("support", "attack")
MAX_POSITION = 1e7        # |x|, |y| of a card centre in pixels; far beyond any real map
_SURROGATE = re.compile("[\ud800-\udfff]")
SURROGATES = _SURROGATE   # for importers that strip them instead of refusing the file
_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")


def new_id() -> str:
    """A fresh, stable identifier (uuid4 hex)."""
    import uuid         # here: it loads `platform`, and reading or exporting a map needs no new id
    return uuid.uuid4().hex


def now() -> str:
    """The current UTC time as an ISO 8601 string (seconds)."""
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def check_unit(value: Any, what: str) -> float:
    """Return value as a float in [0, 1] or raise ModelError naming *what*."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ModelError(f"{what} must be a number between 0 and 1, not {shown(value)}")
    try:
        v = float(value)
    except OverflowError:  # an int with thousands of digits
        v = math.inf
    if not 0.0 <= v <= 1.0:  # also rejects NaN
        raise ModelError(f"{what} must be between 0 and 1, not {shown(value)}")
    return v


def check_position(value: Any, what: str = "A position") -> float | None:
    """Return *value* if it is None or a finite number within ±MAX_POSITION, else raise."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ModelError(f"{what} must be a number, not {shown(value)}")
    try:
        ok = math.isfinite(value) and abs(value) <= MAX_POSITION
    except OverflowError:
        ok = False
    if not ok:
        raise ModelError(f"{what} must be a finite number between {-MAX_POSITION:g} and "
                         f"{MAX_POSITION:g}, not {shown(value)}")
    return value


def check_text(value: Any, what: str) -> str:
    """Return *value* if it is a str that can be saved, else raise ModelError.

    A lone surrogate (half of a UTF-16 pair, which JSON's ``\\ud800`` escapes can produce)
    cannot be written as UTF-8 at all, so no file could hold it.

    >>> check_text("a\\ud800b", "A title")
    Traceback (most recent call last):
    ...
    app.model.errors.ModelError: A title holds a broken character (a lone surrogate, U+D800) at position 2; remove it
    """
    if not isinstance(value, str):
        raise ModelError(f"{what} must be text, not {type(value).__name__}")
    bad = _SURROGATE.search(value)
    if bad:
        raise ModelError(f"{what} holds a broken character (a lone surrogate, U+{ord(bad.group()):04X}) "
                         f"at position {bad.start() + 1}; remove it")
    return value


def shown(value: Any) -> str:
    """A short repr of *value* for a message (a huge number is not printed in full)."""
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 64:
        return "a number with more than 19 digits"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


_check_text = check_text


@dataclass(frozen=True)
class Node:
    id: str
    kind: str = "claim"
    title: str = ""
    text: str = ""
    base_score: float = 0.5
    tags: tuple[str, ...] = ()
    source_ref: str = ""
    anchor: dict | None = None
    x: float | None = None
    y: float | None = None
    collapsed: bool = False
    data: dict = field(default_factory=dict)
    created: str = ""
    modified: str = ""

    def validate(self) -> "Node":
        """Return self if every field is well-formed, else raise ModelError."""
        if self._plainly_valid():
            return self
        _check_text(self.id, "A node id")
        if not self.id:
            raise ModelError("A node id must not be empty")
        if self.kind not in NODE_KINDS:
            raise ModelError(f"Unknown node kind {self.kind!r} (expected one of {', '.join(NODE_KINDS)})")
        _check_text(self.title, "A node title")
        _check_text(self.text, "A node text")
        _check_text(self.source_ref, "A source reference")
        check_unit(self.base_score, "A base score")
        if not isinstance(self.tags, tuple):
            raise ModelError("Tags must be a list of words")
        for tag in self.tags:
            _check_text(tag, "A tag")
        check_position(self.x, "A card's x position")
        check_position(self.y, "A card's y position")
        if not isinstance(self.collapsed, bool):
            raise ModelError("A node's collapsed flag must be true or false")
        _check_text(self.created, "A creation time")
        _check_text(self.modified, "A modification time")
        if self.anchor is not None and not isinstance(self.anchor, dict):
            raise ModelError("An anchor must be a mapping")
        if not isinstance(self.data, dict):
            raise ModelError("Node data must be a mapping")
        return self

    def _plainly_valid(self) -> bool:
        """True if every field has its plain type and a valid value (a quick test passed by
        nearly every node, so that loading and importing big maps check each one cheaply);
        False sends the node through the field-by-field checks and their messages."""
        x, y, tags = self.x, self.y, self.tags
        if type(tags) is not tuple:
            return False
        try:
            texts = "".join((self.id, self.title, self.text, self.source_ref, self.created,
                             self.modified, *tags))
        except TypeError:
            return False
        return (self.id != "" and self.kind in NODE_KINDS
                and type(self.base_score) is float and 0.0 <= self.base_score <= 1.0
                and (x is None or type(x) is float and -MAX_POSITION <= x <= MAX_POSITION)
                and (y is None or type(y) is float and -MAX_POSITION <= y <= MAX_POSITION)
                and type(self.collapsed) is bool and type(self.data) is dict
                and (self.anchor is None or type(self.anchor) is dict)
                and _SURROGATE.search(texts) is None)

    @property
    def label(self) -> str:
        """Title, or the start of the text when the title is empty."""
        if self.title:
            return self.title
        first = self.text.strip().splitlines()[0] if self.text.strip() else ""
        return first[:60] or "(untitled)"


@dataclass(frozen=True)
class Edge:
    id: str
    source: str
    target: str
    relation: str = "support"
    weight: float = 1.0
    label: str = ""
    data: dict = field(default_factory=dict)

    def validate(self) -> "Edge":
        if self._plainly_valid():
            return self
        _check_text(self.id, "An edge id")
        if not self.id:
            raise ModelError("An edge id must not be empty")
        _check_text(self.source, "An edge's source")
        _check_text(self.target, "An edge's target")
        if self.relation not in RELATIONS:
            raise ModelError(f"Unknown relation {self.relation!r} (expected one of {', '.join(RELATIONS)})")
        if self.source == self.target:
            raise ModelError("A node cannot support or attack itself")
        check_unit(self.weight, "An edge weight")
        _check_text(self.label, "An edge label")
        if not isinstance(self.data, dict):
            raise ModelError("Edge data must be a mapping")
        return self

    def _plainly_valid(self) -> bool:
        """The quick test of :meth:`Node._plainly_valid`, for an edge."""
        try:
            texts = "".join((self.id, self.source, self.target, self.label))
        except TypeError:
            return False
        return (self.id != "" and self.relation in RELATIONS and self.source != self.target
                and type(self.weight) is float and 0.0 <= self.weight <= 1.0
                and type(self.data) is dict and _SURROGATE.search(texts) is None)


@dataclass(frozen=True)
class Participant:
    id: str
    name: str
    colour: str = "#4477aa"

    def validate(self) -> "Participant":
        _check_text(self.id, "A participant id")
        if not self.id:
            raise ModelError("A participant id must not be empty")
        if not isinstance(self.name, str) or not self.name.strip():
            raise ModelError("A participant needs a name")
        _check_text(self.name, "A participant's name")
        if not (isinstance(self.colour, str) and _COLOUR.fullmatch(self.colour)):
            raise ModelError("A participant's colour must be a hex colour such as #4477aa, "
                             f"not {shown(self.colour)}")
        return self


@dataclass(frozen=True)
class Assessment:
    participant: str
    target: str
    value: float
    note: str = ""
    modified: str = ""

    @property
    def key(self) -> tuple[str, str]:
        return (self.participant, self.target)

    def validate(self) -> "Assessment":
        _check_text(self.participant, "An assessment's participant")
        _check_text(self.target, "An assessment's target")
        check_unit(self.value, "An assessment")
        _check_text(self.note, "An assessment note")
        _check_text(self.modified, "An assessment's time")
        return self


@dataclass(frozen=True)
class Source:
    id: str
    title: str = ""
    text: str = ""

    def validate(self) -> "Source":
        _check_text(self.id, "A source id")
        if not self.id:
            raise ModelError("A source id must not be empty")
        _check_text(self.title, "A source title")
        _check_text(self.text, "A source text")
        return self


def field_names(cls) -> tuple[str, ...]:
    """The dataclass field names of *cls*, in declaration order."""
    return tuple(f.name for f in fields(cls))


def updated(record, **changes):
    """A copy of *record* with *changes*, validated."""
    return replace(record, **changes).validate()
