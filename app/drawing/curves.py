"""Edge curves without Qt: the chain of cubic Béziers an edge is drawn as, its arrow tip
and direction, the spot half-way along it (for the +/− glyph) and its bounds.

The canvas builds its QPainterPath from the same control points (``app.render.edges``),
so the SVG export draws exactly the curves the window draws.

>>> c = route_curve((0, 100, 100, 40), (0, 0, 100, 40))
>>> c.start, c.tip, c.direction
((50.0, 100), (50.0, 40), (-0.0, -1.0))
>>> round(c.mid[0], 3), 40 < c.mid[1] < 100
(50.0, True)
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..layout.ports import NORMALS, inner_waypoints, lone_ports

Point = tuple[float, float]
Segment = tuple[Point, Point, Point]          # two control points and the end of a cubic
ARROW_LEN = 11.0


@dataclass
class Curve:
    """A routed edge: cubic pieces from *start*, the tip on the target card, the unit
    direction of the arrow there and the glyph spot half-way along."""

    start: Point
    segments: list[Segment]
    tip: Point
    direction: Point
    mid: Point

    def bounds(self) -> tuple[float, float, float, float]:
        """(left, top, right, bottom) of the curve and tip, with room for the arrowhead
        and glyph (as the canvas reckons it)."""
        xs, ys = [self.start[0], self.tip[0]], [self.start[1], self.tip[1]]
        a = self.start
        for c1, c2, b in self.segments:
            for k in (0, 1):
                xs_or_ys = xs if k == 0 else ys
                xs_or_ys.append(b[k])
                for t in _extrema(a[k], c1[k], c2[k], b[k]):
                    xs_or_ys.append(_at(a[k], c1[k], c2[k], b[k], t))
            a = b
        return (min(xs) - 14, min(ys) - 14, max(xs) + 14, max(ys) + 14)


def _at(p0: float, p1: float, p2: float, p3: float, t: float) -> float:
    u = 1 - t
    return u * u * u * p0 + 3 * u * u * t * p1 + 3 * u * t * t * p2 + t * t * t * p3


def _extrema(p0: float, p1: float, p2: float, p3: float) -> list[float]:
    """Parameters in (0, 1) where one coordinate of a cubic turns."""
    a = -p0 + 3 * p1 - 3 * p2 + p3
    b = 2 * (p0 - 2 * p1 + p2)
    c = p1 - p0
    if abs(a) < 1e-12:
        return [-c / b] if abs(b) > 1e-12 and 0 < -c / b < 1 else []
    d = b * b - 4 * a * c
    if d < 0:
        return []
    r = math.sqrt(d)
    return [t for t in ((-b + r) / (2 * a), (-b - r) / (2 * a)) if 0 < t < 1]


def _point(a: Point, seg: Segment, t: float) -> Point:
    c1, c2, b = seg
    return (_at(a[0], c1[0], c2[0], b[0], t), _at(a[1], c1[1], c2[1], b[1], t))


_NODES = ((0.0, 0.5688888888888889), (-0.5384693101056831, 0.4786286704993665),
          (0.5384693101056831, 0.4786286704993665), (-0.9061798459386640, 0.2369268850561891),
          (0.9061798459386640, 0.2369268850561891))        # 5-point Gauss-Legendre on [-1, 1]
_GAUSS = tuple((h + (x + 1) / 4, w / 4) for h in (0.0, 0.5) for x, w in _NODES)  # on both halves


def _length(a: Point, seg: Segment) -> float:
    """The arc length of a cubic (Gauss-Legendre quadrature of its speed over each half;
    within a few hundredths of a pixel on the curves edges are)."""
    (c1, c2, b), (x0, y0) = seg, a
    ax, ay = c1[0] - x0, c1[1] - y0
    bx, by = c2[0] - c1[0], c2[1] - c1[1]
    cx, cy = b[0] - c2[0], b[1] - c2[1]
    total = 0.0
    for t, w in _GAUSS:
        u = 1 - t
        k0, k1, k2 = u * u, 2 * u * t, t * t
        total += w * math.hypot(k0 * ax + k1 * bx + k2 * cx, k0 * ay + k1 * by + k2 * cy)
    return 3 * total


def half_way(start: Point, segments: list[Segment]) -> Point:
    """The point at half the length of the chain, found as Qt's ``pointAtPercent(0.5)``
    finds it: the piece where half the length falls, at the parameter that is the share
    of that piece's length still to go."""
    if not segments:
        return start
    lengths, a = [], start
    for seg in segments:
        lengths.append(_length(a, seg))
        a = seg[2]
    half, before, a = sum(lengths) / 2, 0.0, start
    for seg, n in zip(segments, lengths):
        if before + n >= half and n > 0:
            return _point(a, seg, max(0.0, min(1.0, (half - before) / n)))
        before += n
        a = seg[2]
    return segments[-1][2]


def curve_points(src, tgt, waypoints=(), ports=None) -> tuple[Point, list[Segment], Point, Point]:
    """Start, cubic pieces, tip and arrow direction of the edge from card rectangle *src*
    to card rectangle *tgt* ((left, top, width, height)), through *waypoints* (see
    :func:`app.layout.routing.route_edges`), from and to *ports* ((x, y, side) of each end,
    see :func:`app.layout.ports.assign_ports`; the middles of the facing sides when None)."""
    if ports is None:
        ports = lone_ports(src, tgt, waypoints)
    (sx, sy, s_side), (tx, ty, t_side) = ports
    ox, oy = NORMALS[t_side]
    dx, dy = -ox, -oy                     # the arrow points into the target
    start, tip = (sx, sy), (tx, ty)
    end = (tx - dx * ARROW_LEN * 0.8, ty - dy * ARROW_LEN * 0.8)
    if waypoints:
        pts = list(inner_waypoints(src, tgt, waypoints))
        return start, _through(start, NORMALS[s_side], pts, end, (dx, dy)), tip, (dx, dy)
    ux, uy = NORMALS[s_side]
    dist = abs(end[1] - start[1]) if uy else abs(end[0] - start[0])
    bend = max(24.0, dist * 0.45)
    seg = ((start[0] + ux * bend, start[1] + uy * bend), (end[0] - dx * bend, end[1] - dy * bend), end)
    return start, [seg], tip, (dx, dy)


def _tangent(prev: Point, p: Point, nxt: Point) -> Point:
    """Vertical where the route passes a band, horizontal at a turning point."""
    if (prev[1] - p[1]) * (nxt[1] - p[1]) < 0:
        return (0.0, 1.0 if nxt[1] > prev[1] else -1.0)
    return (1.0 if nxt[0] >= prev[0] else -1.0, 0.0)


def _reach(t: Point, a: Point, b: Point) -> float:
    """Control-point distance along tangent *t* that keeps the curve inside a-b's box."""
    span = abs(b[1] - a[1]) if t[1] else abs(b[0] - a[0])
    return max(span * 0.5, 4.0)


def _through(start: Point, out: Point, pts: list[Point], end: Point, into: Point) -> list[Segment]:
    """A chain of cubics from *start* (leaving along *out*) through *pts* to *end*
    (arriving along *into*)."""
    seq = [start, *pts, end]
    tangents = [out] + [_tangent(seq[i - 1], seq[i], seq[i + 1])
                        for i in range(1, len(seq) - 1)] + [into]
    out_segs = []
    for i in range(len(seq) - 1):
        a, b, ta, tb = seq[i], seq[i + 1], tangents[i], tangents[i + 1]
        da, db = _reach(ta, a, b), _reach(tb, a, b)
        out_segs.append(((a[0] + ta[0] * da, a[1] + ta[1] * da),
                         (b[0] - tb[0] * db, b[1] - tb[1] * db), b))
    return out_segs


def route_curve(src, tgt, waypoints=(), ports=None) -> Curve:
    """The :class:`Curve` of an edge (arguments as :func:`curve_points`)."""
    start, segs, tip, direction = curve_points(src, tgt, waypoints, ports)
    return Curve(start, segs, tip, direction, half_way(start, segs))
