"""Rationale in the window: the inspector shows and edits it (one undo step, committed when
the field is left), the map's title and description show when nothing is selected, and the
canvas's tooltip for a card or relation says why."""

from PySide6.QtCore import QPoint, Qt

from app.model import SetRationale, rationale_of
from app.ui.hover_tips import hover_text


def _select(doc, node=None, edge=None):
    doc.selection.set([node] if node else [], [edge] if edge else [], origin="test")


def test_node_rationale_typed_in_the_inspector_commits_once(qtbot, window, doc):
    insp = window.inspector
    _select(doc, "r1")
    assert insp.rationale.toPlainText() == ""
    insp.rationale.setFocus()
    qtbot.keyClicks(insp.rationale, "Most trials agree")
    assert rationale_of(doc.map.nodes["r1"]) == ""             # nothing written while typing
    qtbot.keyClick(insp.rationale, Qt.Key_Tab)                 # leaving the field commits
    assert rationale_of(doc.map.nodes["r1"]) == "Most trials agree"
    assert len(doc.history.done) == 1 and doc.undo_label == "Edit rationale"
    window.registry.action("edit.undo").trigger()
    assert rationale_of(doc.map.nodes["r1"]) == ""
    assert insp.rationale.toPlainText() == ""


def test_edge_rationale_shows_and_commits_with_ctrl_enter(qtbot, window, doc):
    doc.execute(SetRationale("e3", "Strong but not decisive"))
    insp = window.inspector
    _select(doc, edge="e3")
    assert insp.edge_rationale.toPlainText() == "Strong but not decisive"
    insp.edge_rationale.setFocus()
    insp.edge_rationale.selectAll()
    qtbot.keyClicks(insp.edge_rationale, "Decisive")
    qtbot.keyClick(insp.edge_rationale, Qt.Key_Return, Qt.ControlModifier)
    assert rationale_of(doc.map.edges["e3"]) == "Decisive"


def test_nothing_selected_shows_the_map_description_and_edits_it(qtbot, window, doc):
    from app.model import SetMeta
    doc.execute(SetMeta("description", "Why the scores are what they are."))
    insp = window.inspector
    doc.selection.clear()
    assert insp.stack.currentWidget() is insp.empty and insp.empty.isVisible()
    assert insp.map_description.toPlainText() == "Why the scores are what they are."
    assert insp.map_title.text() == "Small"
    insp.map_title.setFocus()
    insp.map_title.selectAll()
    qtbot.keyClicks(insp.map_title, "Tea or coffee")
    qtbot.keyClick(insp.map_title, Qt.Key_Return)
    assert doc.map.meta["title"] == "Tea or coffee"
    assert window.windowTitle().startswith("Tea or coffee")


def test_hover_on_a_card_and_a_relation_says_why(qtbot, window, doc):
    doc.execute(SetRationale("r1", "Seen <b>often</b>"))
    doc.execute(SetRationale("e3", "Half the cases"))
    canvas = window.canvas
    card = canvas.map_scene.cards["r1"]
    canvas.centerOn(card)
    at = canvas.mapFromScene(card.scene_card_rect().center())
    assert hover_text(canvas, at) == "Reason one\nBase score 0.70: Seen <b>often</b>"
    other = canvas.mapFromScene(canvas.map_scene.cards["s2"].scene_card_rect().center())
    assert hover_text(canvas, other) == ""
    edge = canvas.map_scene.edges["e3"]
    canvas.centerOn(edge)
    path = edge.geom.path
    point = next(p for p in (path.pointAtPercent(t / 20) for t in range(1, 20))
                 if not any(hasattr(i, "node_id") for i in canvas.items(canvas.mapFromScene(p))))
    assert hover_text(canvas, canvas.mapFromScene(point)) == \
        "Objection to \u201cStrategy one\u201d, weight 0.80: Half the cases"
    assert hover_text(canvas, QPoint(-50, -50)) == ""


def test_tooltip_event_shows_the_rationale_as_plain_text(qtbot, window, doc):
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QApplication, QToolTip
    doc.execute(SetRationale("r1", "Seen <b>often</b>"))
    canvas = window.canvas
    card = canvas.map_scene.cards["r1"]
    canvas.centerOn(card)
    at = canvas.mapFromScene(card.scene_card_rect().center())
    event = QHelpEvent(QEvent.ToolTip, at, canvas.viewport().mapToGlobal(at))
    QApplication.sendEvent(canvas.viewport(), event)
    qtbot.waitUntil(QToolTip.isVisible)
    assert "Seen &lt;b&gt;often&lt;/b&gt;" in QToolTip.text()      # shown literally, not bold
    QToolTip.hideText()


def test_map_menu_shows_the_description_even_behind_the_weighing_tab(qtbot, tmp_path, documents, errors):
    from app.document import Document
    from app.model import SetMeta
    from app.model.build import build_map
    from app.ui.main_window import build_main_window
    window = build_main_window()
    qtbot.addWidget(window)
    doc = Document.new(tmp_path / "d.rmap", build_map([], [], meta={"title": "D"}))
    doc.execute(SetMeta("description", "How the scores were chosen."))
    window.set_document(doc)
    window.tabifyDockWidget(window.docks["inspectorDock"], window.docks["weighingDock"])
    window.docks["weighingDock"].raise_()
    window.show()
    qtbot.waitExposed(window)
    window.registry.action("map.describe").trigger()
    qtbot.waitUntil(lambda: window.inspector.map_description.isVisible())
    assert window.inspector.map_description.toPlainText() == "How the scores were chosen."
    window.close()


def test_a_long_rationale_is_cut_in_the_tooltip_but_whole_in_the_inspector(qtbot, window, doc):
    from app.document.hover import MAX_WHY
    long = " ".join(f"word{i}" for i in range(500))          # about 3,900 characters
    doc.execute(SetRationale("r1", long))
    canvas = window.canvas
    card = canvas.map_scene.cards["r1"]
    canvas.centerOn(card)
    tip = hover_text(canvas, canvas.mapFromScene(card.scene_card_rect().center()))
    assert tip.endswith("\u2026 (the whole rationale is in the inspector)")
    assert len(tip) < MAX_WHY + 100 and "word80 " in tip and "word499" not in tip
    _select(doc, node="r1")
    assert window.inspector.rationale.toPlainText() == long and rationale_of(doc.map.nodes["r1"]) == long
