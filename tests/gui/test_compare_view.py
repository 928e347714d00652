"""The compare view, driven through the composed window as a user would.

The small map (DF-QuAD): s1 "Strategy one" (τ .5) has the reason r1 (τ .7) and the
objection o1 (τ .4, weight .8); s2 "Strategy two" (τ .5) has the reason r2 (τ .6). So
σs1 = .5 + .5·(.7 − .32) = .69, σs2 = .5 + .5·.6 = .8: s2 ranks first.
Contributions: r1 → s1: .69 − (.5 − .5·.32) = +.35; o1 → s1: .69 − .85 = −.16; r2 → s2: +.3.
Ann (r1 .9, o1 0): σs1 = .5 + .5·.9 = .95, so s1 ranks first with her values.
s1 overtakes s2 when τ(r1) = x alone: .5 + .5·(x − .32) = .8 → x = .92.
"""

import pytest
from PySide6.QtCore import Qt

from app.model import AddParticipant, Assess, EditNode, SetScore
from app.ui.compare.table import VALUE


@pytest.fixture
def window(qtbot, doc, documents, errors):
    from app.ui.main_window import build_main_window
    win = build_main_window()
    qtbot.addWidget(win)
    win.set_document(doc)
    win.resize(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    return win


def opened(window):
    """Open the compare view through its action (View ▸ Compare the strategies)."""
    window.registry.action("view.compare").trigger()
    return window.compare.view


def heads(view):
    t = view.table
    return [t.horizontalHeaderItem(j).text() for j in range(t.columnCount())]


def cells(view):
    """{consideration: {strategy: value}} as the table shows them."""
    t, out = view.table, {}
    for i, nid in enumerate(t.row_ids):
        out[nid] = {sid: round(t.item(i, j).data(VALUE), 6)
                    for j, sid in enumerate(t.strategies, 1) if t.item(i, j).data(VALUE) is not None}
    return out


def test_the_action_opens_the_view_with_a_column_per_strategy(window, doc, qtbot):
    assert window.compare.tabs.currentIndex() == 0
    view = opened(window)
    assert window.compare.tabs.currentWidget() is view and view.isVisible()
    assert window.registry.action("view.compare").isChecked()
    assert view.table.strategies == ["s2", "s1"]
    assert heads(view)[1].endswith("0.800 \u00b7 rank 1") and heads(view)[2].endswith("0.690 \u00b7 rank 2")
    assert cells(view) == {"r1": {"s1": 0.35}, "o1": {"s1": -0.16}, "r2": {"s2": 0.3}}
    # rows by total influence; the objection's cell says "−" and is drawn in vermillion
    assert view.table.row_ids == ["r1", "r2", "o1"]
    o1 = view.table.item(2, 2)
    assert o1.text() == "\u22120.160" and o1.foreground().color().name() == "#d55e00"
    assert view.table.item(0, 2).text() == "+0.350"
    window.registry.action("view.compare").trigger()       # again: back to the map
    assert window.compare.tabs.currentIndex() == 0


def test_rows_sort_by_influence_or_map_order(window, doc, qtbot):
    doc.execute(SetScore("o1", 1.0))    # s1 = .5 − .5·(.8 − .7) = .45; without o1 .85: −.40
    view = opened(window)
    assert view.table.row_ids == ["o1", "r1", "r2"]        # .40, .35, .30
    view.sort.setFocus()
    qtbot.keyClick(view.sort, Qt.Key_End)                   # "map order"
    assert view.sort.currentData() == "map"
    assert view.table.row_ids == ["r1", "r2", "o1"]
    item = view.sort.model().item(1)                        # disagreement needs participants
    assert not item.isEnabled()


def test_the_perspective_chosen_in_the_weighing_panel_changes_the_columns(window, doc, qtbot):
    doc.execute(AddParticipant("Ann", participant_id="A"))
    doc.execute(Assess("A", "r1", 0.9))
    doc.execute(Assess("A", "o1", 0.0))
    view = opened(window)
    assert view.table.strategies == ["s2", "s1"] and "the map's own values" in view.caption.text()
    box = window.weighing.panel.perspective_box
    box.setFocus()
    qtbot.keyClick(box, Qt.Key_Down)                        # Ann
    assert doc.weighing.perspective == "A"
    assert view.table.strategies == ["s1", "s2"]
    assert heads(view)[1].startswith("Strategy one") and "0.950 \u00b7 rank 1" in heads(view)[1]
    assert "Ann's values" in view.caption.text()
    assert cells(view)["o1"] == {"s1": 0.0} and cells(view)["r1"] == {"s1": 0.45}  # .95 − .5


def test_clicking_a_row_selects_the_card_on_the_canvas(window, doc, qtbot):
    view = opened(window)
    t = view.table
    row = t.row_ids.index("o1")
    rect = t.visualItemRect(t.item(row, 0))
    qtbot.mouseClick(t.viewport(), Qt.LeftButton, pos=rect.center())
    assert doc.selection.nodes == ("o1",)
    assert window.canvas.selected_node_ids() == ["o1"]
    doc.selection.set(["r2"], [], origin="elsewhere")       # and the other way round
    assert [i.row() for i in t.selectionModel().selectedRows()] == [t.row_ids.index("r2")]


def test_head_to_head_of_two_chosen_strategies(window, doc, qtbot):
    view = opened(window)
    view.tabs.setCurrentWidget(view.duel)
    duel = view.duel
    duel.second.setFocus()
    qtbot.keyClick(duel.second, Qt.Key_Up)                  # s1 → s2: the same strategy twice
    assert "Choose two different strategies" in duel.summary.text()
    qtbot.keyClick(duel.second, Qt.Key_Down)                # back to s1
    assert duel.pair == ("s2", "s1")
    assert duel.summary.text().startswith("\u201cStrategy two\u201d is ahead of \u201cStrategy one\u201d by 0.110")
    sep = duel.separating
    rows = {sep.item(i, 0).text(): round(sep.item(i, 3).data(VALUE), 6) for i in range(sep.rowCount())}
    assert rows == {"Reason one": -0.35, "Reason two": 0.3, "Objection": 0.16}
    one = next(i for i in range(sep.rowCount()) if sep.item(i, 0).text() == "Reason one")
    assert sep.item(one, 1).data(VALUE) is None                 # blank: it does not bear on s2
    assert round(sep.item(one, 2).data(VALUE), 6) == 0.35
    qtbot.waitUntil(lambda: duel.flips.result is not None, timeout=10000)
    found = {f.input: f.flip_at for f in duel.flips.result.flips}
    assert found["r1"] == pytest.approx(0.92, abs=1e-5)
    texts = [duel.flips.list.item(i).text() for i in range(duel.flips.list.count())]
    assert any(t.startswith("Reason one (base score): 0.70 \u2192 0.920") for t in texts)
    item = next(duel.flips.list.item(i) for i in range(duel.flips.list.count())
                if duel.flips.list.item(i).data(Qt.UserRole) == "r1")
    duel.flips.list.itemClicked.emit(item)
    assert doc.selection.nodes == ("r1",)


def test_leader_changes_and_semantics_pages(window, doc, qtbot):
    view = opened(window)
    view.tabs.setCurrentWidget(view.leader)
    qtbot.waitUntil(lambda: view.leader.flips.result is not None, timeout=10000)
    leads = view.leader.flips.result
    assert leads.top[0] == "s2" and {f.leader for f in leads.flips} == {"s1"}
    assert "r1" in {f.input for f in leads.flips}
    view.tabs.setCurrentWidget(view.semantics)
    t = view.semantics.table
    assert t.columnCount() == 4 and t.rowCount() == 2
    # the h-categorizer ignores supports: s1 = .5/(1 + .32) = .379, s2 = .5
    assert t.item(1, 3).text().startswith("2nd   0.379") and t.item(0, 3).text().startswith("1st   0.500")
    assert "Strategy two leads under" in view.sentence.text()


def test_a_title_edit_only_relabels_and_a_score_edit_refills(window, doc, qtbot):
    view = opened(window)
    refreshes, evaluations = view.refreshes, doc.weighing.evaluations
    doc.execute(EditNode("s1", {"title": "Plan B"}))
    assert view.refreshes == refreshes and doc.weighing.evaluations == evaluations
    assert heads(view)[2].startswith("Plan B")
    doc.execute(EditNode("r1", {"title": "Cheap"}))
    assert view.table.item(view.table.row_ids.index("r1"), 0).text() == "Cheap"
    doc.execute(SetScore("r1", 1.0))                        # s1 = .5 + .5·(1 − .32) = .84
    assert view.refreshes == refreshes + 1
    assert view.table.strategies == ["s1", "s2"] and "0.840" in heads(view)[1]


def test_hidden_view_waits_until_shown(window, doc, qtbot):
    view = opened(window)
    window.registry.action("view.compare").trigger()        # back to the map
    refreshes = view.refreshes
    doc.execute(SetScore("r1", 1.0))
    doc.execute(SetScore("r2", 0.1))
    assert view.refreshes == refreshes and view.stale
    window.registry.action("view.compare").trigger()
    assert view.refreshes == refreshes + 1 and view.table.strategies == ["s1", "s2"]


def test_a_large_map_gets_its_table_from_a_worker_and_drops_stale_ones(qtbot, tmp_path, documents, errors):
    from mapgen import generate_map

    from app.document import Document
    from app.reasoning import contributions
    from app.ui.compare.view import SYNC_LIMIT
    from app.ui.main_window import build_main_window
    doc = Document.new(tmp_path / "big.rmap", generate_map(SYNC_LIMIT + 100, cycles=False))
    win = build_main_window()
    qtbot.addWidget(win)
    win.set_document(doc)
    win.show()
    try:
        view = opened(win)
        assert view.is_computing() and view.caption.text().startswith("Computing")
        assert not view.tabs.isEnabled()
        some = next(iter(doc.weighing.framework.tau))
        doc.execute(SetScore(some, 1.0 - doc.map.nodes[some].base_score))   # the running one is stale
        qtbot.waitUntil(lambda: not view.is_computing(), timeout=60000)
        assert view.tabs.isEnabled() and "strategies under DF-QuAD" in view.caption.text()
        w = doc.weighing
        expected = contributions(w.framework, w.semantics)
        assert view.table.rowCount() == len(expected.rows)
        want = {r.id: r.contributions for r in expected.rows}
        assert cells(view) == {k: {s: round(v, 6) for s, v in c.items()} for k, c in want.items()}
    finally:
        win.close()


def test_rows_sort_by_disagreement_once_people_disagree(window, doc, qtbot):
    view = opened(window)
    assert not view.sort.model().item(1).isEnabled()
    doc.execute(AddParticipant("Ann", participant_id="A"))
    doc.execute(AddParticipant("Bob", participant_id="B"))
    for who, value in (("A", 0.0), ("B", 1.0)):             # they disagree about the objection
        doc.execute(Assess(who, "o1", value))
        doc.execute(Assess(who, "r1", 0.7))                 # and agree about the first reason
    assert view.sort.model().item(1).isEnabled()
    view.sort.setFocus()
    qtbot.keyClick(view.sort, Qt.Key_Down)                  # "disagreement (workshop spread)"
    assert view.sort.currentData() == "disagreement"
    assert view.table.row_ids == ["o1", "r1", "r2"]         # then by influence: .35, .30


def test_enter_on_a_row_shows_the_card_on_the_map(window, doc, qtbot):
    view = opened(window)
    t = view.table
    t.setFocus()
    qtbot.keyClick(t, Qt.Key_Down)                           # from the first row to r2
    assert doc.selection.nodes == ("r2",) and window.compare.tabs.currentIndex() == 1
    qtbot.keyClick(t, Qt.Key_Up)
    assert doc.selection.nodes == ("r1",)
    qtbot.keyClick(t, Qt.Key_Down)
    qtbot.keyClick(t, Qt.Key_Return)
    assert window.compare.tabs.currentIndex() == 0
    assert window.canvas.selected_node_ids() == ["r2"] and window.canvas.hasFocus()
    card = window.canvas.map_scene.cards["r2"]
    visible = window.canvas.mapToScene(window.canvas.viewport().rect()).boundingRect()
    assert visible.intersects(card.sceneBoundingRect())


def test_one_strategy_left_is_counted_in_the_singular(window, doc, qtbot):
    canvas = window.canvas
    canvas.setFocus()
    canvas.select_node("s2")
    qtbot.keyClick(canvas, Qt.Key_1, Qt.ControlModifier | Qt.ShiftModifier)   # Map ▸ Kind ▸ Claim
    assert doc.map.nodes["s2"].kind == "claim"
    view = opened(window)
    assert view.table.strategies == ["s1"]
    assert view.caption.text().startswith("1 strategy under DF-QuAD")
    assert "two or more" in view.sentence.text()


def test_head_to_head_column_heads_show_whole(window, doc, qtbot):
    view = opened(window)
    view.tabs.setCurrentWidget(view.duel)
    qtbot.waitUntil(lambda: view.duel.separating.rowCount() > 0)
    t = view.duel.separating
    fm = t.horizontalHeader().fontMetrics()
    for j in range(1, 4):
        widest = max(fm.horizontalAdvance(line) for line in t.horizontalHeaderItem(j).text().split("\n"))
        assert t.columnWidth(j) >= widest + 12, t.horizontalHeaderItem(j).text()


def test_leader_changes_name_strategies_that_share_a_beginning_in_full(qtbot, tmp_path, documents, errors):
    """On the shipped map "Prosocial drives…" could be 'everywhere' or 'later': the leader
    changes (and every other list of inputs) name such a card in full."""
    from pathlib import Path
    from app.document import Document
    from app.io import import_file
    from app.ui.main_window import build_main_window
    shipped = Path(__file__).resolve().parents[2] / "argument_maps" / "prosocial-drives.argdown"
    doc = Document.new(tmp_path / "p.rmap", import_file(shipped).map)
    win = build_main_window()
    qtbot.addWidget(win)
    win.set_document(doc)
    win.resize(1366, 768)
    win.show()
    view = opened(win)
    view.tabs.setCurrentWidget(view.leader)
    flips = view.leader.flips
    qtbot.waitUntil(lambda: flips.result is not None and flips.list.count() > 0, timeout=60000)
    lines = [flips.list.item(i).text() for i in range(flips.list.count())]
    later = [t for t in lines if t.startswith("weight of Benefits forgone")]
    assert later and all("\u2192 Prosocial drives later:" in t for t in later), later
    assert not any("Prosocial drives\u2026" in t for t in lines), lines
    doc.close()


def test_level_strategies_are_called_level_head_to_head(window, doc, qtbot):
    doc.execute(SetScore("o1", 0.0))          # σs1 = .5 + .5·.7 = .85
    doc.execute(SetScore("r2", 0.7))          # σs2 = .5 + .5·.7 = .85: a tie
    view = opened(window)
    view.tabs.setCurrentWidget(view.duel)
    text = view.duel.summary.text()
    assert "are level at 0.850" in text and "is ahead" not in text


def test_long_titles_wrap_in_the_semantics_page_and_are_cut_in_column_heads(window, doc, qtbot):
    from app.ui.compare.table import HEAD_LINES
    long = ("Adopt a comprehensive phased national programme that gradually replaces every coal "
            "power station with offshore wind, solar farms and batteries over fifteen years")
    doc.execute(EditNode("s1", {"title": long}))
    view = opened(window)
    col = view.table.strategies.index("s1") + 1
    head = view.table.horizontalHeaderItem(col)
    assert len(head.text().split("\n")) == HEAD_LINES + 1 and "\u2026" in head.text()
    assert head.toolTip() == long
    view.tabs.setCurrentWidget(view.semantics)
    t = view.semantics.table
    row = [i for i in range(t.rowCount()) if t.verticalHeaderItem(i).text().startswith("Adopt")][0]
    label = t.verticalHeaderItem(row).text()
    assert label.replace("\n", " ") == long and max(len(x) for x in label.split("\n")) <= 40
    # every semantics column is in view beside the titles
    assert t.verticalHeader().width() < t.width() / 2
    assert sum(t.columnWidth(j) for j in range(4)) <= t.viewport().width()


def test_head_to_head_heads_cut_a_long_title(window, doc, qtbot):
    from app.ui.compare.table import HEAD_LINES
    long = " ".join(["considerably"] * 30)
    doc.execute(EditNode("s1", {"title": long}))
    view = opened(window)
    view.tabs.setCurrentWidget(view.duel)
    t = view.duel.separating
    heads = [t.horizontalHeaderItem(j) for j in (1, 2)]
    mine = next(h for h in heads if h.toolTip() == long)
    assert len(mine.text().split("\n")) == HEAD_LINES and mine.text().endswith("\u2026")


def test_ctrl_shift_c_gives_the_keyboard_to_the_table_and_back_to_the_canvas(window, doc, qtbot):
    from PySide6.QtWidgets import QApplication
    window.outline.setFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_C, Qt.ControlModifier | Qt.ShiftModifier)
    view = window.compare.view
    assert window.compare.shown and QApplication.focusWidget() is view.table
    qtbot.keyClick(view.table, Qt.Key_Down)                   # arrows walk the rows
    assert doc.selection.nodes == (view.table.row_ids[1],)
    qtbot.keyClick(view.table, Qt.Key_C, Qt.ControlModifier | Qt.ShiftModifier)
    assert not window.compare.shown and QApplication.focusWidget() is window.canvas


def test_tied_strategies_list_no_reversal_in_the_window(window, doc, qtbot):
    doc.execute(SetScore("o1", 0.0))          # σs1 = .85
    doc.execute(SetScore("r2", 0.7))          # σs2 = .85: a tie ("Strategy one" first by title)
    view = opened(window)
    view.tabs.setCurrentWidget(view.leader)
    qtbot.waitUntil(lambda: view.leader.flips.result is not None, timeout=10000)
    assert view.leader.flips.result.tied and view.leader.flips.result.flips == []
    assert "ties with" in view.leader.flips.title.text()
    lines = [view.leader.flips.list.item(i).text() for i in range(view.leader.flips.list.count())]
    assert len(lines) == 1 and lines[0].startswith("They tie now")
    view.tabs.setCurrentWidget(view.duel)
    qtbot.waitUntil(lambda: view.duel.flips.result is not None, timeout=10000)
    assert view.duel.flips.result.flips == [] and "tie now" in view.duel.flips.title.text()
