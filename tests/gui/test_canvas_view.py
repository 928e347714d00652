"""The canvas as a view: selection both ways, find, level of detail, focus, weighing results,
incremental updates and first layout of unpositioned maps."""

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QImage

from app.document import Document
from app.layout import count_overlaps
from app.model import AddNode, EditNode, Edge, Node, SetScore
from app.model.build import build_map
from app.ui.canvas import MapCanvas


def make_canvas(qtbot, doc):
    canvas = MapCanvas(doc)
    qtbot.addWidget(canvas)
    canvas.resize(1000, 700)
    canvas.show()
    qtbot.waitExposed(canvas)
    return canvas


def test_selection_flows_both_ways(qtbot, doc):
    canvas = make_canvas(qtbot, doc)
    seen = []
    doc.selection.changed.subscribe(lambda sel, origin: seen.append(origin))
    card = canvas.map_scene.cards["r2"]
    canvas.centerOn(card)
    qtbot.mouseClick(canvas.viewport(), Qt.LeftButton, Qt.NoModifier, canvas.mapFromScene(card.pos()))
    assert doc.selection.nodes == ("r2",) and seen[-1] is canvas
    doc.selection.set(["o1", "s2"], origin="outline")
    selected = {i.node_id for i in canvas.map_scene.selectedItems()}
    assert selected == {"o1", "s2"}
    assert canvas.current_node() == "s2"
    assert doc.selection.nodes == ("o1", "s2")        # the canvas did not echo it back
    visible = canvas.mapToScene(canvas.viewport().rect()).boundingRect()
    assert visible.contains(canvas.map_scene.cards["s2"].pos())


def test_ctrl_click_adds_to_the_selection(qtbot, doc):
    canvas = make_canvas(qtbot, doc)
    canvas.fit_all()
    vp = canvas.viewport()
    for nid, mod in (("r1", Qt.NoModifier), ("r2", Qt.ControlModifier)):
        qtbot.mouseClick(vp, Qt.LeftButton, mod, canvas.mapFromScene(canvas.map_scene.cards[nid].pos()))
    assert set(doc.selection.nodes) == {"r1", "r2"}


def test_find_highlights_selects_and_cycles(qtbot, doc):
    canvas = make_canvas(qtbot, doc)
    doc.execute(EditNode("o1", {"tags": ("Costly",)}))
    assert canvas.find("REASON") == 2
    assert canvas.map_scene.highlighted == {"r1", "r2"}
    first = doc.selection.current_node
    canvas.find_next()
    second = doc.selection.current_node
    assert {first, second} == {"r1", "r2"}
    canvas.find_next()
    assert doc.selection.current_node == first
    canvas.find_previous()
    assert doc.selection.current_node == second
    assert canvas.find("costly") == 1 and doc.selection.nodes == ("o1",)
    assert canvas.find("no such words") == 0
    canvas.clear_find()
    assert canvas.map_scene.highlighted == set()


def _paint(canvas):
    image = QImage(canvas.viewport().size(), QImage.Format_ARGB32)
    image.fill(0)
    canvas.viewport().render(image)
    return image


def test_level_of_detail_follows_zoom(qtbot, doc):
    canvas = make_canvas(qtbot, doc)
    card = canvas.map_scene.cards["s1"]
    for zoom, mode in ((1.0, "full"), (0.3, "titles"), (0.1, "boxes"), (0.8, "full")):
        canvas.set_zoom(zoom)
        canvas.centerOn(card)
        card.last_lod = "none"
        _paint(canvas)
        assert card.last_lod == mode, zoom


def test_wheel_zooms_without_ctrl(qtbot, doc):
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QWheelEvent
    canvas = make_canvas(qtbot, doc)
    canvas.zoom_reset()
    pos = QPointF(canvas.viewport().rect().center())
    ev = QWheelEvent(pos, canvas.mapToGlobal(pos), QPoint(), QPoint(0, 240), Qt.NoButton,
                     Qt.NoModifier, Qt.NoScrollPhase, False)
    canvas.wheelEvent(ev)
    assert canvas.zoom_level() > 1.2
    canvas.zoom_out()
    canvas.zoom_reset()
    assert canvas.zoom_level() == 1.0


def test_edits_update_only_the_affected_items(qtbot, doc):
    canvas = make_canvas(qtbot, doc)
    items = dict(canvas.map_scene.cards)
    old_metrics = items["r1"].metrics
    doc.execute(EditNode("r1", {"title": "A much longer title that wraps onto more lines than before"}))
    assert all(canvas.map_scene.cards[n] is items[n] for n in items)
    assert items["r1"].metrics.height > old_metrics.height
    assert items["s2"].metrics is canvas.map_scene.metrics["s2"]
    doc.execute(AddNode(title="New reason", parent="s2"))
    assert len(canvas.map_scene.cards) == 6 and len(canvas.map_scene.edges) == 4
    assert all(canvas.map_scene.cards[n] is items[n] for n in items)


def test_roles_follow_relations(qtbot, doc):
    canvas = make_canvas(qtbot, doc)
    assert canvas.map_scene.roles["o1"] == "objection"
    doc.execute(AddNode(title="Counter", parent="o1", relation="attack", node_id="c1"))
    assert canvas.map_scene.roles["c1"] == "rebuttal"


def test_unpositioned_map_is_laid_out_in_one_step(qtbot, tmp_path, small_map):
    doc = Document.new(tmp_path / "bare.rmap", small_map)
    canvas = make_canvas(qtbot, doc)
    assert all(n.x is not None and n.y is not None for n in doc.map.nodes.values())
    assert len(doc.history.done) == 1 and doc.history.undo_label == "Automatic layout"
    positions = {n: (v.x, v.y) for n, v in doc.map.nodes.items()}
    sizes = {n: c.metrics.size for n, c in canvas.map_scene.cards.items()}
    assert count_overlaps(positions, sizes) == 0
    assert positions["r1"][1] > positions["s1"][1]
    doc.close()


def test_relayout_is_one_undo_step(qtbot, doc):
    canvas = make_canvas(qtbot, doc)
    before = {n: (v.x, v.y) for n, v in doc.map.nodes.items()}
    canvas.relayout()
    assert doc.history.undo_label == "Automatic layout"
    after = {n: (v.x, v.y) for n, v in doc.map.nodes.items()}
    assert after != before and after["o1"][1] > after["s1"][1]
    doc.undo()
    assert {n: (v.x, v.y) for n, v in doc.map.nodes.items()} == before


def test_focus_shows_the_neighbourhood(qtbot, doc):
    canvas = make_canvas(qtbot, doc)
    doc.selection.set(["r1"])
    canvas.set_focus(1)
    shown = {n for n, c in canvas.map_scene.cards.items() if c.isVisible()}
    assert shown == {"r1", "s1"}
    canvas.set_focus(2)
    shown = {n for n, c in canvas.map_scene.cards.items() if c.isVisible()}
    assert shown == {"r1", "s1", "o1"}
    canvas.set_focus(None)
    assert all(c.isVisible() for c in canvas.map_scene.cards.values())


def _repainted_since(cards, before) -> set[str]:
    return {n for n, c in cards.items() if c.repaints != before.get(n)}


def test_the_canvas_shows_the_documents_weighing_and_repaints_only_what_moved(qtbot, doc):
    canvas = make_canvas(qtbot, doc)          # no weighing panel anywhere
    w, cards = doc.weighing, canvas.map_scene.cards
    assert cards["s1"].state().label is None                 # labels are off by default
    canvas.set_show_labels(True)
    state = cards["s1"].state()
    assert state.strength == round(w.strength("s1"), 2) and state.label == w.labels["s1"]
    before = {n: c.repaints for n, c in cards.items()}
    doc.execute(SetScore("r2", 0.9))           # moves r2 (its base) and s2 (its strength) only
    assert _repainted_since(cards, before) == {"r2", "s2"}
    assert cards["s2"].state().strength == round(w.strength("s2"), 2)
    assert cards["s2"].state().flash and not cards["s1"].state().flash
    canvas._end_flash()
    assert not cards["s2"].state().flash
    before, evaluations = {n: c.repaints for n, c in cards.items()}, w.evaluations
    doc.execute(EditNode("r1", {"title": "A much longer title for the first reason"}))
    assert w.evaluations == evaluations                   # a title moves no strength
    assert _repainted_since(cards, before) == {"r1"}
    canvas.set_show_labels(False)
    assert cards["s1"].state().label is None and cards["s1"].state().strength is not None
    canvas.set_show_labels(True)
    assert cards["o1"].state().label == w.labels["o1"]


def test_a_move_smaller_than_a_card_shows_neither_repaints_nor_flashes(qtbot, doc):
    canvas = make_canvas(qtbot, doc)
    w, cards = doc.weighing, canvas.map_scene.cards
    base = doc.map.nodes["r2"].base_score
    tiny = base + (0.001 if base < 0.5 else -0.001)
    strength = w.strength("s2")
    before = {n: c.repaints for n, c in cards.items()}
    doc.execute(SetScore("r2", tiny))
    assert w.strength("s2") != strength                        # it moved ...
    assert round(w.strength("s2"), 2) == round(strength, 2)    # ... by less than shows
    assert _repainted_since(cards, before) == set()
    assert not any(c.state().flash for c in cards.values())
    doc.execute(SetScore("r2", 0.95 if base < 0.5 else 0.05))  # a move that shows
    assert {"r2", "s2"} <= _repainted_since(cards, before)
    assert cards["s2"].state().flash and cards["s2"].state().strength == round(w.strength("s2"), 2)


def test_a_new_card_is_fed_its_strength_and_undo_takes_it_away(qtbot, doc):
    canvas = make_canvas(qtbot, doc)
    cs = doc.execute(AddNode(title="Cheap", parent="s2", relation="attack", x=0.0, y=400.0))
    nid = cs.changes[0].record.id
    card = canvas.map_scene.cards[nid]
    assert card.state().strength == round(doc.weighing.strength(nid), 2)
    assert canvas.map_scene.cards["s2"].state().strength == round(doc.weighing.strength("s2"), 2)
    doc.undo()
    assert nid not in canvas.map_scene.cards
    assert canvas.map_scene.cards["s2"].state().strength == round(doc.weighing.strength("s2"), 2)


def test_new_reasons_do_not_overlap(qtbot, doc):
    canvas = make_canvas(qtbot, doc)
    doc.selection.set(["s1"])
    for i in range(4):
        canvas.add_reason()
        qtbot.keyClicks(canvas._editor, f"New reason {i}")    # an untitled card would go again
        qtbot.keyClick(canvas._editor, Qt.Key_Return)
        doc.selection.set(["s1"])
    cards = canvas.map_scene.cards
    assert len(cards) == 9
    positions = {n: (c.pos().x(), c.pos().y()) for n, c in cards.items()}
    sizes = {n: c.metrics.size for n, c in cards.items()}
    assert count_overlaps(positions, sizes) == 0


def test_errors_become_messages(qtbot, doc):
    canvas = make_canvas(qtbot, doc)
    messages = []
    canvas.message.connect(messages.append)
    canvas.delete_selection()
    canvas._connect_nodes("r1", "s1", "support")      # already connected
    assert len(messages) == 2 and "already connected" in messages[1]


def test_user_text_is_plain(qtbot, tmp_path):
    amap = build_map([Node(id="a", title="<b>bold?</b> & <i>no</i>", x=0.0, y=0.0)], [])
    doc = Document.new(tmp_path / "plain.rmap", amap)
    canvas = make_canvas(qtbot, doc)
    assert canvas.map_scene.cards["a"].metrics.title_lines[0].startswith("<b>bold?</b>")
    doc.close()


def test_a_card_selected_elsewhere_comes_into_view_with_as_little_movement_as_it_needs(
        qtbot, tmp_path):
    """Partly in view, or out of view by less than half a view: the least scroll that
    brings it well inside (what was on screen stays, mostly, on screen); further away:
    centred."""
    nodes = [Node(id="here", title="Here", x=0.0, y=0.0),
             Node(id="edge", title="At the edge", x=0.0, y=0.0),
             Node(id="near", title="Just out of view", x=0.0, y=0.0),
             Node(id="far", title="Far away", x=6000.0, y=4000.0)]
    doc = Document.new(tmp_path / "r.rmap", build_map(nodes, []))
    canvas = make_canvas(qtbot, doc)
    canvas.zoom_reset()
    canvas.centerOn(canvas.map_scene.cards["here"])
    vp = canvas.viewport().rect()
    view = canvas.mapToScene(vp).boundingRect()
    edge = canvas.map_scene.cards["edge"]
    half_out = view.bottom() - edge.card_rect().height() / 2 - edge.card_rect().top()
    edge.setPos(edge.pos().x(), half_out)
    assert view.intersects(edge.scene_card_rect()) and not view.contains(edge.scene_card_rect())
    doc.selection.set(["edge"], origin="outline")
    moved = canvas.mapToScene(vp).boundingRect()
    assert moved.adjusted(30, 30, -30, -30).contains(edge.scene_card_rect())
    assert 0 < moved.top() - view.top() < edge.card_rect().height() + 60
    assert moved.left() == view.left()
    assert moved.contains(canvas.map_scene.cards["here"].scene_card_rect())
    near = canvas.map_scene.cards["near"]
    left = near.scene_card_rect().left() - near.pos().x()
    near.setPos(moved.right() + 60 - left, moved.center().y())      # wholly out, to the right
    assert not moved.intersects(near.scene_card_rect())
    doc.selection.set(["near"], origin="outline")
    shifted = canvas.mapToScene(vp).boundingRect()
    assert shifted.adjusted(30, 30, -30, -30).contains(near.scene_card_rect())
    assert 0 < shifted.left() - moved.left() < near.card_rect().width() + 150
    assert shifted.top() == moved.top()
    doc.selection.set(["far"], origin="outline")
    centre = canvas.mapToScene(vp.center())
    far = canvas.map_scene.cards["far"].scene_card_rect().center()
    assert abs(centre.x() - far.x()) < 20 and abs(centre.y() - far.y()) < 20
    doc.close()


def test_middle_button_drag_pans(qtbot, doc):
    from PySide6.QtCore import QPoint
    canvas = make_canvas(qtbot, doc)
    canvas.zoom_reset()
    vp = canvas.viewport()
    before = canvas.mapToScene(vp.rect().center())
    start = QPoint(300, 300)
    qtbot.mousePress(vp, Qt.MiddleButton, Qt.NoModifier, start)
    qtbot.mouseMove(vp, start + QPoint(120, 60))
    qtbot.mouseRelease(vp, Qt.MiddleButton, Qt.NoModifier, start + QPoint(120, 60))
    after = canvas.mapToScene(vp.rect().center())
    assert (before.x() - after.x(), before.y() - after.y()) == (120, 60)
    assert doc.history.undo_label == ""                  # panning changed nothing in the map


def test_free_spots_read_from_the_scene_match_a_full_count_of_the_cards(qtbot, tmp_path):
    import random

    from mapgen import generate_map

    from app.render.geometry import Occupancy
    doc = Document.new(tmp_path / "grid.rmap", generate_map(300, seed=2, positions=True))
    canvas = make_canvas(qtbot, doc)
    scene = canvas.map_scene
    full = Occupancy()
    for nid, card in scene.cards.items():
        if nid != "c7":
            r = card.scene_card_rect()
            full.add((r.center().x(), r.center().y()), (r.width(), r.height()))
    lazy = scene.occupancy(exclude={"c7"})
    rng = random.Random(1)
    answers = set()
    for _ in range(400):
        spot = (rng.uniform(-200, 30200), rng.uniform(-200, 800))
        size = (rng.uniform(40, 400), rng.uniform(30, 200))
        assert lazy.is_free(spot, size) == full.is_free(spot, size), (spot, size)
        answers.add(full.is_free(spot, size))
    assert answers == {True, False}
    doc.close()


def test_edges_are_fed_their_record_and_an_edit_repaints_only_that_edge(qtbot, doc):
    from app.model import EditEdge
    canvas = make_canvas(qtbot, doc)
    edges = canvas.map_scene.edges
    assert edges["e3"].fed["relation"] == "attack" and edges["e3"].fed["weight"] == 0.8
    before = {e: item.repaints for e, item in edges.items()}
    doc.execute(EditEdge("e3", {"weight": 0.3, "label": "only in part"}))
    assert {e for e, item in edges.items() if item.repaints != before[e]} == {"e3"}
    assert (edges["e3"].fed["weight"], edges["e3"].fed["label"]) == (0.3, "only in part")
    image = QImage(400, 300, QImage.Format_ARGB32)
    image.fill(0)
    from PySide6.QtGui import QPainter
    painter = QPainter(image)
    canvas.map_scene.render(painter)            # edges paint from what they were fed
    painter.end()
    doc.undo()
    assert (edges["e3"].fed["weight"], edges["e3"].fed["label"]) == (0.8, "")


def test_a_big_maps_overview_draws_its_relations_thin(qtbot, doc, monkeypatch):
    from app.ui.canvas import items
    canvas = make_canvas(qtbot, doc)
    caps = []
    real = items.paint_edge
    monkeypatch.setattr(items, "paint_edge", lambda *a, **k: (caps.append(k["max_px"]), real(*a, **k)))

    def drawn_caps(zoom):
        canvas.set_zoom(zoom)
        canvas.centerOn(canvas.map_scene.itemsBoundingRect().center())
        qtbot.wait(20)
        caps.clear()
        canvas.viewport().update()
        qtbot.waitUntil(lambda: bool(caps))
        return set(caps)
    assert drawn_caps(0.5) == {None}                      # a small map: full widths
    monkeypatch.setattr(items, "THIN_OVERVIEW_FROM", len(doc.map.edges))
    assert drawn_caps(0.5) == {1.0}                       # a big one: thin in the overview
    assert drawn_caps(1.0) == {None}                      # and full widths from 70 % up


def test_an_edge_rerouted_with_its_cards_and_route_unchanged_keeps_its_shape(qtbot, doc):
    """Respreading a card's ports reroutes all its edges; one whose cards, waypoints and
    ports are as before keeps its shape (Qt would repaint its whole box), a moved card's
    edges take a new one."""
    from app.model import MoveNodes
    canvas = make_canvas(qtbot, doc)
    scene = canvas.map_scene
    edge = scene.edges["e3"]
    shape = edge.geom
    assert edge.reroute() is False and edge.geom is shape
    source = doc.map.edges["e3"].source
    x, y = scene.position_of(source)
    doc.execute(MoveNodes({source: (x + 60, y)}))
    assert edge.geom is not shape
    assert edge.geom.path.elementAt(0).x != shape.path.elementAt(0).x


def _canvas_state(canvas):
    """What every card and relation item of *canvas* was fed and where and whether it shows,
    with the binding's collapse bookkeeping and stripes (not the flash of a new card)."""
    b = canvas.map_scene
    cards = {n: ({k: v for k, v in c.fed.items() if k != "flash"}, (round(c.pos().x(), 3), round(c.pos().y(), 3)),
                 c.isVisible(), (c.metrics.width, c.metrics.height, c.metrics.title_lines, c.metrics.text_lines))
             for n, c in b.cards.items()}
    edges = {e: (dict(i.fed), i.ends, i.isVisible()) for e, i in b.edges.items()}
    return cards, edges, b.hidden, b.hidden_counts, b.collapsed, b.roles


@pytest.mark.parametrize("seed, view", [(s, "whole map") for s in range(10)] +
                         [(s, "case") for s in range(10, 13)] + [(s, "focus") for s in range(13, 16)] +
                         [(s, "lazy emphasis") for s in range(16, 20)])
def test_random_edits_leave_the_canvas_as_a_fresh_one_shows_the_map(qtbot, tmp_path, seed, view,
                                                                      monkeypatch):
    """Cards added, deleted, collapsed, renamed, moved and scored, relations made, deleted,
    given a new target, turned from reasons into objections and weighed, cards selected,
    undo and redo, at random, on the whole map or in a strategy's case or a focus: after
    each, every item shows what a new canvas of the map (in the same case or focus) shows.
    (This found a new relation left bright while a selection dimmed the others, a card
    keeping its reason's stripe when its relation became an objection, a card chosen while
    hidden under a collapsed card not selected once shown, and cases and focuses that kept
    the cards they began with, so that a reason added in them was hidden.) "lazy emphasis":
    the whole map, counted as big (``emphasis.AT_ONCE``), so that a selection starting or
    ending feeds only the items in view; the emphasis of the items left to feed is not
    compared, except every tenth step, when they are all fed first."""
    import random

    from app.ui.canvas import emphasis
    if view == "lazy emphasis":
        monkeypatch.setattr(emphasis, "AT_ONCE", 10)

    from mapgen import generate_links_map, generate_map

    from app.model import DeleteNodes, EditEdge, ModelError, MoveNodes
    from app.model.commands import Connect, DeleteEdges, Reconnect
    rng = random.Random(seed)
    amap = (generate_links_map(30, seed=seed, extra=0.7) if seed % 2 else
            generate_map(30, seed=seed, positions=True))
    doc = Document.new(tmp_path / "f.rmap", amap)
    canvas = make_canvas(qtbot, doc)
    centre = rng.choice([n for n, v in doc.map.nodes.items() if v.kind == "strategy"]
                        if view == "case" else list(doc.map.nodes))

    def show(c) -> bool:
        """The same part of the map on canvas *c*; False if it cannot be shown (its card
        is hidden under a collapsed one, so it cannot be selected)."""
        if view in ("whole map", "lazy emphasis"):
            return True
        chosen = doc.selection.nodes
        doc.selection.set([centre], ())
        c.show_case() if view == "case" else c.set_focus(1)
        doc.selection.set(list(chosen), ())
        return c.filter_kind == view
    assert show(canvas)
    for step in range(80):
        nodes, edges, pick = list(doc.map.nodes), list(doc.map.edges), rng.random()
        node = rng.choice(nodes)
        try:
            if pick < 0.12:
                doc.execute(AddNode(title=f"New {step}", parent=node,
                                    relation=rng.choice(["support", "attack"])))
            elif pick < 0.22:
                doc.execute(DeleteNodes(tuple(rng.sample(nodes, rng.randint(1, 3)))))
            elif pick < 0.34:
                doc.execute(Connect(*rng.sample(nodes, 2), relation=rng.choice(["support", "attack"])))
            elif pick < 0.45 and edges:
                edge = rng.choice(edges)
                doc.execute(DeleteEdges((edge,)) if pick < 0.4 else Reconnect(edge, node))
            elif pick < 0.55:
                doc.execute(EditNode(node, {"collapsed": not doc.map.nodes[node].collapsed}))
            elif pick < 0.62:
                doc.execute(SetScore(node, round(rng.random(), 2)))
            elif pick < 0.67:
                doc.execute(EditNode(node, {"title": f"Title {step} " * rng.randint(1, 6)}))
            elif pick < 0.76 and edges:
                values = ({"relation": rng.choice(["support", "attack"])} if pick < 0.72 else
                          {"weight": round(rng.random(), 2)})
                doc.execute(EditEdge(rng.choice(edges), values))
            elif pick < 0.8:
                doc.execute(MoveNodes({node: (rng.uniform(-500, 3000), rng.uniform(-200, 1500))}))
            elif pick < 0.85:
                doc.selection.set(rng.sample(nodes, rng.randint(0, 2)), ())
            else:
                doc.undo() if rng.random() < 0.6 else doc.redo()
        except ModelError:          # (already connected, a card with itself, nothing to undo)
            continue
        if view in ("case", "focus") and canvas.filter_kind != view:
            break                           # its card was deleted: the whole map again
        fresh = make_canvas(qtbot, doc)
        if view == "lazy emphasis":
            fresh.map_scene.settle_emphasis()
            if step % 10 == 9:
                canvas.map_scene.settle_emphasis()
        if show(fresh):
            ours, theirs = _canvas_state(canvas), _canvas_state(fresh)
            for state in (ours, theirs):        # what is left to feed may be out of date
                for n in canvas.map_scene.stale_cards & state[0].keys():
                    state[0][n][0].pop("dimmed")
                for e in canvas.map_scene.stale_edges & state[1].keys():
                    state[1][e][0].pop("emphasis"), state[1][e][0].pop("role")
            assert ours == theirs, f"after step {step}"
            assert canvas.banner.text("filter") == fresh.banner.text("filter")
        fresh.set_document(None)
        fresh.close()
    assert doc.changed.errors == []
    doc.close()


def test_a_relation_turned_into_an_objection_changes_its_cards_stripe(qtbot, doc):
    from app.model import EditEdge
    canvas = make_canvas(qtbot, doc)
    support = next(e for e in doc.map.edges.values() if e.relation == "support"
                   and all(o.relation == "support" for o in doc.map.outgoing(e.source)))
    card = canvas.map_scene.cards[support.source]
    assert card.fed["role"] == "reason"
    doc.execute(EditEdge(support.id, {"relation": "attack"}))
    assert card.fed["role"] in ("objection", "rebuttal")
    doc.undo()
    assert card.fed["role"] == "reason"
