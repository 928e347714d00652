"""Greedy word wrapping of plain text with font metrics.

>>> from app.render.wrap import split_words
>>> split_words("a  b\\nc")
[['a', 'b'], ['c']]
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetricsF

ELLIPSIS = "\u2026"


def split_words(text: str) -> list[list[str]]:
    """Paragraphs (split at newlines) as lists of words."""
    return [para.split() for para in text.strip().splitlines()]


def elide(text: str, fm: QFontMetricsF, width: float) -> str:
    """*text* shortened with an ellipsis to fit *width*."""
    return fm.elidedText(text, Qt.ElideRight, width)


def _break_word(word: str, fm: QFontMetricsF, width: float) -> list[str]:
    """Split one over-long word into pieces that fit *width*."""
    pieces, cur = [], ""
    for ch in word:
        if cur and fm.horizontalAdvance(cur + ch) > width:
            pieces.append(cur)
            cur = ""
        cur += ch
    return pieces + [cur] if cur else pieces


def wrap_text(text: str, fm: QFontMetricsF, width: float, max_lines: int,
              break_words: bool = True) -> list[str]:
    """Lines of *text* no wider than *width*; at most *max_lines*, the last elided if cut.
    A word wider than *width* is split across lines, or elided if not *break_words*."""
    lines: list[str] = []
    for words in split_words(text):
        whole = " ".join(words)
        if fm.horizontalAdvance(whole) <= width:    # the whole paragraph fits: one line (as
            lines.append(whole)                     # the greedy pass below would make it)
            if len(lines) > max_lines:
                break
            continue
        cur = ""
        for word in words:
            cand = f"{cur} {word}" if cur else word
            if fm.horizontalAdvance(cand) <= width:
                cur = cand
                continue
            if cur:
                lines.append(cur)
            if fm.horizontalAdvance(word) <= width:
                cur = word
            elif break_words:
                *full, cur = _break_word(word, fm, width)
                lines.extend(full)
            else:
                cur = elide(word, fm, width)
            if len(lines) > max_lines:
                break
        lines.append(cur)
        if len(lines) > max_lines:
            break
    lines = [ln for ln in lines if ln] or [""]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1] + " " + ELLIPSIS
        if fm.horizontalAdvance(last) > width:
            last = elide(lines[-1], fm, width - fm.horizontalAdvance(ELLIPSIS)).rstrip(ELLIPSIS) + ELLIPSIS
        lines[-1] = last
    return lines
