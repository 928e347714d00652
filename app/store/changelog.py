"""The change log in the file: every executed, undone and redone change set, with its time,
author and undo label, and the undo/redo position, so undo and redo survive reopening.

A ``do`` row holds the change set as JSON and a ``state``: ``done`` (undo would take it
back), ``undone`` (redo would bring it back) or ``dropped`` (undone, then overtaken by a new
edit). ``undo`` and ``redo`` rows only record who did it and when, and point at their ``do``
row (``step``). Done rows always precede undone ones, so undo takes the newest done row and
redo the oldest undone one. Entries are written by ``Store.write`` inside the transaction of
the change itself.

>>> from app.model.changes import ChangeSet, Updated
>>> cs = ChangeSet("Edit title", (Updated("nodes", "a", "title", "x", "y"),))
>>> decode_changes("Edit title", encode_changes(cs)) == cs
True
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, fields

from ..model.changes import Added, ChangeSet, MetaChanged, Removed, Updated, collection_of
from .rows import RECORD_TYPES, load_json

ACTIONS = ("do", "undo", "redo")
_TUPLE_FIELDS = ("tags", "targets")
_TUPLE_KEYS = ("assessments", "answers")


@dataclass(frozen=True)
class LogEntry:
    """One row to write: *action* is do/undo/redo. A 'do' row is normally 'done' (the
    document's undo can take it back); a live session's changes are logged 'dropped' (only
    for the record: in a session undo is per person, through the shared document)."""
    action: str
    author: str
    time: str
    changeset: ChangeSet
    state: str = "done"


@dataclass(frozen=True)
class LoggedStep:
    """One row read back, for the History panel."""
    id: int
    time: str
    author: str
    action: str
    label: str
    state: str | None


# ----- change sets as JSON ------------------------------------------------------------
def _record(record) -> dict:
    return {f.name: (list(v) if isinstance(v := getattr(record, f.name), tuple) else v)
            for f in fields(record)}


def _change(change) -> dict:
    if isinstance(change, (Added, Removed)):
        return {"op": "add" if isinstance(change, Added) else "remove",
                "in": collection_of(change.record), "record": _record(change.record)}
    if isinstance(change, Updated):
        key = list(change.key) if isinstance(change.key, tuple) else change.key
        return {"op": "set", "in": change.collection, "key": key, "field": change.field,
                "old": _plain(change.old), "new": _plain(change.new)}
    return {"op": "meta", "key": change.key, "old": change.old, "new": change.new}


def _plain(value):
    return list(value) if isinstance(value, tuple) else value


def encode_changes(cs: ChangeSet) -> str:
    return json.dumps([_change(c) for c in cs.changes], ensure_ascii=False, allow_nan=False,
                      separators=(",", ":"))


def _back(d: dict):
    op = d["op"]
    if op == "meta":
        return MetaChanged(d["key"], d["old"], d["new"])
    table = d["in"]
    if op in ("add", "remove"):
        cls = RECORD_TYPES[table]
        values = {k: (tuple(v) if k in _TUPLE_FIELDS and isinstance(v, list) else v)
                  for k, v in d["record"].items()}
        record = cls(**values)
        return Added(record) if op == "add" else Removed(record)
    key = tuple(d["key"]) if table in _TUPLE_KEYS else d["key"]
    old, new = d["old"], d["new"]
    if d["field"] in _TUPLE_FIELDS:
        old, new = tuple(old), tuple(new)
    return Updated(table, key, d["field"], old, new)


def decode_changes(label: str, text: str) -> ChangeSet:
    """The change set stored as *text*; ValueError if it does not decode."""
    try:
        return ChangeSet(label, tuple(_back(d) for d in load_json(text, "change_log.changes")))
    except (KeyError, TypeError, AttributeError) as exc:
        raise ValueError(f"a change in the log does not decode ({exc})") from None


# ----- writing (inside the caller's transaction) ------------------------------------------
def write_entry(conn: sqlite3.Connection, entry: LogEntry) -> None:
    cs = entry.changeset
    if entry.action == "do":
        conn.execute("UPDATE change_log SET state = 'dropped' WHERE state = 'undone'")
        conn.execute("INSERT INTO change_log (time, author, action, label, changes, state) "
                     "VALUES (?, ?, 'do', ?, ?, ?)",
                     [entry.time, entry.author, cs.label, encode_changes(cs), entry.state])
        return
    if entry.action == "undo":
        row = conn.execute("SELECT max(id) FROM change_log WHERE state = 'done'").fetchone()
        new_state = "undone"
    else:
        row = conn.execute("SELECT min(id) FROM change_log WHERE state = 'undone'").fetchone()
        new_state = "done"
    step = row[0] if row else None
    if step is not None:
        conn.execute("UPDATE change_log SET state = ? WHERE id = ?", [new_state, step])
    conn.execute("INSERT INTO change_log (time, author, action, label, changes, step) "
                 "VALUES (?, ?, ?, ?, '[]', ?)", [entry.time, entry.author, entry.action, cs.label, step])


# ----- reading ----------------------------------------------------------------------------
def load_position(conn: sqlite3.Connection, limit: int = 1000) -> tuple[list[ChangeSet], list[ChangeSet]]:
    """(done, undone) change sets: done oldest first (at most *limit*), undone with the next
    redo last, as ``History`` keeps them. ValueError if a row does not decode."""
    done = conn.execute("SELECT label, changes FROM change_log WHERE state = 'done' "
                        "ORDER BY id DESC LIMIT ?", [limit]).fetchall()
    undone = conn.execute("SELECT label, changes FROM change_log WHERE state = 'undone' "
                          "ORDER BY id DESC").fetchall()
    return ([decode_changes(label, text) for label, text in reversed(done)],
            [decode_changes(label, text) for label, text in undone])


def read_steps(conn: sqlite3.Connection, limit: int = 500) -> list[LoggedStep]:
    """The newest *limit* rows of the log, oldest first."""
    rows = conn.execute("SELECT id, time, author, action, label, state FROM change_log "
                        "ORDER BY id DESC LIMIT ?", [limit]).fetchall()
    return [LoggedStep(*r) for r in reversed(rows)]
