"""Edge routes, arrowheads and the +/− glyphs (shared by the canvas and the exports).

An edge leaves the side of its source card that faces the target and enters the facing side
of the target (normally the source's top and the target's bottom, because reasons sit below
their conclusions), as a cubic curve; an edge with waypoints (from the router in
``app.layout.routing``) goes through them as a chain of cubics, vertical where it passes a
row of cards, so edges go around cards rather than through them.
Support and attack differ by colour, line style (solid/dashed) and glyph (+/−).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QPainter, QPainterPath, QPen, QPolygonF

from . import style as S

ARROW_LEN = 11.0
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


def _attach(src: QRectF, tgt: QRectF) -> tuple[QPointF, QPointF, tuple[float, float]]:
    """Start on *src*, tip on *tgt* and the unit direction leaving the source."""
    sc, tc = src.center(), tgt.center()
    spread = lambda own, other, w: own + max(-w / 3, min(w / 3, (other - own) * 0.25))
    if src.top() >= tgt.bottom() + 8:          # the usual case: reason below its conclusion
        return (QPointF(spread(sc.x(), tc.x(), src.width()), src.top()),
                QPointF(spread(tc.x(), sc.x(), tgt.width()), tgt.bottom()), (0.0, -1.0))
    if src.bottom() <= tgt.top() - 8:
        return (QPointF(spread(sc.x(), tc.x(), src.width()), src.bottom()),
                QPointF(spread(tc.x(), sc.x(), tgt.width()), tgt.top()), (0.0, 1.0))
    if sc.x() <= tc.x():
        return QPointF(src.right(), sc.y()), QPointF(tgt.left(), tc.y()), (1.0, 0.0)
    return QPointF(src.left(), sc.y()), QPointF(tgt.right(), tc.y()), (-1.0, 0.0)


def route_edge(src: QRectF, tgt: QRectF, waypoints=()) -> EdgeGeometry:
    """The curve from card rectangle *src* to card rectangle *tgt* (scene coordinates),
    through *waypoints* ((x, y) pairs, see :func:`app.layout.routing.route_edges`)."""
    if waypoints:
        return _route_through(src, tgt, [QPointF(x, y) for x, y in waypoints])
    start, tip, (dx, dy) = _attach(src, tgt)
    end = QPointF(tip.x() - dx * ARROW_LEN * 0.8, tip.y() - dy * ARROW_LEN * 0.8)
    dist = abs(end.y() - start.y()) if dy else abs(end.x() - start.x())
    bend = max(24.0, dist * 0.45)
    path = QPainterPath(start)
    path.cubicTo(QPointF(start.x() + dx * bend, start.y() + dy * bend),
                 QPointF(end.x() - dx * bend, end.y() - dy * bend), end)
    return EdgeGeometry(path, tip, (dx, dy), path.pointAtPercent(0.5))


def _spread_x(card: QRectF, other: float) -> float:
    c, w = card.center().x(), card.width()
    return c + max(-w / 3, min(w / 3, (other - c) * 0.25))


def _on_side(card: QRectF, p: QPointF) -> tuple[float, float] | None:
    """(0, -1) or (0, 1) if *p* lies on the card's top or bottom side, else None."""
    if card.left() - 1 <= p.x() <= card.right() + 1:
        if abs(p.y() - card.top()) <= 2:
            return (0.0, -1.0)
        if abs(p.y() - card.bottom()) <= 2:
            return (0.0, 1.0)
    return None


def _port(card: QRectF, toward: QPointF) -> tuple[QPointF, tuple[float, float]]:
    """The point of *card*'s side facing *toward* and the outward unit normal there."""
    if toward.y() <= card.top():
        return QPointF(_spread_x(card, toward.x()), card.top()), (0.0, -1.0)
    if toward.y() >= card.bottom():
        return QPointF(_spread_x(card, toward.x()), card.bottom()), (0.0, 1.0)
    if toward.x() >= card.center().x():
        return QPointF(card.right(), card.center().y()), (1.0, 0.0)
    return QPointF(card.left(), card.center().y()), (-1.0, 0.0)


def _end_point(card: QRectF, pts: list[QPointF], last: bool) -> tuple[QPointF, tuple[float, float]]:
    """Attach point on *card* next to the first (or last) waypoint, which is used up if
    it already lies on the card's side; the direction points away from the card."""
    i = -1 if last else 0
    side = _on_side(card, pts[i])
    if side is not None:
        return pts.pop(i), side
    return _port(card, pts[i])


def _tangent(prev: QPointF, p: QPointF, nxt: QPointF) -> tuple[float, float]:
    """Vertical where the route passes a band, horizontal at a turning point."""
    if (prev.y() - p.y()) * (nxt.y() - p.y()) < 0:
        return (0.0, 1.0 if nxt.y() > prev.y() else -1.0)
    return (1.0 if nxt.x() >= prev.x() else -1.0, 0.0)


def _reach(t: tuple[float, float], a: QPointF, b: QPointF) -> float:
    """Control-point distance along tangent *t* that keeps the curve inside a-b's box."""
    span = abs(b.y() - a.y()) if t[1] else abs(b.x() - a.x())
    return max(span * 0.5, 4.0)


def _route_through(src: QRectF, tgt: QRectF, pts: list[QPointF]) -> EdgeGeometry:
    start, (sx, sy) = _end_point(src, pts, last=False)
    if pts:
        tip, (ox, oy) = _end_point(tgt, pts, last=True)
    else:
        tip, (ox, oy) = _port(tgt, start)
    dx, dy = -ox, -oy                     # the arrow points into the target
    end = QPointF(tip.x() - dx * ARROW_LEN * 0.8, tip.y() - dy * ARROW_LEN * 0.8)
    seq = [start, *pts, end]
    tangents = [(sx, sy)] + [_tangent(seq[i - 1], seq[i], seq[i + 1])
                             for i in range(1, len(seq) - 1)] + [(dx, dy)]
    path = QPainterPath(start)
    for i in range(len(seq) - 1):
        a, b, ta, tb = seq[i], seq[i + 1], tangents[i], tangents[i + 1]
        da, db = _reach(ta, a, b), _reach(tb, a, b)
        path.cubicTo(QPointF(a.x() + ta[0] * da, a.y() + ta[1] * da),
                     QPointF(b.x() - tb[0] * db, b.y() - tb[1] * db), b)
    return EdgeGeometry(path, tip, (dx, dy), path.pointAtPercent(0.5))


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
               *, lod: float = 1.0, selected: bool = False) -> None:
    """Paint a routed edge with its arrowhead, glyph and label at level of detail *lod*."""
    pen = edge_pen(relation, weight, selected)
    if selected:
        halo = QPen(S.colour(S.SELECTION), pen.widthF() + 6)
        p.setBrush(Qt.NoBrush)
        p.setPen(halo)
        p.drawPath(geom.path)
    p.setPen(pen)
    p.setBrush(Qt.NoBrush)
    p.drawPath(geom.path)
    if lod < S.LOD_TITLE:
        return
    _paint_arrowhead(p, geom, pen)
    if lod < S.LOD_FULL:
        return
    if relation in S.RELATION_GLYPHS:
        paint_glyph(p, relation, geom.mid)
    text = label or S.RELATION_WORDS.get(relation, "")
    if text:
        _paint_label(p, text, geom.mid)


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
