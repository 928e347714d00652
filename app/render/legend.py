"""The legend (what colours, line styles and shapes mean) and the ranking panel for exports,
painted with Qt; what they say and how tall they are is ``app.drawing.legend``'s (shared
with the Qt-free SVG export).
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QPainter, QPainterPath, QPen

from ..drawing import legend as L
from ..drawing.legend import KEY_W, PANEL_W, ROW, LegendUse  # noqa: F401  (callers import them here)
from . import style as S
from .cards import paint_kind_marker, paint_label_badge, paint_strength_bar
from .edges import edge_pen, paint_glyph
from .wrap import elide


def _plan(use: LegendUse | None):
    return L.plan(use, S.metrics("text"), elide)


def _row_height(lines) -> float:
    return L.row_height(lines, S.metrics("text"))


def legend_height(use: LegendUse | None = None) -> float:
    return L.legend_height(use, S.metrics("text"), elide)


def _ranking_lines(ranking, caption: str | None):
    return L.ranking_lines(ranking, caption, S.metrics("text"), elide)


def ranking_height(ranking, caption: str | None = None) -> float:
    return L.ranking_height(ranking, caption, S.metrics("text"), elide)


def _heading(p: QPainter, text: str, x: float, y: float) -> None:
    p.setFont(S.font("title"))
    p.setPen(S.colour(S.INK))
    p.drawText(QPointF(x, y + S.metrics("title").ascent()), text)


def _word(p: QPainter, text: str, x: float, y: float) -> None:
    p.setFont(S.font("text"))
    p.setPen(S.colour(S.INK))
    p.drawText(QPointF(x, y + S.metrics("text").ascent()), text)


def _sample(p: QPainter, what: str, key: str, x: float, y: float) -> None:
    """The drawn key of one row: a relation's line, a stripe, a kind's marker, a badge."""
    if what == "relation":
        path = QPainterPath(QPointF(x, y + 8))
        path.lineTo(QPointF(x + 60, y + 8))
        p.setPen(edge_pen(key, 0.6))
        p.setBrush(Qt.NoBrush)
        p.drawPath(path)
        if key in S.RELATION_GLYPHS:
            paint_glyph(p, key, QPointF(x + 30, y + 8))
    elif what == "stripe":
        colours = ["reason", "objection"] if key == "mixed" else [key]
        p.setPen(QPen(S.colour("#8C8C8C"), 1))
        p.setBrush(QBrush(S.colour("#FFFFFF")))
        p.drawRoundedRect(QRectF(x + 20, y, 40, 18), 3, 3)
        p.setPen(Qt.NoPen)
        for i, role in enumerate(colours):
            p.setBrush(QBrush(S.colour(S.ROLE_COLOURS[role])))
            p.drawRect(QRectF(x + 20, y + 18 * i / len(colours), 5, 18 / len(colours)))
    elif what == "kind":
        paint_kind_marker(p, key, QRectF(x + 25, y + 3, 11, 11))
    elif what == "label":
        paint_label_badge(p, key, QPointF(x + 60, y + 1))


def paint_legend(p: QPainter, top_left: QPointF, use: LegendUse | None = None) -> QRectF:
    """Paint the legend box at *top_left* (only the relations, stripes, kinds and labels of
    *use*; without it everything but labels); returns the rectangle used."""
    box = QRectF(top_left.x(), top_left.y(), PANEL_W, legend_height(use))
    _panel(p, box)
    x, y = box.left() + 12, box.top() + 8
    _heading(p, "Legend", x, y)
    y += 26
    line = S.metrics("text").lineSpacing()
    for what, key, lines, indent in _plan(use):
        _sample(p, what, key, x, y)
        for k, text in enumerate(lines):
            _word(p, text, x + indent, y + k * line)
        y += _row_height(lines)
    return box


def paint_ranking(p: QPainter, top_left: QPointF, ranking, caption: str | None = None) -> QRectF:
    """Paint the strategy ranking [(title, strength)] as labelled bars, under a *caption*
    that says which semantics and whose values it shows. Long titles wrap over lines."""
    box = QRectF(top_left.x(), top_left.y(), PANEL_W, ranking_height(ranking, caption))
    _panel(p, box)
    x, y = box.left() + 12, box.top() + 8
    _heading(p, "Ranking", x, y)
    y += 26
    head, rows = _ranking_lines(ranking, caption)
    line = S.metrics("text").lineSpacing()
    for text in head:
        _word(p, text, x, y)
        y += ROW
    for lines, (_title, strength) in zip(rows, ranking):
        for k, text in enumerate(lines):
            _word(p, text, x, y + k * line)
        paint_strength_bar(p, QRectF(x + 156, y + 3, 70, 10), float(strength))
        _word(p, f"{float(strength):.2f}", x + 230, y)
        y += ROW + line * (len(lines) - 1)
    return box


def _panel(p: QPainter, box: QRectF) -> None:
    p.setPen(QPen(S.colour("#B0B0B0"), 1))
    p.setBrush(QBrush(S.colour("#FFFFFF")))
    p.drawRoundedRect(box, 6, 6)
