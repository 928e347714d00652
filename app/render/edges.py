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
from collections import OrderedDict
from dataclasses import dataclass, field
from functools import lru_cache

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import (QBrush, QColor, QPaintEngine, QPainter, QPainterPath, QPen, QPolygonF,
                           QTransform)

from ..drawing.curves import ARROW_LEN, curve_points
from . import style as S

GLYPH_R = 7.5


@dataclass
class EdgeGeometry:
    """A routed edge: the curve, its tip on the target card, and the glyph spot."""

    path: QPainterPath
    tip: QPointF
    direction: tuple[float, float]   # unit vector of the arrow at the tip
    # The glyph spot, half-way along (``mid``): found when first asked for. Qt measures the
    # whole chain for it, 16 us a relation, and a big map's relations are all given shapes
    # after it opens while few are ever drawn near enough to show a glyph.
    _mid: QPointF | None = field(default=None, repr=False, compare=False)
    # The curve as numbers: (start, ((c1, c2, end), ...)) of its cubics; () if not known.
    curve: tuple = field(default=(), repr=False, compare=False)
    # The curve flattened for one fineness: (fineness, points, {dashes: runs of pieces}).
    _flat: tuple = field(default=(0.0, (), None), repr=False, compare=False)
    _heads: dict = field(default_factory=dict, repr=False, compare=False)   # size: triangle
    _asked: float = field(default=0.0, repr=False, compare=False)   # pieces asked for (again_only)
    _boxes: tuple = field(default=(), repr=False, compare=False)   # the cubics' control boxes

    @property
    def mid(self) -> QPointF:
        if self._mid is None:
            self._mid = self.path.pointAtPercent(0.5)
        return self._mid

    def bounds(self) -> QRectF:
        r = self.path.boundingRect()
        return r.united(QRectF(self.tip, self.tip)).adjusted(-14, -14, 14, 14)

    def pieces(self, scale: float, dashes: tuple[float, ...] = (),
               within: QRectF | None = None, again_only: bool = False) -> list[QLineF] | None:
        """The curve as straight pieces, within a quarter of a device pixel of it when drawn
        at *scale* (device pixels per unit), and cut into dashes if *dashes* (on, off, ...
        lengths in units, starting with a dash, as Qt's dasher does); only the runs of
        pieces that come near *within* if given. Remembered for the last fineness asked
        for (a power of two: zooming within it reuses them). *again_only*: None the first
        time this fineness is asked for (the curve is not flattened then)."""
        if again_only:
            fine = _fineness(scale)
            if self._flat[0] != fine and self._asked != fine:
                self._asked = fine
                return None
        _, points, made = self._flatten(scale)
        runs = made.get(dashes)
        if runs is None:
            runs = made[dashes] = _runs(_dashed(points, dashes) if dashes else _solid(points))
        if within is not None and len(runs) > 1:
            runs = [run for run in runs if run[0].intersects(within)]
        for run in runs:
            if run[2] is None:          # made into QLineFs when first drawn
                run[2] = [QLineF(*p) for p in run[1]]
        return runs[0][2] if len(runs) == 1 else [line for run in runs for line in run[2]]

    def _flatten(self, scale: float) -> tuple:
        """(fineness, points, {dashes: runs}) for *scale*."""
        fine = _fineness(scale)
        if self._flat[0] != fine:
            if self.curve:
                points = _flat_cubics(*self.curve, 0.5 / fine)
            else:
                poly = self.path.toSubpathPolygons(QTransform.fromScale(fine, fine))
                points = [(q.x() / fine, q.y() / fine) for part in poly for q in part]
            self._flat = (fine, points, {})
            _keep(self)
        return self._flat

    def crosses(self, rect: QRectF, tol: float = 4.0, reach: float = 0.0) -> bool:
        """Whether the line itself passes over *rect* (or within *reach* of it), followed
        within *tol* units: each cubic whose control points' box meets it (the curve lies
        within them) is halved until its halves are that flat, only the halves whose boxes
        still meet it (a small rectangle costs a few halvings of one cubic). Made for this
        alone, so nothing cached for drawing changes."""
        box = (rect.left(), rect.top(), rect.right(), rect.bottom())
        if not self.curve:
            points = [(q.x(), q.y()) for part in self.path.toSubpathPolygons() for q in part]
            return any(_segment_near(a, b, box, reach) for a, b in zip(points, points[1:]))
        if not self._boxes:
            self._boxes = _control_boxes(*self.curve)
        left, top, right, bottom = box[0] - reach, box[1] - reach, box[2] + reach, box[3] + reach
        cubics = self.curve[1]
        for (l, t, r, b), first, boxes in self._boxes:
            if l <= right and r >= left and t <= bottom and b >= top:
                for i, (l, t, r, b) in enumerate(boxes, first):
                    if l <= right and r >= left and t <= bottom and b >= top:
                        start = cubics[i - 1][2] if i else self.curve[0]
                        if _cubic_meets(start, *cubics[i], box, reach, tol / 0.75, 24):
                            return True
        return False

    def forget_pieces(self) -> None:
        """Drop the flattened curve (made again when next drawn)."""
        self._flat, self._asked = (0.0, (), None), 0.0

    def passes_near(self, rects, reach: float) -> bool:
        """Whether the line comes within about *reach* of one of *rects*: the boxes of its
        runs of pieces, grown by *reach*, meet one (a box holds some room beside its line).
        Quick once the curve is cut into pieces (drawn again); before, Qt's test of the path
        against each rectangle grown by *reach* (flattening in Python only to ask where a
        relation is would cost more than Qt drawing it once)."""
        grown = [r.adjusted(-reach, -reach, reach, reach) for r in rects]
        made = self._flat[2]
        if not made:
            return any(self.path.intersects(r) for r in grown)
        runs = next(iter(made.values()))    # any dashes: their gaps are narrower than reach
        return any(box.intersects(r) for box, _pieces, _lines in runs for r in grown)


def _control_boxes(start, cubics, group: int = 8) -> tuple:
    """The box (left, top, right, bottom) of each cubic's control points (the cubic lies in
    it), in groups of *group* consecutive cubics: ((box around the group, index of its
    first cubic, (the cubics' boxes)), ...). A routed relation has dozens of cubics; a
    small rectangle meets few groups. (Made column by column: a relation coming into view
    is asked about at once, by the pointer left over the canvas.)"""
    x1 = [c[0][0] for c in cubics]
    y1 = [c[0][1] for c in cubics]
    x2 = [c[1][0] for c in cubics]
    y2 = [c[1][1] for c in cubics]
    x3 = [c[2][0] for c in cubics]
    y3 = [c[2][1] for c in cubics]
    x0, y0 = [start[0], *x3[:-1]], [start[1], *y3[:-1]]
    lefts, tops = list(map(min, x0, x1, x2, x3)), list(map(min, y0, y1, y2, y3))
    rights, bottoms = list(map(max, x0, x1, x2, x3)), list(map(max, y0, y1, y2, y3))
    boxes = tuple(zip(lefts, tops, rights, bottoms))
    return tuple(((min(lefts[i:i + group]), min(tops[i:i + group]), max(rights[i:i + group]),
                   max(bottoms[i:i + group])), i, boxes[i:i + group])
                 for i in range(0, len(boxes), group))


def _cubic_meets(p0, p1, p2, p3, box, reach: float, flat: float, depth: int) -> bool:
    """Whether the cubic p0..p3 comes within *reach* of *box* (left, top, right, bottom):
    not if its control points' box misses the box grown by *reach*; at once if an end is
    that near (a rubber band over much of a line); as its chord once its second differences
    are below *flat* (the chord is then within 3/4 of that of the curve, Wang's bound); else
    by its two halves."""
    left, top, right, bottom = box[0] - reach, box[1] - reach, box[2] + reach, box[3] + reach
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = p0, p1, p2, p3
    if (min(x0, x1, x2, x3) > right or max(x0, x1, x2, x3) < left
            or min(y0, y1, y2, y3) > bottom or max(y0, y1, y2, y3) < top):
        return False
    if _point_near(p0, box, reach) or _point_near(p3, box, reach):
        return True
    if depth == 0 or max(abs(x0 - 2 * x1 + x2) + abs(y0 - 2 * y1 + y2),
                         abs(x1 - 2 * x2 + x3) + abs(y1 - 2 * y2 + y3)) <= flat:
        return _segment_near(p0, p3, box, reach)
    # de Casteljau at one half
    ax, ay, bx, by, cx, cy = (x0 + x1) / 2, (y0 + y1) / 2, (x1 + x2) / 2, (y1 + y2) / 2, (x2 + x3) / 2, (y2 + y3) / 2
    dx, dy, ex, ey = (ax + bx) / 2, (ay + by) / 2, (bx + cx) / 2, (by + cy) / 2
    mid = ((dx + ex) / 2, (dy + ey) / 2)
    return (_cubic_meets(p0, (ax, ay), (dx, dy), mid, box, reach, flat, depth - 1)
            or _cubic_meets(mid, (ex, ey), (cx, cy), p3, box, reach, flat, depth - 1))


def _segment_near(a, b, box, reach: float) -> bool:
    """Whether the segment from *a* to *b* comes within *reach* of the box (left, top,
    right, bottom): it meets the box, or one of its ends is that near the box, or one of
    the box's corners is that near the segment."""
    if _segment_meets(a, b, box):
        return True
    if reach <= 0.0:
        return False
    if _point_near(a, box, reach) or _point_near(b, box, reach):
        return True
    left, top, right, bottom = box
    r2 = reach * reach
    (ax, ay), (bx, by) = a, b
    ux, uy = bx - ax, by - ay
    length2 = ux * ux + uy * uy
    if length2 == 0.0:
        return False
    for x, y in ((left, top), (right, top), (left, bottom), (right, bottom)):
        t = max(0.0, min(1.0, ((x - ax) * ux + (y - ay) * uy) / length2))
        dx, dy = ax + t * ux - x, ay + t * uy - y
        if dx * dx + dy * dy <= r2:
            return True
    return False


def _point_near(point, box, reach: float) -> bool:
    """Whether *point* lies within *reach* of the box (left, top, right, bottom)."""
    x, y = point
    dx = box[0] - x if x < box[0] else x - box[2] if x > box[2] else 0.0
    dy = box[1] - y if y < box[1] else y - box[3] if y > box[3] else 0.0
    return dx * dx + dy * dy <= reach * reach


def _segment_meets(a, b, box) -> bool:
    """Whether the segment from point *a* to *b* meets the box (left, top, right, bottom),
    by clipping it to the box (Liang-Barsky)."""
    (x0, y0), (x1, y1) = a, b
    left, top, right, bottom = box
    dx, dy, low, high = x1 - x0, y1 - y0, 0.0, 1.0
    for p, q in ((-dx, x0 - left), (dx, right - x0), (-dy, y0 - top), (dy, bottom - y0)):
        if p == 0.0:
            if q < 0.0:
                return False            # parallel to this side and outside it
            continue
        t = q / p
        if p < 0.0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low > high:
            return False
    return True


def _fineness(scale: float) -> float:
    """The power of two, at least 2, that is at least twice *scale*."""
    fine = 2.0
    while fine < 2 * scale:
        fine *= 2
    return fine


RUN = 24        # pieces per run (a run is skipped whole when it is nowhere near a repaint)
# The relations whose pieces are kept, most recently flattened last: 10-25 KB each, so a big
# map panned over at full size would otherwise keep them for every relation it ever drew.
KEEP_PIECES = 2_000
_KEPT: OrderedDict[int, EdgeGeometry] = OrderedDict()


def _keep(geom: EdgeGeometry) -> None:
    _KEPT[id(geom)] = geom
    _KEPT.move_to_end(id(geom))
    while len(_KEPT) > KEEP_PIECES:
        _KEPT.popitem(last=False)[1].forget_pieces()


def _flat_cubics(start, segments, tol: float) -> list[tuple[float, float]]:
    """The points of a chain of cubics from *start*, each cut into as many equal steps of
    its parameter as keep every step within *tol* of the curve (Wang's bound: 3/4 of the
    largest second difference of its control points over the square of the steps)."""
    x0, y0 = start
    out = [(x0, y0)]
    for (x1, y1), (x2, y2), (x3, y3) in segments:
        m = max(math.hypot(x0 - 2 * x1 + x2, y0 - 2 * y1 + y2),
                math.hypot(x1 - 2 * x2 + x3, y1 - 2 * y2 + y3))
        n = max(1, math.ceil(math.sqrt(0.75 * m / tol)))
        h = 1.0 / n
        # x(t) = a t^3 + b t^2 + c t + x0, stepped by forward differences
        ax, bx, cx = 3 * (x1 - x2) + x3 - x0, 3 * (x0 - 2 * x1 + x2), 3 * (x1 - x0)
        ay, by, cy = 3 * (y1 - y2) + y3 - y0, 3 * (y0 - 2 * y1 + y2), 3 * (y1 - y0)
        h2, h3 = h * h, h * h * h
        dx, ddx, dddx = ax * h3 + bx * h2 + cx * h, 6 * ax * h3 + 2 * bx * h2, 6 * ax * h3
        dy, ddy, dddy = ay * h3 + by * h2 + cy * h, 6 * ay * h3 + 2 * by * h2, 6 * ay * h3
        x, y = x0, y0
        for _ in range(n - 1):
            x += dx
            y += dy
            dx += ddx
            dy += ddy
            ddx += dddx
            ddy += dddy
            out.append((x, y))
        out.append((x3, y3))
        x0, y0 = x3, y3
    return out


def _solid(points) -> list[tuple[float, float, float, float]]:
    """The polyline *points* as pieces (x1, y1, x2, y2)."""
    return [(*a, *b) for a, b in zip(points, points[1:]) if a != b]


def _dashed(points, dashes: tuple[float, ...]) -> list[tuple[float, float, float, float]]:
    """The 'on' stretches of the polyline *points* under the dash pattern *dashes*."""
    out = []
    k, left = 0, dashes[0]          # the pattern entry we are in, and what is left of it
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        length = math.hypot(x1 - x0, y1 - y0)
        at = 0.0
        while length - at > 1e-9:
            step = min(left, length - at)
            if k % 2 == 0:
                a, b = at / length, (at + step) / length
                out.append((x0 + (x1 - x0) * a, y0 + (y1 - y0) * a,
                            x0 + (x1 - x0) * b, y0 + (y1 - y0) * b))
            at += step
            left -= step
            if left <= 1e-9:
                k = (k + 1) % len(dashes)
                left = dashes[k]
    return out


def _runs(pieces) -> list[list]:
    """*pieces* (x1, y1, x2, y2) in runs of RUN: [box around it (wide enough for any pen),
    its pieces, their QLineFs (None until drawn)]."""
    runs = []
    for i in range(0, len(pieces), RUN):
        part = pieces[i:i + RUN]
        xs = [p[0] for p in part] + [p[2] for p in part]
        ys = [p[1] for p in part] + [p[3] for p in part]
        x0, y0 = min(xs) - 8, min(ys) - 8
        runs.append([QRectF(x0, y0, max(xs) + 8 - x0, max(ys) + 8 - y0), part, None])
    return runs


def _rect(r: QRectF) -> tuple[float, float, float, float]:
    return (r.left(), r.top(), r.width(), r.height())


def route_edge(src: QRectF, tgt: QRectF, waypoints=(), ports=None) -> EdgeGeometry:
    """The curve from card rectangle *src* to card rectangle *tgt* (scene coordinates),
    through *waypoints* ((x, y) pairs, see :func:`app.layout.routing.route_edges`), from
    and to *ports* ((x, y, side) of each end, see :func:`app.layout.ports.assign_ports`;
    the middles of the facing sides when None). The control points are
    :func:`app.drawing.curves.curve_points`'s, which the SVG export draws too."""
    return _geometry(*curve_points(_rect(src), _rect(tgt), waypoints, ports))


def route_edge_boxes(src: tuple, tgt: tuple, waypoints=(), ports=None) -> EdgeGeometry:
    """:func:`route_edge` from the cards' (left, top, width, height)."""
    return _geometry(*curve_points(src, tgt, waypoints, ports))


def geometry_of(curve) -> EdgeGeometry:
    """The EdgeGeometry of a routed :class:`app.drawing.curves.Curve`."""
    return _geometry(curve.start, curve.segments, curve.tip, curve.direction)


def _geometry(start, segments, tip, direction) -> EdgeGeometry:
    path = QPainterPath(QPointF(*start))
    cubic, kept = path.cubicTo, []
    for (x1, y1), (x2, y2), (x3, y3) in segments:
        cubic(x1, y1, x2, y2, x3, y3)       # (numbers, not three QPointFs a cubic)
        kept.append(((x1, y1), (x2, y2), (x3, y3)))
    return EdgeGeometry(path, QPointF(*tip), direction, None, (tuple(start), tuple(kept)))


def edge_pen(relation: str, weight: float, selected: bool = False) -> QPen:
    """Pen of a relation: colour and width by kind and weight, dashed for attacks."""
    return QPen(_pens(relation, weight, selected, False)[0])


@lru_cache(maxsize=1024)
def _pens(relation: str, weight: float, selected: bool, bold: bool,
          faint: bool = False) -> tuple[QPen, QPen, tuple]:
    """The pen of a relation (see :func:`edge_pen`; *bold* a pixel wider; *faint* its colour
    at ``DIM_OPACITY``), the same pen solid, and its dashes as lengths (none if solid).
    Shared: never changed after."""
    argued = relation in ("support", "attack")
    colour = _faint(S.colour(S.RELATION_COLOURS[relation] if argued else S.GREY), faint)
    pen = QPen(colour, S.edge_width(weight) if argued else 1.0)
    if relation == "attack":
        pen.setDashPattern([4.0, 2.5])
    elif relation == "relates":
        pen.setDashPattern([1.5, 2.5])
    if selected:
        pen.setWidthF(pen.widthF() + 1.5)
    if bold:
        pen.setWidthF(pen.widthF() + 1.0)
    pen.setCapStyle(Qt.FlatCap)
    solid = QPen(pen)
    solid.setStyle(Qt.SolidLine)
    return pen, solid, tuple(d * pen.widthF() for d in pen.dashPattern())


@lru_cache(maxsize=64)
def _fill(rgba: int) -> tuple[QPen, QBrush]:
    """A one-pixel pen and a brush of the colour *rgba* (an arrowhead's)."""
    colour = QColor.fromRgba(rgba)
    return QPen(colour, 1), QBrush(colour)


def paint_edge(p: QPainter, relation: str, weight: float, label: str, geom: EdgeGeometry,
               *, lod: float = 1.0, selected: bool = False, emphasis: str = "",
               role: str = "", max_px: float | None = None, within: QRectF | None = None) -> None:
    """Paint a routed edge with its arrowhead, glyph and label at level of detail *lod*;
    *emphasis* "dim" draws it faint, "lit" (a relation of the selected card) a little
    bolder and with its *role* word ("reason", "objection", "rebuttal") beside the glyph.
    *max_px* caps the line's width on screen (device pixels; its arrowhead keeps its size).
    *within* (scene coordinates): only that part is being repainted."""
    if emphasis == "dim":
        # Faint through the colours' own alpha, not the painter's opacity: under an opacity
        # Qt's raster engine blends a line's pixels by a slower path (a thin relation of a
        # big map's overview: 79 us, 57 with the alpha in its colour, 23 at full strength),
        # and every relation but the selected card's is dimmed while one is selected. Each
        # part is drawn once, so the pixels are the same (a selected one's wide halo, to
        # within a level of rounding).
        _paint_edge(p, relation, weight, label, geom, lod, selected, False, max_px, within,
                    faint=True)
        return
    text = " \u00b7 ".join(t for t in (role, label) if t) if emphasis == "lit" else label
    _paint_edge(p, relation, weight, text, geom, lod, selected, emphasis == "lit", max_px, within)


DIM_OPACITY = 0.22


def _paint_edge(p: QPainter, relation: str, weight: float, label: str, geom: EdgeGeometry,
                lod: float, selected: bool, bold: bool, max_px: float | None = None,
                within: QRectF | None = None, faint: bool = False) -> None:
    pen, solid, dashes = _pens(relation, weight, selected, bold, faint)
    if selected:
        halo = QPen(_faint(S.colour(S.SELECTION), faint), pen.widthF() + 6)
        p.setBrush(Qt.NoBrush)
        p.setPen(halo)
        p.drawPath(geom.path)
    line = pen
    if max_px is not None and pen.widthF() * lod > max_px:
        line = QPen(pen)
        line.setWidthF(max_px * 0.999 / lod)    # (at most: Qt's quick stroker takes it)
    p.setBrush(Qt.NoBrush)
    # On screen and in pictures, a relation drawn again is drawn as straight pieces: Qt's
    # raster engine draws those itself, only where the repaint is, while a curved path is
    # first stroked into an outline along its whole length (5-10 times slower for a
    # relation crossing a small repaint). Its first drawing at a zoom takes the curve
    # (cutting it into pieces in Python costs about what Qt's stroke does; a relation
    # seen once, as a view pans or jumps, need not pay both). Dashes are cut here: Qt
    # loses its place in the pattern across many short pieces. PDF keeps the curve.
    lines = None
    if line is pen and pen.widthF() * lod > 1 and p.paintEngine().type() == QPaintEngine.Raster:
        lines = geom.pieces(lod, dashes, within, again_only=True)
    if lines is not None:
        p.setPen(solid)
        p.drawLines(lines)
    else:
        p.setPen(line)
        p.drawPath(geom.path)
    if lod < S.LOD_TITLE:
        return
    # Qt works a part out before it clips it away: the parts away from *within* are skipped.
    tip, head = geom.tip, ARROW_LEN + pen.widthF() + 2
    if within is None or within.intersects(QRectF(tip.x() - head, tip.y() - head, 2 * head, 2 * head)):
        _paint_arrowhead(p, geom, pen)
    if lod < S.OVERVIEW_ZOOM or relation not in S.RELATION_GLYPHS and lod < S.LOD_FULL:
        return
    mid = geom.mid          # (found when first needed: Qt measures the whole line for it)
    glyph = within is None or within.intersects(
        QRectF(mid.x() - GLYPH_R - 2, mid.y() - GLYPH_R - 2, 2 * GLYPH_R + 4, 2 * GLYPH_R + 4))
    if glyph and relation in S.RELATION_GLYPHS:
        paint_glyph(p, relation, mid, faint)
    if lod < S.LOD_FULL:
        return
    text = label or S.RELATION_WORDS.get(relation, "")
    if text and (within is None or within.intersects(_label_box(text, mid))):
        _paint_label(p, text, mid, faint)


def arrowhead_width(weight: float) -> float:
    """How wide the arrowhead of a support or attack of *weight* is drawn (its base)."""
    return (ARROW_LEN + S.edge_width(weight)) * 0.9


def _paint_arrowhead(p: QPainter, geom: EdgeGeometry, pen: QPen) -> None:
    size = ARROW_LEN + pen.widthF()
    head = geom._heads.get(size)
    if head is None:
        dx, dy = geom.direction
        half = size * 0.45
        tip = geom.tip
        base = QPointF(tip.x() - dx * size, tip.y() - dy * size)
        left = QPointF(base.x() - dy * half, base.y() + dx * half)
        right = QPointF(base.x() + dy * half, base.y() - dx * half)
        head = geom._heads[size] = QPolygonF([tip, left, right])
    outline, fill = _fill(pen.color().rgba())
    p.setPen(outline)
    p.setBrush(fill)
    p.drawPolygon(head)


def _faint(colour: QColor, faint: bool) -> QColor:
    """*colour*, at ``DIM_OPACITY`` of its alpha if *faint*."""
    if not faint:
        return colour
    out = QColor(colour)
    out.setAlphaF(colour.alphaF() * DIM_OPACITY)
    return out


@lru_cache(maxsize=16)
def _glyph_tools(relation: str, faint: bool = False) -> tuple[QPen, QBrush, QPen]:
    col = _faint(S.colour(S.RELATION_COLOURS[relation]), faint)
    white = _faint(S.colour("#FFFFFF"), faint)
    return QPen(col, 1.5), QBrush(white), QPen(col, 2.0, Qt.SolidLine, Qt.FlatCap)


def paint_glyph(p: QPainter, relation: str, centre: QPointF, faint: bool = False) -> None:
    """The +/− glyph in a white circle, drawn as lines so it reads in any font."""
    ring, white, bar = _glyph_tools(relation, faint)
    p.setPen(ring)
    p.setBrush(white)
    p.drawEllipse(centre, GLYPH_R, GLYPH_R)
    p.setPen(bar)
    arm = GLYPH_R * 0.55
    p.drawLine(QPointF(centre.x() - arm, centre.y()), QPointF(centre.x() + arm, centre.y()))
    if relation == "support":
        p.drawLine(QPointF(centre.x(), centre.y() - arm), QPointF(centre.x(), centre.y() + arm))


def _label_box(text: str, mid: QPointF) -> QRectF:
    """Where a relation's label is drawn: right of its glyph at *mid*, on white."""
    sm = S.metrics("small")
    x = mid.x() + GLYPH_R + 4
    return QRectF(x - 2, mid.y() - sm.height() / 2, sm.horizontalAdvance(text) + 4, sm.height())


def _paint_label(p: QPainter, text: str, mid: QPointF, faint: bool = False) -> None:
    sm = S.metrics("small")
    box = _label_box(text, mid)
    x = box.left() + 2
    p.setPen(Qt.NoPen)
    p.setBrush(QBrush(_faint(S.colour("#FFFFFF"), faint)))
    p.drawRect(box)
    p.setFont(S.font("small"))
    p.setPen(_faint(S.colour(S.SOFT_INK), faint))
    p.drawText(QPointF(x, box.top() + sm.ascent()), text)


def distance(a: QPointF, b: QPointF) -> float:
    return math.hypot(a.x() - b.x(), a.y() - b.y())
