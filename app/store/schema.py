"""Schema v1 of the .rmap document file (DESIGN §4).

CHECK constraints use only built-in functions that SQLite allows with trusted_schema=OFF
(json_valid() is refused there by this SQLite), so JSON columns are checked by shape here
and parsed strictly on load.

The DDL here is the single truth: new files are created from it and opened files must have
exactly these objects, nothing more.
"""

from __future__ import annotations

APPLICATION_ID = 0x524D4150  # "RMAP"
SCHEMA_VERSION = 1
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


def expected_objects() -> dict[tuple[str, str], str]:
    """(type, name) -> normalised SQL of every schema object a v1 file holds."""
    out = {("table", name): normalise(sql) for name, sql in TABLES.items()}
    out.update({("index", name): normalise(sql) for name, sql in INDEXES.items()})
    return out


def normalise(sql: str | None) -> str:
    """SQL with runs of whitespace collapsed, for comparing schemas."""
    return " ".join((sql or "").split())


def create_schema(conn) -> None:
    """Create every v1 object and stamp the file's identity (inside the caller's transaction)."""
    for sql in list(TABLES.values()) + list(INDEXES.values()):
        conn.execute(sql)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
