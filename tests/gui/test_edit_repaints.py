"""What an edit repaints in the composed window: no work for what it does not touch."""

import pytest
from PySide6.QtCore import QEvent, QObject, Qt

from app.document import Document
from app.model import Edge, Node
from app.model.build import build_map
from app.model.commands import EditNode
from app.ui.workshop.history_panel import GREY


@pytest.fixture
def window_of(composed, tmp_path):
    """A function showing a map of *nodes* and *edges* in the composed main window."""
    return lambda nodes, edges: composed(Document.new(tmp_path / "map.rmap", build_map(nodes, edges)))


def _select(qtbot, win, nid: str) -> None:
    win.canvas.setFocus()               # as after a click on the card
    win.doc.selection.set([nid], (), origin="test")
    qtbot.wait(50)                      # the repaint of the emphasis that follows


def _rename(qtbot, win, nid: str, title: str) -> None:
    """Open the title editor on the selected *nid* through its action, type *title*, press Enter."""
    win.registry.run("map.edit_title")
    editor = win.canvas._editor
    editor.selectAll()
    qtbot.keyClicks(editor, title)
    qtbot.keyClick(editor, Qt.Key_Return)
    qtbot.waitUntil(lambda: win.doc.map.nodes[nid].title == title)
    qtbot.wait(50)                      # the repaint the edit asked for


def test_a_card_repaint_does_not_draw_a_relation_whose_line_is_elsewhere(qtbot, window_of):
    # the relation from s (bottom right) to t (top left) has a bounding box covering card c
    # (top right), but its line runs far from c
    nodes = [Node(id="t", title="Target", x=0.0, y=0.0), Node(id="s", title="Source", x=1200.0, y=900.0),
             Node(id="c", title="Aside", x=1200.0, y=100.0)]
    win = window_of(nodes, [Edge(id="e", source="s", target="t")])
    scene = win.canvas.map_scene
    edge, card = scene.edges["e"], scene.cards["c"]
    assert edge.boundingRect().intersects(card.sceneBoundingRect())
    win.canvas.centerOn(card)
    _select(qtbot, win, "c")
    painted, drawn = card.repaints, edge.drawn
    _rename(qtbot, win, "c", "Aside, renamed")
    assert card.repaints > painted
    assert edge.drawn == drawn          # asked (its box was exposed) but not drawn
    _select(qtbot, win, "s")
    drawn = edge.drawn
    _rename(qtbot, win, "s", "Source, renamed")      # the line starts at s: it is drawn
    assert edge.drawn > drawn
    win.doc.close()


def test_adding_a_reason_and_undoing_it_in_a_cycle_keeps_the_outline(qtbot, window_of):
    # a, b and c attack each other in a ring that no root reaches
    nodes = [Node(id=i, title=i.upper(), x=300.0 * k, y=0.0) for k, i in enumerate("abc")]
    edges = [Edge(id="ab", source="a", target="b", relation="attack"),
             Edge(id="bc", source="b", target="c", relation="attack"),
             Edge(id="ca", source="c", target="a", relation="attack")]
    win = window_of(nodes, edges)
    outline, built = win.outline, win.outline.rebuilds
    win.canvas.setFocus()
    win.doc.selection.set(["b"], (), origin="test")
    win.registry.run("map.add_reason")
    qtbot.keyClicks(win.canvas._editor, "D")
    qtbot.keyClick(win.canvas._editor, Qt.Key_Return)
    new = next(n for n in win.doc.map.nodes if n not in "abc")
    assert [r.parent().data(Qt.UserRole + 1) for r in outline.items_for(new)] == ["b"]
    for _ in range(len(win.doc.history.done)):     # its title, then the card
        win.registry.run("edit.undo")
    assert outline.items_for(new) == [] and new not in win.doc.map.nodes
    win.registry.run("edit.redo")
    assert len(outline.items_for(new)) == 1
    assert outline.rebuilds == built    # rows in and out, never the whole tree again
    win.doc.close()


def test_a_big_maps_objects_are_left_out_of_the_collectors_passes_until_it_is_replaced(qtbot, window_of, tmp_path):
    import gc

    from app.ui.gc_guard import FREEZE_FROM
    big = [Node(id=f"n{i}", title=f"Claim {i}", x=300.0 * (i % 40), y=200.0 * (i // 40))
           for i in range(FREEZE_FROM)]
    win = window_of(big, [])
    try:
        assert gc.get_freeze_count() > 0            # the map, its items and rows among them
        small = Document.new(tmp_path / "small.rmap", build_map([Node(id="a", x=0.0, y=0.0)], []))
        win.set_document(small)
        assert gc.get_freeze_count() == 0           # the big map's objects can go
        small.close()
    finally:
        gc.unfreeze()


def test_what_a_big_maps_background_work_makes_is_held_too_once_done(qtbot, window_of, monkeypatch):
    """The routes and outline rows a big map gets after its first paint live as long as the
    map: once made, they are held like it (else each full pass walks them, in some edit)."""
    import gc

    from app.ui import gc_guard, outline
    from app.ui.canvas import lazy_routing
    monkeypatch.setattr(gc_guard, "FREEZE_FROM", 60)          # a "big" map of 80 cards
    monkeypatch.setattr(lazy_routing, "LAZY_EDGES", 20)
    monkeypatch.setattr(outline, "FILL_LATER_ABOVE", 60)
    monkeypatch.setattr(outline, "ROWS_PER_TURN", 10)
    nodes = [Node(id=f"n{i}", title=f"Claim {i}", x=300.0 * (i % 10), y=200.0 * (i // 10))
             for i in range(80)]
    edges = [Edge(id=f"e{i}", source=f"n{i}", target=f"n{i // 2}", relation="support")
             for i in range(1, 80)]
    win = window_of(nodes, edges)
    try:
        held = gc.get_freeze_count()
        assert held > 0 and win.outline._filling is not None    # rows still to make
        router = win.canvas.map_scene._lazy_router
        qtbot.waitUntil(lambda: win.outline._filling is None and not router.timer.isActive(),
                        timeout=10_000)
        routes = [r for r in win.canvas.map_scene.routes.values() if gc.is_tracked(r)]
        assert len(win.canvas.map_scene.routes) == len(edges) and routes
        in_passes = {id(o) for generation in (0, 1, 2) for o in gc.get_objects(generation)}
        assert not [r for r in routes if id(r) in in_passes]     # made after the first paint, held
    finally:
        gc.unfreeze()


def test_the_history_panel_writes_only_the_rows_of_the_steps_an_edit_changed(qtbot, window_of):
    win = window_of([Node(id="a", title="A", x=0.0, y=0.0)], [])
    history = win.method.history
    win.docks["historyDock"].raise_()          # its tab clicked
    for title in ("First", "Second"):
        win.doc.execute(EditNode("a", {"title": title}))
    rows = [history.list.topLevelItem(i) for i in range(history.list.topLevelItemCount())]
    assert [r.text(2) for r in rows] == ["Edit title", "Edit title"]
    win.registry.run("edit.undo")
    now = [history.list.topLevelItem(i) for i in range(history.list.topLevelItemCount())]
    assert now[1:] == rows                  # the same rows, the undo's own one on top
    assert now[0].text(2).startswith("Undo: ")
    assert now[1].text(2).endswith("(undone)") and not now[2].text(2).endswith("(undone)")
    assert now[1].foreground(2).color() == GREY
    win.doc.close()


class _Paints(QObject):
    """Counts the paint events of the widgets it watches."""

    def __init__(self, *widgets) -> None:
        super().__init__()
        self.count = {w: 0 for w in widgets}
        for w in widgets:
            w.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Paint and obj in self.count:
            self.count[obj] += 1
        return False


def test_a_delete_repaints_the_outline_once(qtbot, shipped):
    """The rows an edit removes are laid out at once, not on Qt's timer after the repaint
    the edit asked for (whose layout would paint the whole list again)."""
    win, amap = shipped, shipped.doc.map
    leaf = next(n for n in sorted(amap.nodes) if not amap.incoming(n) and amap.outgoing(n))
    outline = win.outline.view.viewport()
    _select(qtbot, win, leaf)
    qtbot.wait(100)
    paints = _Paints(outline)
    win.registry.run("edit.delete")
    qtbot.wait(200)
    assert leaf not in amap.nodes
    assert paints.count == {outline: 1}
    win.doc.close()


def test_the_history_behind_another_tab_reads_the_log_only_when_brought_forward(qtbot, window_of):
    win = window_of([Node(id="a", title="A", x=0.0, y=0.0)], [])
    history, outline = win.method.history, win.docks["outlineDock"]
    assert win.tabifiedDockWidgets(outline) and not outline.visibleRegion().isEmpty()
    reads = []
    reload = history.reload
    history.reload = lambda: (reads.append(1), reload())
    win.doc.execute(EditNode("a", {"title": "First"}))
    win.doc.execute(EditNode("a", {"title": "Second"}))
    assert reads == []                          # behind the outline's tab: nobody sees it
    win.docks["historyDock"].raise_()           # its tab clicked
    qtbot.waitUntil(lambda: history.list.topLevelItemCount() == 2)
    assert len(reads) == 1
    win.doc.execute(EditNode("a", {"title": "Third"}))
    assert len(reads) == 2 and history.list.topLevelItemCount() == 3
    win.doc.close()
