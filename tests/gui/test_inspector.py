"""The inspector: edits commit one undo step, bad values are refused in place, undo updates it."""

from PySide6.QtCore import Qt

from app.model.commands import EditNode


def _select(doc, node=None, edge=None):
    doc.selection.set([node] if node else [], [edge] if edge else [], origin="test")


def test_shows_the_selected_node_and_edge(window, doc):
    insp = window.inspector
    _select(doc, "r1")
    assert insp.title.text() == "Reason one"
    assert insp.score.box.value() == 0.7
    assert insp.score.slider.value() == 700
    _select(doc, edge="e3")
    assert insp.relation.currentText() == "attack"
    assert insp.weight.box.value() == 0.8
    assert "Objection" in insp.ends.text() and "Strategy one" in insp.ends.text()
    doc.selection.clear()
    assert insp.stack.currentWidget() is insp.empty


def test_title_edit_commits_one_step(qtbot, window, doc):
    insp = window.inspector
    _select(doc, "r1")
    insp.title.setFocus()
    insp.title.selectAll()
    qtbot.keyClicks(insp.title, "A sharper reason")
    assert doc.map.nodes["r1"].title == "Reason one"      # nothing written while typing
    qtbot.keyClick(insp.title, Qt.Key_Return)
    assert doc.map.nodes["r1"].title == "A sharper reason"
    assert len(doc.history.done) == 1 and doc.history.undo_label == "Edit title"


def test_score_number_commits_and_refuses_1_5(qtbot, window, doc):
    insp = window.inspector
    _select(doc, "r1")
    box = insp.score.box
    box.setFocus()      # keys go where the focus is: the map's own keys must not fire here
    box.selectAll()
    qtbot.keyClicks(box, "0.25")
    qtbot.keyClick(box, Qt.Key_Return)
    assert doc.map.nodes["r1"].base_score == 0.25
    assert len(doc.history.done) == 1 and doc.history.undo_label == "Edit score"
    assert insp.score.slider.value() == 250
    box.selectAll()
    qtbot.keyClicks(box, "1.5")
    qtbot.keyClick(box, Qt.Key_Return)
    assert doc.map.nodes["r1"].base_score == 0.25
    assert len(doc.history.done) == 1
    assert "between 0 and 1" in insp.error_text()
    assert "c0392b" in box.styleSheet()
    box.selectAll()
    qtbot.keyClicks(box, "0.5")
    qtbot.keyClick(box, Qt.Key_Return)
    assert doc.map.nodes["r1"].base_score == 0.5
    assert insp.error_text() == "" and box.styleSheet() == ""


def test_slider_drag_previews_then_commits_once(window, doc):
    insp = window.inspector
    _select(doc, "r2")
    previews = []
    doc.previewed.subscribe(previews.append)
    slider = insp.score.slider
    slider.setSliderDown(True)
    for position in (650, 700, 800):
        slider.setSliderPosition(position)
    assert doc.map.nodes["r2"].base_score == 0.6        # only previewed so far
    assert previews[-1] == {"r2": 0.8}
    assert doc.history.done == []
    slider.setSliderDown(False)
    assert doc.map.nodes["r2"].base_score == 0.8
    assert len(doc.history.done) == 1
    assert previews[-1] == {}


def test_undo_updates_the_fields(window, doc):
    insp = window.inspector
    _select(doc, "o1")
    doc.execute(EditNode("o1", {"title": "Changed elsewhere", "tags": ("x", "y")}))
    assert insp.title.text() == "Changed elsewhere"
    assert insp.tags.text() == "x, y"
    doc.undo()
    assert insp.title.text() == "Objection"
    assert insp.tags.text() == ""


def test_kind_tags_text_and_edge_fields(qtbot, window, doc):
    insp = window.inspector
    _select(doc, "r1")
    insp.kind.setCurrentText("evidence")
    insp.kind.activated.emit(insp.kind.currentIndex())
    assert doc.map.nodes["r1"].kind == "evidence"
    insp.tags.setText(" a, b ,, a")
    insp.tags.editingFinished.emit()
    assert doc.map.nodes["r1"].tags == ("a", "b")
    insp.text.setPlainText("Longer\ntext")
    insp.text.editing_finished.emit()
    assert doc.map.nodes["r1"].text == "Longer\ntext"
    _select(doc, edge="e1")
    insp.weight.box.setValue(0.4)
    insp.weight.box.editingFinished.emit()
    assert doc.map.edges["e1"].weight == 0.4
    insp.relation.setCurrentText("attack")
    insp.relation.activated.emit(insp.relation.currentIndex())
    assert doc.map.edges["e1"].relation == "attack"
    assert len(doc.history.done) == 5
