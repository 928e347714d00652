"""Measuring and painting one node card (shared by the canvas and the exports).

A card is painted centred on (0, 0): the caller translates the painter to the card's centre.
All user text is drawn with ``QPainter.drawText`` on plain strings, never as rich text.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QFont, QFontMetricsF, QPainter, QPainterPath, QPen, QPolygonF

from ..drawing.cards import AUTHORS, SHORT_AUTHORS, CardMetrics, body_top, measure_with, provenance
from . import style as S
from .presence_marks import paint_presence
from .wrap import ELLIPSIS, QuickMetrics, elide, wrap_text


@dataclass
class CardState:
    """What a card shows besides its node: role, selection, weighing overlay, badges."""

    role: str = ""
    selected: bool = False
    highlighted: bool = False
    strength: float | None = None
    label: str | None = None
    spread: float | None = None
    hidden_count: int = 0
    show_handle: bool = False
    flash: bool = False
    source: str = ""        # where the card comes from: its source_ref, or "" (the author's)
    dimmed: bool = False    # another card is selected and this one is not related to it
    marked: bool = False    # the card a keyboard connection starts from (a dashed ring)
    presence: tuple = ()    # live session: (initial, colour) of each person on this card


SHOWN_DECIMALS = 2


def shown(value: float | None) -> float | None:
    """A score, strength or spread as a card shows it: to two decimals, in its number and
    its bar alike (a change smaller than that shows nothing, so it repaints nothing)."""
    return None if value is None else round(value, SHOWN_DECIMALS)


def measure_card(title: str, text: str, wrap_width: float) -> CardMetrics:
    """Wrap *title* and *text* to *wrap_width* pixels and return the card's size."""
    return measure_with(title, text, wrap_width, _quick("title"), _quick("text"), elide)


@lru_cache(maxsize=None)
def _quick(role: str) -> QuickMetrics:
    return QuickMetrics(S.metrics(role))


def _body_top() -> float:
    return body_top()


def card_rect(m: CardMetrics) -> QRectF:
    """The card's rectangle centred on (0, 0)."""
    return QRectF(-m.width / 2, -m.height / 2, m.width, m.height)


def handle_centre(m: CardMetrics) -> QPointF:
    """Centre of the connect handle (top edge, centre) relative to the card centre."""
    return QPointF(0.0, -m.height / 2)


def paint_card(p: QPainter, kind: str, base_score: float, m: CardMetrics, st: CardState,
               lod: float = 1.0) -> None:
    """Paint a card centred on (0, 0) at level of detail *lod* (the view's scale); a
    dimmed card is drawn faint."""
    if not st.dimmed:
        return _paint_card(p, kind, base_score, m, st, lod)
    p.save()
    p.setOpacity(p.opacity() * DIM_OPACITY)
    try:
        _paint_card(p, kind, base_score, m, st, lod)
    finally:
        p.restore()


DIM_OPACITY = 0.3


def _paint_card(p: QPainter, kind: str, base_score: float, m: CardMetrics, st: CardState,
                lod: float) -> None:
    rect = card_rect(m)
    _paint_frame(p, kind, rect, st, lod)
    if lod < S.LOD_TITLE:
        return paint_presence(p, rect, st.presence, lod)
    _paint_rest(p, kind, base_score, m, st, lod, rect)
    paint_presence(p, rect, st.presence, lod)


def _paint_rest(p: QPainter, kind: str, base_score: float, m: CardMetrics, st: CardState,
                lod: float, rect: QRectF) -> None:
    if lod < S.LOD_FULL:
        _paint_lod_title(p, m, rect, lod)
        if st.label:
            _paint_compact_badge(p, m, st.label, lod)
        return
    _paint_header(p, kind, rect, st)
    _paint_body(p, m, rect)
    _paint_footer(p, kind, base_score, rect, st)
    if st.hidden_count:
        _paint_hidden_badge(p, rect, st.hidden_count)
    if st.show_handle:
        _paint_handle(p, m)


def _paint_frame(p: QPainter, kind: str, rect: QRectF, st: CardState, lod: float) -> None:
    role_col = S.colour(S.ROLE_COLOURS.get(st.role, S.ROLE_COLOURS[""]))
    if st.selected or st.highlighted or st.flash:
        halo = S.SELECTION if st.selected else S.FIND_HIGHLIGHT
        p.setPen(QPen(S.colour(halo), 6))
        p.setBrush(Qt.NoBrush)
        p.drawRoundedRect(rect.adjusted(-3, -3, 3, 3), S.RADIUS + 2, S.RADIUS + 2)
    if st.marked:
        ring = QPen(S.colour(S.MARK), 3, Qt.DashLine)
        p.setPen(ring)
        p.setBrush(Qt.NoBrush)
        p.drawRoundedRect(rect.adjusted(-4, -4, 4, 4), S.RADIUS + 3, S.RADIUS + 3)
    border = 2.5 if kind == "strategy" else 1.5
    line = role_col if st.role and st.role != "mixed" else S.colour("#8C8C8C")
    p.setBrush(QBrush(S.colour(S.KIND_FILLS.get(kind, "#FFFFFF"))))
    if lod < S.LOD_TITLE:        # far out: a one-pixel outline so boxes stay visible
        p.setPen(QPen(line, 0))
        p.drawRect(rect)
    else:
        p.setPen(QPen(line, border))
        p.drawRoundedRect(rect, S.RADIUS, S.RADIUS)
    if st.role:
        _paint_stripe(p, rect, st.role)


def _paint_stripe(p: QPainter, rect: QRectF, role: str) -> None:
    """The left stripe: what the card does to the cards it bears on (blue: supports,
    vermillion: attacks, orange: rebuts; a card doing both gets both colours)."""
    p.setPen(Qt.NoPen)
    top, h = rect.top() + S.RADIUS, rect.height() - 2 * S.RADIUS
    colours = [S.ROLE_COLOURS["reason"], S.ROLE_COLOURS["objection"]] if role == "mixed" \
        else [S.ROLE_COLOURS.get(role, S.ROLE_COLOURS[""])]
    for i, col in enumerate(colours):
        p.setBrush(QBrush(S.colour(col)))
        p.drawRect(QRectF(rect.left(), top + h * i / len(colours), 5, h / len(colours)))


LOD_PAD = 6.0     # inner padding of a titles-only card (its title gets all the room)


def overview_title(m: CardMetrics, lod: float) -> tuple[int, list[str]]:
    """Font size (scene px) and lines of a titles-only card seen at scale *lod*: the title
    at OVERVIEW_PX screen pixels (smaller sizes tried until the whole title fits the card),
    wrapped to the card's width, as many lines as its height holds."""
    room_w, room_h = m.width - 2 * LOD_PAD, m.height - 4
    title = " ".join(m.title_lines)
    px, lines = 0, [title]
    for screen in S.OVERVIEW_PX:
        px = max(S.TITLE_PX, round(screen / max(lod, 0.01)))
        if px not in m.lod_lines:
            fm = S.title_metrics(px)
            fit = max(1, int(room_h // fm.lineSpacing()))
            m.lod_lines[px] = wrap_text(title, fm, room_w, fit, break_words=False)
        lines = m.lod_lines[px]
        if not lines[-1].endswith(ELLIPSIS):
            break
    return px, lines


def _paint_lod_title(p: QPainter, m: CardMetrics, rect: QRectF, lod: float) -> None:
    px, lines = overview_title(m, lod)
    fm = S.title_metrics(px)
    p.setFont(S.title_font(px))
    p.setPen(S.colour(S.INK))
    y = rect.top() + 2 + (rect.height() - 4 - len(lines) * fm.lineSpacing()) / 2 + fm.ascent()
    for line in lines:
        p.drawText(QPointF(rect.left() + LOD_PAD, y), line)
        y += fm.lineSpacing()


def _paint_header(p: QPainter, kind: str, rect: QRectF, st: CardState) -> None:
    sm = S.metrics("small")
    top = rect.top() + S.PAD / 2
    x = rect.left() + S.PAD + 2
    paint_kind_marker(p, kind, QRectF(x, top + 3, 10, 10))
    p.setFont(S.font("small"))
    p.setPen(S.colour(S.SOFT_INK))
    base = top + 4 + sm.ascent()
    p.drawText(QPointF(x + 15, base), kind)
    right = rect.right() - S.PAD
    if st.label:
        right -= paint_label_badge(p, st.label, _badge_corner(rect)) + 6
    if st.source:
        room = right - (x + 15 + sm.horizontalAdvance(kind) + 10)
        _paint_source(p, st.source, right, base, room)


def _paint_source(p: QPainter, source: str, right: float, base: float, room: float) -> None:
    """Where the card comes from, right-aligned in the header (italic; an author's
    addition in a lighter grey than a restatement of the source)."""
    if room < 30:
        return
    f = QFont(S.font("small"))
    f.setItalic(True)
    fm = QFontMetricsF(f)
    short = SHORT_AUTHORS if source == AUTHORS and fm.horizontalAdvance(source) > room else source
    text = fm.elidedText(short, Qt.ElideRight, room)
    p.setFont(f)
    p.setPen(S.colour(S.GREY if source == AUTHORS else S.INK))
    p.drawText(QPointF(right - fm.horizontalAdvance(text), base), text)


def paint_kind_marker(p: QPainter, kind: str, box: QRectF) -> None:
    """The small shape that marks a node kind (claim square, strategy diamond, ...)."""
    col = S.colour(S.KIND_MARKS.get(kind, S.GREY))
    p.setPen(QPen(col, 1.5))
    p.setBrush(QBrush(col))
    c = box.center()
    if kind == "strategy":
        p.drawPolygon(QPolygonF([QPointF(c.x(), box.top()), QPointF(box.right(), c.y()),
                                 QPointF(c.x(), box.bottom()), QPointF(box.left(), c.y())]))
    elif kind == "question":
        p.drawEllipse(box)
    elif kind == "evidence":
        p.drawPolygon(QPolygonF([QPointF(c.x(), box.top()), QPointF(box.right(), box.bottom()),
                                 QPointF(box.left(), box.bottom())]))
    elif kind == "note":
        p.setBrush(Qt.NoBrush)
        p.drawRect(box.adjusted(1, 1, -1, -1))
    else:
        p.drawRoundedRect(box.adjusted(1, 1, -1, -1), 2, 2)


def _badge_box(label: str, top_right: QPointF) -> QRectF:
    sm = S.metrics("small")
    w = sm.horizontalAdvance(S.LABEL_WORDS.get(label, label.upper())) + 8
    return QRectF(top_right.x() - w, top_right.y(), w, sm.height() + 2)


def _badge_corner(rect: QRectF) -> QPointF:
    return QPointF(rect.right() - S.PAD, rect.top() + S.PAD / 2 + 1)


def label_badge_rect(m: CardMetrics, label: str, lod: float = 1.0) -> QRectF:
    """Where a card centred on (0, 0) seen at scale *lod* shows its acceptability badge (for
    hovering it): in its header at full detail, astride its top edge when titles only."""
    if S.LOD_TITLE <= lod < S.LOD_FULL:
        return _compact_box(m, label, lod)
    return _badge_box(label, _badge_corner(card_rect(m)))


def _compact_box(m: CardMetrics, label: str, lod: float) -> QRectF:
    """A titles-only card's badge: as large on screen as at full detail, on the top edge near
    the right corner, mostly above it, so it hides none of the title drawn large inside."""
    k = 1.0 / max(lod, S.LOD_TITLE)
    box = _badge_box(label, QPointF(0, 0))
    rect = card_rect(m)
    w, h = box.width() * k, box.height() * k
    return QRectF(rect.right() - S.PAD * k - w, rect.top() - h * BADGE_ABOVE, w, h)


BADGE_ABOVE = 0.8      # the part of a titles-only card's badge above its top edge


def badge_reach() -> float:
    """How far above a card's top edge its titles-only badge can reach (for bounds)."""
    return (S.metrics("small").height() + 2) * BADGE_ABOVE / S.LOD_TITLE + 2


def _paint_compact_badge(p: QPainter, m: CardMetrics, label: str, lod: float) -> None:
    box = _compact_box(m, label, lod)
    k = 1.0 / max(lod, S.LOD_TITLE)
    p.save()
    p.translate(box.topRight())
    p.scale(k, k)
    p.setPen(QPen(S.colour("#FFFFFF"), 1.5))
    p.setBrush(Qt.NoBrush)
    p.drawRoundedRect(_badge_box(label, QPointF(0, 0)).adjusted(-1, -1, 1, 1), 4, 4)
    paint_label_badge(p, label, QPointF(0, 0))
    p.restore()


def paint_label_badge(p: QPainter, label: str, top_right: QPointF) -> float:
    """A grounded-extension label (in/out/undec) as a small coloured badge; its width."""
    word = S.LABEL_WORDS.get(label, label.upper())
    sm = S.metrics("small")
    box = _badge_box(label, top_right)
    w = box.width()
    p.setPen(Qt.NoPen)
    p.setBrush(QBrush(S.colour(S.LABEL_COLOURS.get(label, S.GREY))))
    p.drawRoundedRect(box, 3, 3)
    p.setPen(S.colour("#FFFFFF"))
    p.setFont(S.font("small"))
    p.drawText(QPointF(box.left() + 4, box.top() + 1 + sm.ascent()), word)
    return w


def _paint_body(p: QPainter, m: CardMetrics, rect: QRectF) -> None:
    tm, xm = S.metrics("title"), S.metrics("text")
    x = rect.left() + S.PAD + 2
    y = rect.top() + _body_top()
    p.setFont(S.font("title"))
    p.setPen(S.colour(S.INK))
    for line in m.title_lines:
        p.drawText(QPointF(x, y + tm.ascent()), line)
        y += tm.lineSpacing()
    if m.text_lines:
        y += 4
        p.setFont(S.font("text"))
        p.setPen(S.colour(S.SOFT_INK))
        for line in m.text_lines:
            p.drawText(QPointF(x, y + xm.ascent()), line)
            y += xm.lineSpacing()


def _paint_footer(p: QPainter, kind: str, base: float, rect: QRectF, st: CardState) -> None:
    sm = S.metrics("small")
    y0 = rect.bottom() - S.FOOTER_H - S.PAD / 2 + 4
    x = rect.left() + S.PAD + 2
    p.setFont(S.font("small"))
    p.setPen(S.colour(S.SOFT_INK))
    if kind != "note":
        p.drawText(QPointF(x, y0 + sm.ascent() + 2), f"base {base:.2f}")
    if st.strength is None:
        return
    bar = QRectF(x + 62, y0 + 3, rect.width() - 62 - 2 * S.PAD - 38, 9)
    paint_strength_bar(p, bar, st.strength, st.spread)
    p.setFont(S.font("small"))
    p.setPen(S.colour(S.INK))
    p.drawText(QPointF(bar.right() + 5, y0 + sm.ascent() + 2), f"{st.strength:.2f}")


def paint_strength_bar(p: QPainter, bar: QRectF, value: float, spread: float | None = None) -> None:
    """A horizontal bar filled to *value* in [0, 1]; *spread* draws an IQR whisker under it."""
    v = max(0.0, min(1.0, value))
    p.setPen(QPen(S.colour("#8C8C8C"), 0.8))
    p.setBrush(QBrush(S.colour("#FFFFFF")))
    p.drawRect(bar)
    p.setPen(Qt.NoPen)
    p.setBrush(QBrush(S.colour(S.SOFT_INK)))
    p.drawRect(QRectF(bar.left(), bar.top(), bar.width() * v, bar.height()))
    if spread:
        half = max(0.0, min(1.0, spread)) / 2
        lo, hi = max(0.0, v - half), min(1.0, v + half)
        y = bar.bottom() + 3
        p.setPen(QPen(S.colour(S.INK), 1.2))
        xl, xh = bar.left() + bar.width() * lo, bar.left() + bar.width() * hi
        p.drawLine(QPointF(xl, y), QPointF(xh, y))
        p.drawLine(QPointF(xl, y - 2), QPointF(xl, y + 2))
        p.drawLine(QPointF(xh, y - 2), QPointF(xh, y + 2))


def _paint_hidden_badge(p: QPainter, rect: QRectF, count: int) -> None:
    sm = S.metrics("small")
    word = f"+{count} hidden"
    w = sm.horizontalAdvance(word) + 10
    box = QRectF(-w / 2, rect.bottom() - 2, w, sm.height() + 4)
    p.setPen(QPen(S.colour(S.SOFT_INK), 1))
    p.setBrush(QBrush(S.colour("#FFFFFF")))
    p.drawRoundedRect(box, 7, 7)
    p.setFont(S.font("small"))
    p.setPen(S.colour(S.INK))
    p.drawText(QPointF(box.left() + 5, box.top() + 2 + sm.ascent()), word)


def _paint_handle(p: QPainter, m: CardMetrics) -> None:
    c = handle_centre(m)
    p.setPen(QPen(S.colour(S.INK), 1.2))
    p.setBrush(QBrush(S.colour(S.SKY)))
    p.drawEllipse(c, S.HANDLE_R, S.HANDLE_R)


def card_path(m: CardMetrics) -> QPainterPath:
    """The card's outline (for hit testing)."""
    path = QPainterPath()
    path.addRoundedRect(card_rect(m), S.RADIUS, S.RADIUS)
    return path


__all__ = ["CardMetrics", "CardState", "provenance", "shown", "measure_card", "paint_card", "card_rect", "card_path",
           "handle_centre", "paint_kind_marker", "badge_reach", "paint_label_badge", "paint_strength_bar", "elide"]
