"""Migrations that can run (issue 11): Store.open verifies the schema of the file's OWN
version, migrates, then verifies the result. Proved with a real version-1 file (a fixture
written by file format 1), the real step to version 2 (the workshop method's tables) and a
trial version-3 schema and step defined here."""

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from app.store import CorruptFile, Store, StoreError, check_identity, migrations, schema
from app.store.schema import Schema

V1_FILE = Path(__file__).resolve().parents[1] / "fixtures" / "store" / "v1-small.rmap"
NOTES = "CREATE TABLE notes (\n    node TEXT PRIMARY KEY NOT NULL REFERENCES nodes(id),\n    body TEXT NOT NULL\n)"
NOTES_INDEX = "CREATE INDEX notes_by_body ON notes(body)"
TRIAL_V2 = Schema(3, schema.SCHEMAS[2].statements + (NOTES, NOTES_INDEX))   # the trial's version


def to_v2(conn):
    """The trial step: a notes table, filled with every node title that starts with 'Reason'."""
    conn.execute(NOTES)
    conn.execute(NOTES_INDEX)
    conn.execute("INSERT INTO notes SELECT id, 'note on ' || title FROM nodes WHERE title LIKE 'Reason%'")


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def dump(path):
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


@pytest.fixture
def v1(tmp_path):
    path = tmp_path / "old.rmap"
    shutil.copy(V1_FILE, path)
    return path


@pytest.fixture
def trial(monkeypatch):
    """Make the trial version 3 the latest, with its step from version 2 (the real step from
    version 1 runs before it)."""
    monkeypatch.setitem(schema.SCHEMAS, 3, TRIAL_V2)
    monkeypatch.setitem(migrations.STEPS, 2, to_v2)


def test_the_fixture_is_a_real_version_1_file(v1):
    assert check_identity(v1) == 1
    tables = {r[0] for r in sqlite3.connect(v1).execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert tables == {"meta", "nodes", "edges", "participants", "assessments", "sources"}


def test_the_real_version_1_file_becomes_version_2_with_empty_method_and_live_tables(v1):
    store = Store.open(v1)
    amap = store.load()
    counts = {t: store.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
              for t in ("rounds", "answers", "snapshots", "change_log", "live_updates", "live_state")}
    store.close()
    assert check_identity(v1) == 2
    assert counts == {"rounds": 0, "answers": 0, "snapshots": 0, "change_log": 0,
                      "live_updates": 0, "live_state": 0}
    assert len(amap.assessments) == 1 and not amap.rounds, "the current assessments stay as they were"
    backup = v1.with_name("old.v1-backup.rmap")
    assert check_identity(backup) == 1 and dump(backup) == dump(V1_FILE)
    again = Store.open(v1, read_only=True)
    assert again.load() == amap
    again.close()


def test_a_version_1_file_is_verified_migrated_and_verified_again(v1, trial):
    store = Store.open(v1)
    amap = store.load()
    notes = store.conn.execute("SELECT node, body FROM notes ORDER BY node").fetchall()
    store.close()
    assert notes == [("r1", "note on Reason one"), ("r2", "note on Reason two")]
    assert check_identity(v1) == 3
    assert amap.meta["title"] == "Version one" and len(amap.nodes) == 5
    backup = v1.with_name("old.v1-backup.rmap")
    assert check_identity(backup) == 1 and dump(backup) == dump(V1_FILE)
    again = Store.open(v1, read_only=True)          # and the result is a sound version-2 file
    assert again.load() == amap
    again.close()


def test_a_tampered_version_1_file_is_refused_before_migrating(v1, trial):
    conn = sqlite3.connect(v1)
    conn.execute("CREATE VIEW peek AS SELECT * FROM nodes")
    conn.commit()
    conn.close()
    before = digest(v1)
    with pytest.raises(CorruptFile, match="unexpected view 'peek'"):
        Store.open(v1)
    assert digest(v1) == before
    assert sorted(p.name for p in v1.parent.iterdir()) == ["old.rmap"], "nothing ran, no backup"


def test_a_step_that_leaves_the_wrong_schema_is_rolled_back(v1, monkeypatch):
    monkeypatch.setitem(schema.SCHEMAS, 3, TRIAL_V2)
    monkeypatch.setitem(migrations.STEPS, 2, lambda conn: conn.execute(NOTES))   # forgets the index
    before = digest(v1)
    with pytest.raises(StoreError, match="lacks the index 'notes_by_body'.*unchanged"):
        Store.open(v1)
    assert digest(v1) == before and check_identity(v1) == 1


def test_a_step_that_leaves_dangling_rows_is_rolled_back(v1, monkeypatch):
    def dangling(conn):
        to_v2(conn)
        conn.execute("PRAGMA foreign_keys = OFF")     # no effect inside the transaction
        conn.execute("INSERT INTO notes VALUES ('ghost', 'x')")
    monkeypatch.setitem(schema.SCHEMAS, 3, TRIAL_V2)
    monkeypatch.setitem(migrations.STEPS, 2, dangling)
    before = digest(v1)
    with pytest.raises(StoreError, match="unchanged"):
        Store.open(v1)
    assert digest(v1) == before


def test_a_failing_step_leaves_the_file_as_it_was(v1, monkeypatch):
    def broken(conn):
        conn.execute(NOTES)
        conn.execute("INSERT INTO nowhere VALUES (1)")
    monkeypatch.setitem(schema.SCHEMAS, 3, TRIAL_V2)
    monkeypatch.setitem(migrations.STEPS, 2, broken)
    before = digest(v1)
    with pytest.raises(StoreError, match="no such table: nowhere.*unchanged"):
        Store.open(v1)
    assert digest(v1) == before and check_identity(v1) == 1


def test_an_older_file_is_not_migrated_by_a_reader(v1, trial):
    before = digest(v1)
    with pytest.raises(StoreError, match="older file format; open it for editing"):
        Store.open(v1, read_only=True)
    assert digest(v1) == before


def test_a_missing_step_is_refused(v1, monkeypatch):
    monkeypatch.setitem(schema.SCHEMAS, 3, TRIAL_V2)
    before = digest(v1)
    with pytest.raises(StoreError, match="cannot upgrade"):
        Store.open(v1)
    assert digest(v1) == before


def test_new_files_get_the_latest_schema(tmp_path, trial):
    store = Store.create(tmp_path / "new.rmap")
    store.close()
    assert check_identity(tmp_path / "new.rmap") == 3
