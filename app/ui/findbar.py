"""The find bar above the canvas: incremental search over card titles and texts.

Typing searches at once; Enter goes to the next match, Shift+Enter to the previous one and
Escape closes the bar and clears the highlights.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget


class FindBar(QWidget):
    """A one-line search field bound to a canvas (``find``, ``find_next``, ``find_previous``,
    ``clear_find``)."""

    def __init__(self, canvas, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.canvas = canvas
        self.setObjectName("findBar")
        self.field = QLineEdit(placeholderText="Find in titles and texts")
        self.field.setAccessibleName("Find")
        self.field.setClearButtonEnabled(True)
        self.count = QLabel()
        self.count.setMinimumWidth(90)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(QLabel("Find:"))
        layout.addWidget(self.field, 1)
        layout.addWidget(self.count)
        for text, tip, slot in (("▲", "Previous match (Shift+Enter)", self.previous),
                                ("▼", "Next match (Enter)", self.next),
                                ("✕", "Close (Escape)", self.close_bar)):
            button = QToolButton(text=text, toolTip=tip, autoRaise=True)
            button.setAccessibleName(tip.split(" (")[0])
            button.clicked.connect(slot)
            layout.addWidget(button)
        self.field.textChanged.connect(self._search)
        self.field.installEventFilter(self)
        self.hide()

    def open(self) -> None:
        """Show the bar with its text selected, ready to type."""
        self.show()
        self.field.setFocus(Qt.ShortcutFocusReason)
        self.field.selectAll()
        if self.field.text():
            self._search(self.field.text())

    def close_bar(self) -> None:
        self.canvas.clear_find()
        self.hide()
        self.canvas.setFocus(Qt.OtherFocusReason)

    def next(self) -> None:
        if not self.isVisible():
            self.open()
        elif self.field.text():
            self.canvas.find_next()

    def previous(self) -> None:
        if not self.isVisible():
            self.open()
        elif self.field.text():
            self.canvas.find_previous()

    def _search(self, text: str) -> None:
        if not text.strip():
            self.canvas.clear_find()
            self.count.setText("")
            return
        found = self.canvas.find(text) or 0
        self.count.setText("No match" if not found else "1 match" if found == 1 else f"{found} matches")

    def eventFilter(self, watched, event) -> bool:
        if watched is self.field and event.type() == event.Type.KeyPress:
            key, shift = event.key(), bool(event.modifiers() & Qt.ShiftModifier)
            if key in (Qt.Key_Return, Qt.Key_Enter):
                self.previous() if shift else self.next()
                return True
            if key == Qt.Key_Escape:
                self.close_bar()
                return True
        return super().eventFilter(watched, event)
