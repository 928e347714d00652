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


def _shown_edges(scene):
    return {e for e in scene.edges if scene._edge_shown(e)}


def test_a_big_maps_case_and_whole_map_are_routed_in_the_background_as_at_once(
        qtbot, tmp_path, monkeypatch):
    """Showing a strategy's case, then the whole map again, routes the shown edges afresh:
    at once on a small map, on a big one those in view at once and all in the background.
    Both end with the same routes, ports and shapes; a hidden edge keeps its route."""
    amap = with_layout(generate_map(80, seed=5))
    at_once = _canvas(qtbot, Document.new(tmp_path / "a.rmap", amap))
    monkeypatch.setattr(lazy_routing, "LAZY_EDGES", 10)
    lazy = _canvas(qtbot, Document.new(tmp_path / "b.rmap", amap))
    opening = lazy.map_scene._lazy_router
    qtbot.waitUntil(lambda: not opening.timer.isActive(), timeout=20_000)
    strategy = next(n for n, v in amap.nodes.items() if v.kind == "strategy")
    for canvas, limit in ((at_once, 10**9), (lazy, 10)):
        monkeypatch.setattr(lazy_routing, "LAZY_EDGES", limit)
        canvas.doc.selection.set([strategy], ())
        canvas.show_case()
    a, b = at_once.map_scene, lazy.map_scene
    assert getattr(a, "_lazy_router", None) is None
    router = b._lazy_router
    assert router is not opening and router.timer.isActive()    # the rest comes later
    hidden = set(b.edges) - _shown_edges(b)
    assert hidden and _shown_edges(a) == _shown_edges(b)
    kept = {e: b.routes[e] for e in hidden}
    qtbot.waitUntil(lambda: not router.timer.isActive(), timeout=20_000)
    assert {e: b.routes[e] for e in hidden} == kept             # hidden: not routed again
    for e in _shown_edges(a):
        assert a.routes[e] == b.routes[e], e
        assert [a.ports.get((e, end)) for end in (0, 1)] == [b.ports.get((e, end)) for end in (0, 1)]
    assert ({e: s for e, s in _shapes(a).items() if e in _shown_edges(a)} ==
            {e: s for e, s in _shapes(b).items() if e in _shown_edges(b)})
    for canvas, limit in ((at_once, 10**9), (lazy, 10)):
        monkeypatch.setattr(lazy_routing, "LAZY_EDGES", limit)
        canvas.show_whole_map()
    assert getattr(a, "_lazy_router", None) is None
    router = b._lazy_router
    assert router.timer.isActive()
    qtbot.waitUntil(lambda: not router.timer.isActive(), timeout=20_000)
    assert a.routes == b.routes and a.ports == b.ports and _shapes(a) == _shapes(b)


def test_a_mid_sized_maps_whole_map_again_is_routed_in_view_first_and_ends_as_at_once(
        qtbot, tmp_path, monkeypatch):
    """A map opened with its routes made at once (fewer edges than LAZY_EDGES) but with more
    than REROUTE_LAZY_EDGES: showing a strategy's case and then the whole map again routes
    the edges in view at once and the rest in the background, with the real limits, and
    ends with the routes, ports and shapes of routing them all at once."""
    amap = with_layout(generate_map(420, seed=9))
    assert lazy_routing.REROUTE_LAZY_EDGES < len(amap.edges) <= lazy_routing.LAZY_EDGES
    lazy = _canvas(qtbot, Document.new(tmp_path / "b.rmap", amap))
    monkeypatch.setattr(lazy_routing, "REROUTE_LAZY_EDGES", 10**9)
    at_once = _canvas(qtbot, Document.new(tmp_path / "a.rmap", amap))
    assert all(getattr(c.map_scene, "_lazy_router", None) is None for c in (lazy, at_once))
    strategy = max((n for n, v in amap.nodes.items() if v.kind == "strategy"),
                   key=lambda n: len(amap.upstream(n, ("support", "attack"))))
    for canvas in (at_once, lazy):
        canvas.doc.selection.set([strategy], ())
        canvas.show_case()
    monkeypatch.undo()
    monkeypatch.setattr(lazy_routing, "REROUTE_LAZY_EDGES", 10**9)
    at_once.show_whole_map()
    monkeypatch.undo()
    assert getattr(at_once.map_scene, "_lazy_router", None) is None
    lazy.show_whole_map()
    router = lazy.map_scene._lazy_router
    assert router.timer.isActive() and router.result is None     # the rest comes later
    qtbot.waitUntil(lambda: not router.timer.isActive(), timeout=20_000)
    a, b = at_once.map_scene, lazy.map_scene
    assert any(a.routes.values()) and a.routes == b.routes and a.ports == b.ports
    assert _shapes(a) == _shapes(b)


def _counting_middles(monkeypatch):
    """Count the middles found afresh (``EdgeGeometry.mid`` when not yet known)."""
    from app.render import edges
    found = []
    real = edges.EdgeGeometry.mid.fget

    def mid(geom):
        if geom._mid is None:
            found.append(geom)
        return real(geom)
    monkeypatch.setattr(edges.EdgeGeometry, "mid", property(mid))
    return found


def test_once_routed_in_the_background_the_long_relations_middles_are_found_between_events(
        qtbot, tmp_path, monkeypatch):
    """After a big map's routes arrive, its long relations' middles (the glyphs' spots) are
    found a few milliseconds at a time, as Qt would find them; then jumps across the map
    at a zoom that shows glyphs find none afresh for a long relation."""
    from app.render import style as S
    monkeypatch.setattr(lazy_routing, "LAZY_EDGES", 10)
    canvas = _canvas(qtbot, Document.new(tmp_path / "m.rmap", with_layout(generate_map(150, seed=6))))
    scene = canvas.map_scene
    router = scene._lazy_router
    qtbot.waitUntil(lambda: not router.timer.isActive(), timeout=20_000)
    warmer = scene._middles
    long = [i.geom for i in scene.edges.values()
            if len(i.geom.curve[1]) >= lazy_routing.WARM_FROM_CUBICS]
    assert long and warmer is not None
    qtbot.waitUntil(lambda: not warmer.timer.isActive(), timeout=20_000)
    for geom in long:
        assert geom._mid == geom.path.pointAtPercent(0.5)
    found = _counting_middles(monkeypatch)
    canvas.set_zoom(S.OVERVIEW_ZOOM)
    drawn = sum(i.drawn for i in scene.edges.values())
    for card in list(scene.cards.values())[::15]:
        canvas.centerOn(card)
        canvas.viewport().repaint()
    assert sum(i.drawn for i in scene.edges.values()) > drawn + 50
    assert not [g for g in found if len(g.curve[1]) >= lazy_routing.WARM_FROM_CUBICS]
    assert found                                 # (short ones are measured when drawn)


def test_below_the_zoom_of_labels_a_relation_passing_by_is_not_measured_for_its_middle(
        qtbot, tmp_path, monkeypatch):
    """At a zoom that draws glyphs but no labels, a repaint measures the middle of no
    relation whose line stays away from it, however much of it its box covers (the glyph
    sits on the line; only a label reaches further)."""
    from app.render import style as S
    from app.ui.canvas.items import HULL_WIDTH
    canvas = _canvas(qtbot, Document.new(tmp_path / "m.rmap", with_layout(generate_map(150, seed=6))))
    scene = canvas.map_scene
    assert getattr(scene, "_lazy_router", None) is None
    scene._middles.stop()                           # (no middles found between events)
    qtbot.waitExposed(canvas)
    qtbot.wait(50)                                  # (the opening view is set)
    zoom = (S.OVERVIEW_ZOOM + S.LOD_FULL) / 2
    canvas.set_zoom(zoom)
    found = _counting_middles(monkeypatch)
    passing_by, measured = 0, 0
    for card in list(scene.cards.values())[::10]:
        canvas.centerOn(card)
        for item in scene.edges.values():
            item.geom._mid = None
        found.clear()
        canvas.viewport().repaint()
        assert canvas.transform().m11() == zoom
        margin = 4 / zoom                           # (Qt repaints a pixel or two around)
        view = canvas.mapToScene(canvas.viewport().rect()).boundingRect().adjusted(
            -margin, -margin, margin, margin)
        for item in scene.edges.values():
            near = item.geom.passes_near([view], HULL_WIDTH / 2)
            passing_by += item.boundingRect().intersects(view) and not near
            if any(g is item.geom for g in found):
                assert near, item.edge_id
        measured += len(found)
    assert passing_by > 0 and measured > 0      # (the glyphs drawn are measured)


def test_a_map_routed_at_once_has_its_long_relations_middles_found_between_events(qtbot, tmp_path):
    doc = Document.new(tmp_path / "m.rmap", with_layout(generate_map(150, seed=6)))
    canvas = _canvas(qtbot, doc)
    scene = canvas.map_scene
    assert getattr(scene, "_lazy_router", None) is None
    warmer = scene._middles
    long = [i.geom for i in scene.edges.values()
            if len(i.geom.curve[1]) >= lazy_routing.WARM_FROM_CUBICS]
    assert long and warmer is not None and warmer.timer.isActive()
    qtbot.waitUntil(lambda: not warmer.timer.isActive(), timeout=20_000)
    assert all(g._mid is not None for g in long)
