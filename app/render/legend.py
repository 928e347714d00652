"""The legend (what colours, line styles and shapes mean) and the ranking panel for exports."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QPainter, QPainterPath, QPen

from . import style as S
from .cards import paint_kind_marker, paint_strength_bar
from .edges import edge_pen, paint_glyph
from .wrap import wrap_text

PANEL_W = 280.0
ROW = 22.0
_RELATIONS = [("support", "supports (+, solid)"), ("attack", "attacks (\u2212, dashed)"),
              ("answer", "answers a question"), ("relates", "relates to")]
_ROLES = [("reason", "reason"), ("objection", "objection"), ("rebuttal", "rebuttal")]


@dataclass(frozen=True)
class LegendUse:
    """What a picture shows, so its legend explains only that: relations, card roles and
    kinds (None: everything)."""

    relations: frozenset = frozenset(r for r, _ in _RELATIONS)
    roles: frozenset = frozenset(r for r, _ in _ROLES)
    kinds: frozenset = frozenset(S.KIND_MARKS)

    @classmethod
    def of(cls, amap, node_ids, edges, roles) -> "LegendUse":
        """What the cards *node_ids* (with their *roles*) and the relations *edges* use."""
        return cls(frozenset(e.relation for e in edges),
                   frozenset(roles.get(n) for n in node_ids) - {"", None},
                   frozenset(amap.nodes[n].kind for n in node_ids))

    def rows(self):
        """(relations, roles, kinds) to list, in the legend's own order."""
        return ([(r, w) for r, w in _RELATIONS if r in self.relations],
                [(r, w) for r, w in _ROLES if r in self.roles],
                [k for k in S.KIND_MARKS if k in self.kinds])


def legend_height(use: LegendUse | None = None) -> float:
    relations, roles, kinds = (use or LegendUse()).rows()
    weight_line = 1 if relations else 0
    return 30 + ROW * (len(relations) + len(roles) + len(kinds) + weight_line) + 10


def _heading(p: QPainter, text: str, x: float, y: float) -> None:
    p.setFont(S.font("title"))
    p.setPen(S.colour(S.INK))
    p.drawText(QPointF(x, y + S.metrics("title").ascent()), text)


def _word(p: QPainter, text: str, x: float, y: float) -> None:
    p.setFont(S.font("text"))
    p.setPen(S.colour(S.INK))
    p.drawText(QPointF(x, y + S.metrics("text").ascent()), text)


def paint_legend(p: QPainter, top_left: QPointF, use: LegendUse | None = None) -> QRectF:
    """Paint the legend box at *top_left* (only the relations, roles and kinds of *use*, all of
    them without it); returns the rectangle used."""
    relations, roles, kinds = (use or LegendUse()).rows()
    box = QRectF(top_left.x(), top_left.y(), PANEL_W, legend_height(use))
    _panel(p, box)
    x, y = box.left() + 12, box.top() + 8
    _heading(p, "Legend", x, y)
    y += 26
    for rel, words in relations:
        path = QPainterPath(QPointF(x, y + 8))
        path.lineTo(QPointF(x + 60, y + 8))
        p.setPen(edge_pen(rel, 0.6))
        p.setBrush(Qt.NoBrush)
        p.drawPath(path)
        if rel in S.RELATION_GLYPHS:
            paint_glyph(p, rel, QPointF(x + 30, y + 8))
        _word(p, words, x + 72, y)
        y += ROW
    for role, words in roles:
        p.setPen(Qt.NoPen)
        p.setBrush(QBrush(S.colour(S.ROLE_COLOURS[role])))
        p.drawRect(QRectF(x, y + 2, 60, 12))
        _word(p, f"{words} (card stripe)", x + 72, y)
        y += ROW
    for kind in kinds:
        paint_kind_marker(p, kind, QRectF(x + 25, y + 3, 11, 11))
        _word(p, kind, x + 72, y)
        y += ROW
    if relations:
        _word(p, "line width shows a relation's weight", x, y)
    return box


TITLE_W = 150.0          # the ranking's title column; longer titles wrap, never cut
MAX_TITLE_LINES = 60      # about 1,200 characters: only an absurd title is ever cut


def _ranking_lines(ranking, caption: str | None):
    """The caption's lines and each ranked title's lines, wrapped to the panel."""
    fm = S.metrics("text")
    head = wrap_text(caption, fm, PANEL_W - 24, 4) if caption else []
    rows = [wrap_text(f"{i}. {title}", fm, TITLE_W, MAX_TITLE_LINES)
            for i, (title, _strength) in enumerate(ranking, 1)]
    return head, rows


def ranking_height(ranking, caption: str | None = None) -> float:
    head, rows = _ranking_lines(ranking, caption)
    line = S.metrics("text").lineSpacing()
    return 30 + ROW * len(head) + sum(ROW + line * (len(r) - 1) for r in rows) + 10


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
