"""Conversion between model records and table rows (JSON text for lists and mappings)."""

from __future__ import annotations

import json

from ..model import Assessment, Edge, Node, Participant, Source
from ..model.changes import collection_of, key_of
from ..model.entities import field_names
from .schema import JSON_COLUMNS, PRIMARY_KEYS

RECORD_TYPES = {"nodes": Node, "edges": Edge, "participants": Participant,
                "assessments": Assessment, "sources": Source}


def encode(table: str, column: str, value):
    """A model value as stored in *table*.*column*."""
    if column in JSON_COLUMNS.get(table, ()):
        if value is None:
            return None
        return json.dumps(list(value) if column == "tags" else value, ensure_ascii=False, sort_keys=True)
    if isinstance(value, bool):
        return int(value)
    return value


def decode(table: str, column: str, value):
    if column in JSON_COLUMNS.get(table, ()):
        if value is None:
            return None
        loaded = json.loads(value)
        return tuple(loaded) if column == "tags" else loaded
    if column == "collapsed":
        return bool(value)
    return value


def record_to_row(record, seq: int) -> tuple[str, dict]:
    """(table, row) for a model record."""
    table = collection_of(record)
    row = {name: encode(table, name, getattr(record, name)) for name in field_names(type(record))}
    row["seq"] = seq
    return table, row


def row_to_record(table: str, row: dict):
    cls = RECORD_TYPES[table]
    return cls(**{name: decode(table, name, row[name]) for name in field_names(cls)})


def primary_key(table: str, key):
    """The sqlite-utils pk value for a record key."""
    return tuple(key) if len(PRIMARY_KEYS[table]) > 1 else key


def record_pk(record):
    return primary_key(collection_of(record), key_of(record))
