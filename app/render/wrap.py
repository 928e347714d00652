"""Greedy word wrapping of plain text with Qt's font metrics (the wrapping itself is
``app.drawing.wrapping``'s, shared with the Qt-free SVG export).

>>> from app.render.wrap import split_words
>>> split_words("a  b\\nc")
[['a', 'b'], ['c']]
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetricsF

from ..drawing import wrapping
from ..drawing.wrapping import ELLIPSIS, split_words

__all__ = ["ELLIPSIS", "QuickMetrics", "elide", "split_words", "wrap_text"]


def elide(text: str, fm: QFontMetricsF, width: float) -> str:
    """*text* shortened with an ellipsis to fit *width*."""
    return fm.elidedText(text, Qt.ElideRight, width)


def wrap_text(text: str, fm: QFontMetricsF, width: float, max_lines: int,
              break_words: bool = True) -> list[str]:
    """Lines of *text* no wider than *width*; at most *max_lines*, the last elided if cut.
    A word wider than *width* is split across lines, or elided if not *break_words*."""
    return wrapping.wrap_text(text, fm, width, max_lines, break_words, elide)


class QuickMetrics:
    """Qt's metrics of one font for wrapping many texts: the width of each short piece (a
    word, a space and a word) is asked of Qt once and remembered, and a line grows word by
    word as the sum of its pieces (a space sits between them: no kerning across it), where
    asking Qt for every longer candidate line made 13 calls a card, 130,000 for a map of
    10,000 cards. The lines are Qt's own for these fonts (a test holds them equal)."""

    SHORT = 40              # longer texts are asked of Qt each time (lines are seldom repeated)
    LIMIT = 200_000         # remembered pieces at most

    def __init__(self, fm: QFontMetricsF) -> None:
        self.fm = fm
        self.widths: dict[str, float] = {}
        self.lineSpacing, self.elidedText, self.height = fm.lineSpacing, fm.elidedText, fm.height

    def horizontalAdvance(self, text: str) -> float:
        w = self.widths.get(text)
        if w is None:
            w = self.fm.horizontalAdvance(text)
            if len(text) <= self.SHORT and len(self.widths) < self.LIMIT:
                self.widths[text] = w
        return w

    def advance_joined(self, left: str, left_width: float, right: str) -> float:
        """The width of *left* + *right* (*right* begins with a space) given *left*'s."""
        return left_width + self.horizontalAdvance(right)
