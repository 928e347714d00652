"""Presentation mode: opens full screen, steps with the arrow keys, Escape leaves."""

import pytest
from PySide6.QtCore import Qt

from app.document import Document
from app.model import AddNode, Connect
from app.ui.presentation import present, root_of, walk_order


@pytest.fixture
def doc(tmp_path, small_map):
    d = Document.new(tmp_path / "p.rmap", small_map)
    yield d
    d.close()


def test_without_a_question_it_starts_at_the_strongest_strategy(qtbot, doc):
    view = present(doc)
    qtbot.addWidget(view)
    assert view.current == "s2"                       # .8 against .69
    assert view.focus_card.title == "Strategy two"


def test_opens_steps_and_leaves(qtbot, doc):
    doc.execute(AddNode("Which plan?", kind="question", node_id="q"))
    doc.execute(Connect("s1", "q", relation="answer"))
    doc.execute(Connect("s2", "q", relation="answer"))
    view = present(doc)
    qtbot.addWidget(view)
    assert view.windowState() & Qt.WindowFullScreen
    assert view.order == ["q", "s1", "s2", "o1", "r1", "r2"]
    assert [c.title for c in view.cards] == ["Strategy one", "Strategy two"]
    qtbot.keyClick(view, Qt.Key_Right)
    assert view.current == "s1" and doc.selection.nodes == ("s1",)
    cards = {c.title: c for c in view.cards}
    assert set(cards) == {"Reason one", "Objection"}
    texts = [w.text() for w in cards["Objection"].findChildren(type(view.step_label))]
    assert texts == ["Objection \u00b7 added by the map's author", "Objection", "strength 0.40"]
    assert "strength 0.69" in [w.text() for w in view.focus_card.findChildren(type(view.step_label))]
    assert view.step_label.text() == "Step 2 of 6"
    qtbot.keyClick(view, Qt.Key_Left)
    assert view.current == "q"
    qtbot.keyClick(view, Qt.Key_Left)                 # stays at the start
    assert view.current == "q"
    for _ in range(10):
        qtbot.keyClick(view, Qt.Key_Down)
    assert view.current == "r2"                       # stops at the end
    qtbot.keyClick(view, Qt.Key_Home)
    assert view.current == "q"
    qtbot.keyClick(view, Qt.Key_Escape)
    assert not view.isVisible()


def test_walk_order_helpers(doc):
    assert root_of(doc.map, doc.weighing) == "s2"
    assert walk_order(doc.map, "s1") == ["s1", "o1", "r1"]
    assert walk_order(doc.map, None) == []


def test_cards_say_their_kind_and_where_they_come_from(qtbot, doc):
    from app.model.commands import EditNode
    doc.execute(EditNode("r1", {"source_ref": "key point 7"}))
    doc.execute(AddNode("Which plan?", kind="question", node_id="q"))
    doc.execute(Connect("s1", "q", relation="answer"))
    view = present(doc)
    qtbot.addWidget(view)
    qtbot.keyClick(view, Qt.Key_Right)
    assert view.current == "s1"
    focus = [w.text() for w in view.focus_card.findChildren(type(view.step_label))]
    assert focus[0] == "Strategy \u00b7 added by the map's author"
    lines = {c.title: [w.text() for w in c.findChildren(type(view.step_label))][0] for c in view.cards}
    assert lines == {"Reason one": "Reason \u00b7 key point 7",
                     "Objection": "Objection \u00b7 added by the map's author"}
