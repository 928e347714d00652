"""Slides a room can read: a title slide with the ranking, then one slide per strategy with
its reasons and objections as large cards, the way presentation mode shows a step.

Every slide is drawn on a 1600 × 900 canvas (16:9) with QPainter only, so the same drawing
serves PDF pages and PNG files (``export_slides``). All user text is drawn as plain text,
wrapped, never cut mid-word unless one word is wider than its card.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen

from . import style as S
from .wrap import wrap_text

W, H = 1600.0, 900.0
MARGIN = 60.0
BACKGROUND = "#F7F5F0"
ROLE = {"support": ("Reason", S.BLUE), "attack": ("Objection", S.VERMILLION),
        "answer": ("Answer", S.GREY)}
FOCUS = S.ORANGE
MAX_CARD_H = 240.0   # px: the tallest a reason's or objection's card gets
MAX_RANKED = 8       # strategies on one title slide (large enough type); more continue on the next
MAX_CARDS = 12       # reasons and objections on one slide; more continue on the next


@dataclass
class Item:
    """One card on a slide: a role word and its colour, a title, an optional statement and
    the strength line."""
    role: str
    colour: str
    title: str
    strength: str
    text: str = ""
    origin: str = ""      # provenance: "key point 7", "added by the map's author" or ""


@dataclass
class Slide:
    """A title slide (``ranking`` set) or a strategy slide (``focus`` and ``cards``)."""
    heading: str
    caption: str
    ranking: list[tuple[str, float | None]] = field(default_factory=list)
    first: int = 1              # the rank of the ranking's first row (a continued ranking)
    focus: Item | None = None
    cards: list[Item] = field(default_factory=list)


def _strength(value: float | None) -> str:
    return "strength not settled" if value is None else f"strength {value:.2f}"


AUTHOR = "added by the map's author"
SHORT_AUTHOR = "map's author"        # where a narrow card has no room for AUTHOR


def provenance(amap, node) -> str:
    """Where *node* comes from, for a slide: its source reference ("key point 7"), "from the
    source" when it is only anchored to a passage, "added by the map's author" when the map
    cites sources but not for this card, '' when the map cites none at all."""
    ref = " ".join((node.source_ref or "").split())
    if ref:
        return ref
    if node.anchor:
        return "from the source"
    cites = amap.meta.get("sources") or any(n.source_ref.strip() or n.anchor for n in amap.nodes.values())
    return AUTHOR if cites else ""


def plan_slides(amap, ranking, strengths, caption: str) -> list[Slide]:
    """The deck: a title slide with *ranking* [(id, title, strength or None)], then one slide
    per strategy in that order with the cards that support, attack or answer it (notes and
    "relates" links left out; more than MAX_CARDS continue on another slide). *caption*
    names the semantics and whose values."""
    title = amap.meta.get("title") or "Argument map"
    rows = [(t, s) for _, t, s in ranking]
    parts = [rows[i:i + MAX_RANKED] for i in range(0, len(rows), MAX_RANKED)] or [[]]
    slides = [Slide(title, f"Ranking \u2014 {caption}"
                    + (f" (continued, {k + 1} of {len(parts)})" if k else ""), part, first=1 + k * MAX_RANKED)
              for k, part in enumerate(parts)]
    for rank, (sid, stitle, value) in enumerate(ranking, 1):
        node = amap.nodes[sid]
        focus = Item(f"Strategy \u00b7 rank {rank} of {len(ranking)}", FOCUS, stitle,
                     _strength(value), node.text if node.text != node.label else "",
                     provenance(amap, node))
        edges = [e for e in amap.incoming(sid)
                 if e.relation in ROLE and amap.nodes[e.source].kind != "note"]
        edges.sort(key=lambda e: (e.relation != "support", e.relation,
                                  -(strengths.get(e.source) or 0.0), amap.nodes[e.source].label))
        cards = [Item(ROLE[e.relation][0], ROLE[e.relation][1], amap.nodes[e.source].label,
                      _strength(strengths.get(e.source)), origin=provenance(amap, amap.nodes[e.source]))
                 for e in edges]
        parts = [cards[i:i + MAX_CARDS] for i in range(0, len(cards), MAX_CARDS)] or [[]]
        for k, part in enumerate(parts):
            shown = focus if k == 0 else replace(focus, role=f"{focus.role} (continued, {k + 1} of {len(parts)})")
            slides.append(Slide(stitle, caption, focus=shown, cards=part))
    return slides


def _font(px: float, bold: bool = False) -> QFont:
    f = QFont(S.FONT_FAMILY)
    f.setStyleHint(QFont.SansSerif)
    f.setPixelSize(max(8, int(px)))
    f.setBold(bold)
    return f


def _lines(p: QPainter, lines, font: QFont, colour: str, x: float, y: float) -> float:
    """Draw *lines* from the top at (x, y); returns the y below them."""
    fm = QFontMetricsF(font)
    p.setFont(font)
    p.setPen(QColor(colour))
    for line in lines:
        p.drawText(x, y + fm.ascent(), line)
        y += fm.lineSpacing()
    return y


def paint_slide(p: QPainter, slide: Slide, number: int, total: int) -> None:
    """Paint *slide* on the 1600 × 900 canvas (the painter already scaled to the page)."""
    p.save()
    p.setRenderHint(QPainter.Antialiasing, True)
    p.setRenderHint(QPainter.TextAntialiasing, True)
    p.fillRect(QRectF(0, 0, W, H), QColor(BACKGROUND))
    _lines(p, [f"{number} / {total}"], _font(18), S.GREY, W - MARGIN - 60, H - MARGIN + 16)
    if slide.focus is None:
        _paint_title_slide(p, slide)
    else:
        _paint_strategy_slide(p, slide)
    p.restore()


def _paint_title_slide(p: QPainter, slide: Slide) -> None:
    width = W - 2 * MARGIN
    heading = wrap_text(slide.heading, QFontMetricsF(_font(56, True)), width, 2)
    y = _lines(p, heading, _font(56, True), S.INK, MARGIN, MARGIN + 20) + 16
    y = _lines(p, wrap_text(slide.caption, QFontMetricsF(_font(28)), width, 2),
               _font(28), S.SOFT_INK, MARGIN, y) + 36
    if not slide.ranking:
        _lines(p, wrap_text("No strategies to rank yet: mark a card as a strategy to rank it.",
                            QFontMetricsF(_font(28)), width, 2), _font(28), S.SOFT_INK, MARGIN, y)
        return
    rows = slide.ranking
    title_w, bar_x = width * 0.58, MARGIN + width * 0.62
    px, wrapped, row_gap = _ranking_font(rows, title_w, H - MARGIN - 30 - y, slide.first)
    fm = QFontMetricsF(_font(px, True))
    for i, ((title, value), lines) in enumerate(zip(rows, wrapped), slide.first):
        _lines(p, lines, _font(px, True), S.INK, MARGIN, y)
        if value is not None:
            bar = QRectF(bar_x, y + 4, width * 0.28, px * 0.8)
            p.fillRect(bar, QColor("#E4E1DA"))
            p.fillRect(QRectF(bar.left(), bar.top(), bar.width() * max(0.0, min(1.0, value)),
                              bar.height()), QColor(FOCUS if i == 1 else S.BLUE))
            _lines(p, [f"{value:.2f}"], _font(px), S.INK, bar.right() + 16, y)
        else:
            _lines(p, ["not settled"], _font(px), S.VERMILLION, bar_x, y)
        y += len(lines) * fm.lineSpacing() + row_gap


def _ranking_font(rows, width: float, room: float, first: int = 1):
    """(px, wrapped titles, gap between rows): the largest title size from 34 px down to
    16 px at which every ranked title fits whole; at 16 px the longest are cut."""
    for px in range(34, 15, -2):
        fm = QFontMetricsF(_font(px, True))
        wrapped = [wrap_text(f"{i}. {title}", fm, width, 12) for i, (title, _) in enumerate(rows, first)]
        gap = px * 1.2
        need = sum(len(w) for w in wrapped) * fm.lineSpacing() + gap * len(rows)
        if need <= room and not any(w[-1].endswith("\u2026") for w in wrapped):
            return px, wrapped, gap
    fm = QFontMetricsF(_font(16, True))
    per = max(1, int(room / max(1, len(rows)) // fm.lineSpacing()) - 1)
    return 16, [wrap_text(f"{i}. {t}", fm, width, per) for i, (t, _) in enumerate(rows, first)], 8.0


def _paint_strategy_slide(p: QPainter, slide: Slide) -> None:
    _lines(p, [slide.caption], _font(20), S.GREY, MARGIN, MARGIN - 36)
    top, width = MARGIN, W - 2 * MARGIN
    focus_h = _card_height(slide.focus, width - 40)
    _paint_card(p, slide.focus, QRectF(MARGIN, top, width, focus_h), big=True)
    cards = slide.cards
    area = QRectF(MARGIN, top + focus_h + 28, width, H - MARGIN - 20 - (top + focus_h + 28))
    if not cards:
        _lines(p, ["Nothing supports or attacks this strategy yet."], _font(28), S.SOFT_INK,
               area.left(), area.top() + 20)
        return
    cols = 2 if len(cards) <= 4 else 3 if len(cards) <= 9 else 4
    rows = math.ceil(len(cards) / cols)
    gap = 18.0
    cw, ch = (area.width() - gap * (cols - 1)) / cols, (area.height() - gap * (rows - 1)) / rows
    ch = min(ch, MAX_CARD_H)         # a few cards stay card-shaped instead of filling the slide
    for n, item in enumerate(cards):
        r, c = divmod(n, cols)
        _paint_card(p, item, QRectF(area.left() + c * (cw + gap), area.top() + r * (ch + gap), cw, ch))


FOCUS_TITLE = (40, 34, 28)       # the strategy's title: the largest size that fits 2 lines
CARD_TITLE = (28, 24, 21, 18, 16)  # a card's title: the largest size whose lines fit the card
FOCUS_TEXT_LINES = 3
FOCUS_TITLE_ROOM = 3             # lines of 40 px: two at 40 px, or up to four at 28 px for a long title


def _fit(text: str, sizes, width: float, room: float, max_lines: int = 12):
    """(font, lines) of *text* at the largest of *sizes* (px) whose wrapped lines fit *room*
    px high and *width* wide uncut; else the smallest size, cut to what fits."""
    for px in sizes:
        font = _font(px, True)
        fm = QFontMetricsF(font)
        lines = wrap_text(text, fm, width, max_lines)
        if len(lines) * fm.lineSpacing() <= room and not lines[-1].endswith("\u2026"):
            return font, lines
    font = _font(sizes[-1], True)
    fm = QFontMetricsF(font)
    return font, wrap_text(text, fm, width, max(1, int(room // fm.lineSpacing())))


def _origin(p: QPainter, item: Item, inner: QRectF, role_font: QFont) -> None:
    """The card's provenance, right-aligned on its role line in grey italics (shortened with
    an ellipsis only where a long source reference meets the role word)."""
    if not item.origin:
        return
    font = _font(role_font.pixelSize() * 0.85)
    font.setItalic(True)
    fm = QFontMetricsF(font)
    room = inner.width() - QFontMetricsF(role_font).horizontalAdvance(item.role) - 16
    text = item.origin
    if text == AUTHOR and fm.horizontalAdvance(text) > room:
        text = SHORT_AUTHOR
    if room < fm.horizontalAdvance("key point 00"):
        return
    text = fm.elidedText(text, Qt.ElideRight, room)
    _lines(p, [text], font, S.SOFT_INK, inner.right() - fm.horizontalAdvance(text), inner.top())


def _card_height(item: Item, width: float) -> float:
    """The strategy's card: role line, title (two lines at 40 px, up to four smaller), statement,
    strength line."""
    room = FOCUS_TITLE_ROOM * QFontMetricsF(_font(40, True)).lineSpacing()
    font, lines = _fit(item.title, FOCUS_TITLE, width, room)
    h = 12 + QFontMetricsF(_font(20, True)).lineSpacing() + 2
    h += len(lines) * QFontMetricsF(font).lineSpacing()
    if item.text:
        text_fm = QFontMetricsF(_font(24))
        h += len(wrap_text(item.text, text_fm, width, FOCUS_TEXT_LINES)) * text_fm.lineSpacing()
    return h + QFontMetricsF(_font(20)).lineSpacing() + 22


def _paint_card(p: QPainter, item: Item, rect: QRectF, big: bool = False) -> None:
    """A white rounded card with a coloured border: role word, title, statement, strength."""
    p.setPen(QPen(QColor(item.colour), 4 if big else 3))
    p.setBrush(QBrush(QColor("white")))
    p.drawRoundedRect(rect.adjusted(2, 2, -2, -2), 12, 12)
    inner = rect.adjusted(20, 12, -20, -10)
    scale = 1.0 if big else max(0.6, min(1.0, rect.height() / 170.0))
    role_f, small_f = _font(20 * scale, True), _font(20 * scale)
    small_h = QFontMetricsF(small_f).lineSpacing()
    y = _lines(p, [item.role], role_f, item.colour, inner.left(), inner.top()) + 2
    _origin(p, item, inner, role_f)
    room = inner.bottom() - y - small_h - 4
    text_f = _font(24)
    text_lines = wrap_text(item.text, QFontMetricsF(text_f), inner.width(), FOCUS_TEXT_LINES) \
        if item.text else []
    room -= len(text_lines) * QFontMetricsF(text_f).lineSpacing()
    title_f, title = _fit(item.title, FOCUS_TITLE if big else CARD_TITLE, inner.width(), room)
    y = _lines(p, title, title_f, S.INK, inner.left(), y)
    if text_lines:
        _lines(p, text_lines, text_f, "#2E2E2E", inner.left(), y)
    _lines(p, [item.strength], small_f, S.SOFT_INK, inner.left(), inner.bottom() - small_h)
