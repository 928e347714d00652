"""Schema migrations: each step takes a file from version n to n+1.

``Store.open`` has already verified the file against the schema of ITS OWN version (so a
tampered old file is refused before anything runs). ``migrate`` then takes a backup copy,
runs every step and stamps the new version in one transaction, and verifies the result
against the latest schema inside that transaction: a step that leaves a wrong schema or
dangling rows is rolled back and the file stays as it was.

Version 2 adds the workshop method's tables (rounds, their answers, snapshots and the change
log: ``schema.METHOD_TABLES``) and those of live sessions (``schema.LIVE_TABLES``); tests prove
the machinery with a real version-1 file, and with a trial version-2 schema and step.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Callable

from .errors import StoreError
from .schema import METHOD_STATEMENTS, Schema, create_live_tables, latest
from .verify import check_foreign_keys, check_schema

Step = Callable[[sqlite3.Connection], None]


def method_tables(conn: sqlite3.Connection) -> None:
    """Version 1 -> 2, the workshop method's part: rounds, answers, snapshots, change log
    (all empty: a version-1 file kept only the current assessments, which stay as they are)."""
    for sql in METHOD_STATEMENTS:
        conn.execute(sql)


def to_version_2(conn: sqlite3.Connection) -> None:
    """Version 1 -> 2: the workshop method's tables, then the live session's."""
    method_tables(conn)
    create_live_tables(conn)


STEPS: dict[int, Step] = {1: to_version_2}          # version n -> the step from n to n + 1


def migrate(conn: sqlite3.Connection, path: Path, version: int, *, steps: dict[int, Step] | None = None,
            target: Schema | None = None) -> Path:
    """Bring the open file from *version* to *target* (the latest schema); return the backup.

    Raises StoreError (the file unchanged) when a step is missing, fails or gives a file
    that is not exactly the target schema.
    """
    steps = STEPS if steps is None else steps
    target = target or latest()
    missing = [v for v in range(version, target.version) if v not in steps]
    if missing:
        raise StoreError(f"{path.name} uses file format {version}, which this version cannot upgrade")
    backup = backup_copy(conn, path, version)
    conn.execute("BEGIN IMMEDIATE")
    try:
        for v in range(version, target.version):
            steps[v](conn)
        conn.execute(f"PRAGMA user_version = {int(target.version)}")
        check_schema(conn, path.name, target)
        check_foreign_keys(conn, path.name)
        conn.execute("COMMIT")
    except (sqlite3.Error, StoreError) as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise StoreError(f"Could not upgrade {path.name} to file format {target.version}: {exc}; "
                         f"the file is unchanged (a copy is in {backup.name})") from None
    return backup


def backup_copy(conn: sqlite3.Connection, path: Path, version: int) -> Path:
    """A consistent copy of the open file, taken with SQLite's backup API before migrating."""
    target = path.with_name(f"{path.stem}.v{version}-backup{path.suffix}")
    tmp = target.with_name(f".{target.name}.new")
    try:
        dest = sqlite3.connect(tmp)
        try:
            conn.backup(dest)
        finally:
            dest.close()
        tmp.replace(target)
    except (sqlite3.Error, OSError) as exc:
        tmp.unlink(missing_ok=True)
        raise StoreError(f"Could not back up {path.name} before upgrading it: {exc}; "
                         "the file is unchanged") from None
    return target
