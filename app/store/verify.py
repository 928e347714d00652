"""Checks that a file is a sound Reasonmap document before anything trusts it.

The header is read as raw bytes first, so foreign files are never opened by SQLite for
writing; then the schema is compared object by object with the expected one.
"""

from __future__ import annotations

import sqlite3
import struct
from pathlib import Path

from .errors import CorruptFile, NewerFile, NotAMapFile, StoreError
from .schema import APPLICATION_ID, SCHEMA_VERSION, expected_objects, normalise

SQLITE_MAGIC = b"SQLite format 3\x00"


def read_header(path: Path) -> tuple[int, int]:
    """(application_id, user_version) from a file's SQLite header, or NotAMapFile."""
    try:
        with open(path, "rb") as fh:
            header = fh.read(100)
    except FileNotFoundError:
        raise StoreError(f"{path} does not exist") from None
    except OSError as exc:
        raise StoreError(f"Cannot read {path}: {exc.strerror or exc}") from None
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        raise NotAMapFile(f"{path.name} is not a Reasonmap map (it is not an SQLite database)")
    user_version, = struct.unpack(">I", header[60:64])
    app_id, = struct.unpack(">I", header[68:72])
    return app_id, user_version


def check_identity(path: Path) -> int:
    """Return the file's schema version if it is a Reasonmap file this version can open."""
    app_id, version = read_header(path)
    if app_id != APPLICATION_ID:
        raise NotAMapFile(f"{path.name} is an SQLite database but not a Reasonmap map "
                          "(its application id is not Reasonmap's)")
    if version > SCHEMA_VERSION:
        raise NewerFile(f"{path.name} was written by a newer Reasonmap (file format {version}; "
                        f"this version reads up to {SCHEMA_VERSION}). Please update Reasonmap.")
    if version < 1:
        raise CorruptFile(f"{path.name} has no schema version; it is damaged")
    return version


def check_connection(conn: sqlite3.Connection, name: str) -> None:
    """Integrity, exact schema and foreign keys of an open v1 file, or CorruptFile."""
    try:
        rows = conn.execute("PRAGMA quick_check").fetchall()
        if [r[0] for r in rows] != ["ok"]:
            raise CorruptFile(f"{name} is damaged: {rows[0][0]}")
        check_schema(conn, name)
        bad = conn.execute("PRAGMA foreign_key_check").fetchall()
        if bad:
            raise CorruptFile(f"{name} is damaged: a row of {bad[0][0]!r} refers to a missing {bad[0][2]!r} row")
    except sqlite3.DatabaseError as exc:
        raise CorruptFile(f"{name} is damaged: {exc}") from None


def check_schema(conn: sqlite3.Connection, name: str) -> None:
    """Refuse any unknown, missing or altered table, index, trigger or view."""
    found = {(t, n): normalise(sql) for t, n, sql in conn.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_autoindex_%'")}
    expected = expected_objects()
    for key in found.keys() - expected.keys():
        raise CorruptFile(f"{name} has an unexpected {key[0]} {key[1]!r}; it was not made by Reasonmap "
                          "or has been tampered with")
    for key in expected.keys() - found.keys():
        raise CorruptFile(f"{name} lacks the {key[0]} {key[1]!r}; it is damaged")
    for key, sql in expected.items():
        if found[key] != sql:
            raise CorruptFile(f"{name}: the {key[0]} {key[1]!r} has been altered")
