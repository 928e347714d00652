"""No edit the user did not see or choose: a card added and left untitled goes again, paste
copies a whole subtree into a free spot, deleting a card with reasons asks what happens to
them, and a relation dropped onto a neighbouring card is long enough to see.

Driven the way users do: keys on the canvas (which reach the window's action registry),
mouse drags, and the real delete dialog answered by clicking its buttons."""

import math

import pytest
from PySide6.QtCore import QPointF, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from app.document import Document
from app.layout import count_overlaps
from app.model import Edge, MoveNodes, Node
from app.model.build import build_map
from app.render.export import weighed


def ranking(doc):
    return weighed(doc.map)[1]


def snapshot(doc):
    m = doc.map
    return dict(m.nodes), dict(m.edges)


def press(qtbot, window, key, modifier=Qt.NoModifier):
    window.canvas.setFocus()
    qtbot.keyClick(window.canvas, key, modifier)


def overlaps(window):
    cards = window.canvas.map_scene.cards
    rects = {n: c.scene_card_rect() for n, c in cards.items()}
    pos = {n: (r.center().x(), r.center().y()) for n, r in rects.items()}
    return count_overlaps(pos, {n: (r.width(), r.height()) for n, r in rects.items()})


# ----- Tab then Escape --------------------------------------------------------------------
@pytest.mark.parametrize("add_key", [Qt.Key_Tab, Qt.Key_Insert, Qt.Key_Backtab],
                         ids=["tab", "insert", "backtab"])
@pytest.mark.parametrize("finish", ["escape", "empty return", "click away"])
def test_a_new_card_left_without_a_title_goes_again(window, doc, qtbot, add_key, finish):
    doc.selection.set(["s1"])
    before, rank, undo_label = snapshot(doc), ranking(doc), doc.history.undo_label
    press(qtbot, window, add_key)
    editor = window.canvas._editor
    assert editor is not None and len(doc.map.nodes) == len(before[0]) + 1
    if finish == "escape":
        qtbot.keyClicks(editor, "half a thought")       # typed, then cancelled
        qtbot.keyClick(editor, Qt.Key_Escape)
    elif finish == "empty return":
        qtbot.keyClicks(editor, "   ")
        qtbot.keyClick(editor, Qt.Key_Return)
    else:
        window.inspector.title.setFocus()               # the editor loses the focus
        qtbot.waitUntil(lambda: window.canvas._editor is None)
    assert snapshot(doc) == before and ranking(doc) == rank
    assert doc.history.undo_label == undo_label         # the add was undone: no step left
    assert doc.selection.nodes == ("s1",)
    assert "not added" in window.statusBar().currentMessage()


def test_a_new_card_with_a_title_stays(window, doc, qtbot):
    doc.selection.set(["s1"])
    press(qtbot, window, Qt.Key_Tab)
    qtbot.keyClicks(window.canvas._editor, "Cheap to try")
    qtbot.keyClick(window.canvas._editor, Qt.Key_Return)
    (new,) = set(doc.map.nodes) - {"s1", "s2", "r1", "r2", "o1"}
    assert doc.map.nodes[new].title == "Cheap to try"
    assert doc.map.edge_between(new, "s1").relation == "support"


def test_escape_on_an_existing_card_only_cancels_the_edit(window, doc, qtbot):
    doc.selection.set(["r1"])
    before = snapshot(doc)
    press(qtbot, window, Qt.Key_F2)
    qtbot.keyClicks(window.canvas._editor, "other words")
    qtbot.keyClick(window.canvas._editor, Qt.Key_Escape)
    assert snapshot(doc) == before


def test_undo_from_the_menu_while_a_new_card_is_edited(window, doc, qtbot):
    doc.selection.set(["s1"])
    before = snapshot(doc)
    press(qtbot, window, Qt.Key_Tab)
    window.registry.action("edit.undo").trigger()       # takes the add away itself
    assert window.canvas._editor is None and snapshot(doc) == before
    window.registry.action("edit.redo").trigger()       # the blank card is back, visibly
    assert len(doc.map.nodes) == len(before[0]) + 1


def test_typed_title_is_kept_when_the_map_is_closed_mid_edit(window, doc, qtbot):
    doc.selection.set(["r1"])
    press(qtbot, window, Qt.Key_F2)
    window.canvas._editor.selectAll()
    qtbot.keyClicks(window.canvas._editor, "Typed, then closed")
    path = doc.path
    window.close()
    again = Document.open(path, read_only=True)
    try:
        assert again.map.nodes["r1"].title == "Typed, then closed"
    finally:
        again.close()


# ----- copy and paste -----------------------------------------------------------------------
@pytest.fixture
def tree_doc(tmp_path):
    """A claim with a reason (which has its own objection) and a second, separate claim."""
    nodes = [Node(id="c", title="Claim", x=0.0, y=0.0), Node(id="r", title="Reason", x=0.0, y=160.0),
             Node(id="o", title="Objection to the reason", x=0.0, y=320.0),
             Node(id="d", title="Other claim", x=500.0, y=0.0)]
    edges = [Edge(id="e1", source="r", target="c"),
             Edge(id="e2", source="o", target="r", relation="attack")]
    d = Document.new(tmp_path / "tree.rmap", build_map(nodes, edges))
    yield d
    d.close()


@pytest.fixture
def tree_window(window, tree_doc):
    window.set_document(tree_doc)
    window.canvas.fit_all()
    return window


def _copy_reason(qtbot, window, doc):
    doc.selection.set(["r"])
    press(qtbot, window, Qt.Key_C, Qt.ControlModifier)


def test_paste_under_the_selected_card_copies_the_subtree(tree_window, tree_doc, qtbot):
    doc, window = tree_doc, tree_window
    _copy_reason(qtbot, window, doc)
    doc.selection.set(["d"])
    undo_label = doc.history.undo_label
    press(qtbot, window, Qt.Key_V, Qt.ControlModifier)
    new = set(doc.map.nodes) - {"c", "r", "o", "d"}
    titles = sorted(doc.map.nodes[n].title for n in new)
    assert titles == ["Objection to the reason", "Reason"]
    copy_r = next(n for n in new if doc.map.nodes[n].title == "Reason")
    copy_o = next(n for n in new if n != copy_r)
    assert doc.map.edge_between(copy_r, "d").relation == "support"      # hung under d
    assert doc.map.edge_between(copy_o, copy_r).relation == "attack"
    assert doc.map.nodes[copy_r].y > doc.map.nodes["d"].y               # below it
    assert overlaps(window) == 0
    window.registry.action("edit.undo").trigger()                         # one step
    assert set(doc.map.nodes) == {"c", "r", "o", "d"} and doc.history.undo_label == undo_label
    window.registry.action("edit.redo").trigger()
    assert len(doc.map.nodes) == 6 and overlaps(window) == 0


def test_paste_with_nothing_selected_is_unconnected_and_beside_the_original(tree_window, tree_doc, qtbot):
    doc, window = tree_doc, tree_window
    _copy_reason(qtbot, window, doc)
    edges_before = len(doc.map.edges)
    for _ in range(3):                                     # paste three times: three free spots
        doc.selection.set([])
        press(qtbot, window, Qt.Key_V, Qt.ControlModifier)
    assert len(doc.map.nodes) == 4 + 3 * 2
    assert len(doc.map.edges) == edges_before + 3          # only each copy's own relation
    assert all(e.target != "c" or e.source == "r" for e in doc.map.edges.values())
    assert overlaps(window) == 0


def test_pasting_junk_changes_nothing(tree_window, tree_doc, qtbot):
    doc, window = tree_doc, tree_window
    before = snapshot(doc)
    for junk in ("", "plain words", '{"format": "reasonmap-clip", "nodes": [{"id": 5}], "edges": []}',
                 '{"format": "reasonmap-clip", "nodes": [], "edges": []}', "[" * 100000):
        QApplication.clipboard().setText(junk)
        press(qtbot, window, Qt.Key_V, Qt.ControlModifier)
        assert snapshot(doc) == before
        assert "no cards to paste" in window.statusBar().currentMessage()


# ----- delete with reasons ------------------------------------------------------------------
def answer_delete_dialog(button: str, remember: bool = False, seen: list | None = None):
    """Click *button* ("subtree", "keep" or "cancel") in the delete dialog when it opens."""
    tries = []

    def click():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or box.objectName() != "deleteReasons":
            tries.append(1)
            return QTimer.singleShot(10, click) if len(tries) < 100 else None
        if seen is not None:
            seen.append(box.text())
        box.checkBox().setChecked(remember)
        if button == "cancel":
            box.button(QMessageBox.Cancel).click()
        else:
            next(b for b in box.buttons() if b.objectName() == button).click()
    QTimer.singleShot(0, click)


@pytest.mark.parametrize("choice", ["subtree", "keep"])
def test_deleting_a_card_with_reasons_asks_and_undo_restores_all(tree_window, tree_doc, qtbot, choice):
    doc, window = tree_doc, tree_window
    before = snapshot(doc)
    doc.selection.set(["c"])
    seen = []
    answer_delete_dialog(choice, seen=seen)
    press(qtbot, window, Qt.Key_Delete)
    assert seen and "2 reasons or objections" in seen[0]
    left = {"d"} if choice == "subtree" else {"r", "o", "d"}
    assert set(doc.map.nodes) == left
    assert set(window.canvas.map_scene.cards) == left
    window.registry.action("edit.undo").trigger()
    assert snapshot(doc) == before
    assert set(window.canvas.map_scene.cards) == {"c", "r", "o", "d"}


def test_cancelling_the_delete_dialog_deletes_nothing(tree_window, tree_doc, qtbot):
    doc, window = tree_doc, tree_window
    before = snapshot(doc)
    doc.selection.set(["r"])
    answer_delete_dialog("cancel")
    press(qtbot, window, Qt.Key_Delete)
    assert snapshot(doc) == before


def test_a_remembered_choice_is_used_until_asked_again(tree_window, tree_doc, qtbot):
    doc, window = tree_doc, tree_window
    ask_again = window.registry.action("edit.ask_delete")
    assert not ask_again.isEnabled()
    doc.selection.set(["r"])
    answer_delete_dialog("subtree", remember=True)
    press(qtbot, window, Qt.Key_Delete)
    assert set(doc.map.nodes) == {"c", "d"}
    window.registry.action("edit.undo").trigger()
    doc.selection.set(["r"])
    # (the dialog took the offscreen window's activation away, so its keys would not reach
    # the window's actions: the Edit menu entry instead)
    window.registry.action("edit.delete").trigger()         # no dialog this time
    assert set(doc.map.nodes) == {"c", "d"}
    window.registry.action("edit.undo").trigger()
    window.registry.refresh()
    assert ask_again.isEnabled()
    ask_again.trigger()
    seen = []
    doc.selection.set(["r"])
    answer_delete_dialog("keep", seen=seen)
    window.registry.action("edit.delete").trigger()
    assert seen and set(doc.map.nodes) == {"c", "o", "d"}


def test_a_card_without_reasons_is_deleted_without_asking(tree_window, tree_doc, qtbot):
    tree_doc.selection.set(["o"])
    press(qtbot, tree_window, Qt.Key_Delete)
    assert "o" not in tree_doc.map.nodes


def test_a_shared_reason_survives_deleting_one_of_its_conclusions(tmp_path, window, qtbot):
    nodes = [Node(id=i, title=i.upper(), x=300.0 * k, y=0.0 if i in "ab" else 200.0)
             for k, i in enumerate("abs")]
    doc = Document.new(tmp_path / "shared.rmap", build_map(
        nodes, [Edge(id="1", source="s", target="a"), Edge(id="2", source="s", target="b")]))
    window.set_document(doc)
    doc.selection.set(["a"])
    press(qtbot, window, Qt.Key_Delete)                      # s also supports b: no question
    assert set(doc.map.nodes) == {"b", "s"}


# ----- a relation dropped onto a neighbour ---------------------------------------------------
def test_connecting_two_touching_cards_gives_a_visible_relation(tmp_path, window, qtbot):
    nodes = [Node(id="t", title="Target claim", x=0.0, y=0.0),
             Node(id="s", title="Source claim", x=0.0, y=0.0)]
    doc = Document.new(tmp_path / "adjacent.rmap", build_map(nodes, []))
    window.set_document(doc)
    canvas = window.canvas
    width = canvas.map_scene.cards["t"].scene_card_rect().width()
    doc.execute(MoveNodes({"s": (width + 3.0, 0.0)}))
    canvas.zoom_reset()
    canvas.centerOn(canvas.map_scene.cards["t"])
    undo_label = doc.history.undo_label
    card = canvas.map_scene.cards["s"]
    start = canvas.mapFromScene(card.pos() + QPointF(0, -card.metrics.height / 2))
    end = canvas.mapFromScene(canvas.map_scene.cards["t"].pos())
    vp = canvas.viewport()
    qtbot.mousePress(vp, Qt.LeftButton, Qt.NoModifier, start)
    for i in range(1, 6):
        qtbot.mouseMove(vp, start + (end - start) * (i / 5))
    qtbot.mouseRelease(vp, Qt.LeftButton, Qt.NoModifier, end)
    edge = doc.map.edge_between("s", "t")
    assert edge is not None
    geom = canvas.map_scene.edges[edge.id].geom
    first = geom.path.elementAt(0)
    assert math.hypot(geom.tip.x() - first.x, geom.tip.y() - first.y) >= 40
    assert overlaps(window) == 0 and doc.map.nodes["s"].y > doc.map.nodes["t"].y
    window.registry.action("edit.undo").trigger()          # one step: link and move together
    assert doc.map.edge_between("s", "t") is None and doc.map.nodes["s"].x == width + 3.0
    assert doc.history.undo_label == undo_label


def test_connecting_distant_cards_moves_nothing(window, doc, qtbot):
    canvas = window.canvas
    canvas.fit_all()
    before = {n: (v.x, v.y) for n, v in doc.map.nodes.items()}
    card = canvas.map_scene.cards["r2"]
    start = canvas.mapFromScene(card.pos() + QPointF(0, -card.metrics.height / 2))
    end = canvas.mapFromScene(canvas.map_scene.cards["s1"].pos())
    vp = canvas.viewport()
    qtbot.mousePress(vp, Qt.LeftButton, Qt.NoModifier, start)
    qtbot.mouseMove(vp, (start + end) / 2)
    qtbot.mouseMove(vp, end)
    qtbot.mouseRelease(vp, Qt.LeftButton, Qt.NoModifier, end)
    assert doc.map.edge_between("r2", "s1") is not None
    assert {n: (v.x, v.y) for n, v in doc.map.nodes.items()} == before



def test_copied_cards_paste_as_their_titles_into_a_text_field(tree_window, tree_doc, qtbot):
    _copy_reason(qtbot, tree_window, tree_doc)
    assert QApplication.clipboard().text() == "Reason\nObjection to the reason"
    tree_doc.selection.set(["d"])
    press(qtbot, tree_window, Qt.Key_Tab)
    editor = tree_window.canvas._editor
    qtbot.keyClick(editor, Qt.Key_V, Qt.ControlModifier)       # a text paste in the title
    assert editor.text().split("\n") == ["Reason", "Objection to the reason"]   # not the JSON


def test_emptying_an_existing_title_keeps_the_old_one(window, doc, qtbot):
    doc.selection.set(["r1"])
    before = snapshot(doc)
    press(qtbot, window, Qt.Key_F2)
    qtbot.keyClick(window.canvas._editor, Qt.Key_Delete)        # the title was all selected
    qtbot.keyClick(window.canvas._editor, Qt.Key_Return)
    assert snapshot(doc) == before and "needs a title" in window.statusBar().currentMessage()
