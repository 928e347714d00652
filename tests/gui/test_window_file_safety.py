"""The window and the edit lock: a second window is refused (or reads), read-only files say
so, nothing replaces a map open elsewhere, and a bad file never half-switches the window."""

import hashlib
import sqlite3

import pytest

from app.document import Document
from app.model.commands import EditNode
from app.store.lock import lock_path
from app.ui import dialogs, file_ops
from app.ui.main_window import MainWindow
from app.ui.outline import TITLE_ROLE
from editors import second_editor


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def second_window(qtbot):
    win = MainWindow()
    qtbot.addWidget(win)
    yield win
    if win.doc is not None:
        win.doc.close()


@pytest.fixture
def answer(monkeypatch):
    """What the user answers to "open it read-only?" (set .value); the questions asked."""
    class Answer:
        value = False
        asked: list = []
    monkeypatch.setattr(file_ops, "ask_open_read_only",
                        lambda _parent, message: Answer.asked.append(message) or Answer.value)
    return Answer


def save_path(monkeypatch, path):
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *_args: str(path))


def test_after_an_export_the_map_is_still_protected(window, doc, monkeypatch, tmp_path, second_window, answer):
    """Issue 10 as a new user met it: File ▸ Export… once and the lock was gone."""
    save_path(monkeypatch, tmp_path / "out.json")
    window.registry.run("file.export")
    assert (tmp_path / "out.json").exists()
    assert second_editor(doc.path).startswith("refused:")
    assert not second_window.file_ops.open_map(str(doc.path))
    assert answer.asked and "small.rmap is already open" in answer.asked[0]
    assert second_window.doc is None


def test_open_read_only_while_another_window_edits(window, doc, second_window, answer):
    doc.execute(EditNode("r1", {"title": "Before the reader"}))
    answer.value = True
    assert second_window.file_ops.open_map(str(doc.path))
    reader = second_window.doc
    assert reader.read_only and reader.map.nodes["r1"].title == "Before the reader"
    assert second_window.saved.text().startswith("Read-only")
    assert "open read-only" in second_window.statusBar().currentMessage()
    assert not second_window.registry.action("edit.delete").isEnabled()
    doc.execute(EditNode("r1", {"title": "The editor goes on"}))     # the editor is not disturbed
    assert second_editor(doc.path).startswith("refused:")


def test_a_write_protected_map_opens_read_only_and_says_so(window, doc, tmp_path, small_map, errors):
    path = tmp_path / "protected.rmap"
    Document.new(path, small_map).close()
    path.chmod(0o444)
    assert window.file_ops.open_map(str(path))
    assert window.doc.read_only
    assert window.saved.text() == "Read-only protected.rmap"
    assert "write-protected" in window.statusBar().currentMessage()
    assert errors == []


def test_save_a_copy_onto_a_map_open_elsewhere_is_refused(window, doc, tmp_path, small_map, monkeypatch, errors):
    other = tmp_path / "other.rmap"
    holder = Document.new(other, small_map)
    try:
        before = digest(other)
        save_path(monkeypatch, other)
        window.registry.run("file.save_as")
        assert errors and "other.rmap is open for editing" in errors[0][1]
        assert digest(other) == before
        holder.execute(EditNode("r1", {"title": "Still editable"}))
    finally:
        holder.close()


def test_new_map_onto_a_map_open_elsewhere_is_refused(window, doc, tmp_path, small_map, monkeypatch, errors):
    other = tmp_path / "other.rmap"
    holder = Document.new(other, small_map)
    try:
        before = digest(other)
        save_path(monkeypatch, other)
        window.registry.run("file.new")
        assert errors and "other.rmap is open for editing" in errors[0][1]
        assert digest(other) == before and window.doc is doc
    finally:
        holder.close()


def spoil(path, how):
    conn = sqlite3.connect(path, isolation_level=None)
    if how == "nested":
        conn.execute("UPDATE nodes SET data = ? WHERE id = 'r1'", ['{"a":' * 50_000 + "1" + "}" * 50_000])
    elif how == "semantics":
        conn.execute("UPDATE meta SET value = '\"bogus\"' WHERE key = 'semantics'")
    elif how == "wal":
        conn.execute("PRAGMA journal_mode = WAL")
    else:
        conn.execute("CREATE TRIGGER sqliteXautoindexXevil AFTER UPDATE ON nodes BEGIN DELETE FROM edges; END")
    conn.close()


@pytest.mark.parametrize("how", ["nested", "semantics", "wal", "trigger"])
def test_a_bad_map_leaves_the_window_on_the_current_one(window, doc, tmp_path, small_map, errors, how):
    bad = tmp_path / "bad.rmap"
    Document.new(bad, small_map).close()
    spoil(bad, how)
    before = digest(bad)
    assert not window.file_ops.open_map(str(bad))
    assert len(errors) == 1 and "bad.rmap" in errors[0][0] + errors[0][1]
    assert window.doc is doc and "Small" in window.windowTitle()
    doc.execute(EditNode("r1", {"title": "Still here"}))
    assert window.outline.items_for("r1")[0].data(TITLE_ROLE) == "Still here"
    assert digest(bad) == before
    assert not lock_path(bad).exists(), "a refused map keeps no lock"


def test_a_view_that_cannot_show_a_map_never_half_switches(window, doc, tmp_path, small_map, errors, monkeypatch):
    """Fault injection: the canvas fails on the new map; the window goes back to the old one
    and the new map's lock is released."""
    other = tmp_path / "other.rmap"
    Document.new(other, small_map).close()
    real = window.canvas.set_document

    def failing(new):
        if new is not doc:
            raise ValueError("cannot draw this map")
        real(new)
    monkeypatch.setattr(window.canvas, "set_document", failing)
    assert not window.file_ops.open_map(str(other))
    assert errors and "cannot be shown" in errors[0][1]
    assert window.doc is doc and "Small" in window.windowTitle()
    doc.execute(EditNode("r1", {"title": "Old map still live"}))
    assert window.outline.items_for("r1")[0].data(TITLE_ROLE) == "Old map still live"
    assert second_editor(other) == "opened"
