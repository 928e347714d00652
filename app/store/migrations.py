"""Schema migrations: each step takes a file from version n to n+1 in one transaction,
after a backup copy of the file has been taken.

Version 1 is the first schema, so there are no steps yet; the machinery is exercised by
tests with a fake step.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Callable

from .errors import StoreError
from .schema import SCHEMA_VERSION

STEPS: dict[int, Callable[[sqlite3.Connection], None]] = {}


def migrate(conn: sqlite3.Connection, path: Path, version: int, steps=None) -> None:
    """Bring the open file from *version* to the current one, or leave it untouched."""
    from .store import backup_copy
    steps = STEPS if steps is None else steps
    target = max(SCHEMA_VERSION, max(steps) + 1) if steps else SCHEMA_VERSION
    missing = [v for v in range(version, target) if v not in steps]
    if missing:
        raise StoreError(f"{path.name} uses file format {version}, which this version cannot upgrade")
    backup_copy(path, version)
    conn.execute("BEGIN IMMEDIATE")
    try:
        for v in range(version, target):
            steps[v](conn)
        conn.execute(f"PRAGMA user_version = {target}")
        conn.execute("COMMIT")
    except sqlite3.Error as exc:
        conn.execute("ROLLBACK")
        raise StoreError(f"Could not upgrade {path.name}: {exc}; the file is unchanged") from None
