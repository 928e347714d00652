"""The canvas in the main window driven like a user: keys (the window's actions and the
canvas's own Tab and arrows), in-place editing, mouse drags, delete, undo."""

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, Qt

from app.document import Document
from app.layout import count_overlaps
from app.ui.main_window import MainWindow


@pytest.fixture(autouse=True)
def _window_settings(documents, errors):
    """The window's new maps go to a temporary folder; error dialogs are recorded."""


def make_canvas(qtbot, doc):
    """The canvas of a main window showing *doc*, with the keyboard focus."""
    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.set_document(doc)
    win.show()
    win.activateWindow()
    qtbot.waitActive(win)
    canvas = win.canvas
    canvas.setFocus()
    qtbot.waitUntil(canvas.hasFocus)
    canvas.zoom_reset()
    return canvas


def run(canvas, action_id: str) -> None:
    """Run one of the window's actions (what its menu entry or toolbar button does)."""
    canvas.window().registry.run(action_id)


def view_point(canvas, scene_point) -> QPoint:
    return canvas.mapFromScene(scene_point)


def card_sizes_and_positions(canvas):
    cards = canvas.map_scene.cards
    sizes = {n: (c.metrics.width, c.metrics.height) for n, c in cards.items()}
    positions = {n: (c.pos().x(), c.pos().y()) for n, c in cards.items()}
    return positions, sizes


def type_title(qtbot, canvas, text):
    editor = canvas._editor
    assert editor is not None, "the in-place editor should be open"
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key_Return)


def test_keyboard_only_map(qtbot, tmp_path):
    doc = Document.new(tmp_path / "empty.rmap")
    canvas = make_canvas(qtbot, doc)
    qtbot.keyClick(canvas, Qt.Key_Tab)                 # nothing selected: a new claim
    type_title(qtbot, canvas, "Tea is good")
    qtbot.keyClick(canvas, Qt.Key_Tab)                 # a reason for the claim
    type_title(qtbot, canvas, "It is warm")
    qtbot.keyClick(canvas, Qt.Key_Up)                  # back to the claim
    qtbot.keyClick(canvas, Qt.Key_Tab)
    type_title(qtbot, canvas, "It has antioxidants")
    qtbot.keyClick(canvas, Qt.Key_Up)
    qtbot.keyClick(canvas, Qt.Key_Backtab)             # an objection
    type_title(qtbot, canvas, "It stains teeth")
    amap = doc.map
    by_title = {n.title: n.id for n in amap.nodes.values()}
    assert set(by_title) == {"Tea is good", "It is warm", "It has antioxidants", "It stains teeth"}
    claim = by_title["Tea is good"]
    rels = sorted((amap.nodes[e.source].title, e.relation) for e in amap.edges.values() if e.target == claim)
    assert rels == [("It has antioxidants", "support"), ("It is warm", "support"), ("It stains teeth", "attack")]
    positions, sizes = card_sizes_and_positions(canvas)
    assert count_overlaps(positions, sizes) == 0
    assert all(positions[by_title[t]][1] > positions[claim][1] for t in by_title if t != "Tea is good")


def test_in_place_title_edit_enter_commits_one_step(qtbot, doc):
    canvas = make_canvas(qtbot, doc)
    doc.selection.set(["r1"])
    steps = len(doc.history.done)
    qtbot.keyClick(canvas, Qt.Key_F2)
    editor = canvas._editor
    editor.selectAll()
    qtbot.keyClicks(editor, "Renamed reason")
    qtbot.keyClick(editor, Qt.Key_Return)
    assert doc.map.nodes["r1"].title == "Renamed reason"
    assert len(doc.history.done) == steps + 1
    assert canvas._editor is None
    doc.undo()
    assert doc.map.nodes["r1"].title == "Reason one"


def test_in_place_title_edit_escape_cancels(qtbot, doc):
    canvas = make_canvas(qtbot, doc)
    doc.selection.set(["r1"])
    steps = len(doc.history.done)
    qtbot.keyClick(canvas, Qt.Key_Return)
    editor = canvas._editor
    qtbot.keyClicks(editor, "Something else")
    qtbot.keyClick(editor, Qt.Key_Escape)
    assert doc.map.nodes["r1"].title == "Reason one"
    assert len(doc.history.done) == steps
    assert canvas._editor is None


def drag(qtbot, canvas, start: QPoint, end: QPoint, modifier=Qt.NoModifier):
    vp = canvas.viewport()
    qtbot.mousePress(vp, Qt.LeftButton, modifier, start)
    for i in range(1, 6):
        qtbot.mouseMove(vp, start + (end - start) * (i / 5))
    qtbot.mouseRelease(vp, Qt.LeftButton, modifier, end)


def _handle_point(canvas, nid):
    card = canvas.map_scene.cards[nid]
    return view_point(canvas, card.pos() + QPointF(0, -card.metrics.height / 2))


def test_connect_two_cards_by_dragging_from_the_handle(qtbot, doc):
    canvas = make_canvas(qtbot, doc)
    canvas.fit_all()
    assert doc.map.edge_between("r2", "s1") is None
    target = view_point(canvas, canvas.map_scene.cards["s1"].pos())
    drag(qtbot, canvas, _handle_point(canvas, "r2"), target)
    edge = doc.map.edge_between("r2", "s1")
    assert edge is not None and edge.relation == "support"
    drag(qtbot, canvas, _handle_point(canvas, "o1"), view_point(canvas, canvas.map_scene.cards["s2"].pos()),
         Qt.ShiftModifier)
    assert doc.map.edge_between("o1", "s2").relation == "attack"
    assert set(canvas.map_scene.edges) == set(doc.map.edges)


def test_drag_moves_selected_cards_in_one_undo_step(qtbot, doc):
    canvas = make_canvas(qtbot, doc)
    canvas.fit_all()
    canvas.zoom_reset()
    canvas.centerOn(canvas.map_scene.cards["r1"])
    before = {n: (doc.map.nodes[n].x, doc.map.nodes[n].y) for n in ("r1", "r2")}
    doc.selection.set(["r1", "r2"])
    steps = len(doc.history.done)
    start = view_point(canvas, canvas.map_scene.cards["r1"].pos() + QPointF(0, 10))
    drag(qtbot, canvas, start, start + QPoint(60, 80))
    assert len(doc.history.done) == steps + 1
    for n in ("r1", "r2"):
        assert doc.map.nodes[n].x == before[n][0] + 60
        assert doc.map.nodes[n].y == before[n][1] + 80
    doc.undo()
    assert {n: (doc.map.nodes[n].x, doc.map.nodes[n].y) for n in ("r1", "r2")} == before
    assert canvas.map_scene.cards["r1"].pos() == QPointF(*before["r1"])
    doc.redo()
    assert canvas.map_scene.cards["r2"].pos() == QPointF(before["r2"][0] + 60, before["r2"][1] + 80)


def test_relations_follow_a_card_while_it_is_dragged(qtbot, doc):
    """Before the button is released, the relations of the dragged card already leave it
    where it is now (the drag tells the scene; cards make no itemChange calls)."""
    canvas = make_canvas(qtbot, doc)
    canvas.fit_all()
    canvas.zoom_reset()
    card = canvas.map_scene.cards["r1"]
    canvas.centerOn(card)
    doc.selection.set(["r1"])
    edges = [canvas.map_scene.edges[e] for e in card.edge_ids]
    assert edges

    def ends_near_card() -> bool:
        rect = card.scene_card_rect().adjusted(-2, -2, 2, 2)
        return all(rect.contains(e.geom.path.elementAt(0).x, e.geom.path.elementAt(0).y)
                   or rect.contains(e.geom.tip) for e in edges)
    assert ends_near_card()
    vp, start = canvas.viewport(), view_point(canvas, card.pos() + QPointF(0, 10))
    qtbot.mousePress(vp, Qt.LeftButton, Qt.NoModifier, start)
    for i in range(1, 6):
        qtbot.mouseMove(vp, start + QPoint(30 * i, 20 * i))
    assert card.pos() != QPointF(doc.map.nodes["r1"].x, doc.map.nodes["r1"].y)   # not committed yet
    assert ends_near_card()
    qtbot.mouseRelease(vp, Qt.LeftButton, Qt.NoModifier, start + QPoint(150, 100))
    assert card.pos() == QPointF(doc.map.nodes["r1"].x, doc.map.nodes["r1"].y)
    assert ends_near_card()


def test_delete_key_and_undo(qtbot, doc):
    from PySide6.QtCore import QSettings
    from app.ui import dialogs
    QSettings().setValue(dialogs.DELETE_CHOICE_KEY, "keep")   # asked before: keep the reasons
    canvas = make_canvas(qtbot, doc)
    doc.selection.set(["s1"])
    qtbot.keyClick(canvas, Qt.Key_Delete)
    assert "s1" not in doc.map.nodes and "s1" not in canvas.map_scene.cards
    assert "e1" not in canvas.map_scene.edges and "e3" not in canvas.map_scene.edges
    doc.undo()
    assert "s1" in canvas.map_scene.cards
    assert {"e1", "e3"} <= set(canvas.map_scene.edges)
    assert canvas.map_scene.edges["e1"].isVisible()


def test_collapse_and_expand(qtbot, doc):
    canvas = make_canvas(qtbot, doc)
    doc.selection.set(["s1"])
    run(canvas, "map.collapse")
    cards = canvas.map_scene.cards
    assert doc.map.nodes["s1"].collapsed
    assert not cards["r1"].isVisible() and not cards["o1"].isVisible()
    assert not canvas.map_scene.edges["e1"].isVisible()
    assert cards["r2"].isVisible() and cards["s1"].state().hidden_count == 2
    qtbot.keyClick(canvas, Qt.Key_Space, Qt.ControlModifier)     # the same action by its key
    assert cards["r1"].isVisible() and cards["o1"].isVisible()
    doc.undo()
    assert not cards["r1"].isVisible()


def test_collapsed_cards_are_followed_through_deletes_and_undo(qtbot, doc, monkeypatch):
    """The canvas keeps the set of collapsed cards as edits come: with none collapsed, adding
    or deleting a card does not look through the map for what is hidden."""
    from app.model import DeleteNodes
    from app.ui.canvas import binding
    canvas = make_canvas(qtbot, doc)
    cards = canvas.map_scene.cards
    scans = []
    real = binding.hidden_by_collapse
    monkeypatch.setattr(binding, "hidden_by_collapse", lambda amap: scans.append(1) or real(amap))

    def add_and_drop_a_reason():
        doc.selection.set(["r2"])
        run(canvas, "map.add_reason")
        assert len(doc.map.nodes) == 6
        canvas._close_editor()          # left without a title: the new card goes again
        assert len(doc.map.nodes) == 5
    add_and_drop_a_reason()
    assert scans == []                             # nothing collapsed: nothing to look for
    doc.selection.set(["s1"])
    run(canvas, "map.collapse")
    assert not cards["r1"].isVisible() and scans
    doc.execute(DeleteNodes(["s1"]))               # the collapsed card goes; its reasons show
    assert cards["r1"].isVisible() and cards["o1"].isVisible()
    assert canvas.map_scene.collapsed == set()
    doc.undo()                                     # back, collapsed: they hide again
    assert canvas.map_scene.collapsed == {"s1"} and not cards["r1"].isVisible()
    doc.selection.set(["s1"])
    qtbot.keyClick(canvas, Qt.Key_Space, Qt.ControlModifier)      # expanded again
    assert cards["r1"].isVisible() and canvas.map_scene.collapsed == set()
    count = len(scans)
    add_and_drop_a_reason()
    assert len(scans) == count                     # none collapsed again: no more looking


def test_undoing_a_delete_takes_back_its_relations_routes_without_routing_them(qtbot, doc, monkeypatch):
    """Undo brings back the map as it was before the delete, so the routes the deleted
    relations had are right again: they are not routed afresh around the cards."""
    from app.model import DeleteNodes
    canvas = make_canvas(qtbot, doc)
    scene = canvas.map_scene
    gone = {e.id for e in doc.map.edges_of("s1")}
    assert gone
    before = {eid: list(scene.routes.get(eid, ())) for eid in gone}
    shapes = {eid: scene.edges[eid].geom.path for eid in gone}
    routed = []
    real = type(scene)._compute_routes
    monkeypatch.setattr(type(scene), "_compute_routes",
                        lambda self, eids, rects=None: routed.extend(eids) or real(self, eids, rects))
    doc.execute(DeleteNodes(["s1"]))
    assert not gone & set(scene.edges)
    doc.undo()
    assert gone <= set(scene.edges) and not gone & set(routed)
    assert {eid: list(scene.routes.get(eid, ())) for eid in gone} == before
    assert all(scene.edges[eid].geom.path == shapes[eid] for eid in gone)
    doc.redo()                                   # and the other way
    doc.undo()
    assert not gone & set(routed)
    doc.selection.set(["r2"])                    # a new relation is routed as ever
    run(canvas, "map.add_reason")
    assert set(routed) - gone


def test_copy_and_paste_a_subtree(qtbot, doc):
    canvas = make_canvas(qtbot, doc)
    doc.selection.set(["s1", "r1"])
    qtbot.keyClick(canvas, Qt.Key_C, Qt.ControlModifier)
    steps = len(doc.history.done)
    run(canvas, "edit.paste")
    assert len(doc.history.done) == steps + 1
    titles = sorted(n.title for n in doc.map.nodes.values())
    assert titles.count("Strategy one") == 2 and titles.count("Reason one") == 2
    new = set(doc.selection.nodes)                 # s1's subtree came too: its objection
    assert len(new) == 3 and not new & {"s1", "r1", "o1"}
    assert titles.count("Objection") == 2
    assert sum(e.source in new and e.target in new for e in doc.map.edges.values()) == 2


class _Paints:
    """Counts the paint events of some widgets."""

    def __init__(self, widgets):
        class Counter(QObject):
            def eventFilter(inner, obj, event):
                if event.type() == QEvent.Paint:
                    self.count += 1
                return False
        self.count, self.filter = 0, Counter()
        for w in widgets:
            w.installEventFilter(self.filter)


def test_the_title_editor_and_the_focus_coming_and_going_repaint_no_scroll_bar(qtbot, doc):
    canvas = make_canvas(qtbot, doc)
    canvas.select_node("s1")
    qtbot.wait(50)
    paints = _Paints([canvas.horizontalScrollBar(), canvas.verticalScrollBar()])
    run(canvas, "map.edit_title")                       # the editor takes the focus
    qtbot.waitUntil(lambda: canvas._editor is not None and canvas._editor.hasFocus())
    qtbot.keyClick(canvas._editor, Qt.Key_Escape)       # and gives it back
    qtbot.waitUntil(canvas.hasFocus)
    canvas.window().outline.view.setFocus()             # another panel, and back
    qtbot.waitUntil(lambda: not canvas.hasFocus())
    canvas.setFocus()
    qtbot.waitUntil(canvas.hasFocus)
    qtbot.wait(50)
    assert paints.count == 0
