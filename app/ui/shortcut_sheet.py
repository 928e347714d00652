"""The shortcut sheet (Help ▸ Keyboard shortcuts, F1): every key of the window in one table.

The rows come from the action registry (so a menu entry and its key cannot disagree) plus
the keys that belong to one place rather than to an action: Tab on the map, the title
editor, the find bar, presentation mode and the assessment round. The table has aligned
columns (what, keys, where), one group per menu, and a filter field. It is not modal, so it
can stay open beside the map while one learns the keys.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QKeySequence
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QHeaderView, QLineEdit, QTreeWidget,
                               QTreeWidgetItem, QVBoxLayout, QWidget)

from .actions import MENUS

WHERE = {"window": "anywhere", "map": "map or outline", "canvas": "map"}
WORDS = {"Return": "Enter", "Ins": "Insert", "Del": "Delete", "Esc": "Escape", "PgDown": "Page Down",
         "PgUp": "Page Up"}


def key_name(shortcut: str) -> str:
    """A key as printed on keyboards: 'Ctrl+Return' → 'Ctrl+Enter', 'Ins' → 'Insert'."""
    text = QKeySequence(shortcut).toString(QKeySequence.NativeText)
    return "+".join(WORDS.get(part, part) for part in text.split("+")) if text != "+" else text

# Keys handled by one widget rather than by an action: (group, what, keys, where).
OTHER_KEYS = (
    ("Map", "Add a reason to the selected card", "Tab", "map"),
    ("Map", "Add an objection to the selected card", "Shift+Tab", "map"),
    ("Map", "Clear the selection and the find highlights", "Escape", "map"),
    ("Map", "Pan (hold and drag)", "Space", "map"),
    ("Map", "Zoom in / out / actual size", "+ / − / 0", "map"),
    ("Title editor", "Keep the new title / cancel", "Enter / Escape", "title editor"),
    ("Find bar", "Next / previous match, close", "Enter / Shift+Enter / Escape", "find bar"),
    ("Presentation", "Next step", "→ ↓ Space Page Down", "presentation"),
    ("Presentation", "Previous step / back to the start", "← ↑ Page Up / Home", "presentation"),
    ("Presentation", "Leave presentation mode", "Escape", "presentation"),
    ("Assessment round", "Previous / next input", "↑ / ↓ (Enter: next)", "round"),
    ("Assessment round", "Set 0.0 … 0.9 / set 1.0", "0 … 9 / =", "round"),
    ("Assessment round", "Nudge the value down / up by 0.05", "← / →", "round"),
    ("Assessment round", "No opinion on this input", "N", "round"),
)


def sheet_rows(registry) -> list[tuple[str, str, str, str]]:
    """(group, what, keys, where) for every action with keys, then the other keys."""
    rows = []
    for menu in MENUS:
        for spec in registry.specs.values():
            if spec.menu != menu or not spec.shortcuts:
                continue
            keys = ", ".join(dict.fromkeys(key_name(s) for s in spec.shortcuts))
            rows.append((menu, spec.text.replace("&", "").rstrip("…"), keys,
                         WHERE.get(spec.scope, spec.scope)))
    return _grouped(rows + list(OTHER_KEYS))


def _grouped(rows):
    """Rows with each group's rows together, groups in the order they first appear."""
    order: dict[str, list] = {}
    for row in rows:
        order.setdefault(row[0], []).append(row)
    return [row for group in order.values() for row in group]


class ShortcutSheet(QDialog):
    """The table of keys, with a filter field."""

    def __init__(self, parent: QWidget | None, rows) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutSheet")
        self.setWindowTitle("Keyboard shortcuts")
        self.filter = QLineEdit(placeholderText="Filter: type part of an action or a key")
        self.filter.setAccessibleName("Filter shortcuts")
        self.tree = QTreeWidget()
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels(("Action", "Keys", "Where"))
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self._fill(rows)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)
        self.filter.textChanged.connect(self.apply_filter)
        self._size_to_screen()

    def _fill(self, rows) -> None:
        bold = QFont(self.font())
        bold.setBold(True)
        group_item = None
        for group, what, keys, where in rows:
            if group_item is None or group_item.text(0) != group:
                group_item = QTreeWidgetItem(self.tree, [group])
                group_item.setFont(0, bold)
                group_item.setFirstColumnSpanned(True)
                group_item.setFlags(Qt.ItemIsEnabled)
            QTreeWidgetItem(group_item, [what, keys, where])
        self.tree.expandAll()

    def _size_to_screen(self) -> None:
        screen = self.screen().availableGeometry() if self.screen() else None
        width = 720 if screen is None else min(720, screen.width() - 40)
        height = 640 if screen is None else min(640, screen.height() - 60)
        self.resize(width, height)

    def rows(self) -> list[tuple[str, str, str, str]]:
        """What the table shows now (filtered rows left out): (group, what, keys, where)."""
        out = []
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            for j in range(group.childCount()):
                item = group.child(j)
                if not item.isHidden():
                    out.append((group.text(0), item.text(0), item.text(1), item.text(2)))
        return out

    def apply_filter(self, text: str) -> None:
        needle = text.strip().casefold()
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            shown = 0
            for j in range(group.childCount()):
                item = group.child(j)
                hit = not needle or any(needle in item.text(c).casefold() for c in range(3)) \
                    or needle in group.text(0).casefold()
                item.setHidden(not hit)
                shown += hit
            group.setHidden(shown == 0)


def show_sheet(window) -> ShortcutSheet:
    """Open (or bring forward) the window's shortcut sheet."""
    old = getattr(window, "shortcut_sheet", None)
    if old is not None:
        old.close()
        old.deleteLater()
    sheet = window.shortcut_sheet = ShortcutSheet(window, sheet_rows(window.registry))
    sheet.show()
    sheet.raise_()
    sheet.activateWindow()
    sheet.filter.setFocus()
    return sheet
