"""Greedy word wrapping of plain text with any font metrics that answer
``horizontalAdvance`` (Qt's ``QFontMetricsF`` or the Qt-free ``FontMetrics``).

>>> from app.drawing.wrapping import split_words
>>> split_words("a  b\\nc")
[['a', 'b'], ['c']]
"""

from __future__ import annotations

from typing import Callable

ELLIPSIS = "\u2026"


def split_words(text: str) -> list[list[str]]:
    """Paragraphs (split at newlines) as lists of words."""
    return [para.split() for para in text.strip().splitlines()]


def elide(text: str, fm, width: float) -> str:
    """*text* shortened with an ellipsis to fit *width* (Qt-free metrics)."""
    return fm.elidedText(text, None, width)


def _break_word(word: str, fm, width: float) -> list[str]:
    """Split one over-long word into pieces that fit *width*."""
    pieces, cur = [], ""
    for ch in word:
        if cur and fm.horizontalAdvance(cur + ch) > width:
            pieces.append(cur)
            cur = ""
        cur += ch
    return pieces + [cur] if cur else pieces


def wrap_text(text: str, fm, width: float, max_lines: int, break_words: bool = True,
              elide: Callable[[str, object, float], str] = elide) -> list[str]:
    """Lines of *text* no wider than *width*; at most *max_lines*, the last elided if cut.
    A word wider than *width* is split across lines, or elided if not *break_words*."""
    lines: list[str] = []
    adv = fm.horizontalAdvance
    joined = getattr(fm, "advance_joined", None)     # Qt-free metrics: a line grows cheaply
    for words in split_words(text):
        whole = " ".join(words)
        if adv(whole) <= width:                     # the whole paragraph fits: one line (as
            lines.append(whole)                     # the greedy pass below would make it)
            if len(lines) > max_lines:
                break
            continue
        cur, cur_w = "", 0.0
        for word in words:
            if cur:
                cand = f"{cur} {word}"
                cand_w = joined(cur, cur_w, " " + word) if joined else adv(cand)
            else:
                cand, cand_w = word, adv(word)
            if cand_w <= width:
                cur, cur_w = cand, cand_w
                continue
            if cur:
                lines.append(cur)
            cur_w = adv(word)
            if cur_w <= width:
                cur = word
            else:
                if break_words:
                    *full, cur = _break_word(word, fm, width)
                    lines.extend(full)
                else:
                    cur = elide(word, fm, width)
                cur_w = adv(cur)
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
