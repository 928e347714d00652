"""The rows a live session keeps in the .rmap (file format 2): the shared document's raw
updates and the session's own settings.

Every function takes the store's open connection; ``append_updates`` runs inside the caller's
transaction (``Store.write`` commits a change set and the updates behind it together), the
others in their own.
"""

from __future__ import annotations

import sqlite3
from typing import Iterable

from .errors import CorruptFile, StoreError

MAX_UPDATE_BYTES = 64 * 1024 * 1024     # one stored update; far beyond any real map


def append_updates(conn: sqlite3.Connection, updates: Iterable[bytes]) -> None:
    """Add *updates* to the file (inside the caller's transaction)."""
    conn.executemany("INSERT INTO live_updates(data) VALUES (?)", [(bytes(u),) for u in updates])


def load_updates(conn: sqlite3.Connection, name: str) -> list[bytes]:
    """Every stored update, oldest first (CorruptFile if a row is not an update at all)."""
    rows = conn.execute("SELECT data FROM live_updates ORDER BY seq").fetchall()
    out = []
    for (data,) in rows:
        if not isinstance(data, bytes) or not data or len(data) > MAX_UPDATE_BYTES:
            raise CorruptFile(f"{name} is damaged: a stored live-session update is not valid")
        out.append(data)
    return out


def replace_updates(conn: sqlite3.Connection, update: bytes) -> None:
    """Replace every stored update by *update* (the whole shared document), in one transaction."""
    with _transaction(conn):
        conn.execute("DELETE FROM live_updates")
        append_updates(conn, [update])


def load_state(conn: sqlite3.Connection) -> dict[str, str]:
    return dict(conn.execute("SELECT key, value FROM live_state").fetchall())


def save_state(conn: sqlite3.Connection, values: dict) -> None:
    """Set (a value of None: remove) the given live-session settings, in one transaction."""
    with _transaction(conn):
        for key, value in values.items():
            if value is None:
                conn.execute("DELETE FROM live_state WHERE key = ?", (key,))
            else:
                conn.execute("INSERT INTO live_state(key, value) VALUES (?, ?) ON CONFLICT(key) "
                             "DO UPDATE SET value = excluded.value", (key, str(value)))


class _transaction:
    def __init__(self, conn):
        self.conn = conn

    def __enter__(self):
        self.conn.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type, exc, tb):
        if exc_type is None:
            self.conn.execute("COMMIT")
        else:
            self.conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise StoreError(f"Could not save the live session's state: {exc}") from None
        return False
