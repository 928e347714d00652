"""Presentation mode: opens full screen, steps with the arrow keys, Escape leaves."""

import pytest
from PySide6.QtCore import Qt

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from app.document import Document
from app.model import AddNode, AddParticipant, Assess, Connect
from app.render.slides import BACKGROUND, _paint_card, plan_slides
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
    assert [c.title for c in view.cards] == ["Strategy two", "Strategy one"]   # strongest first
    qtbot.keyClick(view, Qt.Key_Right)
    assert view.current == "s1" and doc.selection.nodes == ("s1",)
    cards = {c.title: c for c in view.cards}
    assert set(cards) == {"Reason one", "Objection"}
    item = cards["Objection"].item
    assert (item.role, item.title, item.strength) == ("Objection \u00b7 added by the map's author",
                                                      "Objection", "strength 0.40")
    assert view.focus_card.item.strength == "strength 0.69"
    assert [c.title for c in view.cards] == ["Reason one", "Objection"]   # reasons first
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
    assert view.focus_card.item.role == "Strategy \u00b7 rank 2 of 2 \u00b7 added by the map's author"
    lines = {c.title: c.item.role for c in view.cards}
    assert lines == {"Reason one": "Reason \u00b7 key point 7",
                     "Objection": "Objection \u00b7 added by the map's author"}


def _painted(card) -> QImage:
    """What the slides' drawing paints for *card*'s item in *card*'s size."""
    img = QImage(card.size(), QImage.Format_ARGB32)
    img.fill(QColor(BACKGROUND))
    p = QPainter(img)
    _paint_card(p, card.shown(), QRectF(card.rect()), big=card.big)
    p.end()
    return img


def test_a_step_draws_its_cards_as_the_slide_of_that_strategy_does(qtbot, doc):
    doc.execute(AddNode("Which plan?", kind="question", node_id="q"))
    doc.execute(Connect("s1", "q", relation="answer"))
    view = present(doc)
    qtbot.addWidget(view)
    view.setStyleSheet("#presentation { background: %s; }" % BACKGROUND)
    qtbot.keyClick(view, Qt.Key_Right)                 # s1, its reason and its objection
    w = doc.weighing
    ranking = [(e.id, e.title, w.strength(e.id)) for e in w.ranking]
    (slide,) = [s for s in plan_slides(doc.map, ranking, w.evaluation.strengths, "c")
                if s.focus is not None and s.heading == "Strategy one"]
    assert [c.title for c in view.cards] == [c.title for c in slide.cards]
    assert [c.item.colour for c in view.cards] == [c.colour for c in slide.cards]
    assert [c.item.strength for c in view.cards] == [c.strength for c in slide.cards]
    for card in [view.focus_card] + view.cards:
        shot = card.grab().toImage().convertToFormat(QImage.Format_ARGB32)
        inner = card.rect().adjusted(14, 14, -14, -14)     # inside the rounded border
        assert shot.copy(inner) == _painted(card).copy(inner), card.title


def test_the_ranking_says_whose_values_and_which_semantics(qtbot, doc):
    doc.execute(AddParticipant("Ann", participant_id="ann"))
    doc.execute(Assess("ann", "r1", 0.1))
    view = present(doc)
    qtbot.addWidget(view)
    assert view.caption.text() == "DF-QuAD, the map's own values"
    doc.weighing.set_perspective("ann")
    assert view.caption.text() == "DF-QuAD, Ann's values"


def test_a_narrow_card_shortens_its_role_line_instead_of_running_out(qtbot, doc):
    view = present(doc)
    qtbot.addWidget(view)
    card = view.cards[0]                                # Strategy two's reason
    assert card.item.role == "Reason \u00b7 added by the map's author"
    card.resize(600, card.height())
    assert card.shown().role == card.item.role
    card.resize(300, card.height())
    assert card.shown().role == "Reason \u00b7 map's author"
    card.resize(200, card.height())
    assert card.shown().role.startswith("Reason") and card.shown().role.endswith("\u2026")


def test_an_attack_on_an_objection_is_a_rebuttal_as_on_the_canvas(qtbot, doc):
    from app.render.geometry import roles
    from app.ui.canvas.emphasis import relation_role
    doc.execute(AddNode("Which plan?", kind="question", node_id="q"))
    doc.execute(Connect("s1", "q", relation="answer"))
    doc.execute(AddNode("Not so", node_id="x"))
    doc.execute(Connect("x", "o1", relation="attack"))
    view = present(doc)
    qtbot.addWidget(view)
    assert view.order[:3] == ["q", "s1", "o1"]
    qtbot.keyClick(view, Qt.Key_Right)
    assert [c.item.role.split(" ")[0] for c in view.cards] == ["Reason", "Objection"]
    qtbot.keyClick(view, Qt.Key_Right)                 # the objection, attacked in turn
    (card,) = view.cards
    edge = next(e for e in doc.map.edges.values() if e.source == "x")
    assert relation_role(doc.map, edge, roles(doc.map)) == "rebuttal"     # the canvas's word
    assert card.item.role == "Rebuttal \u00b7 added by the map's author"
