"""Conversion between model records and table rows (JSON text for lists and mappings).

Stored JSON is parsed strictly: no NaN or Infinity, and no value nested deeper than
MAX_JSON_DEPTH (a hostile file could otherwise exhaust the interpreter's recursion later);
positions must be finite numbers. Any violation is a ValueError, which ``Store.load``
turns into one CorruptFile message.
"""

from __future__ import annotations

import json

from ..model import Assessment, Edge, Node, Participant, Source
from ..model.changes import collection_of
from ..model.rounds import Round, RoundAnswer, Snapshot
from ..model.entities import field_names
from .schema import JSON_COLUMNS, PRIMARY_KEYS
from .verify import finite_position

MAX_JSON_DEPTH = 64

RECORD_TYPES = {"nodes": Node, "edges": Edge, "participants": Participant,
                "assessments": Assessment, "sources": Source,
                "rounds": Round, "answers": RoundAnswer, "snapshots": Snapshot}
_TUPLES = ("tags", "targets")       # JSON lists held as tuples in the model


def encode(table: str, column: str, value):
    """A model value as stored in *table*.*column*."""
    if column in JSON_COLUMNS.get(table, ()):
        if value is None:
            return None
        return json.dumps(list(value) if column in _TUPLES else value, ensure_ascii=False,
                          sort_keys=True, allow_nan=False)
    if column in ("x", "y"):
        finite_position(value)
    if isinstance(value, bool):
        return int(value)
    return value


def decode(table: str, column: str, value):
    if column in JSON_COLUMNS.get(table, ()):
        if value is None:
            return None
        loaded = load_json(value, f"{table}.{column}")
        return tuple(loaded) if column in _TUPLES else loaded
    if column in ("x", "y"):
        finite_position(value)
    if column == "collapsed":
        return bool(value)
    return value


def load_json(text, where: str):
    """A stored JSON value, parsed strictly (see the module docstring)."""
    if not isinstance(text, str):
        raise ValueError(f"{where} holds {type(text).__name__}, not JSON text")
    if text in _EMPTY:                  # most rows' tags and data: no parsing
        return _EMPTY[text]()
    try:
        value = _DECODER.decode(text)
    except RecursionError:
        raise ValueError(f"a JSON value in {where} is nested too deeply") from None
    if text.count("[") + text.count("{") > MAX_JSON_DEPTH and depth(value) > MAX_JSON_DEPTH:
        raise ValueError(f"a JSON value in {where} is nested more than {MAX_JSON_DEPTH} levels deep")
    return value


def _no_constant(name: str):
    raise ValueError(f"JSON holds {name}, which is not a number")


_DECODER = json.JSONDecoder(parse_constant=_no_constant)
_EMPTY = {"{}": dict, "[]": list}


def depth(value) -> int:
    """How deeply lists and mappings nest in *value* (0 for a scalar), without recursion."""
    deepest, stack = 0, [(value, 0)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, (list, dict)):
            level += 1
            deepest = max(deepest, level)
            if level > MAX_JSON_DEPTH:
                return level
            stack.extend((child, level) for child in (item.values() if isinstance(item, dict) else item))
    return deepest


def record_to_row(record, seq: int) -> tuple[str, dict]:
    """(table, row) for a model record."""
    table = collection_of(record)
    row = {name: encode(table, name, getattr(record, name)) for name in field_names(type(record))}
    row["seq"] = seq
    return table, row


def rows_of(table: str, records) -> tuple[list[str], list[tuple]]:
    """(columns, rows) of *records* of *table*, numbered from 1 in ``seq``: what
    ``record_to_row`` makes of each, with the work per column decided once, not per value
    (writing a big map's file)."""
    names = list(field_names(RECORD_TYPES[table]))
    json_cols = JSON_COLUMNS.get(table, ())
    steps = []
    for name in names:
        if name in json_cols:
            steps.append(_json_step(name in _TUPLES))
        elif name in ("x", "y"):
            steps.append(_position_step)
        else:
            steps.append(_plain_step)
    plan = list(zip(names, steps))
    rows = [tuple(step(getattr(record, name)) for name, step in plan) + (seq,)
            for seq, record in enumerate(records, 1)]
    return names + ["seq"], rows


def _json_step(as_list: bool):
    dumps = json.JSONEncoder(ensure_ascii=False, sort_keys=True, allow_nan=False).encode

    def step(value):
        if value is None:
            return None
        if not value and isinstance(value, (dict, list, tuple)):
            return "[]" if as_list or not isinstance(value, dict) else "{}"
        return dumps(list(value) if as_list else value)
    return step


def _position_step(value):
    finite_position(value)
    return int(value) if isinstance(value, bool) else value


def _plain_step(value):
    return int(value) if isinstance(value, bool) else value


def row_to_record(table: str, row: dict):
    cls = RECORD_TYPES[table]
    return cls(**{name: decode(table, name, row[name]) for name in field_names(cls)})


def records_of(table: str, names: list[str], rows) -> list:
    """The records of *table* from its *rows* (tuples of the columns *names*), decoded as
    ``row_to_record`` does but with the work per column decided once, not per row."""
    cls, where = RECORD_TYPES[table], {name: i for i, name in enumerate(names)}
    plain, decoded = [], []
    for name in field_names(cls):
        if name in JSON_COLUMNS.get(table, ()) or name in ("x", "y", "collapsed"):
            decoded.append((name, where[name]))
        else:
            plain.append((name, where[name]))
    out = []
    for row in rows:
        values = {name: row[i] for name, i in plain}
        for name, i in decoded:
            values[name] = decode(table, name, row[i])
        out.append(cls(**values))
    return out
