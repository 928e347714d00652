"""Collapsing or expanding a card routes again only the relations it concerns (those at the
cards it hides or shows, at the card itself, and those crossing a card shown again), and the
relations then go around the cards as a new canvas of the map routes them: no relation
passes over more cards than on a new canvas."""

import sys
from pathlib import Path

import pytest

from app.document import Document
from app.layout.quality import segments_intersect
from app.model import EditNode, MoveNodes
from app.render.export import with_layout
from app.ui.canvas import routing

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from mapgen import generate_map  # noqa: E402


def crossings(scene) -> int:
    """How many (shown relation, shown card not at its ends) pairs the relation's line
    passes over (the card's rectangle less 4 px all round)."""
    count = 0
    for eid, item in scene.edges.items():
        if not item.isVisible() or item.geom is None:
            continue
        edge = scene.amap.edges[eid]
        points = [(p.x(), p.y()) for poly in item.geom.path.toSubpathPolygons() for p in poly]
        segments = list(zip(points, points[1:]))
        box = item.geom.path.boundingRect()
        for nid, card in scene.cards.items():
            r = card.scene_card_rect().adjusted(4, 4, -4, -4)
            if nid in (edge.source, edge.target) or not card.isVisible() or not box.intersects(r):
                continue
            corners = [(r.left(), r.top()), (r.right(), r.top()), (r.right(), r.bottom()),
                       (r.left(), r.bottom())]
            sides = list(zip(corners, corners[1:] + corners[:1]))
            if any(r.contains(*a) for a, _b in segments) or any(
                    segments_intersect(a, b, c, d) for a, b in segments for c, d in sides):
                count += 1
    return count


@pytest.mark.parametrize("seed", range(3))
def test_collapsing_and_expanding_routes_only_what_it_concerns_and_as_well(
        qtbot, tmp_path, monkeypatch, composed, errors, seed):
    doc = Document.new(tmp_path / "m.rmap", with_layout(generate_map(150, seed=seed)))
    window = composed(doc, 1366, 768)
    scene = window.canvas.map_scene
    routed = []
    real = routing.route_edges
    monkeypatch.setattr(routing, "route_edges", lambda rects, edges: (routed.append(len(edges)),
                                                                      real(rects, edges))[1])
    below = {n: len(list(doc.map.incoming(n))) for n in doc.map.nodes}
    for nid in sorted(doc.map.nodes, key=lambda n: -below[n])[:3]:   # the cards most argued
        routed.clear()
        doc.execute(EditNode(nid, {"collapsed": True}))
        assert any(not scene.cards[n].isVisible() for n in scene.cards)
        assert sum(routed) < len(doc.map.edges) / 4
        fresh = composed(doc, 1366, 768)
        assert crossings(scene) <= crossings(fresh.canvas.map_scene)
        fresh.canvas.set_document(None)   # (it would route the next changes too)
    # a card moved while others are hidden, then all shown again
    shown = sorted(n for n in doc.map.nodes if scene.is_shown(n))
    hidden = sorted(n for n in doc.map.nodes if not scene.is_shown(n))
    spot = scene.cards[hidden[0]].pos()
    doc.execute(MoveNodes({shown[-1]: (spot.x() + 400.0, spot.y())}))
    for nid in [n for n, v in doc.map.nodes.items() if v.collapsed]:
        routed.clear()
        doc.execute(EditNode(nid, {"collapsed": False}))
        assert sum(routed) < len([e for e in scene.edges if scene._edge_shown(e)])  # not all
    assert all(c.isVisible() for c in scene.cards.values())
    fresh = composed(doc, 1366, 768)
    assert crossings(scene) <= crossings(fresh.canvas.map_scene)


def test_expanding_again_reroutes_only_what_went_round_nothing(qtbot, tmp_path, composed, errors):
    """Collapsing and expanding a card with nothing else changed routes only the relations at
    the cards it showed again and at the card itself: the others went around those cards
    before they were hidden and still do. A hidden card moved onto a relation's line is not
    gone around by it, and that relation is routed again when the card shows."""
    doc = Document.new(tmp_path / "m.rmap", with_layout(generate_map(150, seed=1)))
    scene = composed(doc, 1366, 768).canvas.map_scene
    below = {n: len(list(doc.map.incoming(n))) for n in doc.map.nodes}
    nid = max((n for n in doc.map.nodes if doc.map.nodes[n].kind == "claim"), key=lambda n: below[n])
    doc.execute(EditNode(nid, {"collapsed": True}))
    hidden = {n for n in scene.cards if not scene.is_shown(n)}
    assert hidden
    tick = scene.route_tick + 1
    doc.execute(EditNode(nid, {"collapsed": False}))
    own = {e for n in hidden | {nid} for e in scene.cards[n].edge_ids}
    assert {e for e, t in scene.routed_at.items() if t == tick} <= own
    # a hidden card moved onto the line of a relation that goes nowhere near it now
    doc.execute(EditNode(nid, {"collapsed": True}))
    card = sorted(hidden)[0]
    far = next(item for e, item in sorted(scene.edges.items())
               if item.isVisible() and e not in own and not item.geom.crosses(
                   scene.cards[card].scene_card_rect()))
    path = far.geom.path
    spot = path.pointAtPercent(0.5)
    doc.execute(MoveNodes({card: (spot.x(), spot.y())}))
    assert far.geom.crosses(scene.cards[card].scene_card_rect())
    tick = scene.route_tick + 1
    doc.execute(EditNode(nid, {"collapsed": False}))
    assert scene.routed_at[far.edge_id] == tick            # routed again, around it now
