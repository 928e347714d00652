"""The edit lock lasts the whole editing session, whatever else the process does with the file,
and readers work while a map is being edited."""

import hashlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap

import pytest

from app.document import Document
from app.io import export_map
from app.model import ReasonmapError
from app.model.commands import EditNode
from app.store import FileInUse
from app.store.lock import lock_path
from editors import second_editor



def cli(*args):
    return subprocess.run([sys.executable, "-m", "app", *map(str, args)], capture_output=True,
                          text=True, timeout=120)


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def rmap(tmp_path, small_map):
    path = tmp_path / "open.rmap"
    Document.new(path, small_map).close()
    return path


def test_a_plain_open_and_close_in_the_editing_process_keeps_the_lock(rmap):
    """The regression of issue 10: POSIX locks vanished when any descriptor closed."""
    doc = Document.open(rmap)
    try:
        with open(rmap, "rb") as fh:          # what a file dialog or an export does
            fh.read(100)
        sqlite3.connect(rmap).close()         # another SQLite connection, opened and closed
        answer = second_editor(rmap)
        assert answer.startswith("refused:") and "open.rmap" in answer and "already open" in answer
        doc.execute(EditNode("r1", {"title": "Still mine"}))   # and the editor keeps editing
    finally:
        doc.close()
    assert second_editor(rmap) == "opened"
    assert not lock_path(rmap).exists(), "closing removes the lock file"


def test_a_second_editor_in_the_same_process_is_refused(rmap):
    doc = Document.open(rmap)
    try:
        with pytest.raises(FileInUse, match="open.rmap is already open"):
            Document.open(rmap)
        with pytest.raises(FileInUse, match="open.rmap"):
            Document.new(rmap, overwrite=True)
    finally:
        doc.close()


def test_a_crashed_editor_never_blocks(rmap):
    code = ("import os, signal, sys; from app.document import Document; d = Document.open(sys.argv[1]); "
            "os.kill(os.getpid(), signal.SIGKILL)")
    out = subprocess.run([sys.executable, "-c", code, str(rmap)], timeout=60)
    assert out.returncode == -signal.SIGKILL
    assert lock_path(rmap).exists(), "the crash left its (empty of meaning) lock file behind"
    assert second_editor(rmap) == "opened"


def test_import_force_onto_a_map_open_for_editing_is_refused(rmap, tmp_path, small_map):
    source = tmp_path / "other.json"
    export_map(small_map, source)
    doc = Document.open(rmap)
    try:
        doc.execute(EditNode("r1", {"title": "Edited in the window"}))
        before = digest(rmap)
        out = cli("import", source, "-o", rmap, "--force")
        assert out.returncode == 1 and out.stderr.count("\n") == 1
        assert "open.rmap is open for editing" in out.stderr
        assert digest(rmap) == before
        doc.execute(EditNode("r1", {"title": "Next edit works"}))
    finally:
        doc.close()
    assert Document.open(rmap, read_only=True).map.nodes["r1"].title == "Next edit works"


def test_save_a_copy_onto_a_map_open_elsewhere_is_refused(rmap, tmp_path, small_map):
    other = tmp_path / "other.rmap"
    Document.new(other, small_map).close()
    editor, copier = Document.open(rmap), Document.open(other)
    try:
        before = digest(rmap)
        with pytest.raises(FileInUse, match="open.rmap is open for editing"):
            copier.save_as(rmap)
        assert digest(rmap) == before
    finally:
        editor.close()
        copier.close()


def test_readers_work_while_a_map_is_edited_and_never_write(rmap, tmp_path):
    doc = Document.open(rmap)
    try:
        doc.execute(EditNode("r2", {"base_score": 0.1, "title": "Weak reason"}))
        with open(rmap, "rb") as fh:          # a stray close in the editor changes nothing
            fh.read(1)
        before = digest(rmap)
        out = cli("evaluate", rmap, "--json")
        assert out.returncode == 0, out.stderr
        ranking = [r["id"] for r in json.loads(out.stdout)["ranking"]]
        assert ranking == ["s1", "s2"]        # the committed edit, weakening s2, is seen
        exported = tmp_path / "out.json"
        out = cli("export", rmap, "-o", exported)
        assert out.returncode == 0, out.stderr
        assert "Weak reason" in exported.read_text(encoding="utf-8")
        for command in (("check", rmap), ("sensitivity", rmap, "--json")):
            out = cli(*command)
            assert out.returncode == 0, out.stderr
        assert digest(rmap) == before, "readers never write"
        assert second_editor(rmap).startswith("refused:"), "readers did not disturb the lock"
        doc.execute(EditNode("r2", {"title": "Edited after the readers"}))
    finally:
        doc.close()


def test_two_concurrent_force_imports_to_one_name(tmp_path, small_map):
    source = tmp_path / "src.json"
    export_map(small_map, source)
    target = tmp_path / "same.rmap"
    procs = [subprocess.Popen([sys.executable, "-m", "app", "import", str(source), "-o", str(target), "--force"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(4)]
    results = [(p.wait(timeout=120), p.stderr.read()) for p in procs]
    for p in procs:
        p.stdout.close()
        p.stderr.close()
    assert any(code == 0 for code, _ in results), results
    for code, err in results:
        assert code == 0 or "same.rmap is open for editing" in err, err
    assert cli("check", target).returncode == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["same.rmap", "src.json"], "no temp files left"


def test_temp_names_are_unique_and_never_left(tmp_path, small_map):
    path = tmp_path / "x.rmap"
    Document.new(path, small_map).close()
    Document.new(path, small_map, overwrite=True).close()
    assert [p.name for p in tmp_path.iterdir()] == ["x.rmap"]


def test_the_lock_file_is_per_path_and_follows_symlinks(rmap, tmp_path):
    link = tmp_path / "link.rmap"
    os.symlink(rmap, link)
    doc = Document.open(link)
    try:
        assert second_editor(rmap).startswith("refused:")
    finally:
        doc.close()


def test_a_killed_import_leaves_a_temp_file_that_the_next_one_removes(tmp_path, small_map):
    code = textwrap.dedent("""
        import os, signal, sys
        from app.store import store
        store.move_into_place = lambda tmp, target: os.kill(os.getpid(), signal.SIGKILL)
        from app.document import Document
        Document.new(sys.argv[1])
    """)
    target = tmp_path / "new.rmap"
    out = subprocess.run([sys.executable, "-c", code, str(target)], timeout=60)
    assert out.returncode == -signal.SIGKILL
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.endswith(".new")]
    assert len(leftovers) == 1 and leftovers[0].startswith(".new.rmap.")
    Document.new(target, small_map).close()
    assert [p.name for p in tmp_path.iterdir()] == ["new.rmap"]


def test_an_editor_whose_lock_file_was_deleted_stops_writing(rmap):
    """Another program deleting the hidden lock file lets a second editor in; the first one
    then refuses to write rather than edit the same map twice."""
    doc = Document.open(rmap)
    try:
        lock_path(rmap).unlink()
        other = Document.open(rmap)
        with pytest.raises(ReasonmapError, match="no longer protected.*Nothing was changed"):
            doc.execute(EditNode("r1", {"title": "ghost"}))
        other.execute(EditNode("r1", {"title": "the real edit"}))
        other.close()
    finally:
        doc.close()
    assert Document.open(rmap, read_only=True).map.nodes["r1"].title == "the real edit"
