"""The card fonts' metrics without Qt, from the table Qt measured (``fonttable``).

A :class:`FontMetrics` answers the questions of Qt's ``QFontMetricsF`` that card measuring
and wrapping ask (same names, so the one wrapping function serves both): the advance of a
string is the sum of its characters' advances plus the kerning (or ligature) correction of
each neighbouring pair (and of an f's ligature with what follows), as Qt measured them on DejaVu Sans. A character outside the table
counts as wide as a CJK ideograph when it is one, nothing when it combines with the one
before, and as an "o" otherwise.

>>> fm = metrics("text")
>>> fm.horizontalAdvance("AV") < fm.horizontalAdvance("A") + fm.horizontalAdvance("V")
True
>>> fm.elidedText("a long sentence", None, fm.horizontalAdvance("a long\u2026"))
'a long\u2026'
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from itertools import repeat
from operator import add

from .fonttable import CHARS, FAMILY, FONTS

UNIT = 64.0
ELLIPSIS = "\u2026"


class FontMetrics:
    """Metrics of one card font ('title', 'text', 'small' or 'small_italic')."""

    def __init__(self, role: str) -> None:
        t = FONTS[role]
        self.role, self.family = role, FAMILY
        self.px, self.bold, self.italic = t["px"], t["bold"], t["italic"]
        self._adv = dict(zip(CHARS, t["advances"]))
        self._pairs, self._triples = t["pairs"], t["triples"]
        self._wide, self._other = t["fallback"], self._adv["o"]
        self._ascent, self._descent = t["ascent"] / UNIT, t["descent"] / UNIT
        self._line, self._height = t["line"] / UNIT, t["height"] / UNIT

    def ascent(self) -> float:
        return self._ascent

    def descent(self) -> float:
        return self._descent

    def lineSpacing(self) -> float:  # noqa: N802  (Qt's name: the two kinds are interchangeable)
        return self._line

    def height(self) -> float:
        return self._height

    def _unknown(self, ch: str) -> int:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            return 0
        return self._wide if unicodedata.east_asian_width(ch) in ("W", "F") else self._other

    def horizontalAdvance(self, text: str) -> float:  # noqa: N802
        """The width of *text* in pixels."""
        adv = self._adv
        try:
            total = sum(map(adv.__getitem__, text))
        except KeyError:
            total = sum(adv[c] if c in adv else self._unknown(c) for c in text)
        if len(text) > 1:
            total += sum(map(self._pairs.get, map(add, text, text[1:]), repeat(0)))
            if "f" in text:
                tri = self._triples.get
                total += sum(tri(text[i:i + 3], 0) for i in range(len(text) - 2)
                             if text[i] == "f")
        return total / UNIT

    def advance_joined(self, left: str, left_width: float, right: str) -> float:
        """The width of *left* + *right* given *left*'s (what wrapping asks over and over:
        a line so far and the next word)."""
        w = left_width + self.horizontalAdvance(right)
        if left and right:
            corr = self._pairs.get(left[-1] + right[0], 0)
            if left[-1] == "f":
                corr += self._triples.get(left[-1] + right[:2], 0)
            if len(left) > 1 and left[-2] == "f":
                corr += self._triples.get(left[-2:] + right[0], 0)
            w += corr / UNIT
        return w

    def elidedText(self, text: str, _mode, width: float) -> str:  # noqa: N802
        """*text* if it fits *width*, else its longest start that fits with an ellipsis."""
        if self.horizontalAdvance(text) <= width:
            return text
        lo, hi = 0, len(text)
        while lo < hi:                                  # the longest prefix that fits
            mid = (lo + hi + 1) // 2
            if self.horizontalAdvance(text[:mid] + ELLIPSIS) <= width:
                lo = mid
            else:
                hi = mid - 1
        return text[:lo] + ELLIPSIS if lo or self.horizontalAdvance(ELLIPSIS) <= width else ""


@lru_cache(maxsize=None)
def metrics(role: str) -> FontMetrics:
    """The metrics of card font *role* ('title', 'text', 'small', 'small_italic')."""
    return FontMetrics(role)
