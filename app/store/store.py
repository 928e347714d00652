"""The .rmap document file: open, verify, lock, load, write change sets, back up.

One store = one SQLite file in rollback-journal mode with synchronous=FULL. Each change set
is written in one transaction. Readers (the CLI's evaluate/export/check, a read-only window)
open the file with SQLite's ``mode=ro`` and read in one read transaction, so they see the
last committed state and can never write; SQLite's normal (not exclusive) locking mode lets
them in between the editor's commits.

The edit lock (``lock.py``) is an ``flock`` on a companion file ``.NAME.rmap.lock``, held
from ``Store.open`` (or ``create``) to ``close``. Why:

- SQLite's own locks are POSIX ``fcntl`` record locks. They belong to the process, not to a
  descriptor, and vanish when ANY descriptor of the file in the process is closed: a file
  dialog sniffing the file, an export, a plain ``open()``/``close()``. They cannot hold an
  editing session, and holding them in exclusive locking mode would also shut out readers.
- ``flock`` locks belong to the open file description: only closing our own descriptor, or
  the process ending (a crash included), drops them. A crashed editor never blocks anyone:
  the kernel frees its lock, and a lock file left behind holds nothing.
- A companion file, not the ``.rmap``: on NFS Linux emulates ``flock`` with ``fcntl`` locks
  of the whole file, which on the ``.rmap`` would clash with SQLite's byte-range locks and
  fall to the same close-any-descriptor rule; only this module opens the companion file.
  It is also keyed by the path, so replacing a map (``import --force``, Save a copy onto it,
  File ▸ New onto it) needs the same lock as editing it, and two editors of one name always
  meet on one lock. Hard links to one map are not recognised as the same file.

Before a map is opened for writing, a hot journal beside it is checked to belong to it
(``journal.py``); one that does not is refused and never replayed. Writers never spill
pages into the file before COMMIT (``cache_spill = OFF``), so a journal whose page 1 has the
file's change counter must match the file page for page.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import os
import sqlite3
from pathlib import Path

from ..model import DEFAULT_META, ArgumentMap, ChangeSet, ModelError
from ..model.build import build_map
from ..model.changes import Added, MetaChanged, Removed, Updated, key_of
from ..model.entities import field_names
from .changelog import LogEntry, LoggedStep, load_position, read_steps, write_entry
from .errors import CorruptFile, StoreError
from .guards import check_writable, explain, refuse_odd_journal, refuse_stray_journal
from .live import append_updates
from .lock import EditLock
from .migrations import migrate
from .newfile import TempBeside, move_into_place
from .rows import RECORD_TYPES, decode, encode, load_json, record_to_row, records_of, rows_of
from .schema import JSON_COLUMNS, PRIMARY_KEYS, create_schema, latest, schema_of
from .verify import check_connection, check_identity, check_meta, meta_validator, regular_file

BUSY_TIMEOUT_MS = 3000          # how long a reader waits for a commit in progress
_VALUE_ERRORS = (ValueError, OverflowError, TypeError)   # incl. UnicodeEncodeError


def _connect(path: Path, *, read_only: bool) -> sqlite3.Connection:
    uri = f"{path.resolve().as_uri()}?mode={'ro' if read_only else 'rw'}"
    conn = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000,
                           check_same_thread=False)
    for pragma in ("trusted_schema = OFF", "cell_size_check = ON", "foreign_keys = ON",
                   "synchronous = FULL", "cache_spill = OFF"):
        conn.execute(f"PRAGMA {pragma}")
    return conn


class Store:
    """An open document file. Use ``Store.open`` or ``Store.create``."""

    def __init__(self, path: Path, conn: sqlite3.Connection, read_only: bool,
                 lock: EditLock | None = None):
        self.path = path
        self.conn = conn
        self.read_only = read_only
        self.lock = lock
        self._seq = {t: self._max_seq(t) for t in RECORD_TYPES}

    # ----- opening -------------------------------------------------------------------
    @classmethod
    def open(cls, path, *, read_only: bool = False) -> "Store":
        """Open and verify *path*; refuse foreign, newer, damaged, write-protected (for
        editing) or busy files, each with a StoreError naming the problem."""
        path = Path(path)
        version = check_identity(path)
        if read_only:
            return cls._open(path, version, None)
        check_writable(path)
        lock = EditLock.acquire(path)
        try:
            return cls._open(path, version, lock)
        except BaseException:
            lock.release()
            raise

    @classmethod
    def _open(cls, path: Path, version: int, lock: EditLock | None) -> "Store":
        read_only = lock is None
        schema = schema_of(version)
        if schema is None:
            raise StoreError(f"{path.name} uses file format {version}, which this version does not know")
        if read_only and version < latest().version:
            raise StoreError(f"{path.name} uses an older file format; open it for editing to upgrade it")
        refuse_odd_journal(path)
        if not read_only:
            refuse_stray_journal(path)
        conn = None
        try:
            conn = _connect(path, read_only=read_only)
            conn.execute("BEGIN")
            check_connection(conn, path.name, schema)
            conn.execute("COMMIT")
            if version < latest().version:
                migrate(conn, path, version)
            return cls(path, conn, read_only, lock)
        except BaseException as exc:
            if conn is not None:
                conn.close()
            if isinstance(exc, sqlite3.DatabaseError):
                raise explain(exc, path, read_only) from None
            raise

    @classmethod
    def create(cls, path, amap: ArgumentMap | None = None, *, overwrite: bool = False) -> "Store":
        """Write a new file holding *amap* (or an empty map) and open it for editing.

        The edit lock of *path* is taken first, so a map open elsewhere is never replaced.
        The file is built under a unique temporary name beside its final name and renamed
        into place, so a failure never leaves a half-written (or empty) file behind.
        """
        path = Path(path)
        lock = EditLock.acquire(path, purpose="replace")
        try:
            if os.path.lexists(path) and not overwrite:
                raise StoreError(f"{path.name} already exists")
            if os.path.lexists(path):
                regular_file(path)
            _replace_with_new_file(path, amap or ArgumentMap())
            return cls._open(path, check_identity(path), lock)
        except BaseException:
            lock.release()
            raise

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    # ----- reading -------------------------------------------------------------------
    def as_written(self, amap: ArgumentMap) -> ArgumentMap:
        """What ``load`` would read back from this file just made by ``create`` from *amap*,
        without reading it: *amap*'s records, with the values the file's columns change made
        as they come back (a whole number in a REAL column comes back a float, a tuple in
        JSON a list), built into a new map the same way. Opening a big import saves reading
        back and decoding all it just wrote."""
        tables = {}
        for table in RECORD_TYPES:
            real = {row[1] for row in self.conn.execute(f"PRAGMA table_info({table})") if row[2] == "REAL"}
            json_cols = set(JSON_COLUMNS.get(table, ()))
            tables[table] = [_as_stored(table, r, real, json_cols) for r in getattr(amap, table).values()]
        meta = {k: load_json(json.dumps(v, allow_nan=False), "meta") for k, v in amap.meta.items()}
        meta = check_meta({k: v for k, v in meta.items() if k in DEFAULT_META}, self.path.name)
        return build_map(meta=meta, **tables)

    def load(self) -> ArgumentMap:
        """The whole map, read in one read transaction (a consistent snapshot of the last
        commit); CorruptFile if any row or setting does not decode."""
        tables = {}
        try:
            self.conn.execute("BEGIN")
            try:
                meta = {k: load_json(v, "meta") for k, v in self.conn.execute("SELECT key, value FROM meta")}
                for table in RECORD_TYPES:
                    cur = self.conn.execute(f"SELECT * FROM {table} ORDER BY seq")
                    names = [d[0] for d in cur.description]
                    tables[table] = records_of(table, names, cur)
            finally:
                self.conn.execute("COMMIT")
            meta = check_meta({k: v for k, v in meta.items() if k in DEFAULT_META}, self.path.name)
            return build_map(meta=meta, **tables)
        except sqlite3.OperationalError as exc:
            raise explain(exc, self.path, self.read_only) from None
        except (*_VALUE_ERRORS, ModelError, RecursionError, sqlite3.DatabaseError) as exc:
            raise CorruptFile(f"{self.path.name} is damaged: {exc}") from None

    def history(self, limit: int = 1000) -> tuple[list[ChangeSet], list[ChangeSet]]:
        """The undo/redo position kept in the change log: (done, undone) change sets;
        CorruptFile if the log does not decode."""
        return self._read(lambda: load_position(self.conn, limit), "its undo history")

    def log_steps(self, limit: int = 500) -> list[LoggedStep]:
        """The newest entries of the change log, oldest first."""
        return self._read(lambda: read_steps(self.conn, limit), "its change log")

    def _read(self, fetch, what: str):
        try:
            self.conn.execute("BEGIN")
            try:
                return fetch()
            finally:
                self.conn.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            raise explain(exc, self.path, self.read_only) from None
        except (*_VALUE_ERRORS, ModelError, RecursionError, sqlite3.DatabaseError) as exc:
            raise CorruptFile(f"{self.path.name}: {what} is damaged: {exc}") from None

    def _max_seq(self, table: str) -> int:
        return self.conn.execute(f"SELECT coalesce(max(seq), 0) FROM {table}").fetchone()[0]

    # ----- writing -------------------------------------------------------------------
    def write(self, changeset: ChangeSet, log: LogEntry | None = None,
              updates: tuple[bytes, ...] = ()) -> None:
        """Commit every change of *changeset* in one transaction, or none (StoreError); *log*
        is the change log's entry for it, and in a live session the shared document's raw
        *updates* behind it go into the same transaction."""
        if self.read_only:
            raise StoreError(f"{self.path.name} is open read-only")
        if not changeset and not updates:
            return
        if self.lock is not None and not self.lock.intact():
            raise StoreError(f"{self.path.name} is no longer protected: another program removed or "
                             f"replaced its lock file {self.lock.path.name}. Close and reopen the map "
                             "to go on editing. Nothing was changed.")
        seq = dict(self._seq)
        try:
            _check_meta_changes(changeset)
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                for change in changeset.changes:
                    _write_one(self.conn, change, seq)
                if log is not None:
                    write_entry(self.conn, log)
                if updates:
                    append_updates(self.conn, updates)
                self.conn.execute("COMMIT")
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise
        except (sqlite3.Error, ModelError, *_VALUE_ERRORS) as exc:
            raise StoreError(f"Could not save the change to {self.path.name}: {_describe(exc)}. "
                             "Nothing was changed.") from None
        self._seq = seq

    def save_as(self, target) -> Path:
        """Copy the file to *target* with SQLite's backup API (a consistent snapshot); a
        map open for editing elsewhere is never replaced."""
        target = Path(target)
        if os.path.realpath(target) == os.path.realpath(self.path):
            raise StoreError("Choose a different file name to save a copy")
        lock = EditLock.acquire(target, purpose="replace")
        try:
            if os.path.lexists(target):
                regular_file(target)
            with TempBeside(target) as tmp:
                dest = sqlite3.connect(tmp)
                try:
                    self.conn.backup(dest)
                finally:
                    dest.close()
                move_into_place(tmp, target)
        except (sqlite3.Error, OSError) as exc:
            raise StoreError(f"Cannot save a copy as {target.name}: {_describe(exc)}") from None
        finally:
            lock.release()
        return target


def _describe(exc: Exception) -> str:
    text = str(exc)
    if "full" in text:
        return "the disk is full"
    if "locked" in text or "busy" in text:
        return "another program held the file too long (a reader, or a second writer); try again"
    if "CHECK constraint" in text or "constraint failed" in text:
        return f"the file refused an invalid value ({text})"
    if isinstance(exc, UnicodeError):
        return "a text holds a character that cannot be stored (a lone surrogate)"
    if isinstance(exc, OverflowError):
        return "a number is too large to store"
    return text


def _replace_with_new_file(path: Path, amap: ArgumentMap) -> None:
    """Build the file for *amap* beside *path* and rename it over *path* (lock held)."""
    try:
        with TempBeside(path) as tmp:
            conn = sqlite3.connect(tmp, isolation_level=None)
            try:
                conn.execute("PRAGMA journal_mode = DELETE")
                conn.execute("BEGIN")
                create_schema(conn)
                _fill(conn, amap)
                conn.execute("COMMIT")
            finally:
                conn.close()
            move_into_place(tmp, path)
    except (sqlite3.Error, OSError, *_VALUE_ERRORS) as exc:
        raise StoreError(f"Cannot create {path.name}: {_describe(exc)}") from None


def _as_stored(table: str, record, real: set[str], json_cols: set[str]):
    """*record* as it comes back from *table* (the same object when nothing changes)."""
    changes = {}
    for name in real:
        value = getattr(record, name)
        if type(value) is int:
            changes[name] = float(value)
    for name in json_cols:
        value = getattr(record, name)
        if value:
            back = decode(table, name, encode(table, name, value))
            if back != value or type(back) is not type(value):
                changes[name] = back
    return dataclasses.replace(record, **changes) if changes else record


def _fill(conn: sqlite3.Connection, amap: ArgumentMap) -> None:
    """Insert every record of *amap* (rows already encoded: one statement per table)."""
    conn.executemany("INSERT INTO meta(key, value) VALUES (?, ?)",
                     [(k, json.dumps(v, allow_nan=False)) for k, v in amap.meta.items()])
    for table in RECORD_TYPES:
        columns, rows = rows_of(table, getattr(amap, table).values())
        if rows:
            conn.executemany(f"INSERT INTO {table} ({', '.join(f'[{c}]' for c in columns)}) "
                             f"VALUES ({', '.join('?' * len(columns))})", rows)


def _check_meta_changes(changeset: ChangeSet) -> None:
    new = {c.key: c.new for c in changeset.changes
           if isinstance(c, MetaChanged) and c.new is not None and c.key in DEFAULT_META}
    if new:
        meta_validator()(new)


def _write_one(conn: sqlite3.Connection, change, seq: dict) -> None:
    """One change as one prepared statement. (sqlite-utils' table methods cost a ``get``
    and two ``PRAGMA table_info`` per row: 30 deleted rows took 2.3 ms, now 0.2.)"""
    if isinstance(change, Added):
        table = _table(change.collection)
        seq[table] += 1
        row = record_to_row(change.record, seq[table])[1]
        conn.execute(_insert_sql(table, tuple(row)), tuple(row.values()))
    elif isinstance(change, Removed):
        table = _table(change.collection)
        _one_row(conn.execute(_delete_sql(table), _key_values(table, key_of(change.record))),
                 table)
    elif isinstance(change, Updated):
        table = _table(change.collection)
        if change.field not in _COLUMNS[table] or change.field in PRIMARY_KEYS[table]:
            raise ModelError(f"{table} has no field {change.field!r} to change")
        value = encode(table, change.field, change.new)
        _one_row(conn.execute(_update_sql(table, change.field),
                              (value, *_key_values(table, change.key))), table)
    elif isinstance(change, MetaChanged):
        if change.new is None:
            _one_row(conn.execute("DELETE FROM meta WHERE [key] = ?", (change.key,)), "meta")
        else:
            conn.execute("INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE "
                         "SET value = excluded.value", [change.key, json.dumps(change.new, allow_nan=False)])


_COLUMNS = {table: frozenset(field_names(cls)) for table, cls in RECORD_TYPES.items()}


def _table(name: str) -> str:
    if name not in RECORD_TYPES:
        raise ModelError(f"there is no table {name!r} to change")
    return name


def _key_values(table: str, key) -> tuple:
    """The primary key columns' values of the record *key* of *table*."""
    return tuple(key) if len(PRIMARY_KEYS[table]) > 1 else (key,)


def _one_row(cursor: sqlite3.Cursor, table: str) -> None:
    """A delete or update must meet its one row: the file and the map disagree otherwise."""
    if cursor.rowcount != 1:
        raise ModelError(f"a record to change is missing from the file's {table}")


@functools.cache
def _insert_sql(table: str, columns: tuple[str, ...]) -> str:
    return (f"INSERT INTO [{table}] ({', '.join(f'[{c}]' for c in columns)}) "
            f"VALUES ({', '.join('?' * len(columns))})")


def _where(table: str) -> str:
    return " AND ".join(f"[{c}] = ?" for c in PRIMARY_KEYS[table])


@functools.cache
def _delete_sql(table: str) -> str:
    return f"DELETE FROM [{table}] WHERE {_where(table)}"


@functools.cache
def _update_sql(table: str, column: str) -> str:
    return f"UPDATE [{table}] SET [{column}] = ? WHERE {_where(table)}"
