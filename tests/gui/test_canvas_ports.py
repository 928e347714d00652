"""Spread ports on the canvas: kept up to date when cards move and relations come and go,
and the same as in the exports."""

from app.document import Document
from app.model import Connect, DeleteEdges, MoveNodes, Node
from app.model.build import build_map
from app.model.entities import Edge
from app.render.picture import MapPicture
from app.ui.canvas import MapCanvas


def fan_map():
    """A claim with three reasons side by side below it (left to right: a, b, c)."""
    nodes = [Node(id="t", title="The claim", x=0.0, y=0.0),
             Node(id="a", title="Reason a", x=-420.0, y=260.0),
             Node(id="b", title="Reason b", x=0.0, y=260.0),
             Node(id="c", title="Reason c", x=420.0, y=260.0)]
    edges = [Edge(id=f"e{n}", source=n, target="t") for n in "abc"]
    return build_map(nodes, edges, meta={"title": "Fan"})


def open_canvas(qtbot, tmp_path):
    doc = Document.new(tmp_path / "fan.rmap", fan_map())
    canvas = MapCanvas(doc)
    qtbot.addWidget(canvas)
    canvas.resize(900, 600)
    canvas.show()
    qtbot.waitExposed(canvas)
    return doc, canvas


def tips(canvas, eids):
    return {eid: canvas.map_scene.edges[eid].geom.tip for eid in eids}


def left_to_right(canvas, eids):
    found = tips(canvas, eids)
    return sorted(found, key=lambda eid: found[eid].x())


def test_edges_into_one_card_get_separate_ports_that_follow_moves(qtbot, tmp_path):
    doc, canvas = open_canvas(qtbot, tmp_path)
    try:
        card = canvas.map_scene.cards["t"].scene_card_rect()
        found = tips(canvas, ["ea", "eb", "ec"])
        xs = sorted(p.x() for p in found.values())
        assert all(b - a >= 10 for a, b in zip(xs, xs[1:]))
        assert all(p.y() == card.bottom() and card.left() < p.x() < card.right() for p in found.values())
        assert left_to_right(canvas, ["ea", "eb", "ec"]) == ["ea", "eb", "ec"]
        doc.execute(MoveNodes({"a": (840.0, 260.0)}))       # a is now the rightmost reason
        assert left_to_right(canvas, ["ea", "eb", "ec"]) == ["eb", "ec", "ea"]
        doc.undo()
        assert left_to_right(canvas, ["ea", "eb", "ec"]) == ["ea", "eb", "ec"]
    finally:
        doc.close()


def test_ports_spread_again_when_relations_come_and_go(qtbot, tmp_path):
    doc, canvas = open_canvas(qtbot, tmp_path)
    try:
        middle = canvas.map_scene.cards["t"].scene_card_rect().center().x()
        assert tips(canvas, ["ec"])["ec"].x() > middle
        doc.execute(DeleteEdges(("ea", "eb")))
        assert tips(canvas, ["ec"])["ec"].x() == middle       # alone again: the middle
        doc.execute(Connect("a", "t", relation="attack", edge_id="new"))
        found = tips(canvas, ["ec", "new"])
        assert found["new"].x() < middle < found["ec"].x()
    finally:
        doc.close()


def test_canvas_and_export_draw_the_same_ends(qtbot, tmp_path):
    doc, canvas = open_canvas(qtbot, tmp_path)
    try:
        doc.execute(MoveNodes({"b": (-150.0, 300.0)}))
        picture = MapPicture(doc.map)
        for edge, geom in picture.edges:
            item = canvas.map_scene.edges[edge.id].geom
            assert (item.tip.x(), item.tip.y()) == (geom.tip.x(), geom.tip.y())
            start, other = item.path.pointAtPercent(0), geom.path.pointAtPercent(0)
            assert (start.x(), start.y()) == (other.x(), other.y())
    finally:
        doc.close()
