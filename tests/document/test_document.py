import pytest

from app.document import Document
from app.model import AddNode, Connect, EditNode, ModelError, MoveNodes, SetScore
from app.store import StoreError


@pytest.fixture
def doc(tmp_path, small_map):
    d = Document.new(tmp_path / "doc.rmap", small_map)
    yield d
    d.close()


def reopen(doc):
    """The map as a fresh process would read it from the file."""
    doc.close()
    d = Document.open(doc.path)
    amap = d.map
    d.close()
    return amap


def test_execute_commits_before_events(doc):
    seen = []

    def on_change(event):
        # the change is already in the file when views hear about it
        row = doc.store.conn.execute("SELECT title FROM nodes WHERE id='r1'").fetchone()
        seen.append((event.kind, row[0], doc.map.node("r1").title))

    doc.changed.subscribe(on_change)
    doc.execute(EditNode("r1", {"title": "Changed"}))
    assert seen == [("execute", "Changed", "Changed")]


def test_undo_redo_go_through_the_file(doc):
    doc.execute(AddNode(title="New", node_id="n", parent="s1"))
    doc.execute(SetScore("n", 0.9))
    assert doc.history.undo_label == "Edit score"
    doc.undo()
    assert doc.map.node("n").base_score == 0.5
    doc.undo()
    assert "n" not in doc.map.nodes
    assert doc.history.redo_label == "Add reason"
    doc.redo()
    doc.redo()
    amap = doc.map
    assert reopen(doc) == amap


def test_every_edit_is_its_own_step(doc):
    for text in ("R", "Re", "Reb"):
        doc.execute(EditNode("r1", {"title": text}))
    doc.execute(MoveNodes({"s1": (1, 1)}))
    doc.execute(MoveNodes({"s1": (2, 2)}))
    assert len(doc.history.done) == 5 and doc.undo_label == "Move node"
    for _ in range(4):
        doc.undo()
    assert doc.map.node("r1").title == "R" and doc.can_redo and doc.redo_label == "Edit title"


def test_the_history_keeps_its_limit():
    from app.document import History
    from app.model.changes import ChangeSet, Updated
    h = History(limit=3)
    for i in range(5):
        h.push(ChangeSet(f"step {i}", (Updated("nodes", "a", "title", str(i), str(i + 1)),)))
    assert [cs.label for cs in h.done] == ["step 2", "step 3", "step 4"]


def test_invalid_command_changes_nothing(doc):
    before_history = list(doc.history.done)
    events = []
    doc.changed.subscribe(events.append)
    with pytest.raises(ModelError):
        doc.execute(Connect("r1", "s1"))
    assert doc.history.done == before_history and events == []


def test_failed_write_leaves_map_file_and_history(doc):
    doc.execute(SetScore("r1", 0.2))
    pages = doc.store.conn.execute("PRAGMA page_count").fetchone()[0]
    doc.store.conn.execute(f"PRAGMA max_page_count = {pages}")
    before_map = {k: v for k, v in doc.map.nodes.items()}
    with pytest.raises(StoreError):
        doc.execute(AddNode(title="big", text="z" * 300_000))
    assert doc.map.nodes == before_map
    assert doc.history.undo_label == "Edit score" and not doc.history.can_redo


def test_read_only_document_refuses_edits(tmp_path, small_map):
    path = tmp_path / "ro.rmap"
    Document.new(path, small_map).close()
    d = Document.open(path, read_only=True)
    with pytest.raises(Exception, match="read-only"):
        d.execute(SetScore("r1", 0.3))
    d.close()


def test_selection_is_pruned_after_delete_and_undo(doc):
    from app.model import DeleteNodes
    doc.selection.set(["r1", "s1"])
    doc.execute(DeleteNodes(("r1",)))
    assert doc.selection.nodes == ("s1",)


def test_a_selection_emptied_by_undo_passes_to_the_card_it_was_attached_to(doc):
    from app.model import DeleteNodes
    cs = doc.execute(AddNode("New reason", parent="s2", relation="support"))
    new = cs.changes[0].record.id
    doc.selection.set([new])
    doc.undo()                              # the card goes: its conclusion is selected
    assert doc.selection.nodes == ("s2",)
    doc.selection.set(["o1"])
    doc.execute(DeleteNodes(("o1",)))       # a deleted objection hands on to what it attacked
    assert doc.selection.nodes == ("s1",)
    doc.selection.set(["s1", "r1"])
    doc.execute(DeleteNodes(("r1",)))       # something else is still selected: kept as is
    assert doc.selection.nodes == ("s1",)


def test_save_as_keeps_editing_the_original(doc, tmp_path):
    doc.execute(SetScore("r1", 0.3))
    copy = doc.save_as(tmp_path / "backup")
    assert copy.name == "backup.rmap"
    doc.execute(SetScore("r1", 0.4))
    other = Document.open(copy)
    assert other.map.node("r1").base_score == 0.3
    other.close()
