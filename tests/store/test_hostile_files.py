"""Hostile and odd map files (issue 10's breaks 1, 2, 4, 6, 11, 12): each one is refused with
one clear message and left exactly as it was."""

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from dataclasses import replace

import pytest
from crashes import leave_hot_journal

from app.document import Document
from app.model import ReasonmapError
from app.model.commands import EditNode
from app.store import CorruptFile, JournalProblem, ReadOnlyFile, Store, StoreError


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def cli(*args):
    return subprocess.run([sys.executable, "-m", "app", *map(str, args)], capture_output=True,
                          text=True, timeout=60)


def one_line_error(out, *needles):
    assert out.returncode == 1, out
    assert out.stderr.count("\n") == 1 and out.stderr.startswith("reasonmap: error:"), out.stderr
    for needle in needles:
        assert needle in out.stderr, out.stderr


@pytest.fixture
def rmap(tmp_path, small_map):
    path = tmp_path / "map.rmap"
    Document.new(path, small_map).close()
    return path


def tamper(path, *statements, writable_schema=False):
    conn = sqlite3.connect(path, isolation_level=None)
    if writable_schema:
        conn.execute("PRAGMA writable_schema = ON")
    for sql in statements:
        conn.execute(sql)
    conn.close()


def refused_everywhere(path, error, match):
    before = digest(path)
    for read_only in (False, True):
        with pytest.raises(error, match=match):
            Store.open(path, read_only=read_only)
    one_line_error(cli("check", path), path.name)
    assert digest(path) == before


def test_a_trigger_named_like_an_automatic_index_is_refused(rmap):
    """Break 1: `_` was a LIKE wildcard, so this trigger passed and rewrote the map on the next edit."""
    tamper(rmap, "CREATE TRIGGER sqliteXautoindexXevil AFTER UPDATE ON nodes "
                 "BEGIN DELETE FROM edges; UPDATE nodes SET title = 'pwned'; END")
    refused_everywhere(rmap, CorruptFile, "unexpected trigger 'sqliteXautoindexXevil'")


def test_a_hostile_check_is_refused_by_the_schema_before_quick_check_runs_it(rmap):
    """Break 4: quick_check evaluates CHECK expressions; the schema is compared first, so the
    message is about the altered table, not about the (violated) CHECK."""
    conn = sqlite3.connect(rmap)
    sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'sources'").fetchone()[0]
    conn.close()
    hostile = sql.replace("text TEXT NOT NULL", "text TEXT NOT NULL CHECK "
                          "(length(randomblob(400000000)) = 0)")
    tamper(rmap, "INSERT INTO sources VALUES ('s', 1, 't', 'x')")
    tamper(rmap, f"UPDATE sqlite_master SET sql = '{hostile.replace(chr(39), chr(39) * 2)}' "
                 "WHERE name = 'sources'", writable_schema=True)
    refused_everywhere(rmap, CorruptFile, "the table 'sources' has been altered")


def test_an_unexpected_table_or_a_missing_index_is_refused(rmap, tmp_path):
    other = tmp_path / "other.rmap"
    shutil.copy(rmap, other)
    tamper(rmap, "ANALYZE")
    refused_everywhere(rmap, CorruptFile, "unexpected table 'sqlite_stat1'")
    tamper(other, "DROP INDEX edges_by_target")
    refused_everywhere(other, CorruptFile, "lacks the index 'edges_by_target'")


@pytest.mark.parametrize("kind", ["fifo", "device", "folder"])
def test_only_regular_files_are_opened(tmp_path, kind):
    """Break 4: a FIFO blocked forever; /dev/zero passed the size cap (its size is 0)."""
    path = tmp_path / "odd.rmap"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "device":
        os.symlink("/dev/zero", path)
    else:
        path.mkdir()
    for read_only in (False, True):
        with pytest.raises(StoreError, match="odd.rmap is .*(not a regular file|a folder)"):
            Store.open(path, read_only=read_only)
    one_line_error(cli("check", path), "odd.rmap")


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_a_fifo_or_device_as_import_source_is_refused(tmp_path, kind):
    source = tmp_path / "in.json"
    os.mkfifo(source) if kind == "fifo" else os.symlink("/dev/zero", source)
    one_line_error(cli("import", source, "-o", tmp_path / "out.rmap"), "in.json", "not a regular file")
    one_line_error(cli("evaluate", source), "in.json")
    assert not (tmp_path / "out.rmap").exists()


def test_a_wal_file_is_refused_and_never_rewritten(rmap):
    """Break 12: opening rewrote WAL files into rollback mode."""
    tamper(rmap, "PRAGMA journal_mode = WAL")
    refused_everywhere(rmap, CorruptFile, "write-ahead-log")
    assert sorted(p.name for p in rmap.parent.iterdir() if "map.rmap" in p.name) == ["map.rmap"]


def test_a_write_protected_file_opens_read_only_only(rmap):
    rmap.chmod(0o444)
    before = digest(rmap)
    with pytest.raises(ReadOnlyFile, match="map.rmap is write-protected"):
        Store.open(rmap)
    doc = Document.open(rmap, read_only=True)
    assert doc.read_only and len(doc.map.nodes) == 5
    with pytest.raises(ReasonmapError, match="read-only"):
        doc.execute(EditNode("r1", {"title": "no"}))
    doc.close()
    assert cli("check", rmap).returncode == 0
    assert digest(rmap) == before


def test_deeply_nested_json_in_a_row_is_one_message(rmap):
    deep = '{"a":' * 100_000 + "1" + "}" * 100_000
    tamper(rmap, f"UPDATE nodes SET data = '{deep}' WHERE id = 'r1'")
    with pytest.raises(CorruptFile, match="nested"):
        Store.open(rmap, read_only=True).load()
    one_line_error(cli("check", rmap), "map.rmap", "nested")
    one_line_error(cli("evaluate", rmap), "nested")


def test_nan_and_infinity_in_json_and_positions_are_refused(rmap, tmp_path):
    other = tmp_path / "other.rmap"
    shutil.copy(rmap, other)
    tamper(rmap, "UPDATE nodes SET data = '{\"w\": NaN}' WHERE id = 'r1'")
    one_line_error(cli("check", rmap), "NaN")
    tamper(other, "UPDATE nodes SET x = 1e999 WHERE id = 'r1'")
    one_line_error(cli("check", other), "finite")


@pytest.mark.parametrize("key, value, needle", [("title", '{"an": "object"}', "title"),
                                                ("semantics", '"bogus"', "bogus"),
                                                ("wrap_width", '"abc"', "wrap width")])
def test_check_validates_meta_values(rmap, key, value, needle):
    """Break 11: a title that is an object, semantics 'bogus', wrap width 'abc' were 'sound'."""
    tamper(rmap, f"UPDATE meta SET value = '{value}' WHERE key = '{key}'")
    one_line_error(cli("check", rmap), "map.rmap", "invalid map setting", needle)
    with pytest.raises(CorruptFile):
        Document.open(rmap)


def test_a_failed_create_leaves_no_file_at_all(tmp_path, small_map):
    """Break 6: a lone surrogate left a 0-byte .X.rmap.new behind."""
    amap = small_map
    amap.nodes["r1"] = replace(small_map.nodes["r1"], title="bad \udc80 title")
    with pytest.raises(ReasonmapError):
        Document.new(tmp_path / "x.rmap", amap)
    assert list(tmp_path.iterdir()) == []


def test_a_failed_write_of_a_lone_surrogate_changes_nothing(rmap):
    doc = Document.open(rmap)
    before = doc.map.nodes["r1"].title
    with pytest.raises(ReasonmapError):
        doc.execute(EditNode("r1", {"title": "bad \ud800"}))
    assert doc.map.nodes["r1"].title == before
    doc.close()
    assert Document.open(rmap, read_only=True).map.nodes["r1"].title == before


# ----- hot journals (break 2) ----------------------------------------------------------------
def test_a_stray_journal_is_refused_and_never_replayed(rmap, tmp_path):
    """A crash leaves a journal; then a backup is copied over the map. Replaying the journal
    into the backup would ruin it for good: it is refused, naming the journal."""
    backup = tmp_path / "backup.rmap"
    shutil.copy(rmap, backup)
    doc = Document.open(rmap)                      # the map moves on after the backup
    doc.execute(EditNode("r1", {"text": "x" * 50_000}))
    doc.close()
    journal = leave_hot_journal(rmap)
    shutil.copy(backup, rmap)                      # the user restores the backup
    before, journal_before = digest(rmap), digest(journal)
    for read_only in (False, True):
        with pytest.raises(JournalProblem, match="map.rmap-journal .*does not belong"):
            Store.open(rmap, read_only=read_only)
    one_line_error(cli("check", rmap), "map.rmap-journal", "does not belong")
    assert digest(rmap) == before and digest(journal) == journal_before
    elsewhere = tmp_path / "plain-sqlite"
    elsewhere.mkdir()
    shutil.copy(rmap, elsewhere / rmap.name)
    shutil.copy(journal, elsewhere / journal.name)
    sqlite3.connect(elsewhere / rmap.name).execute("SELECT count(*) FROM nodes").fetchall()
    assert digest(elsewhere / rmap.name) != before, "plain SQLite would have replayed it into the map"
    journal.unlink()                               # what the message says to do
    assert Document.open(rmap, read_only=True).map == Document.open(backup, read_only=True).map


def test_a_crash_journal_is_explained_to_readers_and_undone_by_the_next_editor(rmap, tmp_path):
    """Readers used to say 'attempt to write a readonly database' while a hot journal existed."""
    journal = leave_hot_journal(rmap)
    before = digest(rmap)
    with pytest.raises(JournalProblem, match="unfinished change .*opened for editing"):
        Store.open(rmap, read_only=True)
    for command in (("check", rmap), ("evaluate", rmap), ("export", rmap, "-o", tmp_path / "o.json")):
        out = cli(*command)
        one_line_error(out, "unfinished change", "map.rmap-journal")
        assert "readonly database" not in out.stderr
    assert digest(rmap) == before, "readers never roll the journal back themselves"
    Document.open(rmap).close()                    # the editor's open rolls it back
    assert not journal.exists()
    assert cli("check", rmap).returncode == 0


@pytest.mark.parametrize("kind", ["fifo", "folder", "symlink"])
def test_an_odd_thing_named_like_the_journal_is_refused_not_waited_on(rmap, tmp_path, kind):
    """Found by attacking: a FIFO named map.rmap-journal made every reader block forever."""
    journal = rmap.with_name("map.rmap-journal")
    if kind == "fifo":
        os.mkfifo(journal)
    elif kind == "folder":
        journal.mkdir()
    else:
        os.symlink(tmp_path / "elsewhere", journal)
    before = digest(rmap)
    for read_only in (False, True):
        with pytest.raises(JournalProblem, match="map.rmap-journal beside it is not an ordinary file"):
            Store.open(rmap, read_only=read_only)
    one_line_error(cli("check", rmap), "map.rmap-journal")
    assert digest(rmap) == before


def test_a_symlinked_lock_file_is_never_followed(rmap, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me\n")
    os.symlink(victim, rmap.with_name(".map.rmap.lock"))
    with pytest.raises(StoreError, match="symbolic link"):
        Store.open(rmap)
    assert victim.read_text() == "keep me\n"
    assert cli("check", rmap).returncode == 0        # readers need no lock


def test_a_file_over_the_size_cap_is_refused_unread(tmp_path):
    big = tmp_path / "big.rmap"
    with open(big, "wb") as fh:
        fh.truncate(3 * 1024 ** 3)                   # sparse: no disk used
    one_line_error(cli("check", big), "too large")
