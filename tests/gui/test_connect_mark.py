"""Keyboard connect marks its source card on the canvas: a dashed ring, kept lit by the
selection emphasis while the target is picked with the keyboard."""

from PySide6.QtCore import Qt


def _start_on(qtbot, window, doc, nid):
    canvas = window.canvas
    canvas.setFocus()
    canvas.select_node(nid)
    qtbot.keyClick(canvas, Qt.Key_K, Qt.ControlModifier)
    return canvas


def _edge(doc, source, target):
    return [e for e in doc.map.edges.values() if (e.source, e.target) == (source, target)]


def test_the_source_card_is_ringed_and_stays_lit_while_the_target_is_picked(qtbot, window, doc):
    cards = window.canvas.map_scene.cards
    canvas = _start_on(qtbot, window, doc, "r2")
    assert cards["r2"].state().marked
    assert not any(c.state().marked for n, c in cards.items() if n != "r2")
    qtbot.keyClick(canvas, Qt.Key_Up)                  # Strategy two: r2 is lit as its reason
    qtbot.keyClick(canvas, Qt.Key_Left)                # Strategy one: r2 has nothing to do with it
    assert doc.selection.current_node == "s1"
    assert cards["r2"].state().marked and not cards["r2"].state().dimmed
    assert cards["s2"].state().dimmed                  # the emphasis still dims the unrelated
    qtbot.keyClick(canvas, Qt.Key_Escape)
    assert not cards["r2"].state().marked and cards["r2"].state().dimmed


def test_the_ring_goes_when_the_connection_is_made(qtbot, window, doc):
    cards = window.canvas.map_scene.cards
    canvas = _start_on(qtbot, window, doc, "r2")
    qtbot.keyClick(canvas, Qt.Key_Up)
    qtbot.keyClick(canvas, Qt.Key_Left)
    qtbot.keyClick(canvas, Qt.Key_Return)
    assert _edge(doc, "r2", "s1") and not window.connector.active
    assert not any(c.state().marked for c in window.canvas.map_scene.cards.values())
    assert cards is window.canvas.map_scene.cards
