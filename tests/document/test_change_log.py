"""The change log lives in the .rmap: every command with time, author and undo label, written
in the transaction of the change itself, and undo/redo survive closing and reopening."""

import sqlite3

import pytest

from app.document import Document
from app.model import AddNode, EditNode
from app.store import StoreError
from app.store import store as store_module


def rows(path):
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT action, label, author, state, step FROM change_log ORDER BY id").fetchall()
    finally:
        conn.close()


@pytest.fixture
def path(tmp_path):
    doc = Document.new(tmp_path / "m.rmap")
    doc.close()
    return tmp_path / "m.rmap"


def test_undo_and_redo_survive_reopening(path):
    doc = Document.open(path)
    doc.author = "Ann"
    doc.execute(AddNode(title="One", node_id="a"))
    doc.execute(EditNode("a", {"title": "Uno"}))
    doc.execute(AddNode(title="Two", node_id="b", parent="a"))
    doc.undo()
    doc.close()

    again = Document.open(path)
    assert again.undo_label == "Edit title"
    assert again.redo_label == "Add reason"
    assert "b" not in again.map.nodes
    again.redo()
    assert again.map.nodes["b"].title == "Two"
    while again.can_undo:
        again.undo()
    assert not again.map.nodes
    again.close()
    third = Document.open(path)
    assert not third.can_undo and third.can_redo
    third.redo()
    assert third.map.nodes["a"].title == "One"
    third.close()


def test_each_step_is_logged_with_its_author_and_position(path):
    doc = Document.open(path)
    assert doc.author                      # the OS user or "local"
    doc.author = "Ann"
    doc.execute(AddNode(title="One", node_id="a"))
    doc.execute(AddNode(title="Two", node_id="b"))
    doc.author = "Bo (live)"
    doc.undo()
    doc.execute(AddNode(title="Three", node_id="c"))       # the undone step is dropped
    steps = doc.log.steps(doc.store)
    doc.close()
    assert rows(path) == [("do", "Add claim", "Ann", "done", None),
                          ("do", "Add claim", "Ann", "dropped", None),
                          ("undo", "Add claim", "Bo (live)", None, 2),
                          ("do", "Add claim", "Bo (live)", "done", None)]
    assert [(s.action, s.author) for s in steps] == [("do", "Ann"), ("do", "Ann"), ("undo", "Bo (live)"),
                                                     ("do", "Bo (live)")]
    assert all(s.time.endswith("+00:00") for s in steps)


def test_the_log_entry_and_the_change_commit_together_or_not_at_all(path, monkeypatch):
    doc = Document.open(path)

    def broken(conn, entry):
        raise sqlite3.OperationalError("disk I/O error")
    monkeypatch.setattr(store_module, "write_entry", broken)
    with pytest.raises(StoreError, match="Nothing was changed"):
        doc.execute(AddNode(title="One", node_id="a"))
    assert not doc.map.nodes and not doc.can_undo
    doc.close()
    assert rows(path) == []
    again = Document.open(path)
    assert not again.map.nodes
    again.close()


def test_an_author_needs_a_name(path):
    doc = Document.open(path)
    with pytest.raises(ValueError):
        doc.author = "  "
    doc.close()


def test_a_damaged_log_leaves_the_map_usable_without_old_undo_steps(path):
    doc = Document.open(path)
    doc.execute(AddNode(title="One", node_id="a"))
    doc.close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE change_log SET changes = '[{\"op\": \"nonsense\"}]'")
    conn.commit()
    conn.close()
    again = Document.open(path)
    assert again.map.nodes["a"].title == "One" and not again.can_undo
    assert "undo history could not be read back" in again.log.problem
    again.close()
