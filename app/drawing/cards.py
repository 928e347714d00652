"""A card's measure: its size and wrapped lines, with any font metrics (Qt's on the canvas,
the Qt-free table's in the SVG export; the two agree, see tests/render/test_font_table.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import palette as P
from .wrapping import elide as _plain_elide
from .wrapping import wrap_text


@dataclass
class CardMetrics:
    """A measured card: its size and the wrapped lines to draw."""

    width: float
    height: float
    title_lines: list[str]
    text_lines: list[str]
    lod_lines: dict[int, list[str]] = field(default_factory=dict)   # titles-only, by font px

    @property
    def size(self) -> tuple[float, float]:
        return (self.width, self.height)


AUTHORS = "added by the map's author"
SHORT_AUTHORS = "map's author"          # where a card has no room for AUTHORS


def provenance(source_ref: str, anchored: bool = False) -> str:
    """What a card says of where it comes from, in the words the slides use: its source
    reference ("key point 7") when it restates the source, "from the source" when it is
    anchored to a passage, else that the map's author added it.

    >>> provenance("key point 7"), provenance("", anchored=True), provenance("  ")
    ('key point 7', 'from the source', "added by the map's author")
    """
    ref = " ".join(source_ref.split())
    if ref:
        return ref
    return "from the source" if anchored else AUTHORS


def body_top() -> float:
    """Where a card's title starts below its top edge."""
    return P.PAD / 2 + P.HEADER_H


def measure_with(title: str, text: str, wrap_width: float, tm, xm,
                 elide=_plain_elide) -> CardMetrics:
    """Wrap *title* (title metrics *tm*) and *text* (text metrics *xm*) to *wrap_width*
    pixels and return the card's size."""
    wrap_width = max(80.0, float(wrap_width))
    title_lines = wrap_text(title or "(untitled)", tm, wrap_width, P.MAX_TITLE_LINES, True, elide)
    text_lines = wrap_text(text, xm, wrap_width, P.MAX_TEXT_LINES, True, elide) \
        if text.strip() else []
    widest = max([tm.horizontalAdvance(t) for t in title_lines]
                 + [xm.horizontalAdvance(t) for t in text_lines] + [0.0])
    width = max(P.MIN_CARD_W, min(wrap_width, widest) + 2 * P.PAD + 4)
    height = body_top() + len(title_lines) * tm.lineSpacing()
    if text_lines:
        height += 4 + len(text_lines) * xm.lineSpacing()
    height += P.FOOTER_H + P.PAD / 2
    return CardMetrics(float(round(width)), float(round(height)), title_lines, text_lines)


def measure_card(title: str, text: str, wrap_width: float) -> CardMetrics:
    """A card measured with the Qt-free font table."""
    from .fontmetrics import metrics
    return measure_with(title, text, wrap_width, metrics("title"), metrics("text"))
