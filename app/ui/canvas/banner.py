"""A strip along the top of the canvas that says what the canvas is showing when that is not
simply the whole map: a filter (one strategy's case, focus mode) with a way back, and the key
to the acceptability labels while they are shown. Plain text only."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

STYLE = ("#canvasBanner { background: #FFF6DC; border-bottom: 1px solid #E0C27A; }"
         "#canvasBanner QLabel { color: #1E1E1E; }")


class Banner(QFrame):
    """Lines of text, each with an optional button, shown over the top of a view's viewport
    (hidden while it has no line)."""

    def __init__(self, view) -> None:
        super().__init__(view)
        self.view = view
        self.setObjectName("canvasBanner")
        self.setStyleSheet(STYLE)
        self.box = QVBoxLayout(self)
        self.box.setContentsMargins(10, 4, 10, 4)
        self.box.setSpacing(2)
        self.rows: dict[str, tuple[QWidget, QLabel, QPushButton | None]] = {}
        self.hide()

    def set_line(self, key: str, text: str, button: str = "",
                 clicked: Callable[[], None] | None = None) -> None:
        """Show *text* as line *key* (replacing it), with a *button* calling *clicked*;
        empty *text* removes the line."""
        self._drop(key)
        if text:
            row = QWidget(self)
            lay = QHBoxLayout(row)
            lay.setContentsMargins(0, 0, 0, 0)
            label = QLabel(text, row)
            label.setTextFormat(Qt.PlainText)
            label.setWordWrap(True)
            lay.addWidget(label, 1)
            push = None
            if button:
                push = QPushButton(button, row)
                push.setFocusPolicy(Qt.NoFocus)
                push.clicked.connect(clicked)
                lay.addWidget(push, 0, Qt.AlignVCenter)
            self.box.addWidget(row)
            self.rows[key] = (row, label, push)
        self.place()

    def text(self, key: str) -> str:
        row = self.rows.get(key)
        return row[1].text() if row else ""

    def button(self, key: str) -> QPushButton | None:
        row = self.rows.get(key)
        return row[2] if row else None

    def _drop(self, key: str) -> None:
        row = self.rows.pop(key, None)
        if row is not None:
            self.box.removeWidget(row[0])
            row[0].deleteLater()

    def place(self) -> None:
        """Take a strip above the view's viewport (its margin), as high as the wrapped lines
        need; none while there is no line (call when the view is resized)."""
        if not self.rows:
            self.hide()
            self.view.setViewportMargins(0, 0, 0, 0)
            return
        m = self.box.contentsMargins()
        width = self.view.width() - 2 * self.view.frameWidth()
        height = m.top() + m.bottom() + self.box.spacing() * (len(self.rows) - 1)
        for _, label, push in self.rows.values():
            room = width - m.left() - m.right() - (push.sizeHint().width() + 6 if push else 0)
            need = label.heightForWidth(max(50, room))
            height += max(need, push.sizeHint().height() if push else 0)
        self.setGeometry(self.view.frameWidth(), self.view.frameWidth(), width, height)
        self.view.setViewportMargins(0, height, 0, 0)
        self.show()
        self.raise_()
