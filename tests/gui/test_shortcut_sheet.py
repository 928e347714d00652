"""F1 opens the shortcut sheet: a table with aligned columns (action, keys, where) listing
every key of the registry plus Tab, Shift+Tab, the editors' keys and the assessment round."""

from PySide6.QtCore import Qt

from app.ui.shortcut_sheet import key_name


def _open(qtbot, window):
    window.canvas.setFocus()
    qtbot.keyClick(window.canvas, Qt.Key_F1)
    sheet = window.shortcut_sheet
    qtbot.waitExposed(sheet)
    return sheet


def test_f1_shows_every_registry_key_in_its_own_column(qtbot, window):
    sheet = _open(qtbot, window)
    assert sheet.tree.columnCount() == 3
    shown_keys = " | ".join(keys for _g, _w, keys, _where in sheet.rows())
    for spec in window.registry.specs.values():
        for key in spec.shortcuts:
            assert key_name(key) in shown_keys, (spec.id, key)


def test_keys_read_as_printed_on_keyboards():
    assert [key_name(k) for k in ("Ctrl+Return", "Insert", "Delete", "Escape", "Ctrl++", "Shift+Tab")] == \
        ["Ctrl+Enter", "Insert", "Delete", "Escape", "Ctrl++", "Shift+Tab"]


def test_sheet_lists_keys_outside_the_registry(qtbot, window):
    rows = {(group, keys): what for group, what, keys, _where in _open(qtbot, window).rows()}
    assert rows[("Map", "Tab")].startswith("Add a reason")
    assert rows[("Map", "Shift+Tab")].startswith("Add an objection")
    assert ("Assessment round", "N") in rows and ("Assessment round", "0 … 9 / =") in rows
    assert ("Map", "Ctrl+K") in rows and ("Map", "Ctrl+R, Insert") in rows
    assert ("Map", "F2, Enter") in rows                       # Return and Enter listed once


def test_groups_follow_the_menus_and_the_filter_narrows(qtbot, window):
    sheet = _open(qtbot, window)
    groups = list(dict.fromkeys(g for g, *_ in sheet.rows()))
    assert groups[:5] == ["File", "Edit", "Map", "View", "Help"]
    qtbot.keyClicks(sheet.filter, "objection")
    shown = sheet.rows()
    assert shown and all("objection" in what.lower() for _g, what, _k, _w in shown)
    sheet.filter.clear()
    assert len(sheet.rows()) > len(shown)


def test_sheet_fits_a_projector_screen(qtbot, window):
    sheet = _open(qtbot, window)
    screen = sheet.screen().availableGeometry()
    assert sheet.width() <= screen.width() and sheet.height() <= screen.height()
