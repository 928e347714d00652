"""Map records in the shared document, and back: written from ours, read from anyone's.

Each record is a nested map of its fields under its collection's root map, keyed by its
stable id (an assessment by ``"participant|target"``, a round answer by
``"round|participant|target"``), so concurrent edits of different
fields merge; a node's ``text`` is a shared text, so character edits merge too. Tags, anchors,
data and a round's inputs are JSON text (a field edit replaces them whole). Snapshots stay on
the laptop that took them (a whole map each: too big to send on every keep).

Reading trusts nothing: a peer may send any value. ``read_record`` checks every field's type,
range, kind and length and raises ``BadRecord`` for anything our file would not hold (numbers
come back from the shared document as floats, so whole numbers are checked as such).

>>> from app.model import Node
>>> fields = record_fields(Node(id="a", title="Tea", base_score=1))
>>> fields["title"], fields["tags"]
('Tea', '[]')
>>> read_record("nodes", "a", dict(fields, text="Hot", base_score=1.0)).base_score
1.0
>>> read_record("nodes", "a", dict(fields, base_score=7.0))
Traceback (most recent call last):
...
app.live.records.BadRecord: A base score must be between 0 and 1, not 7.0
"""

from __future__ import annotations

import json
from dataclasses import replace

from ..model import Assessment, Edge, ModelError, Node, Participant, Source
from ..model.rounds import Round, RoundAnswer
from ..model.changes import key_of
from ..model.entities import field_names
from ..model.meta import check_meta_value
from ..store.rows import MAX_JSON_DEPTH, depth

COLLECTIONS = ("nodes", "edges", "participants", "assessments", "sources", "rounds", "answers")
RECORD_TYPES = {"nodes": Node, "edges": Edge, "participants": Participant,
                "assessments": Assessment, "sources": Source, "rounds": Round,
                "answers": RoundAnswer}
JSON_FIELDS = {"nodes": ("tags", "anchor", "data"), "edges": ("data",), "rounds": ("targets",)}
_WHOLE_NUMBERS = {"rounds": ("number", "time_box")}     # come back from the doc as floats
_KEY_PARTS = {"assessments": ("participant", "target"), "answers": ("round", "participant", "target")}
SHARED_TEXT = {"nodes": ("text",)}
MAX_ID = 200
MAX_SHORT = 10_000          # titles, labels, names, notes, references, times
MAX_LONG = 1_000_000        # node and source texts
MAX_JSON = 100_000
_LONG_FIELDS = {"text"}


class BadRecord(ValueError):
    """A record in the shared document that our map cannot hold."""


def doc_key(collection: str, key) -> str:
    """The key of a record in its root map ('participant|target' for an assessment,
    'round|participant|target' for a round answer)."""
    return "|".join(key) if collection in _KEY_PARTS else key


def model_key(collection: str, key: str):
    parts = _KEY_PARTS.get(collection)
    if parts is None:
        return key
    found = tuple(key.split("|", len(parts) - 1))
    if len(found) != len(parts):
        raise BadRecord(f"A key of {collection} must be '{'|'.join(parts)}', not {key[:40]!r}")
    return found


def record_fields(record) -> dict:
    """The fields of *record* as the shared document holds them (JSON fields as text)."""
    collection = _collection(record)
    out = {}
    for name in field_names(type(record)):
        value = getattr(record, name)
        if name in JSON_FIELDS.get(collection, ()):
            value = encode_json(name, value)
        out[name] = value
    return out


def field_value(collection: str, name: str, value):
    """One field's model value as the shared document holds it."""
    return encode_json(name, value) if name in JSON_FIELDS.get(collection, ()) else value


def encode_json(name: str, value) -> str:
    return json.dumps(list(value) if name in ("tags", "targets") else value, ensure_ascii=False,
                      sort_keys=True, allow_nan=False)


def read_record(collection: str, key: str, fields: dict):
    """The validated model record of *fields* (plain values) stored under *key*, or BadRecord."""
    if not isinstance(fields, dict):
        raise BadRecord(f"A record of {collection} is not a mapping")
    cls = RECORD_TYPES[collection]
    values = {}
    for name in field_names(cls):
        if name in fields:
            values[name] = _read_field(collection, name, fields[name])
    try:
        record = cls(**values).validate()
    except (TypeError, ModelError) as exc:
        raise BadRecord(str(exc)) from None
    if key_of(record) != model_key(collection, key):
        raise BadRecord(f"A record of {collection} is stored under a key that is not its own")
    return record


def read_fields_over(collection: str, key: str, fields: dict, previous):
    """The record of *fields*, taking from *previous* (the last record taken under *key*)
    every field whose new value is bad; BadRecord only if not even that makes a record."""
    if not isinstance(fields, dict):
        raise BadRecord(f"A record of {collection} is not a mapping")
    try:
        return read_record(collection, key, fields)
    except BadRecord:
        if previous is None:
            raise
    record = previous
    for name in field_names(type(previous)):
        if name not in fields:
            continue
        try:
            value = _read_field(collection, name, fields[name])
            changed = replace(record, **{name: value}).validate()
            if key_of(changed) == key_of(previous):     # a field of the key stays as stored
                record = changed
        except (BadRecord, ModelError, TypeError, ValueError):
            continue
    return record


def read_meta(key: str, value):
    """A validated map setting (a whole number of pixels comes back as a float)."""
    if key == "wrap_width" and isinstance(value, float) and value.is_integer():
        value = int(value)
    try:
        return check_meta_value(key, value)
    except ModelError as exc:
        raise BadRecord(str(exc)) from None


def _read_field(collection: str, name: str, value):
    if name in JSON_FIELDS.get(collection, ()):
        return _read_json(name, value)
    if name in _WHOLE_NUMBERS.get(collection, ()) and isinstance(value, float):
        if not value.is_integer():
            raise BadRecord(f"A {name} of {collection} must be a whole number, not {value}")
        return int(value)
    if isinstance(value, str):
        limit = MAX_ID if name in ("id", "source", "target", "participant", "round") else \
            MAX_LONG if name in _LONG_FIELDS else MAX_SHORT
        if len(value) > limit:
            raise BadRecord(f"A {name} of {collection} is longer than {limit} characters")
    elif isinstance(value, float) and name in ("collapsed",):
        raise BadRecord(f"A {name} of {collection} must be true or false")
    return value


def _read_json(name: str, value):
    if not isinstance(value, str) or len(value) > MAX_JSON:
        raise BadRecord(f"The {name} of a record is not JSON text of at most {MAX_JSON} characters")
    try:
        loaded = json.loads(value, parse_constant=_no_constant)
    except (ValueError, RecursionError):
        raise BadRecord(f"The {name} of a record is not valid JSON") from None
    if depth(loaded) > MAX_JSON_DEPTH:
        raise BadRecord(f"The {name} of a record is nested too deeply")
    if name == "tags":
        if not isinstance(loaded, list) or not all(isinstance(t, str) for t in loaded):
            raise BadRecord("Tags must be a list of words")
        return tuple(loaded)
    if name == "targets":
        if not isinstance(loaded, list) or not all(isinstance(t, str) and len(t) <= MAX_ID for t in loaded):
            raise BadRecord("A round's inputs must be a list of ids")
        return tuple(loaded)
    if name == "anchor" and loaded is not None and not isinstance(loaded, dict):
        raise BadRecord("An anchor must be a mapping")
    if name == "data" and not isinstance(loaded, dict):
        raise BadRecord("A record's data must be a mapping")
    return loaded


def _no_constant(name: str):
    raise ValueError(name)


def _collection(record) -> str:
    for name, cls in RECORD_TYPES.items():
        if isinstance(record, cls):
            return name
    raise TypeError(f"not a map record: {record!r}")
