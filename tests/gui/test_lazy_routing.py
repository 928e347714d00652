"""Big maps are routed after the first paint (app.ui.canvas.lazy_routing): the result is the
same as routing at once, and edits made meanwhile keep their own routes."""

import sys
from pathlib import Path

from app.document import Document
from app.model import MoveNodes
from app.render.export import with_layout
from app.ui.canvas import MapCanvas
from app.ui.canvas import lazy_routing

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from mapgen import generate_map  # noqa: E402


def _canvas(qtbot, doc):
    canvas = MapCanvas(doc)
    qtbot.addWidget(canvas)
    canvas.resize(900, 600)
    canvas.show()
    return canvas


def _shapes(scene):
    return {eid: item.geom.path.boundingRect().getRect() for eid, item in scene.edges.items()}


def test_lazy_routes_equal_routing_at_once(qtbot, tmp_path, monkeypatch):
    amap = with_layout(generate_map(80, seed=3))
    at_once = _canvas(qtbot, Document.new(tmp_path / "a.rmap", amap)).map_scene
    monkeypatch.setattr(lazy_routing, "LAZY_EDGES", 10)
    lazy = _canvas(qtbot, Document.new(tmp_path / "b.rmap", amap)).map_scene
    assert lazy.routes == {}                            # not routed before the first paint
    router = lazy._lazy_router
    qtbot.waitUntil(lambda: not router.timer.isActive(), timeout=20_000)
    assert any(at_once.routes.values())                 # the map has edges going around cards
    assert lazy.routes == at_once.routes and lazy.ports == at_once.ports
    assert _shapes(lazy) == _shapes(at_once)


def test_an_edit_while_routing_in_the_background_keeps_its_routes(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(lazy_routing, "LAZY_EDGES", 10)
    doc = Document.new(tmp_path / "m.rmap", with_layout(generate_map(80, seed=4)))
    scene = _canvas(qtbot, doc).map_scene
    router = scene._lazy_router
    qtbot.waitUntil(lambda: router.thread is not None, timeout=20_000)
    nid = next(n for n in doc.map.nodes if scene.cards[n].edge_ids)
    node = doc.map.nodes[nid]
    doc.execute(MoveNodes({nid: (node.x + 5000.0, node.y)}))
    mine = {eid: scene.routes[eid] for eid in scene.cards[nid].edge_ids}
    qtbot.waitUntil(lambda: not router.timer.isActive(), timeout=20_000)
    assert {eid: scene.routes[eid] for eid in mine} == mine
    assert len(scene.routes) == len(doc.map.edges)
