"""On the shipped map, in the composed window: selecting a card lights its relations and the
cards at their other ends and dims the rest (repainting only what changed); "Show this
strategy's case" filters the canvas with a banner and a way back; focus mode says so too;
acceptability labels are off by default and explain themselves."""

from PySide6.QtCore import QPoint, Qt

from app.render.cards import label_badge_rect


def nid_of(win, title):
    return next(n for n, node in win.doc.map.nodes.items() if node.title == title)


def click_card(qtbot, win, nid):
    canvas = win.canvas
    canvas.set_zoom(1.0)
    card = canvas.map_scene.cards[nid]
    canvas.centerOn(card)
    qtbot.mouseClick(canvas.viewport(), Qt.LeftButton, Qt.NoModifier,
                     canvas.mapFromScene(card.pos() + card.card_rect().center()))
    assert win.doc.selection.nodes == (nid,)


def related(amap, nid):
    return {nid} | {e.source for e in amap.incoming(nid)} | {e.target for e in amap.outgoing(nid)}


def test_selecting_a_card_lights_its_relations_and_dims_the_rest(qtbot, shipped):
    win, amap = shipped, shipped.doc.map
    cards, edges = win.canvas.map_scene.cards, win.canvas.map_scene.edges
    thesis = nid_of(win, "Good citizen thesis")
    click_card(qtbot, win, thesis)
    lit = related(amap, thesis)
    assert {n for n, c in cards.items() if not c.fed["dimmed"]} == lit
    mine = {e.id for e in amap.incoming(thesis)} | {e.id for e in amap.outgoing(thesis)}
    assert {e for e, item in edges.items() if item.fed["emphasis"] == "lit"} == mine
    assert all(edges[e].fed["emphasis"] == "dim" for e in set(edges) - mine)
    roles = {edges[e.id].fed["role"] for e in amap.outgoing(thesis)}
    assert roles == {"reason", "objection"}          # the thesis's relations name their roles
    # another card: only the cards whose emphasis changed repaint (and the two selected)
    other = nid_of(win, "Risk peaks inside labs")
    card = cards[other]           # scroll and point there first: a card the pointer passes
    win.canvas.set_zoom(1.0)      # over on the way is repainted for the hover, not the selection
    win.canvas.centerOn(card)
    qtbot.mouseMove(win.canvas.viewport(),
                    win.canvas.mapFromScene(card.pos() + card.card_rect().center()))
    qtbot.wait(50)
    before = {n: c.repaints for n, c in cards.items()}
    click_card(qtbot, win, other)
    changed = {n for n, c in cards.items() if c.repaints != before[n]}
    assert changed <= (lit ^ related(amap, other)) | {thesis, other}
    assert len(changed) < len(cards) / 2
    qtbot.keyClick(win.canvas, Qt.Key_Escape)         # nothing selected: nothing dimmed
    assert not any(c.fed["dimmed"] for c in cards.values())
    assert all(item.fed["emphasis"] == "" for item in edges.values())


def test_dimming_and_lighting_cards_draws_none_of_them_again(qtbot, shipped):
    """A faint card is the card's kept picture drawn through its opacity: selecting a card
    and letting go of it draws afresh only the cards whose look changed otherwise (the
    selected card's frame), yet what is on screen is faint, then at full strength."""
    win, amap = shipped, shipped.doc.map
    cards = win.canvas.map_scene.cards
    thesis = nid_of(win, "Good citizen thesis")
    canvas = win.canvas
    canvas.set_zoom(1.0)
    canvas.centerOn(cards[thesis])
    qtbot.wait(50)
    seen = canvas.mapToScene(canvas.viewport().rect()).boundingRect()
    far = {n for n, c in cards.items() if n not in related(amap, thesis)
           and seen.intersects(c.sceneBoundingRect()) and c.drawn}
    assert far                                # unrelated cards in view, drawn once already
    before = {n: c.drawn for n, c in cards.items()}
    click_card(qtbot, win, thesis)
    qtbot.wait(50)
    assert all(cards[n].fed["dimmed"] and cards[n].opacity() < 0.5 for n in far)
    drawn = {n for n, c in cards.items() if c.drawn != before[n]}
    assert drawn <= {thesis}                 # its selection frame; none of the dimmed ones
    before = {n: c.drawn for n, c in cards.items()}
    qtbot.keyClick(win.canvas, Qt.Key_Escape)
    qtbot.wait(50)
    assert not any(c.fed["dimmed"] for c in cards.values())
    assert all(c.opacity() == 1.0 for c in cards.values())
    assert {n for n, c in cards.items() if c.drawn != before[n]} <= {thesis}


def test_cards_seen_a_few_views_ago_repaint_from_their_kept_pictures(qtbot, shipped):
    """Qt keeps each card's picture in a pixmap cache; at its default size (10 MB) a few
    windows full of cards pushed out the first, which were drawn afresh when the view came
    back to them."""
    win = shipped
    canvas, cards = win.canvas, win.canvas.map_scene.cards
    win.resize(1600, 1000)
    canvas.set_zoom(3.0)
    spots = sorted({(round(c.x(), -2), round(c.y(), -2)) for c in cards.values()})[::7]

    def visit(x, y) -> list:
        canvas.centerOn(x, y)
        qtbot.wait(20)
        seen = canvas.mapToScene(canvas.viewport().rect()).boundingRect()
        return [c for c in cards.values() if seen.intersects(c.sceneBoundingRect())]
    first = visit(*spots[0])
    drawn = {c.node_id: c.drawn for c in first}
    assert first and all(drawn.values())
    painted_kb = sum(c.sceneBoundingRect().width() * c.sceneBoundingRect().height() * 9 * 4
                     for spot in spots[1:] for c in visit(*spot)) / 1024
    assert painted_kb > 2 * 10 * 1024            # twice what Qt keeps by default
    assert visit(*spots[0]) == first
    assert {c.node_id: c.drawn for c in first} == drawn      # none drawn afresh


def test_show_this_strategys_case_and_back(qtbot, shipped):
    win, amap = shipped, shipped.doc.map
    canvas, cards = win.canvas, win.canvas.map_scene.cards
    best = nid_of(win, "Best of both worlds")
    click_card(qtbot, win, best)
    qtbot.keyClick(canvas, Qt.Key_E, Qt.ControlModifier | Qt.ShiftModifier)
    shown = {n for n, c in cards.items() if c.isVisible()}
    assert best in shown and nid_of(win, "Designing prosocial drives") not in shown
    for n in shown - {best}:                          # everything shown bears on the strategy
        todo, seen = [n], set()
        while todo and best not in seen:
            m = todo.pop()
            seen.add(m)
            todo += [e.target for e in amap.outgoing(m) if e.relation in ("support", "attack")]
        assert best in seen, amap.nodes[n].title
    assert nid_of(win, "Obedience serves any master") not in shown   # bears on another strategy only
    assert "Best of both worlds" in canvas.banner.text("filter") and canvas.banner.isVisible()
    assert win.registry.action("view.strategy_case").isChecked()
    qtbot.mouseClick(canvas.banner.button("filter"), Qt.LeftButton)
    assert all(c.isVisible() for c in cards.values())
    assert canvas.banner.text("filter") == "" and not canvas.banner.isVisible()
    assert not win.registry.action("view.strategy_case").isChecked()
    click_card(qtbot, win, best)                      # the case again; Escape leaves it too
    win.registry.action("view.strategy_case").trigger()
    assert canvas.filter_kind == "case" and win.doc.selection.nodes == ()
    qtbot.keyClick(canvas, Qt.Key_Escape)
    assert canvas.filter_kind == "" and all(c.isVisible() for c in cards.values())


def test_cases_focus_and_the_whole_map_show_exactly_their_cards_and_relations(qtbot, shipped):
    """From one strategy's case to another's, to a focus, to the whole map (a card collapsed
    throughout): after each step, through the actions users take, a card shows exactly when
    it is neither under the collapsed card nor outside the case or focus, and a relation when
    both its cards show. (Each step sets the visibility of only the cards that start or stop
    showing, and of their relations.)"""
    win, amap = shipped, shipped.doc.map
    canvas, scene = win.canvas, win.canvas.map_scene
    strategies = sorted(n for n, v in amap.nodes.items() if v.kind == "strategy")
    folded = next(n for n in amap.nodes if amap.nodes[n].kind == "claim" and amap.incoming(n)
                  and n not in strategies)
    click_card(qtbot, win, folded)
    win.registry.run("map.collapse")
    under = scene.hidden
    assert under

    def check(expected):
        for nid, card in scene.cards.items():
            assert card.isVisible() == (nid not in under and (expected is None or nid in expected)), nid
        for eid, item in scene.edges.items():
            e = amap.edges[eid]
            assert item.isVisible() == (scene.cards[e.source].isVisible()
                                        and scene.cards[e.target].isVisible()), eid
    seen = []
    for nid in strategies[:2]:
        click_card(qtbot, win, nid)
        win.registry.run("view.strategy_case")
        seen.append(set(scene.focus))
        check(scene.focus)
        win.registry.run("view.strategy_case")           # the whole map again
        check(None)
    click_card(qtbot, win, strategies[2])
    canvas.set_focus(1)                                   # the whole map -> a focus
    assert canvas.filter_kind == "focus"
    seen.append(set(scene.focus))
    check(scene.focus)
    win.doc.selection.set([strategies[2]], (), origin="test")
    win.registry.run("view.strategy_case")               # a focus -> a case
    assert canvas.filter_kind == "case"
    seen.append(set(scene.focus))
    check(scene.focus)
    assert len({frozenset(s) for s in seen}) == 4         # all different
    win.registry.run("view.strategy_case")
    check(None)
    assert sum(c.isVisible() for c in scene.cards.values()) == len(amap.nodes) - len(under)


def test_a_reason_added_inside_a_case_or_a_focus_shows_there(qtbot, shipped):
    """Adding a reason to a card of the strategy's case shows the new card, with its title
    editor open, and the banner counts it; undo takes it away again. The same in focus mode.
    (Both views once kept the cards they showed when they began, so the new card was made
    hidden and the action seemed to do nothing.)"""
    from PySide6.QtCore import QSettings

    from app.ui import dialogs
    win = shipped
    canvas, cards = win.canvas, win.canvas.map_scene.cards
    best = nid_of(win, "Best of both worlds")
    click_card(qtbot, win, best)
    win.registry.run("view.strategy_case")
    count = len(canvas.map_scene.focus)
    assert f": {count} of " in canvas.banner.text("filter")
    reason = next(e.source for e in win.doc.map.incoming(best) if e.relation == "support")
    click_card(qtbot, win, reason)
    before = set(win.doc.map.nodes)
    win.registry.run("map.add_reason")
    new = (set(win.doc.map.nodes) - before).pop()
    assert cards[new].isVisible() and canvas._editor is not None and canvas._editor.isVisible()
    assert f": {count + 1} of " in canvas.banner.text("filter")
    canvas._editor.setText("A reason made inside the case")
    qtbot.keyClick(canvas._editor, Qt.Key_Return)
    win.registry.run("edit.undo")
    win.registry.run("edit.undo")
    assert new not in cards and f": {count} of " in canvas.banner.text("filter")
    win.registry.run("view.strategy_case")          # the whole map again
    click_card(qtbot, win, reason)
    canvas.set_focus(1)
    win.registry.run("map.add_reason")
    new = (set(win.doc.map.nodes) - before).pop()
    assert canvas.filter_kind == "focus" and cards[new].isVisible()
    canvas._editor.setText("A reason made in focus")
    qtbot.keyClick(canvas._editor, Qt.Key_Return)
    click_card(qtbot, win, new)
    win.registry.run("edit.delete")                   # the new card: gone from the focus
    assert canvas.filter_kind == "focus" and new not in cards
    QSettings().setValue(dialogs.DELETE_CHOICE_KEY, "keep")   # asked before: keep the reasons
    click_card(qtbot, win, reason)
    win.registry.run("edit.delete")                   # the focus's own card: the whole map again
    assert canvas.filter_kind == "" and all(c.isVisible() for c in cards.values())


def test_focus_mode_shows_an_indicator(qtbot, shipped):
    win = shipped
    canvas = win.canvas
    click_card(qtbot, win, nid_of(win, "Takeover risk"))
    qtbot.keyClick(canvas, Qt.Key_F, Qt.ControlModifier | Qt.ShiftModifier)
    assert canvas.banner.text("filter").startswith("Focus: the ")
    assert win.registry.action("map.focus").isChecked()
    qtbot.keyClick(canvas, Qt.Key_F, Qt.ControlModifier | Qt.ShiftModifier)
    assert canvas.banner.text("filter") == ""
    assert all(c.isVisible() for c in canvas.map_scene.cards.values())


def test_labels_are_off_by_default_and_explain_themselves(qtbot, shipped):
    win = shipped
    canvas, w = win.canvas, win.doc.weighing
    cards = canvas.map_scene.cards
    assert all(c.fed["label"] is None for c in cards.values())
    assert not win.registry.action("view.labels").isChecked()
    win.registry.run("view.labels")
    assert "not the strength" in canvas.banner.text("labels")
    top = w.ranking[0].id
    card = cards[top]
    assert card.fed["label"] == w.labels[top] == "out"     # the top-ranked strategy is OUT ...
    tip = card.fed["label_tip"]
    assert tip.startswith("out: attacked by \u201c") and "not the strength" in tip   # ... and says why
    attacker = tip.split("\u201c")[1].split("\u201d")[0]
    assert w.labels[nid_of(win, attacker)] == "in"
    canvas.set_zoom(1.0)
    canvas.centerOn(card)
    badge = label_badge_rect(card.metrics, "out").center() + card.pos()
    qtbot.mouseMove(canvas.viewport(), canvas.mapFromScene(badge))
    qtbot.waitUntil(lambda: card.toolTip() == tip)
    qtbot.mouseMove(canvas.viewport(), canvas.mapFromScene(card.pos()) + QPoint(0, 20))
    qtbot.waitUntil(lambda: card.toolTip() == "")


def test_find_at_overview_zoom_brings_the_match_close_enough_to_read(qtbot, shipped):
    win = shipped
    canvas = win.canvas
    qtbot.keyClick(canvas, Qt.Key_0, Qt.ControlModifier)            # Fit the map
    assert canvas.zoom_level() < 0.7
    qtbot.keyClick(canvas, Qt.Key_F, Qt.ControlModifier)
    qtbot.keyClicks(win.findbar.field, "Porous deployment")
    qtbot.keyClick(win.findbar.field, Qt.Key_Return)
    target = nid_of(win, "Porous deployment boundary")
    assert win.doc.selection.nodes == (target,)
    assert canvas.zoom_level() >= 0.7                # cards in full detail, titles >= 10 px
    view = canvas.mapToScene(canvas.viewport().rect()).boundingRect()
    assert view.contains(canvas.map_scene.cards[target].scene_card_rect())


def test_undo_keeps_a_selection_so_add_reason_stays_enabled(qtbot, shipped):
    win = shipped
    canvas = win.canvas
    best = nid_of(win, "Best of both worlds")
    click_card(qtbot, win, best)
    qtbot.keyClick(canvas, Qt.Key_R, Qt.ControlModifier)             # Add reason
    qtbot.keyClicks(canvas.focusWidget(), "A fresh reason")
    qtbot.keyClick(canvas.focusWidget(), Qt.Key_Return)
    added = win.doc.selection.current_node
    assert added != best and win.doc.map.nodes[added].title == "A fresh reason"
    for _ in range(2):                     # undo the title, then the card itself
        qtbot.keyClick(canvas, Qt.Key_Z, Qt.ControlModifier)
        if added not in win.doc.map.nodes:
            break
        assert win.doc.selection.nodes == (added,)
    assert added not in win.doc.map.nodes
    assert win.doc.selection.nodes == (best,)
    assert win.registry.action("map.add_reason").isEnabled()
    assert win.registry.action("map.add_objection").isEnabled()


def click_row(qtbot, win, nid):
    view = win.outline.view
    index = win.outline.items_for(nid)[0].index()
    view.scrollTo(index)
    qtbot.mouseClick(view.viewport(), Qt.LeftButton, Qt.NoModifier, view.visualRect(index).center())
    assert win.doc.selection.nodes == (nid,)


def test_a_selection_moved_from_the_outline_feeds_only_what_changes_emphasis(qtbot, shipped):
    """The canvas follows another view's selection by clearing and selecting again; passing
    through "nothing selected" must not undim and dim every card and relation."""
    win, amap = shipped, shipped.doc.map
    cards, edges = win.canvas.map_scene.cards, win.canvas.map_scene.edges
    thesis, other = nid_of(win, "Good citizen thesis"), nid_of(win, "Risk peaks inside labs")
    click_row(qtbot, win, thesis)
    lit_edges = {e for e, item in edges.items() if item.fed["emphasis"] == "lit"}
    before = {n: c.repaints for n, c in cards.items()}
    before_edges = {e: item.repaints for e, item in edges.items()}
    click_row(qtbot, win, other)
    changed = {n for n, c in cards.items() if c.repaints != before[n]}
    assert changed <= (related(amap, thesis) ^ related(amap, other)) | {thesis, other}
    now_lit = {e for e, item in edges.items() if item.fed["emphasis"] == "lit"}
    assert now_lit and now_lit != lit_edges
    changed_edges = {e for e, item in edges.items() if item.repaints != before_edges[e]}
    assert changed_edges <= lit_edges | now_lit      # a dimmed relation that stays dimmed: untouched
    assert {n for n, c in cards.items() if not c.fed["dimmed"]} == related(amap, other)


def test_the_title_editor_hands_the_focus_straight_back_to_the_canvas(qtbot, shipped):
    """Enter in the in-place editor: the focus goes to the canvas, never through the
    outline (whose rows would all repaint as it gains and loses the focus)."""
    from PySide6.QtCore import QEvent, QObject

    class FocusSpy(QObject):
        def __init__(self):
            super().__init__()
            self.seen = []

        def eventFilter(self, obj, event):
            if event.type() == QEvent.FocusIn:
                self.seen.append(obj)
            return False

    win = shipped
    click_card(qtbot, win, nid_of(win, "Good citizen thesis"))
    qtbot.keyClick(win.canvas, Qt.Key_F2)
    editor = win.canvas._editor
    assert editor is not None and editor.hasFocus()
    spy = FocusSpy()
    win.outline.view.installEventFilter(spy)
    qtbot.keyClick(editor, Qt.Key_End)
    qtbot.keyClicks(editor, " (renamed)")
    qtbot.keyClick(editor, Qt.Key_Return)
    assert win.canvas.hasFocus() and spy.seen == []
    assert win.doc.map.nodes[nid_of(win, "Good citizen thesis (renamed)")]


def test_the_fitted_whole_map_at_the_overview_zoom_draws_its_relations_glyphs(qtbot, shipped,
                                                                              monkeypatch):
    """The shipped map fitted whole is too wide to read, so the view stops at the overview
    zoom, from which the +/- glyphs are drawn: they are, wherever the view is scrolled.
    (Qt's level of detail, a square root, came out a hair under the zoom at some scroll
    positions, and there no glyph was drawn.)"""
    from PySide6.QtWidgets import QStyleOptionGraphicsItem

    from app.render import edges
    from app.render import style as S
    win = shipped
    canvas = win.canvas
    win.resize(1185, 850)
    canvas.fit_all()
    assert canvas.zoom_level() == S.OVERVIEW_ZOOM
    glyphs = []
    real = edges.paint_glyph
    monkeypatch.setattr(edges, "paint_glyph", lambda *a, **k: (glyphs.append(a[1]), real(*a, **k)))
    under = 0
    for card in list(canvas.map_scene.cards.values())[::6]:
        canvas.centerOn(card)
        raw = QStyleOptionGraphicsItem.levelOfDetailFromTransform(canvas.viewportTransform())
        under += raw < S.OVERVIEW_ZOOM
        glyphs.clear()
        canvas.viewport().repaint()
        assert {"support", "attack"} & set(glyphs), card.node_id
        assert {c.last_lod for c in canvas.map_scene.cards.values() if c.isVisible() and c.drawn} == {"titles"}
    assert under                            # (such positions were among them)
