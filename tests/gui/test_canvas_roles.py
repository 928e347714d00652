"""Roles belong to relations: a card that supports one claim and attacks another is drawn
with both colours, never as "an objection"; every card says where it comes from."""

from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QImage, QPainter

from app.document import Document
from app.model import DeleteEdges, Edge, Node
from app.model.build import build_map
from app.model.commands import EditNode
from app.render import style as S
from app.render.cards import CardState, measure_card, paint_card
from app.ui.canvas import MapCanvas


def two_faced_map():
    nodes = [Node(id="a", title="Claim A", x=0.0, y=0.0), Node(id="b", title="Claim B", x=400.0, y=0.0),
             Node(id="t", title="Thesis", x=200.0, y=250.0, source_ref="key point 7"),
             Node(id="o", title="Plain objection", x=600.0, y=250.0)]
    edges = [Edge(id="e1", source="t", target="a"), Edge(id="e2", source="t", target="b", relation="attack"),
             Edge(id="e3", source="o", target="b", relation="attack")]
    return build_map(nodes, edges)


def stripe_colours(role: str) -> set[str]:
    m = measure_card("Thesis", "supports one claim and attacks another", 240)
    img = QImage(int(m.width) + 20, int(m.height) + 20, QImage.Format_RGB32)
    img.fill(QColor("#FFFFFF"))
    p = QPainter(img)
    p.translate(QPointF(img.width() / 2, img.height() / 2))
    paint_card(p, "claim", 0.5, m, CardState(role=role))
    p.end()
    x = int(10 + 2)                          # inside the 5 px stripe at the card's left
    return {img.pixelColor(x, y).name().upper() for y in range(20, img.height() - 20)}


def test_a_card_that_supports_and_attacks_is_no_objection(qtbot, tmp_path):
    doc = Document.new(tmp_path / "m.rmap", two_faced_map())
    canvas = MapCanvas(doc)
    qtbot.addWidget(canvas)
    cards = canvas.map_scene.cards
    assert cards["t"].fed["role"] == "mixed"
    assert cards["o"].fed["role"] == "objection"
    # when its support goes, it is an objection, and the card is fed that (only that card)
    before = {n: c.repaints for n, c in cards.items()}
    doc.execute(DeleteEdges(["e1"]))
    assert cards["t"].fed["role"] == "objection"
    assert cards["o"].repaints == before["o"]


def test_the_stripe_shows_both_bearings():
    both = stripe_colours("mixed")
    assert S.BLUE in both and S.VERMILLION in both
    assert S.VERMILLION in stripe_colours("objection") and S.BLUE not in stripe_colours("objection")


def test_cards_are_fed_where_they_come_from(qtbot, tmp_path):
    doc = Document.new(tmp_path / "m.rmap", two_faced_map())
    canvas = MapCanvas(doc)
    qtbot.addWidget(canvas)
    cards = canvas.map_scene.cards
    assert cards["t"].fed["source"] == "key point 7"
    assert cards["o"].fed["source"] == "added by the map's author"
    doc.execute(EditNode("o", {"source_ref": "key point 2"}))
    assert cards["o"].fed["source"] == "key point 2"
    doc.undo()
    assert cards["o"].fed["source"] == "added by the map's author"
