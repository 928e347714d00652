"""Opening big maps: what is on screen first, the rest after the first paint.

The outline of a big map is filled over a few event-loop turns (an edit or a selection in the
meantime ends up exactly as with a tree built at once); a big map's edges get their shapes
when they first come into view and are routed only after the first paint; an import shows its
progress and can be cancelled without leaving a file.
"""

import sys
import threading
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QProgressDialog, QPushButton

from app.document import Document
from app.io.argdown import write_argdown
from app.model.commands import AddNode
from app.render.export import with_layout
from app.ui import file_ops, import_progress, outline
from app.ui.canvas import MapCanvas, lazy_routing
from app.ui.outline import EDGE_ROLE, LINK_ROLE, NODE_ROLE, OutlinePanel

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from mapgen import generate_map  # noqa: E402


def _tree(model, parent=None):
    from PySide6.QtCore import QModelIndex
    parent = parent or QModelIndex()
    return [(model.index(r, 0, parent).data(NODE_ROLE), model.index(r, 0, parent).data(EDGE_ROLE),
             bool(model.index(r, 0, parent).data(LINK_ROLE)), _tree(model, model.index(r, 0, parent)))
            for r in range(model.rowCount(parent))]


def _open_rows(panel):
    model, view = panel.model, panel.view
    return [view.isExpanded(model.index(r, 0)) for r in range(model.rowCount())]


def _panel(qtbot, doc):
    panel = OutlinePanel()
    qtbot.addWidget(panel)
    panel.set_document(doc)
    return panel


def _big_outline(monkeypatch):
    monkeypatch.setattr(outline, "FILL_LATER_ABOVE", 50)
    monkeypatch.setattr(outline, "ROWS_PER_TURN", 7)


def test_a_big_outline_fills_after_opening_as_it_would_at_once(qtbot, tmp_path, monkeypatch):
    doc = Document.new(tmp_path / "m.rmap", generate_map(120, seed=5))
    monkeypatch.setattr(outline, "EXPAND_ALL_BELOW", 10)   # a big outline: top rows open
    first = _panel(qtbot, doc)
    at_once = _tree(first.model)
    _big_outline(monkeypatch)
    panel = _panel(qtbot, doc)
    assert len(_tree(panel.model)) < len(at_once)          # not all there yet
    qtbot.waitUntil(lambda: _tree(panel.model) == at_once)
    assert _open_rows(panel) == _open_rows(first)
    doc.close()


def test_an_edit_while_the_outline_fills_lands_in_the_full_tree(qtbot, tmp_path, monkeypatch):
    doc = Document.new(tmp_path / "m.rmap", generate_map(120, seed=6))
    _big_outline(monkeypatch)
    panel = _panel(qtbot, doc)
    qtbot.waitUntil(lambda: panel.row_total > 20)              # part of it made
    doc.execute(AddNode(title="Added while filling", node_id="new", parent="c77"))
    monkeypatch.setattr(outline, "FILL_LATER_ABOVE", 10_000)
    at_once = _tree(_panel(qtbot, doc).model)
    qtbot.waitUntil(lambda: _tree(panel.model) == at_once)
    assert panel.items_for("new")[0].parent().data(NODE_ROLE) == "c77"
    doc.close()


def test_a_selection_made_while_the_outline_fills_is_shown_once_full(qtbot, tmp_path, monkeypatch):
    doc = Document.new(tmp_path / "m.rmap", generate_map(120, seed=7))
    _big_outline(monkeypatch)
    panel = _panel(qtbot, doc)
    doc.selection.set(["c101"], origin="canvas")
    qtbot.waitUntil(lambda: [i.data(NODE_ROLE) for i in panel.view.selectionModel().selectedRows()]
                    == ["c101"])


def _canvas(qtbot, doc, show=True):
    canvas = MapCanvas(doc)
    qtbot.addWidget(canvas)
    canvas.resize(500, 350)
    if show:
        canvas.show()
    return canvas


def test_a_big_maps_edges_take_shape_when_first_in_view(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(lazy_routing, "LAZY_EDGES", 10)
    monkeypatch.setattr(lazy_routing.LazyRouter, "_tick", lambda self: None)   # no routing
    doc = Document.new(tmp_path / "m.rmap", with_layout(generate_map(150, seed=3)))
    canvas = _canvas(qtbot, doc, show=False)
    scene = canvas.map_scene
    assert all(item.geom is None for item in scene.edges.values())    # nothing shaped in advance
    canvas.show()
    qtbot.waitUntil(lambda: scene._lazy_router.painted)
    qtbot.wait(50)                   # the opening view is settled and painted
    view = canvas.mapToScene(canvas.viewport().rect()).boundingRect()
    near = view.adjusted(-400, -400, 400, 400)
    cards = scene.cards.values()
    in_view = {eid for c in cards if view.intersects(c.scene_card_rect()) for eid in c.edge_ids}
    far = {eid for eid, item in scene.edges.items()
           if not any(near.intersects(scene.cards[n].scene_card_rect()) for n in item.ends)}
    assert in_view and far
    assert all(scene.edges[e].geom is not None for e in in_view)
    assert all(scene.edges[e].geom is None for e in far)
    card = scene.cards[scene.edges[sorted(far)[0]].ends[0]]
    canvas.centerOn(card)            # scrolled to: shaped as it is painted
    canvas.viewport().repaint()
    assert card.edge_ids and all(scene.edges[e].geom is not None for e in card.edge_ids)
    doc.close()


def test_routing_waits_for_the_first_paint(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(lazy_routing, "LAZY_EDGES", 10)
    doc = Document.new(tmp_path / "m.rmap", with_layout(generate_map(80, seed=4)))
    canvas = _canvas(qtbot, doc, show=False)
    router = canvas.map_scene._lazy_router
    qtbot.wait(5 * lazy_routing.TICK_MS)
    assert router.thread is None and not router.painted
    canvas.show()
    qtbot.waitUntil(lambda: router.thread is not None)
    assert router.painted
    doc.close()


def _argdown(tmp_path, n=150):
    source = tmp_path / "big.argdown"
    source.write_text(write_argdown(generate_map(n, seed=2)), encoding="utf-8")
    return source


def test_an_import_shows_each_step_and_then_the_map(window, tmp_path, monkeypatch):
    monkeypatch.setattr(import_progress, "SHOW_AFTER_MS", 0)
    steps, seen = [], []
    original = import_progress.ImportProgress._say

    def say(self, step, cards=0):
        original(self, step, cards)
        steps.append(self.dialog.labelText())
        seen.append(self.dialog.isVisible())
    monkeypatch.setattr(import_progress.ImportProgress, "_say", say)
    source = _argdown(tmp_path)
    assert window.file_ops.open_map(str(source))
    assert steps == ["Reading big.argdown…", "Laying out 150 cards…", "Writing big.rmap…",
                     "Showing the map…"]
    assert all(seen[1:])          # on screen from the step after the delay (none here) on
    assert window.doc.path == tmp_path / "big.rmap" and len(window.doc.map.nodes) == 150
    assert all(n.x is not None for n in window.doc.map.nodes.values())
    assert window.findChild(QProgressDialog) is None or not window.findChild(QProgressDialog).isVisible()


def test_cancelling_an_import_leaves_no_file_and_the_map_open(qtbot, window, tmp_path, monkeypatch):
    monkeypatch.setattr(import_progress, "SHOW_AFTER_MS", 0)
    release = threading.Event()

    def slow_layout(amap):
        release.wait(10)
        return with_layout(amap)
    monkeypatch.setattr(file_ops, "laid_out", slow_layout)
    before = window.doc
    QTimer.singleShot(200, lambda: qtbot.mouseClick(
        window.findChild(QProgressDialog).findChild(QPushButton), Qt.LeftButton))     # Cancel
    assert not window.file_ops.open_map(str(_argdown(tmp_path)))
    release.set()
    assert window.doc is before
    assert not (tmp_path / "big.rmap").exists()
    assert "cancelled" in window.statusBar().currentMessage()


def test_a_file_that_does_not_parse_is_one_clear_error(window, tmp_path, errors):
    source = tmp_path / "bad.json"
    source.write_text("{not json", encoding="utf-8")
    before = window.doc
    assert not window.file_ops.open_map(str(source))
    assert len(errors) == 1 and errors[0][0] == "Cannot open bad.json"
    assert window.doc is before and not (tmp_path / "bad.rmap").exists()
