"""A selection that starts or ends on a big map feeds the cards and relations in view at once
and each of the rest when it is first about to be drawn (app.ui.canvas.emphasis): nothing
is ever drawn with the emphasis of the selection before, scrolling to a part not fed yet
shows it right, and once all is fed every item has what a small map's items get at once."""

import sys
from pathlib import Path

from PySide6.QtCore import Qt

from app.document import Document
from app.render.export import with_layout
from app.ui.canvas import emphasis
from app.ui.canvas.items import CardItem, EdgeItem

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from mapgen import generate_map  # noqa: E402


def expected(amap, selected):
    """(dimmed cards, emphasis of each edge) when *selected* (a card id or None) is selected."""
    if selected is None:
        return set(), {e: "" for e in amap.edges}
    mine = {e.id for e in amap.incoming(selected)} | {e.id for e in amap.outgoing(selected)}
    lit = {selected} | {amap.edges[e].source for e in mine} | {amap.edges[e].target for e in mine}
    return set(amap.nodes) - lit, {e: "lit" if e in mine else "dim" for e in amap.edges}


def shown(scene, canvas):
    """The card and edge ids whose bounds meet the view."""
    seen = canvas.mapToScene(canvas.viewport().rect()).boundingRect()
    cards = {n for n, c in scene.cards.items() if c.sceneBoundingRect().intersects(seen)}
    edges = {e for e, item in scene.edges.items() if item.sceneBoundingRect().intersects(seen)}
    return cards, edges


def test_a_big_maps_selection_feeds_what_is_in_view_first_and_never_draws_it_stale(
        qtbot, composed, tmp_path, errors, monkeypatch):
    monkeypatch.setattr(emphasis, "AT_ONCE", 50)       # a 200-card map counts as big here
    amap = with_layout(generate_map(200, seed=5))
    win = composed(Document.new(tmp_path / "big.rmap", amap))
    canvas, scene = win.canvas, win.canvas.map_scene
    canvas.set_zoom(1.0)
    stale_drawn = []                                   # items drawn with an outdated emphasis
    state = {"selected": None}

    def check_card(item):
        if item.fed["dimmed"] != (item.node_id in expected(amap, state["selected"])[0]):
            stale_drawn.append(item.node_id)

    def check_edge(item):
        if item.fed["emphasis"] != expected(amap, state["selected"])[1][item.edge_id]:
            stale_drawn.append(item.edge_id)
    card_paint, edge_paint = CardItem.paint, EdgeItem.paint
    monkeypatch.setattr(CardItem, "paint", lambda self, *a: (check_card(self), card_paint(self, *a)))
    monkeypatch.setattr(EdgeItem, "paint", lambda self, *a: (check_edge(self), edge_paint(self, *a)))

    target = sorted(amap.nodes)[len(amap.nodes) // 2]
    card = scene.cards[target]
    canvas.centerOn(card)
    qtbot.wait(50)
    state["selected"] = target
    qtbot.mouseClick(canvas.viewport(), Qt.LeftButton, Qt.NoModifier,
                     canvas.mapFromScene(card.pos() + card.card_rect().center()))
    assert win.doc.selection.nodes == (target,)
    dimmed, edge_emphasis = expected(amap, target)
    in_view, edges_in_view = shown(scene, canvas)
    assert scene.stale_cards and scene.stale_edges          # not everything was fed at once
    assert not (scene.stale_cards & in_view) and not (scene.stale_edges & edges_in_view)
    assert {n for n in in_view if scene.cards[n].fed["dimmed"]} == dimmed & in_view
    assert all(scene.edges[e].fed["emphasis"] == edge_emphasis[e] for e in edges_in_view)
    assert any(scene.cards[n].fed["dimmed"] != (n in dimmed) for n in scene.stale_cards)

    # scroll far away: what comes into view is fed before it is drawn, and only that
    far = max(scene.stale_cards, key=lambda n: (scene.cards[n].pos() - card.pos()).manhattanLength())
    canvas.centerOn(scene.cards[far])
    drawn_before = scene.cards[far].drawn
    qtbot.waitUntil(lambda: scene.cards[far].drawn > drawn_before, timeout=5000)
    assert scene.cards[far].fed["dimmed"] == (far in dimmed) and far not in scene.stale_cards
    assert scene.stale_cards and scene.stale_edges
    canvas.set_zoom(0.03)         # the whole map in view: every card fed, and every relation
    canvas.centerOn(scene.itemsBoundingRect().center())
    qtbot.waitUntil(lambda: not scene.stale_cards, timeout=5000)    # drawn as an item
    assert all(not scene.edges[e].isVisible() for e in scene.stale_edges)   # (far out: none)
    scene.settle_emphasis()
    assert {n for n, c in scene.cards.items() if c.fed["dimmed"]} == dimmed
    assert {e: item.fed["emphasis"] for e, item in scene.edges.items()} == edge_emphasis
    assert all((c.opacity() < 1.0) == (n in dimmed) for n, c in scene.cards.items())

    # the selection ends (Escape): the same, back to nothing dimmed
    state["selected"] = None
    qtbot.keyClick(canvas, Qt.Key_Escape)
    assert scene.stale_cards or scene.stale_edges
    canvas.centerOn(card)
    qtbot.wait(50)
    scene.settle_emphasis()                            # what a reader of every item first does
    assert not any(c.fed["dimmed"] for c in scene.cards.values())
    assert all(item.fed["emphasis"] == "" for item in scene.edges.values())
    assert stale_drawn == []


def test_a_small_maps_selection_feeds_every_item_at_once(qtbot, shipped):
    scene = shipped.canvas.map_scene
    assert len(scene.cards) + len(scene.edges) <= emphasis.AT_ONCE
    nid = next(iter(scene.cards))
    shipped.doc.selection.set([nid], (), origin="test")
    assert not (scene.stale_cards or scene.stale_edges)
    dimmed, edge_emphasis = expected(shipped.doc.map, nid)
    assert {n for n, c in scene.cards.items() if c.fed["dimmed"]} == dimmed
    assert {e: item.fed["emphasis"] for e, item in scene.edges.items()} == edge_emphasis
