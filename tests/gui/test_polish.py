"""What a new user meets first: toolbar buttons that stay put, the empty map's hint, the
weighing panel's plain empty state, and a window that fits a laptop or a projector."""

import pytest
from PySide6.QtCore import Qt

from app.document import Document
from app.model import SetRationale
from app.model.build import build_map


def _button(window, action_id):
    from PySide6.QtWidgets import QToolBar
    bar = window.findChild(QToolBar, "mainToolbar")
    return bar.widgetForAction(window.registry.action(action_id))


def test_undo_button_keeps_its_width_as_the_label_grows(qtbot, window, doc):
    undo = _button(window, "edit.undo")
    fixed = [_button(window, a).geometry() for a in ("edit.undo", "edit.redo", "map.add_reason")]
    doc.execute(SetRationale("r1", "a long reason to show a long undo label"))
    window.registry.refresh()
    qtbot.wait(10)
    assert window.registry.action("edit.undo").text() == "Undo Edit rationale"     # the menu says it all
    assert undo.text() == "Undo"
    assert "Edit rationale" in undo.toolTip()
    after = [_button(window, a).geometry() for a in ("edit.undo", "edit.redo", "map.add_reason")]
    assert after == fixed


@pytest.fixture
def empty_window(qtbot, tmp_path, documents, errors):
    from app.ui.main_window import MainWindow
    doc = Document.new(tmp_path / "empty.rmap", build_map([], [], meta={"title": "Empty"}))
    win = MainWindow()
    qtbot.addWidget(win)
    win.set_document(doc)
    win.show()
    qtbot.waitExposed(win)
    yield win, doc
    win.close()


def test_empty_map_shows_a_hint_until_insert_adds_a_claim(qtbot, empty_window):
    window, doc = empty_window
    window.canvas.set_zoom(0.5)                  # e.g. after a large map
    window.set_document(doc)
    hint = window.empty_hint.label
    assert hint.isVisible() and "Press Insert to add a first claim" in hint.text()
    assert window.canvas.zoom_level() == 1.0
    assert window.canvas.viewport().geometry().contains(hint.geometry())
    window.canvas.setFocus()
    qtbot.keyClick(window.canvas, Qt.Key_Insert)
    assert len(doc.map.nodes) == 1 and not hint.isVisible()
    qtbot.keyClicks(window.canvas.focusWidget(), "First claim")
    qtbot.keyClick(window.canvas.focusWidget(), Qt.Key_Return)
    assert [n.title for n in doc.map.nodes.values()] == ["First claim"]
    while doc.can_undo:                         # the title, then the card itself
        window.registry.action("edit.undo").trigger()
    assert not doc.map.nodes and hint.isVisible()


def test_weighing_panel_empty_state_speaks_plainly(qtbot, tmp_path, documents, errors):
    from app.ui.main_window import build_main_window
    window = build_main_window()
    qtbot.addWidget(window)
    doc = Document.new(tmp_path / "e.rmap", build_map([], [], meta={"title": "Empty"}))
    window.set_document(doc)
    panel = window.weighing.panel
    text = panel.why_title.text()
    assert text.startswith("Mark a card as a strategy to rank it") and "kind '" not in text
    assert panel.why_list.isHidden()
    window.close()


@pytest.mark.parametrize("screen", [(1366, 768), (1280, 720)])
def test_window_fits_laptop_and_projector_screens(qtbot, screen, tmp_path, documents, errors):
    from app.io import import_file
    from app.ui.main_window import build_main_window
    from pathlib import Path
    shipped = Path(__file__).resolve().parents[2] / "argument_maps" / "prosocial-drives.argdown"
    window = build_main_window()
    qtbot.addWidget(window)
    doc = Document.new(tmp_path / "p.rmap", import_file(shipped).map)
    window.set_document(doc)
    window.default_layout(*screen)
    window.show()
    qtbot.waitExposed(window)
    qtbot.wait(50)
    assert window.width() <= screen[0] and window.height() <= screen[1] - 40   # room for a title bar
    assert window.minimumSizeHint().height() <= screen[1] - 80                 # and a task bar
    assert window.canvas.width() > 0.5 * window.width()
    for dock in window.docks.values():
        if dock.isVisible() and not dock.visibleRegion().isEmpty():
            assert dock.width() >= dock.minimumSizeHint().width()
            assert window.rect().contains(dock.geometry())
    tabs = window.weighing.panel.tabs
    assert tabs.tabBar().width() <= tabs.width()                    # every tab name is readable
    assert window.statusBar().isVisible() and window.rect().contains(window.statusBar().geometry())
    window.close()
