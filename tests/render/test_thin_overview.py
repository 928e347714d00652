"""A relation drawn with a cap on its width (the canvas's overview of a big map) is at most
that many pixels wide on screen, its arrowhead unchanged; without the cap it is as wide as
its weight makes it."""

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from app.render.edges import paint_edge, route_edge


def _drawn(max_px, lod=0.5):
    """The picture of a strong support going straight down, at zoom *lod*."""
    img = QImage(400, 400, QImage.Format_RGB32)
    img.fill(QColor("white"))
    geom = route_edge(QRectF(300, 600, 160, 60), QRectF(300, 0, 160, 60))
    p = QPainter(img)
    p.setRenderHint(QPainter.Antialiasing)
    p.scale(lod, lod)
    paint_edge(p, "support", 1.0, "", geom, lod=lod, max_px=max_px)
    p.end()
    return img, geom


def _ink(img, y: int) -> float:
    """How much row *y* is darkened, in pixels of full ink (a line's width on screen)."""
    return sum(255 - QColor(img.pixel(x, y)).red() for x in range(img.width())) / 255


def test_a_capped_relation_is_one_pixel_wide_and_keeps_its_arrowhead(qapp):
    wide, geom = _drawn(None)
    thin, _ = _drawn(1.0)
    mid = int(geom.path.pointAtPercent(0.5).y() * 0.5) - 12   # on the line, above the glyph
    assert _ink(wide, mid) > 1.8 and 0.5 < _ink(thin, mid) < 1.1
    tip = int(geom.tip.y() * 0.5) + 3                           # the arrowhead, near its tip
    assert _ink(thin, tip) == _ink(wide, tip) > 0
    assert _drawn(1.0, lod=1.0)[0] != _drawn(None, lod=1.0)[0]  # at 100 % the cap applies too
