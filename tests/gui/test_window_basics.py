"""The main window: title, status, undo/redo texts, the action table and persistence."""

from PySide6.QtCore import QSettings
from PySide6.QtGui import QKeySequence

from app.model.commands import EditNode
from app.ui.file_ops import recent_files
from app.ui.main_window import MainWindow, build_main_window


def test_window_shows_the_map_title_and_where_it_is_saved(window, doc):
    assert "Small" in window.windowTitle()
    assert doc.path.name in window.saved.text()
    assert "saved" in window.saved.text().lower()


def test_undo_and_redo_name_the_step(window, doc):
    undo, redo = window.registry.action("edit.undo"), window.registry.action("edit.redo")
    assert not undo.isEnabled() and not redo.isEnabled()
    doc.execute(EditNode("r1", {"title": "Better reason"}))
    assert undo.isEnabled() and undo.text() == "Undo Edit title"
    undo.trigger()
    assert doc.map.nodes["r1"].title == "Reason one"
    assert redo.text() == "Redo Edit title" and redo.isEnabled()
    assert not undo.isEnabled()
    redo.trigger()
    assert doc.map.nodes["r1"].title == "Better reason"


def test_no_two_actions_share_a_key(qtbot, doc):
    window = build_main_window()          # with every panel's actions
    qtbot.addWidget(window)
    window.set_document(doc)
    assert {"sourcesDock", "weighingDock"} <= set(window.docks)
    keys = {}
    for sid, action in window.registry.actions.items():
        for seq in action.shortcuts():
            text = seq.toString(QKeySequence.PortableText)
            assert text not in keys, f"{text} is used by {keys[text]} and {sid}"
            keys[text] = sid
    assert window.registry.shortcut_conflicts() == []
    assert len(keys) > 30


def test_every_action_is_in_a_menu(qtbot, doc):
    window = build_main_window()
    qtbot.addWidget(window)
    window.set_document(doc)
    in_menus = set()
    pending = list(window.menuBar().actions())
    while pending:
        action = pending.pop()
        if action.menu():
            pending.extend(action.menu().actions())
        in_menus.add(action)
    missing = [sid for sid, a in window.registry.actions.items() if a not in in_menus]
    assert missing == []


def test_shortcut_sheet_lists_every_action_with_its_keys(window):
    rows = window.registry.shortcut_sheet()
    assert len(rows) == len(window.registry.actions)
    by_text = {text: keys for _menu, text, keys in rows}
    assert "F2" in by_text["Edit title"]
    assert "Ctrl+Z" in by_text["Undo"]


def test_an_action_error_goes_to_the_status_bar_not_a_traceback(window, doc, errors):
    doc.selection.set(["r1"])
    window.registry.add(__import__("app.ui.actions", fromlist=["ActionSpec"]).ActionSpec(
        "edit.test_fail", "Fail", menu="Edit",
        handler=lambda: doc.execute(EditNode("r1", {"base_score": 2}))))
    window.registry.run("edit.test_fail")
    assert "between 0 and 1" in window.statusBar().currentMessage()
    assert doc.map.nodes["r1"].base_score == 0.7


def test_recent_files_and_layout_persist(qtbot, window, doc, tmp_path, small_map):
    from app.document import Document
    other = Document.new(tmp_path / "other.rmap", small_map)
    other.close()
    assert window.file_ops.open_map(str(tmp_path / "other.rmap"))
    window.close()
    assert recent_files()[0].endswith("other.rmap")
    assert QSettings().value("window/state") is not None
    again = MainWindow()
    qtbot.addWidget(again)
    assert again.file_ops.recent_menu is not None
    assert recent_files()[0].endswith("other.rmap")
    again.file_ops.recent_menu.aboutToShow.emit()
    names = [a.text() for a in again.file_ops.recent_menu.actions()]
    assert "other.rmap" in names


def test_dock_toggles_hide_and_show_panels(window):
    toggle = window.registry.action("view.panel.outlineDock")
    assert toggle.isChecked()
    toggle.trigger()
    assert window.docks["outlineDock"].isHidden()
    toggle.trigger()
    assert not window.docks["outlineDock"].isHidden()


def test_find_bar_counts_and_escape_closes(qtbot, window):
    from PySide6.QtCore import Qt
    window.registry.action("edit.find").trigger()
    assert window.findbar.isVisible()
    qtbot.keyClicks(window.findbar.field, "reason")
    assert window.findbar.count.text() != ""
    qtbot.keyClick(window.findbar.field, Qt.Key_Escape)
    assert not window.findbar.isVisible()


def test_the_window_fits_a_short_screen(qtbot, documents):
    """With no saved layout on a screen under 900 px high (the offscreen screen is 800 × 600,
    shorter than a 1280 × 720 projector), the inspector and the weighing panel share one place
    as tabs and the window's minimum height fits the screen."""
    from app.ui.main_window import build_main_window
    window = build_main_window()
    qtbot.addWidget(window)
    window.show()
    screen = window.screen().availableGeometry()
    assert screen.height() < 900
    inspector, weighing = window.docks["inspectorDock"], window.docks["weighingDock"]
    assert weighing in window.tabifiedDockWidgets(inspector)
    assert window.minimumSizeHint().height() <= screen.height()


def test_a_window_saved_on_a_bigger_screen_opens_wholly_on_this_one(qtbot, documents):
    """A position and size saved on a big monitor, opened on the smaller screen (offscreen:
    800 px wide, less than the window's least width): the window is cut down to the screen's
    height and moved onto it, its top left corner and its bottom edge (the status line) in
    sight (as placed before it is shown: the offscreen platform then adds a frame)."""
    from PySide6.QtCore import QSettings

    from app.ui.main_window import build_main_window
    first = build_main_window()
    qtbot.addWidget(first)
    first.setGeometry(500, 300, 1500, 900)          # as a window on a 1920 × 1200 desk
    QSettings().setValue("window/geometry", first.saveGeometry())
    window = build_main_window()
    qtbot.addWidget(window)
    screen, placed = window.screen().availableGeometry(), window.geometry()
    assert screen.width() < 1500 and screen.height() < 900
    assert placed.left() >= screen.left() and placed.top() >= screen.top()
    assert placed.bottom() <= screen.bottom(), (placed, screen)
    window.show()
    assert window.statusBar().isVisible()


def test_a_panel_behind_a_tab_is_brought_forward_by_its_key_not_hidden(qtbot, documents, errors):
    from PySide6.QtCore import Qt
    from app.ui.main_window import build_main_window
    window = build_main_window()
    qtbot.addWidget(window)
    window.default_layout(1366, 768)          # inspector and weighing share one place as tabs
    window.show()
    window.activateWindow()                   # shortcuts go to the active window
    qtbot.waitUntil(window.isActiveWindow)
    inspector, weighing = window.docks["inspectorDock"], window.docks["weighingDock"]

    def in_front(dock):
        return not dock.isHidden() and not dock.visibleRegion().isEmpty()
    assert in_front(weighing) and not in_front(inspector) and not inspector.isHidden()
    qtbot.keyClick(window, Qt.Key_2, Qt.AltModifier)
    qtbot.wait(20)
    assert in_front(inspector) and not in_front(weighing) and not weighing.isHidden()
    assert window.registry.action("view.panel.inspectorDock").isChecked()
    qtbot.keyClick(window, Qt.Key_2, Qt.AltModifier)        # in front: the key hides it
    qtbot.wait(20)
    assert inspector.isHidden() and in_front(weighing)
    window.close()


def test_typing_into_the_find_bar_marks_only_the_cards_whose_match_changed(qtbot, shipped, monkeypatch):
    """Each letter typed highlights exactly the cards that match so far, and only the cards
    that start or stop matching are told (before, all matches were unmarked and marked again
    at every letter); a renamed card is found by its new title."""
    from PySide6.QtCore import Qt

    from app.model.commands import EditNode
    from app.ui.canvas.items import CardItem
    win, scene, amap = shipped, shipped.canvas.map_scene, shipped.doc.map
    told = []
    feed = CardItem.feed
    monkeypatch.setattr(CardItem, "feed", lambda self, **state: (
        told.append(self.node_id) if "highlighted" in state else None, feed(self, **state))[1])

    def matching(text):
        return {n for n, v in amap.nodes.items()
                if any(text in t.casefold() for t in (v.title, v.text, *v.tags))}
    win.registry.action("edit.find").trigger()
    before, typed = set(), ""
    for letter in "prosocial":
        told.clear()
        typed += letter
        qtbot.keyClick(win.findbar.field, letter)
        now = matching(typed)
        assert {n for n, c in scene.cards.items() if c.fed["highlighted"]} == now, typed
        assert sorted(told) == sorted(before ^ now), typed
        before = now
    assert len(before) > 1
    some = sorted(amap.nodes)[0]
    win.doc.execute(EditNode(some, {"title": "Quokka habitats"}))
    win.findbar.field.clear()
    qtbot.keyClicks(win.findbar.field, "quokka")
    assert {n for n, c in scene.cards.items() if c.fed["highlighted"]} == {some}
    qtbot.keyClick(win.findbar.field, Qt.Key_Escape)
    assert not any(c.fed["highlighted"] for c in scene.cards.values())
