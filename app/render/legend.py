"""The legend (what colours, line styles and shapes mean) and the ranking panel for exports."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QPainter, QPainterPath, QPen

from . import style as S
from .cards import paint_kind_marker, paint_strength_bar
from .edges import edge_pen, paint_glyph
from .wrap import elide, wrap_text

PANEL_W = 280.0
ROW = 22.0
_RELATIONS = [("support", "supports (+, solid)"), ("attack", "attacks (\u2212, dashed)"),
              ("answer", "answers a question"), ("relates", "relates to")]
_ROLES = [("reason", "reason"), ("objection", "objection"), ("rebuttal", "rebuttal")]


def legend_height() -> float:
    return 30 + ROW * (len(_RELATIONS) + len(_ROLES) + len(S.KIND_MARKS) + 1) + 10


def _heading(p: QPainter, text: str, x: float, y: float) -> None:
    p.setFont(S.font("title"))
    p.setPen(S.colour(S.INK))
    p.drawText(QPointF(x, y + S.metrics("title").ascent()), text)


def _word(p: QPainter, text: str, x: float, y: float) -> None:
    p.setFont(S.font("text"))
    p.setPen(S.colour(S.INK))
    p.drawText(QPointF(x, y + S.metrics("text").ascent()), text)


def paint_legend(p: QPainter, top_left: QPointF) -> QRectF:
    """Paint the legend box at *top_left*; returns the rectangle used."""
    box = QRectF(top_left.x(), top_left.y(), PANEL_W, legend_height())
    _panel(p, box)
    x, y = box.left() + 12, box.top() + 8
    _heading(p, "Legend", x, y)
    y += 26
    for rel, words in _RELATIONS:
        path = QPainterPath(QPointF(x, y + 8))
        path.lineTo(QPointF(x + 60, y + 8))
        p.setPen(edge_pen(rel, 0.6))
        p.setBrush(Qt.NoBrush)
        p.drawPath(path)
        if rel in S.RELATION_GLYPHS:
            paint_glyph(p, rel, QPointF(x + 30, y + 8))
        _word(p, words, x + 72, y)
        y += ROW
    for role, words in _ROLES:
        p.setPen(Qt.NoPen)
        p.setBrush(QBrush(S.colour(S.ROLE_COLOURS[role])))
        p.drawRect(QRectF(x, y + 2, 60, 12))
        _word(p, f"{words} (card stripe)", x + 72, y)
        y += ROW
    for kind in S.KIND_MARKS:
        paint_kind_marker(p, kind, QRectF(x + 25, y + 3, 11, 11))
        _word(p, kind, x + 72, y)
        y += ROW
    _word(p, "line width shows a relation's weight", x, y)
    return box


CAPTION_LINES = 4


def _caption_lines(caption: str | None) -> list[str]:
    """The caption wrapped to the panel (a group caption names aggregation, counts, round)."""
    return wrap_text(caption, S.metrics("text"), PANEL_W - 24, CAPTION_LINES) if caption else []


def ranking_height(ranking, caption: str | None = None) -> float:
    return 30 + ROW * len(_caption_lines(caption)) + ROW * len(ranking) + 10


def paint_ranking(p: QPainter, top_left: QPointF, ranking, caption: str | None = None) -> QRectF:
    """Paint the strategy ranking [(title, strength)] as labelled bars, under a *caption*
    that says which semantics and whose values it shows."""
    box = QRectF(top_left.x(), top_left.y(), PANEL_W, ranking_height(ranking, caption))
    _panel(p, box)
    x, y = box.left() + 12, box.top() + 8
    _heading(p, "Ranking", x, y)
    y += 26
    fm = S.metrics("text")
    for line in _caption_lines(caption):
        _word(p, line, x, y)
        y += ROW
    for i, (title, strength) in enumerate(ranking, 1):
        _word(p, elide(f"{i}. {title}", fm, 150), x, y)
        paint_strength_bar(p, QRectF(x + 156, y + 3, 70, 10), float(strength))
        _word(p, f"{float(strength):.2f}", x + 230, y)
        y += ROW
    return box


def _panel(p: QPainter, box: QRectF) -> None:
    p.setPen(QPen(S.colour("#B0B0B0"), 1))
    p.setBrush(QBrush(S.colour("#FFFFFF")))
    p.drawRoundedRect(box, 6, 6)
