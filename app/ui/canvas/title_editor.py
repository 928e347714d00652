"""The in-place title editor: a line edit laid over a card's title.

Enter commits (one undo step), Escape cancels, leaving the editor commits.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLineEdit

from ...render import style as S


class TitleEditor(QLineEdit):
    """A plain-text line editor for one node's title."""

    committed = Signal(str, str)   # node id, new title
    cancelled = Signal()

    def __init__(self, parent, node_id: str, title: str, scale: float) -> None:
        super().__init__(parent)
        self.node_id = node_id
        self._done = False
        f = QFont(S.font("title"))
        f.setPixelSize(max(11, round(S.TITLE_PX * min(scale, 2.5))))
        self.setFont(f)
        self.setText(title)
        self.selectAll()
        self.setPlaceholderText("Title")
        self.setFrame(True)

    def commit(self) -> None:
        if not self._done:
            self._done = True
            self.committed.emit(self.node_id, self.text())

    def cancel(self) -> None:
        if not self._done:
            self._done = True
            self.cancelled.emit()

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key_Escape:
            self.cancel()
            return
        if event.key() in (Qt.Key_Return, Qt.Key_Enter):
            self.commit()          # accepted here, so the canvas does not see the key too
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        if event.reason() != Qt.PopupFocusReason:
            self.commit()
