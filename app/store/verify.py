"""Checks that a file is a sound Reasonmap document before anything trusts it.

The file must be a regular file within the size cap (a FIFO or a device is never read). Its
header is read as raw bytes first, so foreign files are never opened by SQLite for writing;
then the schema is compared object by object, by exact name, with the expected schema of
the file's own version BEFORE SQLite evaluates anything stored in the file (quick_check runs
CHECK expressions, so a hostile one must be refused before it can run).
"""

from __future__ import annotations

import math
import os
import sqlite3
import stat
import struct
from pathlib import Path

from .errors import CorruptFile, NewerFile, NotAMapFile, StoreError
from .schema import APPLICATION_ID, Schema, expected_objects, latest, normalise

SQLITE_MAGIC = b"SQLite format 3\x00"
MAX_FILE_BYTES = 2 * 1024 ** 3          # a map file larger than this is refused unread


def regular_file(path: Path, what: str = "map") -> os.stat_result:
    """The stat of *path* if it is a regular file (not a FIFO, device or folder) within
    the size cap; StoreError otherwise. Never opens the file."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise StoreError(f"{path} does not exist") from None
    except OSError as exc:
        raise StoreError(f"Cannot read {path}: {exc.strerror or exc}") from None
    if not stat.S_ISREG(info.st_mode):
        kind = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file"
        raise StoreError(f"{path.name} is {kind}; a {what} must be an ordinary file")
    if what == "map" and info.st_size > MAX_FILE_BYTES:
        raise StoreError(f"{path.name} is too large to open ({info.st_size // 1_000_000} MB; "
                         f"the limit is {MAX_FILE_BYTES // 1_000_000} MB)")
    return info


def read_header(path: Path) -> bytes:
    """The 100-byte SQLite header of *path* (a regular file), or NotAMapFile."""
    regular_file(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as exc:
        raise StoreError(f"Cannot read {path}: {exc.strerror or exc}") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise StoreError(f"{path.name} is not a regular file; a map must be an ordinary file")
        header = os.pread(fd, 100, 0)
    finally:
        os.close(fd)
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        raise NotAMapFile(f"{path.name} is not a Reasonmap map (it is not an SQLite database)")
    return header


def check_identity(path: Path) -> int:
    """Return the file's schema version if it is a Reasonmap file this version can open."""
    header = read_header(path)
    user_version, = struct.unpack(">I", header[60:64])
    app_id, = struct.unpack(">I", header[68:72])
    if app_id != APPLICATION_ID:
        raise NotAMapFile(f"{path.name} is an SQLite database but not a Reasonmap map "
                          "(its application id is not Reasonmap's)")
    if header[18] == 2 or header[19] == 2:
        raise CorruptFile(f"{path.name} is in SQLite's write-ahead-log (WAL) mode, which Reasonmap "
                          "does not use; it was left unchanged")
    if header[18] != 1 or header[19] != 1:
        raise CorruptFile(f"{path.name} has an unknown SQLite file format; it was left unchanged")
    newest = latest().version
    if user_version > newest:
        raise NewerFile(f"{path.name} was written by a newer Reasonmap (file format {user_version}; "
                        f"this version reads up to {newest}). Please update Reasonmap.")
    if user_version < 1:
        raise CorruptFile(f"{path.name} has no schema version; it is damaged")
    return user_version


def check_connection(conn: sqlite3.Connection, name: str, schema: Schema | None = None) -> None:
    """Exact schema (of *schema*, default the latest), then integrity and foreign keys of an
    open file, or CorruptFile."""
    try:
        check_schema(conn, name, schema)
        rows = conn.execute("PRAGMA quick_check").fetchall()
        if [r[0] for r in rows] != ["ok"]:
            raise CorruptFile(f"{name} is damaged: {rows[0][0]}")
        check_foreign_keys(conn, name)
    except sqlite3.OperationalError:
        raise                                  # busy, read-only, ...: the caller explains it
    except sqlite3.DatabaseError as exc:
        raise CorruptFile(f"{name} is damaged: {exc}") from None


def check_foreign_keys(conn: sqlite3.Connection, name: str) -> None:
    bad = conn.execute("PRAGMA foreign_key_check").fetchall()
    if bad:
        raise CorruptFile(f"{name} is damaged: a row of {bad[0][0]!r} refers to a missing {bad[0][2]!r} row")


def check_schema(conn: sqlite3.Connection, name: str, schema: Schema | None = None) -> None:
    """Refuse any unknown, missing or altered table, index, trigger or view: every object,
    automatic indexes included, is compared by its exact type, name, table and SQL."""
    found = {(t, n): (tbl, normalise(sql)) for t, n, tbl, sql in conn.execute(
        "SELECT type, name, tbl_name, sql FROM sqlite_master")}
    expected = expected_objects(schema)
    for key in sorted(found.keys() - expected.keys()):
        raise CorruptFile(f"{name} has an unexpected {key[0]} {key[1]!r}; it was not made by Reasonmap "
                          "or has been tampered with")
    for key in sorted(expected.keys() - found.keys()):
        raise CorruptFile(f"{name} lacks the {key[0]} {key[1]!r}; it is damaged")
    for key, value in expected.items():
        if found[key] != value:
            raise CorruptFile(f"{name}: the {key[0]} {key[1]!r} has been altered")


def meta_validator():
    """The model's ``validate_meta`` when the model has one, else this module's fallback."""
    try:
        from ..model import validate_meta
    except ImportError:
        return _validate_meta
    return validate_meta


def check_meta(meta: dict, name: str) -> dict:
    """The map settings of a file, each checked, or CorruptFile naming the bad one."""
    from ..model import ModelError
    try:
        return meta_validator()(meta)
    except ModelError as exc:
        raise CorruptFile(f"{name} holds an invalid map setting: {exc}") from None


def _validate_meta(meta: dict) -> dict:
    """Fallback meta rules: title and description text, a known semantics, a whole-number
    wrap width from 1 to 5000 pixels."""
    from ..model import SEMANTICS, ModelError
    for key, value in meta.items():
        if key in ("title", "description") and not isinstance(value, str):
            raise ModelError(f"the map's {key} must be text, not {type(value).__name__}")
        if key == "semantics" and (not isinstance(value, str) or value not in SEMANTICS):
            raise ModelError(f"unknown semantics {str(value)[:40]!r} (expected one of {', '.join(SEMANTICS)})")
        if key == "wrap_width" and (isinstance(value, bool) or not isinstance(value, int)
                                    or not 1 <= value <= 5000):
            raise ModelError(f"the wrap width must be a whole number from 1 to 5000, not {str(value)[:40]!r}")
    return dict(meta)


def finite_position(value) -> None:
    """ValueError unless *value* (a stored x or y) is None or a finite number."""
    if value is not None and not (isinstance(value, (int, float)) and math.isfinite(value)):
        raise ValueError(f"a position is not a finite number ({str(value)[:40]})")
