"""The .rmap document file: open, verify, lock, load, write change sets, back up.

One store = one SQLite file in rollback-journal mode with synchronous=FULL. Each change set
is written in one transaction; the file is held with an exclusive lock while a window edits
it, so a second process gets FileInUse instead of a corrupted file.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from pathlib import Path

import sqlite_utils

from ..model import ArgumentMap, ChangeSet, ModelError
from ..model.argmap import DEFAULT_META
from ..model.build import build_map
from ..model.changes import Added, MetaChanged, Removed, Updated
from .errors import CorruptFile, FileInUse, StoreError
from .migrations import migrate
from .rows import RECORD_TYPES, encode, primary_key, record_pk, record_to_row, row_to_record
from .schema import SCHEMA_VERSION, create_schema
from .verify import check_connection, check_identity

BUSY_TIMEOUT_MS = 200


def _connect(path: Path, *, read_only: bool) -> sqlite3.Connection:
    uri = f"{path.resolve().as_uri()}?mode={'ro' if read_only else 'rw'}"
    conn = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000,
                           check_same_thread=False)
    for pragma in ("trusted_schema = OFF", "cell_size_check = ON", "foreign_keys = ON",
                   "synchronous = FULL"):
        conn.execute(f"PRAGMA {pragma}")
    return conn


class Store:
    """An open document file. Use ``Store.open`` or ``Store.create``."""

    def __init__(self, path: Path, conn: sqlite3.Connection, read_only: bool):
        self.path = path
        self.conn = conn
        self.db = sqlite_utils.Database(conn)
        self.read_only = read_only
        self._seq = {t: self._max_seq(t) for t in RECORD_TYPES}

    # ----- opening -------------------------------------------------------------------
    @classmethod
    def open(cls, path, *, read_only: bool = False) -> "Store":
        """Open and verify *path*; refuse foreign, newer, damaged or busy files."""
        path = Path(path)
        version = check_identity(path)
        conn = None
        try:
            conn = _connect(path, read_only=read_only)
            if not read_only:
                _lock(conn, path)
            check_connection(conn, path.name)
        except (sqlite3.DatabaseError, StoreError) as exc:
            if conn is not None:
                conn.close()
            if isinstance(exc, StoreError):
                raise
            raise _busy_or(exc, path, read_only) from None
        if version < SCHEMA_VERSION:
            if read_only:
                conn.close()
                raise StoreError(f"{path.name} uses an older file format; open it for editing to upgrade it")
            migrate(conn, path, version)
        return cls(path, conn, read_only)

    @classmethod
    def create(cls, path, amap: ArgumentMap | None = None, *, overwrite: bool = False) -> "Store":
        """Write a new file holding *amap* (or an empty map) and open it for editing.

        The file is built beside its final name and renamed into place, so a failure never
        leaves a half-written map behind.
        """
        path = Path(path)
        if path.exists() and not overwrite:
            raise StoreError(f"{path.name} already exists")
        tmp = path.with_name(f".{path.name}.new")
        tmp.unlink(missing_ok=True)
        try:
            conn = sqlite3.connect(tmp, isolation_level=None)
            conn.execute("PRAGMA journal_mode = DELETE")
            conn.execute("BEGIN")
            create_schema(conn)
            _fill(sqlite_utils.Database(conn), amap or ArgumentMap())
            conn.execute("COMMIT")
            conn.close()
            os.replace(tmp, path)
        except (sqlite3.Error, OSError) as exc:
            tmp.unlink(missing_ok=True)
            raise StoreError(f"Cannot create {path.name}: {exc}") from None
        return cls.open(path)

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    # ----- reading -------------------------------------------------------------------
    def load(self) -> ArgumentMap:
        """The whole map, read in one transaction; CorruptFile if any row does not decode."""
        tables = {}
        try:
            with self.db.atomic():
                meta = {k: json.loads(v) for k, v in self.conn.execute("SELECT key, value FROM meta")}
                for table in RECORD_TYPES:
                    cur = self.conn.execute(f"SELECT * FROM {table} ORDER BY seq")
                    names = [d[0] for d in cur.description]
                    tables[table] = [row_to_record(table, dict(zip(names, r))) for r in cur]
            return build_map(meta={k: v for k, v in meta.items() if k in DEFAULT_META}, **tables)
        except (ValueError, TypeError, ModelError, sqlite3.DatabaseError) as exc:
            raise CorruptFile(f"{self.path.name} is damaged: {exc}") from None

    def _max_seq(self, table: str) -> int:
        return self.conn.execute(f"SELECT coalesce(max(seq), 0) FROM {table}").fetchone()[0]

    # ----- writing -------------------------------------------------------------------
    def write(self, changeset: ChangeSet) -> None:
        """Commit every change of *changeset* in one transaction, or none (StoreError)."""
        if self.read_only:
            raise StoreError(f"{self.path.name} is open read-only")
        if not changeset:
            return
        seq = dict(self._seq)
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                for change in changeset.changes:
                    _write_one(self.db, change, seq)
                self.conn.execute("COMMIT")
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise
        except sqlite3.Error as exc:
            raise StoreError(f"Could not save the change to {self.path.name}: {_describe(exc)}. "
                             "Nothing was changed.") from None
        self._seq = seq

    def save_as(self, target) -> Path:
        """Copy the file to *target* with SQLite's backup API (a consistent snapshot)."""
        target = Path(target)
        if target.resolve() == self.path.resolve():
            raise StoreError("Choose a different file name to save a copy")
        tmp = target.with_name(f".{target.name}.new")
        try:
            dest = sqlite3.connect(tmp)
            with dest:
                self.conn.backup(dest)
            dest.close()
            os.replace(tmp, target)
        except (sqlite3.Error, OSError) as exc:
            tmp.unlink(missing_ok=True)
            raise StoreError(f"Cannot save a copy as {target.name}: {_describe(exc)}") from None
        return target


def _lock(conn: sqlite3.Connection, path: Path) -> None:
    """Hold the file for this process: exclusive locking mode, taken at once."""
    conn.execute("PRAGMA locking_mode = EXCLUSIVE")
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("BEGIN EXCLUSIVE")
    conn.execute("COMMIT")


def _busy_or(exc: sqlite3.DatabaseError, path: Path, read_only: bool = False) -> StoreError:
    """The StoreError that explains an SQLite failure while opening *path*."""
    text = str(exc)
    if ("locked" in text or "busy" in text) and read_only:
        return FileInUse(f"{path.name} is being edited in another window and cannot be read "
                         "until it is closed there")
    if "locked" in text or "busy" in text:
        return FileInUse(f"{path.name} is already open in another window or program; "
                         "close it there first")
    if not isinstance(exc, sqlite3.OperationalError) or "malformed" in text:
        return CorruptFile(f"{path.name} is damaged: {text}")
    return StoreError(f"Cannot open {path.name}: {text}")


def _describe(exc: sqlite3.Error) -> str:
    text = str(exc)
    if "full" in text:
        return "the disk is full"
    if "CHECK constraint" in text or "constraint failed" in text:
        return f"the file refused an invalid value ({text})"
    return text


def _fill(db: sqlite_utils.Database, amap: ArgumentMap) -> None:
    db["meta"].insert_all([{"key": k, "value": json.dumps(v)} for k, v in amap.meta.items()])
    for table in RECORD_TYPES:
        rows = [record_to_row(r, i)[1] for i, r in enumerate(getattr(amap, table).values(), 1)]
        if rows:
            db[table].insert_all(rows, batch_size=500)


def _write_one(db: sqlite_utils.Database, change, seq: dict) -> None:
    if isinstance(change, Added):
        table = change.collection
        seq[table] += 1
        db[table].insert(record_to_row(change.record, seq[table])[1])
    elif isinstance(change, Removed):
        db[change.collection].delete(record_pk(change.record))
    elif isinstance(change, Updated):
        table = change.collection
        db[table].update(primary_key(table, change.key),
                         {change.field: encode(table, change.field, change.new)})
    elif isinstance(change, MetaChanged):
        if change.new is None:
            db["meta"].delete(change.key)
        else:
            db.execute("INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE "
                       "SET value = excluded.value", [change.key, json.dumps(change.new)])


def backup_copy(path: Path, version: int) -> Path:
    """A plain copy of *path* taken before migrating it."""
    target = path.with_name(f"{path.stem}.v{version}-backup{path.suffix}")
    shutil.copy2(path, target)
    return target
