"""Qt's fonts, metrics and colours for the canvas and the image exports; the colours,
sizes and font names themselves are ``app.drawing.palette``'s (Qt-free, shared with the
SVG export).
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtGui import QColor, QFont, QFontMetricsF

from ..drawing.palette import *  # noqa: F401,F403  (the one set of colours and sizes)
from ..drawing.palette import FONT_FAMILY, SMALL_PX, TEXT_PX, TITLE_PX


@lru_cache(maxsize=None)
def font(role: str) -> QFont:
    """The font for 'title', 'text' or 'small' (pixel sized)."""
    f = QFont(FONT_FAMILY)
    f.setStyleHint(QFont.SansSerif)
    f.setPixelSize({"title": TITLE_PX, "text": TEXT_PX, "small": SMALL_PX, "lod": 28}[role])
    f.setBold(role in ("title", "lod"))
    return f


@lru_cache(maxsize=256)
def title_font(px: int) -> QFont:
    """A bold title font of *px* pixels (the titles-only cards of far zoom levels)."""
    f = QFont(font("title"))
    f.setPixelSize(max(1, int(px)))
    return f


@lru_cache(maxsize=256)
def title_metrics(px: int) -> QFontMetricsF:
    return QFontMetricsF(title_font(px))


@lru_cache(maxsize=None)
def metrics(role: str) -> QFontMetricsF:
    """Font metrics of :func:`font` *role* (needs a QGuiApplication)."""
    return QFontMetricsF(font(role))


@lru_cache(maxsize=None)
def colour(name: str) -> QColor:
    """A cached QColor for '#rrggbb'."""
    return QColor(name)
