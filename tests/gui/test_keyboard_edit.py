"""Connecting two existing cards and changing a card's kind without the mouse, through the
action registry's keys (real key presses on the canvas and the outline)."""

from PySide6.QtCore import Qt


def _start_on(qtbot, window, doc, nid):
    canvas = window.canvas
    canvas.setFocus()
    canvas.select_node(nid)
    qtbot.keyClick(canvas, Qt.Key_K, Qt.ControlModifier)
    return canvas


def _edge(doc, source, target):
    return [e for e in doc.map.edges.values() if (e.source, e.target) == (source, target)]


def test_ctrl_k_arrows_enter_connects_as_a_reason_in_one_step(qtbot, window, doc):
    canvas = _start_on(qtbot, window, doc, "r2")
    assert window.connector.active and window.connector.banner.isVisible()
    assert "Reason two" in window.connector.banner.text()
    assert window.registry.action("map.edit_title").text() == "Connect here as a reason"
    qtbot.keyClick(canvas, Qt.Key_Up)                  # r2's target: Strategy two
    qtbot.keyClick(canvas, Qt.Key_Left)                # its neighbour on the top row
    assert doc.selection.current_node == "s1"
    steps = len(doc.history.done)
    qtbot.keyClick(canvas, Qt.Key_Return)
    (edge,) = _edge(doc, "r2", "s1")
    assert edge.relation == "support"
    assert len(doc.history.done) == steps + 1
    assert not window.connector.active and window.connector.banner.isHidden()
    assert doc.selection.current_node == "s1"          # the target stays selected
    assert window.registry.action("map.edit_title").text().replace("&", "") == "Edit title"
    window.registry.action("edit.undo").trigger()
    assert not _edge(doc, "r2", "s1")


def test_shift_enter_connects_as_an_objection_from_the_outline(qtbot, window, doc):
    _start_on(qtbot, window, doc, "o1")
    view = window.outline.view
    doc.selection.set(["s2"], [], origin="test")        # e.g. picked with Find or the outline
    view.setFocus()
    qtbot.keyClick(view, Qt.Key_Return, Qt.ShiftModifier)
    (edge,) = _edge(doc, "o1", "s2")
    assert edge.relation == "attack"


def test_escape_cancels_and_enter_edits_titles_again(qtbot, window, doc):
    canvas = _start_on(qtbot, window, doc, "r1")
    qtbot.keyClick(canvas, Qt.Key_Up)
    qtbot.keyClick(canvas, Qt.Key_Escape)
    assert not window.connector.active and window.connector.banner.isHidden()
    assert doc.selection.current_node == "s1"           # Escape only cancelled the connecting
    edges = len(doc.map.edges)
    qtbot.keyClick(canvas, Qt.Key_Escape)               # now the canvas's own Escape: deselect
    assert doc.selection.current_node is None
    assert len(doc.map.edges) == edges and not doc.history.done


def test_enter_on_the_source_itself_explains_and_keeps_connecting(qtbot, window, doc):
    canvas = _start_on(qtbot, window, doc, "r1")
    messages = []
    window.statusBar().messageChanged.connect(messages.append)
    qtbot.keyClick(canvas, Qt.Key_Return)
    assert any("Select the card this one bears on" in m for m in messages)
    assert window.connector.active and not doc.history.done


def test_an_existing_relation_is_refused_with_a_message(qtbot, window, doc):
    canvas = _start_on(qtbot, window, doc, "r1")
    qtbot.keyClick(canvas, Qt.Key_Up)                   # r1 already supports s1
    edges = dict(doc.map.edges)
    qtbot.keyClick(canvas, Qt.Key_Return)
    assert doc.map.edges == edges and not doc.history.done


def test_deleting_the_source_ends_connecting(qtbot, window, doc):
    _start_on(qtbot, window, doc, "o1")
    from app.model import DeleteNodes
    doc.execute(DeleteNodes(["o1"]))
    assert not window.connector.active and window.connector.banner.isHidden()


def test_kind_keys_change_the_current_card_in_one_step(qtbot, window, doc):
    canvas = window.canvas
    canvas.setFocus()
    canvas.select_node("r1")
    qtbot.keyClick(canvas, Qt.Key_4, Qt.ControlModifier | Qt.ShiftModifier)
    assert doc.map.nodes["r1"].kind == "evidence"
    assert window.registry.action("map.kind_evidence").isChecked()
    assert not window.registry.action("map.kind_claim").isChecked()
    qtbot.keyClick(canvas, Qt.Key_2, Qt.ControlModifier | Qt.ShiftModifier)
    assert doc.map.nodes["r1"].kind == "strategy"
    assert len(doc.history.done) == 2
    window.registry.action("edit.undo").trigger()
    assert doc.map.nodes["r1"].kind == "evidence"


def test_connect_and_kind_are_in_the_map_menu(window):
    entries = {a.text(): a for m in window.menus["Map"].actions() if m.menu() for a in m.menu().actions()}
    assert {"Connect from this card…", "Connect here as an objection", "Cancel connecting",
            "Claim", "Strategy", "Question", "Evidence", "Note"} <= set(entries)
    assert window.registry.shortcut_conflicts() == []


def test_undoing_an_added_reason_selects_its_card_so_adding_goes_on(qtbot, window, doc):
    canvas = window.canvas
    canvas.setFocus()
    canvas.select_node("s2")
    qtbot.keyClick(canvas, Qt.Key_Insert)
    qtbot.keyClicks(canvas.focusWidget(), "Cheaper")
    qtbot.keyClick(canvas.focusWidget(), Qt.Key_Return)
    assert len(doc.map.nodes) == 6
    undo = window.registry.action("edit.undo")
    undo.trigger()                                   # the title
    undo.trigger()                                   # the card and its relation
    assert len(doc.map.nodes) == 5
    assert doc.selection.current_node == "s2"
    assert window.registry.action("map.add_reason").isEnabled()
    assert window.registry.action("map.add_objection").isEnabled()
    canvas.setFocus()
    qtbot.keyClick(canvas, Qt.Key_R, Qt.ControlModifier | Qt.ShiftModifier)
    added = [e for e in doc.map.edges.values() if e.target == "s2" and e.relation == "attack"]
    assert len(added) == 1
