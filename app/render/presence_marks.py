"""Presence on a card: a small coloured dot with a person's initial for each person in a live
session who has this card selected, in a row at the card's top-right corner (on its edge, so
it never covers the title). Up to MAX_MARKS dots; more people are summed up as "+N".

A mark is (initial, colour '#rrggbb'); the initial is drawn as plain text.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen

from . import style as S

MARK_R = 9.0          # a dot's radius (scene px)
MARK_STEP = 2 * MARK_R + 3
MAX_MARKS = 4


def ink_on(colour: str) -> QColor:
    """White on dark colours, ink on light ones (for the initial)."""
    c = QColor(colour)
    light = 0.299 * c.red() + 0.587 * c.green() + 0.114 * c.blue() > 150
    return S.colour(S.INK) if light else QColor("#FFFFFF")


def mark_centres(rect: QRectF, count: int) -> list[QPointF]:
    """Where the dots of *count* people go on a card whose rectangle is *rect*."""
    shown = min(count, MAX_MARKS)
    right = rect.right() - MARK_R - 4
    return [QPointF(right - i * MARK_STEP, rect.top()) for i in range(shown)]


def paint_presence(p: QPainter, rect: QRectF, marks: tuple) -> None:
    """Draw *marks* ((initial, colour), ...) on the card *rect*."""
    if not marks:
        return
    p.save()
    font = S.font("small")
    font.setBold(True)
    p.setFont(font)
    centres = mark_centres(rect, len(marks))
    overflow = len(marks) - MAX_MARKS
    for i, centre in enumerate(centres):
        last_of_many = overflow > 0 and i == len(centres) - 1
        letter, colour = ("+" + str(overflow + 1), "#7A7A7A") if last_of_many else marks[i]
        p.setPen(QPen(QColor("#FFFFFF"), 1.5))
        p.setBrush(QBrush(S.colour(colour)))
        p.drawEllipse(centre, MARK_R, MARK_R)
        p.setPen(ink_on(colour))
        box = QRectF(centre.x() - MARK_R, centre.y() - MARK_R, 2 * MARK_R, 2 * MARK_R)
        p.drawText(box, Qt.AlignCenter, letter)
    p.restore()
