"""Presence on a card: a small coloured dot with a person's initial for each person in a live
session who has this card selected, in a row at the card's top-right corner (on its edge, so
it never covers the title). Up to MAX_MARKS dots (fewer on a narrow card); more people are
summed up as "+N". Zoomed out, the dots grow (up to MAX_GROW times) so they stay visible.

A mark is (initial, colour '#rrggbb'); the initial is drawn as plain text.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen

from . import style as S

MARK_R = 9.0          # a dot's radius (scene px)
MARK_STEP = 2 * MARK_R + 3
MAX_MARKS = 4
MAX_GROW = 3.0


def ink_on(colour: str) -> QColor:
    """White on dark colours, ink on light ones (for the initial)."""
    c = QColor(colour)
    light = 0.299 * c.red() + 0.587 * c.green() + 0.114 * c.blue() > 150
    return S.colour(S.INK) if light else QColor("#FFFFFF")


def grow(lod: float) -> float:
    """How much larger than MARK_R the dots are drawn at view scale *lod*."""
    return max(1.0, min(MAX_GROW, 1.0 / max(lod, 0.01)))


def mark_centres(rect: QRectF, count: int, lod: float = 1.0) -> list[QPointF]:
    """Where the dots of *count* people go on a card whose rectangle is *rect*."""
    r, step = MARK_R * grow(lod), MARK_STEP * grow(lod)
    fits = max(1, int((rect.width() - 8) // step))
    right = rect.right() - r - 4
    return [QPointF(right - i * step, rect.top()) for i in range(min(count, MAX_MARKS, fits))]


def paint_presence(p: QPainter, rect: QRectF, marks: tuple, lod: float = 1.0) -> None:
    """Draw *marks* ((initial, colour), ...) on the card *rect* seen at scale *lod*."""
    if not marks:
        return
    p.save()
    font = QFont(S.font("small"))          # a copy: the cached font is shared
    font.setBold(True)
    font.setPixelSize(max(1, round(font.pixelSize() * grow(lod))))
    p.setFont(font)
    r = MARK_R * grow(lod)
    centres = mark_centres(rect, len(marks), lod)
    overflow = len(marks) - len(centres)
    for i, centre in enumerate(centres):
        last_of_many = overflow > 0 and i == len(centres) - 1
        letter, colour = ("+" + str(overflow + 1), "#7A7A7A") if last_of_many else marks[i]
        p.setPen(QPen(QColor("#FFFFFF"), 1.5 * grow(lod)))
        p.setBrush(QBrush(S.colour(colour)))
        p.drawEllipse(centre, r, r)
        p.setPen(ink_on(colour))
        box = QRectF(centre.x() - r, centre.y() - r, 2 * r, 2 * r)
        p.drawText(box, Qt.AlignCenter, letter)
    p.restore()
