"""A short hint in the middle of an empty map's canvas: how to add the first claim.

It is a label over the canvas's viewport, shown while the document has no cards and hidden
as soon as it has one (and again after undoing back to an empty map). An empty map opens
at 100 %, so its first card appears at its actual size. The canvas itself
needs no code for it: the label follows the viewport's size through an event filter.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QLabel

HINT = ("This map is empty.\n\nPress Insert to add a first claim, then Tab to add a reason "
        "for it and Shift+Tab an objection.\nF1 lists every key.")
STYLE = ("QLabel#emptyMapHint { color: #4A4A4A; background: rgba(255, 255, 255, 215); "
         "border: 1px dashed #B8B8B0; border-radius: 8px; padding: 18px 24px; font-size: 15px; }")
WIDTH = 440


class EmptyMapHint(QObject):
    """Shows :data:`HINT` over *canvas* while its document has no cards."""

    def __init__(self, canvas) -> None:
        super().__init__(canvas)
        self.canvas = canvas
        self.doc = None
        self._unsubscribe = None
        self.label = QLabel(HINT, canvas)        # not the viewport: scrolling would move it
        self.label.setObjectName("emptyMapHint")
        self.label.setTextFormat(Qt.PlainText)
        self.label.setWordWrap(True)
        self.label.setAlignment(Qt.AlignCenter)
        self.label.setStyleSheet(STYLE)
        self.label.setAttribute(Qt.WA_TransparentForMouseEvents)   # clicks reach the canvas
        self.label.hide()
        canvas.viewport().installEventFilter(self)

    def set_document(self, doc) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
        self.doc, self._unsubscribe = doc, None
        if doc is not None:
            self._unsubscribe = doc.changed.subscribe(lambda _e: self.refresh())
            if not doc.map.nodes:
                self.canvas.zoom_reset()      # the first card appears at its actual size
        self.refresh()

    def refresh(self) -> None:
        empty = self.doc is not None and not self.doc.map.nodes
        self.label.setVisible(empty)
        if empty:
            self._place()

    def _place(self) -> None:
        area = self.canvas.viewport().geometry()
        width = min(WIDTH, max(160, area.width() - 40))
        self.label.setFixedWidth(width)
        self.label.adjustSize()
        self.label.move(area.left() + (area.width() - width) // 2,
                        area.top() + max(10, (area.height() - self.label.height()) // 2))
        self.label.raise_()

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Resize and not self.label.isHidden():
            self._place()
        return False
