"""How well a drawn map can be followed: arrowheads that crowd each other and relation lines
that cross, measured on the routed geometry the canvas and the exports draw.

Both measures take plain numbers (tips, widths, polylines), so the same counter serves our
drawing and another program's (the benchmarks feed it Graphviz ``dot``'s splines).

>>> arrowhead_clashes([((0, 0), 12.0), ((10, 0), 12.0), ((40, 0), 12.0)])
[(0, 1, 10.0)]
>>> drawn_crossings([[(0, 0), (10, 10)], [(0, 10), (10, 0)], [(20, 0), (30, 0)]])
1
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from math import floor

Point = tuple[float, float]
ENDS = 3.0      # a crossing this close to where both lines end is their shared card, not a crossing


def arrowhead_clashes(heads: Sequence[tuple[Point, float]]) -> list[tuple[int, int, float]]:
    """Pairs of arrowheads ``(tip, width)`` whose tips are closer than the wider one's
    width: ``(i, j, distance)`` for each, i < j."""
    cell = max((w for _, w in heads), default=1.0) or 1.0
    grid: dict[tuple[int, int], list[int]] = {}
    for i, ((x, y), _) in enumerate(heads):
        grid.setdefault((floor(x / cell), floor(y / cell)), []).append(i)
    out = []
    for i, ((x, y), w) in enumerate(heads):
        cx, cy = floor(x / cell), floor(y / cell)
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                for j in grid.get((cx + dx, cy + dy), ()):
                    if j <= i:
                        continue
                    (xj, yj), wj = heads[j]
                    d = math.hypot(x - xj, y - yj)
                    if d < max(w, wj):
                        out.append((i, j, round(d, 3)))
    return sorted(out)


def _cross(a: Point, b: Point, c: Point, d: Point) -> Point | None:
    """Where segments a-b and c-d cross properly (not merely touch or overlap), else None."""
    rx, ry, sx, sy = b[0] - a[0], b[1] - a[1], d[0] - c[0], d[1] - c[1]
    den = rx * sy - ry * sx
    if abs(den) < 1e-12:
        return None
    qx, qy = c[0] - a[0], c[1] - a[1]
    t, u = (qx * sy - qy * sx) / den, (qx * ry - qy * rx) / den
    if 0.0 < t < 1.0 and 0.0 < u < 1.0:
        return (a[0] + t * rx, a[1] + t * ry)
    return None


def _segments(lines: Sequence[Sequence[Point]]):
    for k, line in enumerate(lines):
        for a, b in zip(line, line[1:]):
            if a != b:
                yield k, a, b


def _near_ends(p: Point, line: Sequence[Point]) -> bool:
    return any(math.hypot(p[0] - q[0], p[1] - q[1]) <= ENDS for q in (line[0], line[-1]))


def drawn_crossings(lines: Sequence[Sequence[Point]], cell: float = 60.0) -> int:
    """How many points there are where two of the polylines *lines* cross each other (a
    line never crosses itself; lines drawn on top of each other, as a bundle's shared trunk,
    cross a third line at one point; points where both lines end, at a card they share, do
    not count)."""
    segs = list(_segments(lines))
    grid: dict[tuple[int, int], list[int]] = {}
    for i, (_, a, b) in enumerate(segs):
        for gx in range(floor(min(a[0], b[0]) / cell), floor(max(a[0], b[0]) / cell) + 1):
            for gy in range(floor(min(a[1], b[1]) / cell), floor(max(a[1], b[1]) / cell) + 1):
                grid.setdefault((gx, gy), []).append(i)
    seen: set[tuple[int, int]] = set()
    points: set[tuple[int, int]] = set()
    for members in grid.values():
        for x, i in enumerate(members):
            ki, a, b = segs[i]
            for j in members[x + 1:]:
                kj, c, d = segs[j]
                if ki == kj or (i, j) in seen:
                    continue
                seen.add((i, j))
                p = _cross(a, b, c, d)
                if p is not None and not (_near_ends(p, lines[ki]) and _near_ends(p, lines[kj])):
                    points.add((round(p[0] * 2), round(p[1] * 2)))
    return len(points)


def bezier_polyline(points: Sequence[Point], steps: int = 12) -> list[Point]:
    """The polyline through a chain of cubic Bézier pieces given as 1 + 3k control points
    (as Graphviz writes its splines)."""
    out = [points[0]]
    for i in range(0, len(points) - 3, 3):
        p0, p1, p2, p3 = points[i:i + 4]
        for s in range(1, steps + 1):
            t = s / steps
            a, b, c, d = (1 - t) ** 3, 3 * t * (1 - t) ** 2, 3 * t * t * (1 - t), t ** 3
            out.append((a * p0[0] + b * p1[0] + c * p2[0] + d * p3[0],
                        a * p0[1] + b * p1[1] + c * p2[1] + d * p3[1]))
    return out


def path_polyline(path) -> list[Point]:
    """A QPainterPath flattened into one polyline (its first subpath)."""
    polys = path.toSubpathPolygons()
    return [(q.x(), q.y()) for q in polys[0]] if polys else []


def picture_figures(picture) -> dict:
    """Arrowhead clashes and crossings of a :class:`~app.render.picture.MapPicture`:
    ``{"relations", "clashes", "closest", "crossings"}``, closest being the least distance
    between two arrowhead tips over the wider one's width (1 or more: none crowd)."""
    from .edges import arrowhead_width
    heads = [((g.tip.x(), g.tip.y()), arrowhead_width(e.weight)) for e, g in picture.edges]
    lines = [path_polyline(g.path) + [(g.tip.x(), g.tip.y())] for _, g in picture.edges]
    return {"relations": len(heads), "clashes": len(arrowhead_clashes(heads)),
            "closest": closest_ratio(heads), "crossings": drawn_crossings(lines)}


def closest_ratio(heads: Sequence[tuple[Point, float]]) -> float:
    """The least tip distance between two arrowheads over the wider one's width."""
    best = math.inf
    cell = 4 * max((w for _, w in heads), default=1.0)
    grid: dict[tuple[int, int], list[int]] = {}
    for i, ((x, y), _) in enumerate(heads):
        grid.setdefault((floor(x / cell), floor(y / cell)), []).append(i)
    for i, ((x, y), w) in enumerate(heads):
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                for j in grid.get((floor(x / cell) + dx, floor(y / cell) + dy), ()):
                    if j > i:
                        (xj, yj), wj = heads[j]
                        best = min(best, math.hypot(x - xj, y - yj) / max(w, wj))
    return round(best, 3)
