"""The opening view and Fit the map: fitted to the width on small maps, never below the zoom
at which titles read on wide ones (which scroll sideways); an empty map at actual size."""

from PySide6.QtCore import Qt

from app.document import Document
from app.model.commands import EditNode
from app.model import Edge, Node
from app.model.build import build_map
from app.render import style as S
from app.render.cards import overview_title
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


def title_screen_px(canvas, node_id):
    """The on-screen pixel size of a card's title at the canvas's zoom, and its lines."""
    zoom = canvas.zoom_level()
    card = canvas.map_scene.cards[node_id]
    if zoom >= S.LOD_FULL:
        return S.TITLE_PX * zoom, card.metrics.title_lines
    px, lines = overview_title(card.metrics, zoom)
    return px * zoom, lines


def test_wide_map_opens_readable_at_its_root(qtbot, tmp_path):
    canvas = open_canvas(qtbot, tmp_path, wide_map(40))
    assert canvas.zoom_level() >= S.OVERVIEW_ZOOM
    px, lines = title_screen_px(canvas, "root")
    assert px >= 9.5 and " ".join(lines) == "Root question"
    assert visible(canvas, "root")
    assert not visible(canvas, "c0")  # the far ends are a pan away, not squeezed in
    assert canvas.horizontalScrollBar().maximum() > 0


def test_fit_the_map_keeps_titles_readable(qtbot, tmp_path):
    canvas = open_canvas(qtbot, tmp_path, wide_map(40))
    canvas.zoom_reset()
    qtbot.keyClick(canvas, Qt.Key_Minus)       # wherever the view was
    canvas.fit_all()
    assert abs(canvas.zoom_level() - S.OVERVIEW_ZOOM) < 1e-9
    canvas.doc.execute(EditNode("c5", {"text": "A card with some text is as wide as the map's text width, "
                                           "so its title has room."}))
    for nid in ("root", "c5"):
        px, lines = title_screen_px(canvas, nid)
        assert px >= 9.5 and "…" not in " ".join(lines), (nid, px, lines)
    assert visible(canvas, "root")


def test_fit_the_map_shows_a_map_that_fits_whole(qtbot, tmp_path):
    canvas = open_canvas(qtbot, tmp_path, wide_map(6))
    canvas.zoom_reset()
    canvas.fit_all()
    assert all(visible(canvas, n) for n in ["root"] + [f"c{i}" for i in range(6)])


def test_an_empty_map_opens_at_actual_size(qtbot, tmp_path):
    canvas = open_canvas(qtbot, tmp_path, wide_map(40))
    canvas.set_zoom(0.3)
    canvas.set_document(Document.new(tmp_path / "empty.rmap", build_map([], [])))
    assert canvas.zoom_level() == 1.0


def test_small_map_opens_whole(qtbot, tmp_path):
    canvas = open_canvas(qtbot, tmp_path, wide_map(3))
    assert all(visible(canvas, n) for n in ("root", "c0", "c1", "c2"))
