"""The schemas of the .rmap document file, one per file format version (DESIGN §4).

CHECK constraints use only built-in functions that SQLite allows with trusted_schema=OFF
(json_valid() is refused there by this SQLite), so JSON columns are checked by shape here
and parsed strictly on load.

The DDL here is the single truth: new files are created from the latest schema, and an
opened file must hold exactly the objects of ITS OWN version's schema (nothing more) before it
is migrated, and exactly the latest one's after.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from functools import lru_cache

APPLICATION_ID = 0x524D4150  # "RMAP"
SCHEMA_VERSION = 2
SUFFIX = ".rmap"

_KINDS = "'claim','strategy','question','evidence','note'"
_RELATIONS = "'support','attack','answer','relates'"

TABLES: dict[str, str] = {
    "meta": """CREATE TABLE meta (
    key TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
)""",
    "nodes": f"""CREATE TABLE nodes (
    id TEXT PRIMARY KEY NOT NULL CHECK (length(id) > 0),
    seq INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ({_KINDS})),
    title TEXT NOT NULL,
    text TEXT NOT NULL,
    base_score REAL NOT NULL CHECK (base_score BETWEEN 0 AND 1),
    tags TEXT NOT NULL CHECK (substr(tags, 1, 1) = '['),
    source_ref TEXT NOT NULL,
    anchor TEXT CHECK (anchor IS NULL OR substr(anchor, 1, 1) = '{{'),
    x REAL,
    y REAL,
    collapsed INTEGER NOT NULL CHECK (collapsed IN (0, 1)),
    data TEXT NOT NULL CHECK (substr(data, 1, 1) = '{{'),
    created TEXT NOT NULL,
    modified TEXT NOT NULL
)""",
    "edges": f"""CREATE TABLE edges (
    id TEXT PRIMARY KEY NOT NULL CHECK (length(id) > 0),
    seq INTEGER NOT NULL,
    source TEXT NOT NULL REFERENCES nodes(id),
    target TEXT NOT NULL REFERENCES nodes(id),
    relation TEXT NOT NULL CHECK (relation IN ({_RELATIONS})),
    weight REAL NOT NULL CHECK (weight BETWEEN 0 AND 1),
    label TEXT NOT NULL,
    data TEXT NOT NULL CHECK (substr(data, 1, 1) = '{{'),
    UNIQUE (source, target),
    CHECK (source <> target)
)""",
    "participants": """CREATE TABLE participants (
    id TEXT PRIMARY KEY NOT NULL CHECK (length(id) > 0),
    seq INTEGER NOT NULL,
    name TEXT NOT NULL CHECK (length(trim(name)) > 0),
    colour TEXT NOT NULL CHECK (colour GLOB '#[0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f]')
)""",
    "assessments": """CREATE TABLE assessments (
    participant TEXT NOT NULL REFERENCES participants(id),
    target TEXT NOT NULL,
    seq INTEGER NOT NULL,
    value REAL NOT NULL CHECK (value BETWEEN 0 AND 1),
    note TEXT NOT NULL,
    modified TEXT NOT NULL,
    PRIMARY KEY (participant, target)
)""",
    "sources": """CREATE TABLE sources (
    id TEXT PRIMARY KEY NOT NULL CHECK (length(id) > 0),
    seq INTEGER NOT NULL,
    title TEXT NOT NULL,
    text TEXT NOT NULL
)""",
}
INDEXES: dict[str, str] = {
    "edges_by_target": "CREATE INDEX edges_by_target ON edges(target)",
}
PRIMARY_KEYS = {"meta": ("key",), "nodes": ("id",), "edges": ("id",), "participants": ("id",),
                "assessments": ("participant", "target"), "sources": ("id",)}
JSON_COLUMNS = {"nodes": ("tags", "anchor", "data"), "edges": ("data",)}

# ----- version 2: the workshop method (branch `method`) ---------------------------------
# Rounds with their answers kept per round (value NULL = an explicit "no opinion"; an input a
# round does not ask has no row), named snapshots, and the authored change log with the
# undo/redo position (``state`` of each 'do' row). Kept in one block so that another
# version-2 block can be united with it: SCHEMAS[2] and migrations.STEPS[1] add both.
_STATUSES = "'open','answering','closed'"
_SCOPES = "'map','lead','pair','picked'"
METHOD_TABLES: dict[str, str] = {
    "rounds": f"""CREATE TABLE rounds (
    id TEXT PRIMARY KEY NOT NULL CHECK (length(id) > 0),
    seq INTEGER NOT NULL,
    number INTEGER NOT NULL UNIQUE CHECK (number >= 1),
    name TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ({_STATUSES})),
    scope TEXT NOT NULL CHECK (scope IN ({_SCOPES})),
    targets TEXT NOT NULL CHECK (substr(targets, 1, 1) = '['),
    time_box INTEGER CHECK (time_box IS NULL OR time_box BETWEEN 1 AND 86400),
    created TEXT NOT NULL,
    started TEXT NOT NULL,
    closed TEXT NOT NULL
)""",
    "answers": """CREATE TABLE answers (
    round TEXT NOT NULL REFERENCES rounds(id),
    participant TEXT NOT NULL REFERENCES participants(id),
    target TEXT NOT NULL,
    seq INTEGER NOT NULL,
    value REAL CHECK (value IS NULL OR value BETWEEN 0 AND 1),
    note TEXT NOT NULL,
    modified TEXT NOT NULL,
    PRIMARY KEY (round, participant, target)
)""",
    "snapshots": """CREATE TABLE snapshots (
    id TEXT PRIMARY KEY NOT NULL CHECK (length(id) > 0),
    seq INTEGER NOT NULL,
    name TEXT NOT NULL CHECK (length(trim(name)) > 0),
    created TEXT NOT NULL,
    data TEXT NOT NULL CHECK (substr(data, 1, 1) = '{')
)""",
    "change_log": """CREATE TABLE change_log (
    id INTEGER PRIMARY KEY,
    time TEXT NOT NULL,
    author TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('do', 'undo', 'redo')),
    label TEXT NOT NULL,
    changes TEXT NOT NULL CHECK (substr(changes, 1, 1) = '['),
    step INTEGER REFERENCES change_log(id),
    state TEXT CHECK ((action = 'do') = (state IS NOT NULL)
                      AND (state IS NULL OR state IN ('done', 'undone', 'dropped')))
)""",
}
METHOD_INDEXES: dict[str, str] = {
    "change_log_by_state": "CREATE INDEX change_log_by_state ON change_log(state)",
}
PRIMARY_KEYS.update({"rounds": ("id",), "answers": ("round", "participant", "target"),
                     "snapshots": ("id",)})
JSON_COLUMNS.update({"rounds": ("targets",), "snapshots": ("data",)})
METHOD_STATEMENTS = tuple(METHOD_TABLES.values()) + tuple(METHOD_INDEXES.values())


@dataclass(frozen=True)
class Schema:
    """The DDL of one file format version, in creation order."""

    version: int
    statements: tuple[str, ...]


# ----- version 2: live sessions (issue 15) ------------------------------------------
# The shared document of a live session is kept as the raw updates it was built from (a
# file is seeded into a shared document once; reopening replays these rows), and the
# session's own settings (its room, the host's credentials) as key/value pairs. Nothing
# here refers to the map's rows: the rows stay the source of truth of the map itself.
LIVE_TABLES: dict[str, str] = {
    "live_updates": """CREATE TABLE live_updates (
    seq INTEGER PRIMARY KEY,
    data BLOB NOT NULL CHECK (typeof(data) = 'blob' AND length(data) > 0)
)""",
    "live_state": """CREATE TABLE live_state (
    key TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
)""",
}


def create_live_tables(conn) -> None:
    """Add the live-session tables (the step of these tables from version 1 to 2)."""
    for sql in LIVE_TABLES.values():
        conn.execute(sql)


_V1 = tuple(TABLES.values()) + tuple(INDEXES.values())
SCHEMAS: dict[int, Schema] = {1: Schema(1, _V1),
                              2: Schema(2, _V1 + METHOD_STATEMENTS + tuple(LIVE_TABLES.values()))}


def latest() -> Schema:
    """The schema new files get and older files are migrated to."""
    return SCHEMAS[max(SCHEMAS)]


def schema_of(version: int) -> Schema | None:
    return SCHEMAS.get(version)


def expected_objects(schema: Schema | None = None) -> dict[tuple[str, str], tuple[str, str]]:
    """(type, name) -> (table name, normalised SQL) of every object a file of *schema* holds,
    automatic indexes included: read from the schema built in memory, so nothing is guessed."""
    return dict(_objects(schema or latest()))


@lru_cache(maxsize=8)
def _objects(schema: Schema) -> tuple:
    conn = sqlite3.connect(":memory:")
    try:
        for sql in schema.statements:
            conn.execute(sql)
        rows = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
    finally:
        conn.close()
    return tuple(((t, n), (tbl, normalise(sql))) for t, n, tbl, sql in rows)


def normalise(sql: str | None) -> str:
    """SQL with runs of whitespace collapsed, for comparing schemas."""
    return " ".join((sql or "").split())


def create_schema(conn, schema: Schema | None = None) -> None:
    """Create every object of *schema* (the latest) and stamp the file's identity (inside the
    caller's transaction)."""
    schema = schema or latest()
    for sql in schema.statements:
        conn.execute(sql)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version = {schema.version}")
