"""Edge routes, arrowheads and the +/− glyphs (shared by the canvas and the exports).

An edge leaves the side of its source card that faces the target and enters the facing side
of the target (normally the source's top and the target's bottom, because reasons sit below
their conclusions), as a cubic curve; an edge with waypoints (from the router in
``app.layout.routing``) goes through them as a chain of cubics, vertical where it passes a
row of cards, so edges go around cards rather than through them.  Its ends are the ports
given by ``app.layout.ports`` (spread along the card sides, so that the arrowheads of the
relations entering one card stay apart).
Support and attack differ by colour, line style (solid/dashed) and glyph (+/−).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QPainter, QPainterPath, QPen, QPolygonF

from ..drawing.curves import ARROW_LEN, curve_points
from . import style as S

GLYPH_R = 7.5


@dataclass
class EdgeGeometry:
    """A routed edge: the curve, its tip on the target card, and the glyph spot."""

    path: QPainterPath
    tip: QPointF
    direction: tuple[float, float]   # unit vector of the arrow at the tip
    mid: QPointF

    def bounds(self) -> QRectF:
        r = self.path.boundingRect()
        return r.united(QRectF(self.tip, self.tip)).adjusted(-14, -14, 14, 14)


def _rect(r: QRectF) -> tuple[float, float, float, float]:
    return (r.left(), r.top(), r.width(), r.height())


def route_edge(src: QRectF, tgt: QRectF, waypoints=(), ports=None) -> EdgeGeometry:
    """The curve from card rectangle *src* to card rectangle *tgt* (scene coordinates),
    through *waypoints* ((x, y) pairs, see :func:`app.layout.routing.route_edges`), from
    and to *ports* ((x, y, side) of each end, see :func:`app.layout.ports.assign_ports`;
    the middles of the facing sides when None). The control points are
    :func:`app.drawing.curves.curve_points`'s, which the SVG export draws too."""
    return _geometry(*curve_points(_rect(src), _rect(tgt), waypoints, ports))


def geometry_of(curve) -> EdgeGeometry:
    """The EdgeGeometry of a routed :class:`app.drawing.curves.Curve`."""
    return _geometry(curve.start, curve.segments, curve.tip, curve.direction)


def _geometry(start, segments, tip, direction) -> EdgeGeometry:
    path = QPainterPath(QPointF(*start))
    for c1, c2, end in segments:
        path.cubicTo(QPointF(*c1), QPointF(*c2), QPointF(*end))
    return EdgeGeometry(path, QPointF(*tip), direction, path.pointAtPercent(0.5))


def edge_pen(relation: str, weight: float, selected: bool = False) -> QPen:
    """Pen of a relation: colour and width by kind and weight, dashed for attacks."""
    if relation in ("support", "attack"):
        pen = QPen(S.colour(S.RELATION_COLOURS[relation]), S.edge_width(weight))
        if relation == "attack":
            pen.setDashPattern([4.0, 2.5])
    else:
        pen = QPen(S.colour(S.GREY), 1.0)
        if relation == "relates":
            pen.setDashPattern([1.5, 2.5])
    if selected:
        pen.setWidthF(pen.widthF() + 1.5)
    pen.setCapStyle(Qt.FlatCap)
    return pen


def paint_edge(p: QPainter, relation: str, weight: float, label: str, geom: EdgeGeometry,
               *, lod: float = 1.0, selected: bool = False, emphasis: str = "",
               role: str = "", max_px: float | None = None) -> None:
    """Paint a routed edge with its arrowhead, glyph and label at level of detail *lod*;
    *emphasis* "dim" draws it faint, "lit" (a relation of the selected card) a little
    bolder and with its *role* word ("reason", "objection", "rebuttal") beside the glyph.
    *max_px* caps the line's width on screen (device pixels; its arrowhead keeps its size)."""
    if emphasis == "dim":
        p.save()
        p.setOpacity(p.opacity() * DIM_OPACITY)
        try:
            _paint_edge(p, relation, weight, label, geom, lod, selected, False, max_px)
        finally:
            p.restore()
        return
    text = " \u00b7 ".join(t for t in (role, label) if t) if emphasis == "lit" else label
    _paint_edge(p, relation, weight, text, geom, lod, selected, emphasis == "lit", max_px)


DIM_OPACITY = 0.22


def _paint_edge(p: QPainter, relation: str, weight: float, label: str, geom: EdgeGeometry,
                lod: float, selected: bool, bold: bool, max_px: float | None = None) -> None:
    pen = edge_pen(relation, weight, selected)
    if bold:
        pen.setWidthF(pen.widthF() + 1.0)
    if selected:
        halo = QPen(S.colour(S.SELECTION), pen.widthF() + 6)
        p.setBrush(Qt.NoBrush)
        p.setPen(halo)
        p.drawPath(geom.path)
    line = pen
    if max_px is not None and pen.widthF() * lod > max_px:
        line = QPen(pen)
        line.setWidthF(max_px * 0.999 / lod)    # (at most: Qt's quick stroker takes it)
    p.setPen(line)
    p.setBrush(Qt.NoBrush)
    p.drawPath(geom.path)
    if lod < S.LOD_TITLE:
        return
    _paint_arrowhead(p, geom, pen)
    if lod < S.OVERVIEW_ZOOM:
        return
    if relation in S.RELATION_GLYPHS:
        paint_glyph(p, relation, geom.mid)
    if lod < S.LOD_FULL:
        return
    text = label or S.RELATION_WORDS.get(relation, "")
    if text:
        _paint_label(p, text, geom.mid)


def arrowhead_width(weight: float) -> float:
    """How wide the arrowhead of a support or attack of *weight* is drawn (its base)."""
    return (ARROW_LEN + S.edge_width(weight)) * 0.9


def _paint_arrowhead(p: QPainter, geom: EdgeGeometry, pen: QPen) -> None:
    dx, dy = geom.direction
    size = ARROW_LEN + pen.widthF()
    half = size * 0.45
    tip = geom.tip
    base = QPointF(tip.x() - dx * size, tip.y() - dy * size)
    left = QPointF(base.x() - dy * half, base.y() + dx * half)
    right = QPointF(base.x() + dy * half, base.y() - dx * half)
    p.setPen(QPen(pen.color(), 1))
    p.setBrush(QBrush(pen.color()))
    p.drawPolygon(QPolygonF([tip, left, right]))


def paint_glyph(p: QPainter, relation: str, centre: QPointF) -> None:
    """The +/− glyph in a white circle, drawn as lines so it reads in any font."""
    col = S.colour(S.RELATION_COLOURS[relation])
    p.setPen(QPen(col, 1.5))
    p.setBrush(QBrush(S.colour("#FFFFFF")))
    p.drawEllipse(centre, GLYPH_R, GLYPH_R)
    p.setPen(QPen(col, 2.0, Qt.SolidLine, Qt.FlatCap))
    arm = GLYPH_R * 0.55
    p.drawLine(QPointF(centre.x() - arm, centre.y()), QPointF(centre.x() + arm, centre.y()))
    if relation == "support":
        p.drawLine(QPointF(centre.x(), centre.y() - arm), QPointF(centre.x(), centre.y() + arm))


def _paint_label(p: QPainter, text: str, mid: QPointF) -> None:
    sm = S.metrics("small")
    w = sm.horizontalAdvance(text)
    x = mid.x() + GLYPH_R + 4
    box = QRectF(x - 2, mid.y() - sm.height() / 2, w + 4, sm.height())
    p.setPen(Qt.NoPen)
    p.setBrush(QBrush(S.colour("#FFFFFF")))
    p.drawRect(box)
    p.setFont(S.font("small"))
    p.setPen(S.colour(S.SOFT_INK))
    p.drawText(QPointF(x, box.top() + sm.ascent()), text)


def distance(a: QPointF, b: QPointF) -> float:
    return math.hypot(a.x() - b.x(), a.y() - b.y())
