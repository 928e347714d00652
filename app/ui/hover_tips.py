"""Tooltips on the canvas: resting the pointer on a card or a relation shows why its base
score or weight is what it is (see :mod:`app.document.hover`).

Installed on the canvas's viewport as an event filter, so the canvas itself needs no code for
it. A tooltip an item sets itself (``item.toolTip()``) comes first, the rationale below it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QToolTip

from ..document.hover import card_hover_text, relation_hover_text


def hover_text(canvas, view_pos) -> str:
    """The tooltip for the canvas point *view_pos* ('' when there is nothing to say)."""
    doc = canvas.doc
    if doc is None:
        return ""
    for item in canvas.items(view_pos):
        own = item.toolTip() if hasattr(item, "toolTip") else ""
        if getattr(item, "node_id", None) is not None:
            why = card_hover_text(doc.map, item.node_id)
        elif getattr(item, "edge_id", None) is not None:
            why = relation_hover_text(doc.map, item.edge_id)
        else:
            continue
        return "\n\n".join(t for t in (own, why) if t)
    return ""


def wrapped_plain(text: str) -> str:
    """*text* as a tooltip that shows it literally and wraps long lines (a rationale is a
    sentence or two; unwrapped it would stretch across the screen)."""
    from PySide6.QtGui import Qt as QtText
    return QtText.convertFromPlainText(text, Qt.WhiteSpaceNormal)


class RationaleTips(QObject):
    """Shows :func:`hover_text` as the canvas's tooltip."""

    def __init__(self, canvas) -> None:
        super().__init__(canvas)
        self.canvas = canvas
        canvas.viewport().installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if event.type() != QEvent.ToolTip:
            return False
        text = hover_text(self.canvas, event.pos())
        if not text:
            return False          # the items' own tooltips, if any, as usual
        QToolTip.showText(event.globalPos(), wrapped_plain(text), self.canvas.viewport())
        return True
