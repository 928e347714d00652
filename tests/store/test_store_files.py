"""The .rmap file: round trips, refusals of foreign/corrupt/newer files, locking, failed writes."""

import hashlib
import random
import sqlite3
import subprocess
import sys
import textwrap

import pytest

from app.model import AddNode, AddParticipant, Assess, ChangeSet, Node, Removed, Updated
from app.store import (CorruptFile, NewerFile, NotAMapFile, SCHEMA_VERSION, Store,
                       StoreError)


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def rmap(tmp_path, small_map):
    path = tmp_path / "map.rmap"
    store = Store.create(path, small_map)
    store.close()
    return path


def test_create_load_round_trip(rmap, small_map):
    store = Store.open(rmap)
    assert store.load() == small_map
    store.close()


def test_changes_are_written_and_survive_reopen(rmap):
    store = Store.open(rmap)
    amap = store.load()
    for command in (AddNode(title="New", parent="s1", node_id="n"), AddParticipant("Ann", participant_id="p"),
                    Assess("p", "n", 0.25)):
        cs = command.changes(amap)
        store.write(cs)
        amap.apply(cs)
    store.close()
    again = Store.open(rmap)
    assert again.load() == amap
    again.close()


def test_file_identity_pragmas(rmap):
    conn = sqlite3.connect(rmap)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == 0x524D4150
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()


def refused(path, error, match):
    before = digest(path)
    with pytest.raises(error, match=match):
        Store.open(path)
    assert digest(path) == before, "a refused file must be left unchanged"


def test_text_file_renamed_rmap_is_refused(tmp_path):
    p = tmp_path / "notes.rmap"
    p.write_text("just some notes\n" * 20)
    refused(p, NotAMapFile, "not an SQLite database")


def test_foreign_sqlite_file_is_refused(tmp_path):
    p = tmp_path / "other.rmap"
    conn = sqlite3.connect(p)
    conn.execute("CREATE TABLE t(x)")
    conn.commit()
    conn.close()
    refused(p, NotAMapFile, "not a Reasonmap map")


def test_newer_file_is_refused(rmap):
    conn = sqlite3.connect(rmap)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    refused(rmap, NewerFile, "newer Reasonmap")


def test_extra_trigger_is_refused(rmap):
    conn = sqlite3.connect(rmap)
    conn.execute("CREATE TRIGGER sneaky AFTER INSERT ON nodes BEGIN DELETE FROM edges; END")
    conn.commit()
    conn.close()
    refused(rmap, CorruptFile, "unexpected trigger 'sneaky'")


def test_altered_table_is_refused(rmap):
    conn = sqlite3.connect(rmap)
    conn.execute("ALTER TABLE nodes ADD COLUMN extra TEXT")
    conn.commit()
    conn.close()
    refused(rmap, CorruptFile, "altered")


def test_truncated_file_is_refused(rmap):
    data = rmap.read_bytes()
    rmap.write_bytes(data[: len(data) // 2])
    refused(rmap, StoreError, "damaged|not a Reasonmap|Cannot open")


@pytest.mark.parametrize("seed", range(12))
def test_flipped_bytes_are_refused_or_load_cleanly(rmap, seed):
    """Random damage past the header: refused with a clear StoreError, or (if it hit unused
    space) the file still loads as a valid map. Never another exception, never modified."""
    rng = random.Random(seed)
    data = bytearray(rmap.read_bytes())
    for _ in range(8):
        i = rng.randrange(100, len(data))
        data[i] ^= 1 << rng.randrange(8)
    rmap.write_bytes(bytes(data))
    before = digest(rmap)
    try:
        store = Store.open(rmap, read_only=True)
        store.load()
        store.close()
    except StoreError as exc:
        assert str(exc)
    assert digest(rmap) == before


def test_second_editor_process_is_refused_but_a_reader_is_not(rmap):
    store = Store.open(rmap)
    code = textwrap.dedent(f"""
        from app.store import Store, FileInUse
        for ro in (False, True):
            try:
                Store.open({str(rmap)!r}, read_only=ro).close()
                print("opened")
            except FileInUse as exc:
                print("in use:", exc)
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    lines = out.stdout.strip().splitlines()
    assert len(lines) == 2 and lines[0].startswith("in use:") and lines[1] == "opened", out
    assert "another window" in lines[0] and "map.rmap" in lines[0]
    store.close()
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.splitlines() == ["opened", "opened"]


def test_constraint_violation_changes_nothing(rmap):
    store = Store.open(rmap)
    before = store.load()
    bad = ChangeSet("bad", (Updated("nodes", "r1", "title", "Reason one", "ok"),
                            Updated("nodes", "r2", "base_score", 0.6, 7.0)))
    with pytest.raises(StoreError, match="Nothing was changed"):
        store.write(bad)
    assert store.load() == before
    store.close()


@pytest.mark.parametrize("change", [
    Removed(Node(id="nowhere", title="Not in the file")),
    Updated("nodes", "nowhere", "title", "Old", "New"),
    Updated("nodes", "r1", "no_such_field", "a", "b"),
    Updated("nodes", "r1", "id", "r1", "r9"),
], ids=["delete-missing", "update-missing", "unknown-field", "key-field"])
def test_a_change_the_file_cannot_take_changes_nothing(rmap, change):
    """Each change must meet exactly its one row and a real column: one that does not is
    refused with the rest of its change set (the file and the map would disagree)."""
    store = Store.open(rmap)
    before = store.load()
    bad = ChangeSet("bad", (Updated("nodes", "r1", "title", "Reason one", "ok"), change))
    with pytest.raises(StoreError, match="Nothing was changed"):
        store.write(bad)
    assert store.load() == before
    store.close()


def test_full_disk_changes_nothing(rmap):
    store = Store.open(rmap)
    amap = store.load()
    pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
    store.conn.execute(f"PRAGMA max_page_count = {pages}")
    big = AddNode(title="x", text="y" * 200_000).changes(amap)
    with pytest.raises(StoreError, match="disk is full"):
        store.write(big)
    assert store.load() == amap
    store.close()


def test_save_as_makes_a_sound_copy(rmap, tmp_path):
    store = Store.open(rmap)
    amap = store.load()
    copy = store.save_as(tmp_path / "copy.rmap")
    store.close()
    other = Store.open(copy)
    assert other.load() == amap
    other.close()


def test_a_whole_map_is_written_as_each_record_alone_would_be(tmp_path):
    """The rows a new file is filled with (per column, decided once) are exactly the rows
    ``record_to_row`` makes of each record: the shipped map, with its tags, anchors, data,
    participants and assessments, and a generated map."""
    from pathlib import Path

    from app.io import import_file
    from app.store.rows import RECORD_TYPES, record_to_row, rows_of
    from mapgen import generate_map
    shipped = Path(__file__).resolve().parents[2] / "argument_maps" / "prosocial-drives.argdown"
    for amap in (import_file(shipped).map, generate_map(300, seed=3)):
        seen = 0
        for table in RECORD_TYPES:
            records = list(getattr(amap, table).values())
            columns, rows = rows_of(table, records)
            expected = [record_to_row(r, i)[1] for i, r in enumerate(records, 1)]
            assert [dict(zip(columns, row)) for row in rows] == expected
            seen += len(rows)
        assert seen > len(amap.nodes)
        store = Store.create(tmp_path / f"m{seen}.rmap", amap)
        assert store.load().nodes == amap.nodes
        store.close()


def _records(amap):
    from app.store.rows import RECORD_TYPES
    return {t: [(r, {k: type(v) for k, v in vars(r).items()}) for r in getattr(amap, t).values()]
            for t in RECORD_TYPES}


def test_a_new_file_opens_as_the_map_it_reads_back(tmp_path):
    """``Document.new`` does not read back what it just wrote: the map it keeps
    (``Store.as_written``) equals what ``load`` reads, record by record, in order and in
    the types of every value: the shipped map, real files of others, generated maps, and a
    map with whole-number scores, tuples inside its data and odd settings."""
    from pathlib import Path

    from app.io import import_file
    from app.model import Edge, Node
    from app.model.build import build_map
    from mapgen import generate_map
    root = Path(__file__).resolve().parents[1] / "fixtures"
    files = [Path(__file__).resolve().parents[2] / "argument_maps" / "prosocial-drives.argdown",
             *sorted((root / "aif").glob("*.json")), *sorted((root / "aif-wild").glob("*.json")),
             *sorted((root / "argdown").glob("*.argdown")), *sorted((root / "kialo").glob("*.txt")),
             *sorted((root / "graphml").glob("*.graphml"))]
    maps = [import_file(f).map for f in files]
    odd = build_map([Node(id="a", title="A", base_score=1, x=3, y=-2, data={"k": (1, (2, 3))}, tags=("t",)),
                     Node(id="b", title="B", base_score=0, anchor={"start": 1, "end": 4})],
                    [Edge(id="e", source="b", target="a", weight=1, data={"p": [1.5, "x"]})],
                    meta={"title": "Odd", "wrap_width": 300})
    maps += [generate_map(400, seed=9), odd]
    for i, amap in enumerate(maps):
        store = Store.create(tmp_path / f"m{i}.rmap", amap)
        try:
            kept, read = store.as_written(amap), store.load()
        finally:
            store.close()
        assert _records(kept) == _records(read), i
        assert kept.meta == read.meta
        assert kept is not amap and kept.nodes is not amap.nodes
    assert len(maps) > 8
