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

__all__ = ["ELLIPSIS", "elide", "split_words", "wrap_text"]


def elide(text: str, fm: QFontMetricsF, width: float) -> str:
    """*text* shortened with an ellipsis to fit *width*."""
    return fm.elidedText(text, Qt.ElideRight, width)


def wrap_text(text: str, fm: QFontMetricsF, width: float, max_lines: int,
              break_words: bool = True) -> list[str]:
    """Lines of *text* no wider than *width*; at most *max_lines*, the last elided if cut.
    A word wider than *width* is split across lines, or elided if not *break_words*."""
    return wrapping.wrap_text(text, fm, width, max_lines, break_words, elide)
