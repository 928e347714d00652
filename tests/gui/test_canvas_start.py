"""The opening view: a readable zoom on wide maps, the whole map on small ones."""

from app.document import Document
from app.model import Edge, Node
from app.model.build import build_map
from app.ui.canvas import MapCanvas


def wide_map(n):
    nodes = [Node(id="root", kind="question", title="Root question", x=0.0, y=0.0)]
    nodes += [Node(id=f"c{i}", title=f"Consideration {i}", x=(i - n / 2) * 300.0, y=250.0) for i in range(n)]
    edges = [Edge(id=f"e{i}", source=f"c{i}", target="root") for i in range(n)]
    return build_map(nodes, edges)


def open_canvas(qtbot, tmp_path, amap):
    doc = Document.new(tmp_path / "m.rmap", amap)
    canvas = MapCanvas(doc)
    canvas.resize(1000, 700)
    qtbot.addWidget(canvas)
    canvas.show()
    qtbot.waitExposed(canvas)
    canvas.show_start()
    return canvas


def visible(canvas, node_id):
    card = canvas.map_scene.cards[node_id]
    view = canvas.mapToScene(canvas.viewport().rect()).boundingRect()
    return view.contains(card.scene_card_rect())


def test_wide_map_opens_readable_at_its_root(qtbot, tmp_path):
    canvas = open_canvas(qtbot, tmp_path, wide_map(40))
    assert canvas.zoom_level() >= 0.55
    assert visible(canvas, "root")
    assert not visible(canvas, "c0")  # the far ends are a pan away, not squeezed in


def test_small_map_opens_whole(qtbot, tmp_path):
    canvas = open_canvas(qtbot, tmp_path, wide_map(3))
    assert all(visible(canvas, n) for n in ("root", "c0", "c1", "c2"))
