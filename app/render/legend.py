"""The legend (what colours, line styles and shapes mean) and the ranking panel for exports.

It explains the map as the canvas draws it: relations carry the roles (a support makes its
source a reason for the card it points to, an attack an objection); a card names its kind in
its header, with where it comes from; its left stripe says what it does to the cards it points
to (two colours when it supports some and attacks others); acceptability labels, when shown,
are explained together with what they are not. Only what the picture uses is listed.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QPainter, QPainterPath, QPen

from . import style as S
from .cards import paint_kind_marker, paint_label_badge, paint_strength_bar
from .edges import edge_pen, paint_glyph
from .wrap import wrap_text

PANEL_W = 300.0
ROW = 22.0
KEY_W = 72.0             # the drawn sample at the left of a row; its words start after it
_RELATIONS = [("support", "supports: a reason for the card it points to (+, solid)"),
              ("attack", "attacks: an objection to the card it points to (\u2212, dashed)"),
              ("answer", "answers a question"), ("relates", "relates to")]
_STRIPES = [("reason", "supports every card it points to"),
            ("objection", "attacks every card it points to"),
            ("rebuttal", "attacks an objection (a rebuttal)"),
            ("mixed", "two colours: supports some cards and attacks others")]
STRIPE_HEAD = "Left stripe \u2014 what a card does to the cards it points to:"
KIND_HEAD = "Kind, named in each card's header:"
SOURCE_NOTE = ("Top right of a card, in italics: where it comes from (\u201ckey point 7\u201d, "
               "\u201cfrom the source\u201d or \u201cadded by the map's author\u201d).")
WEIGHT_NOTE = "Line width shows a relation's weight."
# what each acceptability label means (the canvas's key and hover texts say the same)
LABEL_MEANINGS = [("in", "every card attacking it is out (or none does)"),
                  ("out", "a card attacking it is in"),
                  ("undec", "undecided: a cycle of attacks")]
LABELS_HEAD = "Acceptability labels (grounded, attacks only):"
LABELS_NOTE = ("They ignore supports, weights and base scores: a label is not the strength, "
               "and a strong card can be OUT.")
_ROLES = [r for r, _ in _STRIPES]


@dataclass(frozen=True)
class LegendUse:
    """What a picture shows, so its legend explains only that: relations, card stripes
    (roles of cards by their relations, 'mixed' for both), kinds and acceptability labels
    (the defaults: everything but labels, which appear only when a picture shows them)."""

    relations: frozenset = frozenset(r for r, _ in _RELATIONS)
    roles: frozenset = frozenset(_ROLES)
    kinds: frozenset = frozenset(S.KIND_MARKS)
    labels: frozenset = frozenset()

    @classmethod
    def of(cls, amap, node_ids, edges, roles, labels=None) -> "LegendUse":
        """What the cards *node_ids* (with their stripe *roles* and acceptability *labels*,
        if shown) and the relations *edges* use."""
        node_ids = list(node_ids)
        shown = frozenset((labels or {}).get(n) for n in node_ids) - {None}
        return cls(frozenset(e.relation for e in edges),
                   frozenset(roles.get(n) for n in node_ids) - {"", None},
                   frozenset(amap.nodes[n].kind for n in node_ids), shown)

    def rows(self):
        """(relations, stripes, kinds, labels) to list, in the legend's own order."""
        return ([(r, w) for r, w in _RELATIONS if r in self.relations],
                [(r, w) for r, w in _STRIPES if r in self.roles],
                [k for k in S.KIND_MARKS if k in self.kinds],
                [(lab, w) for lab, w in LABEL_MEANINGS if lab in self.labels])


def _lines(text: str, indent: float) -> list[str]:
    return wrap_text(text, S.metrics("text"), PANEL_W - 24 - indent, 6)


def _plan(use: LegendUse | None):
    """The legend's rows top down: (sample kind, key, text lines, indent)."""
    relations, stripes, kinds, labels = (use or LegendUse()).rows()
    plan = [("relation", r, _lines(w, KEY_W), KEY_W) for r, w in relations]
    if relations:
        plan.append(("note", "", _lines(WEIGHT_NOTE, 0), 0))
    if stripes:
        plan.append(("note", "", _lines(STRIPE_HEAD, 0), 0))
        plan += [("stripe", r, _lines(w, KEY_W), KEY_W) for r, w in stripes]
    if kinds:
        plan.append(("note", "", _lines(KIND_HEAD, 0), 0))
        plan += [("kind", k, [k], KEY_W) for k in kinds]
        plan.append(("note", "", _lines(SOURCE_NOTE, 0), 0))
    if labels:
        plan.append(("note", "", _lines(LABELS_HEAD, 0), 0))
        plan += [("label", lab, _lines(w, KEY_W), KEY_W) for lab, w in labels]
        plan.append(("note", "", _lines(LABELS_NOTE, 0), 0))
    return plan


def _row_height(lines) -> float:
    return ROW + S.metrics("text").lineSpacing() * (len(lines) - 1)


def legend_height(use: LegendUse | None = None) -> float:
    return 30 + sum(_row_height(lines) for _, _, lines, _ in _plan(use)) + 10


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
