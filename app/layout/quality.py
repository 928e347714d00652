"""Quality measures for a drawing: card overlaps and edge crossings.

Both use a uniform grid (bucket every item into the cells it touches,
then test only pairs sharing a cell), so they stay near-linear for
ordinary layouts instead of testing all pairs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from math import floor

Point = tuple[float, float]


def _grid_cell(values: list[float]) -> float:
    """A positive grid cell size from typical item extents."""
    from statistics import median       # here: its import costs an export's start-up more
    cell = median(values) if values else 1.0
    return cell if cell > 0 else 1.0


def count_overlaps(positions: Mapping[str, Point], sizes: Mapping[str, tuple[float, float]],
                   margin: float = 0.0) -> int:
    """Number of pairs of cards whose rectangles intersect.

    Cards are centred at ``positions`` with ``sizes`` (width, height).  A
    pair counts when it is closer than ``margin`` horizontally *and*
    vertically; with ``margin=0`` that means a shared area (merely touching
    edges do not count).  Nodes without a position are ignored.

    >>> s = {"a": (10, 10), "b": (10, 10)}
    >>> count_overlaps({"a": (0, 0), "b": (5, 5)}, s)
    1
    >>> count_overlaps({"a": (0, 0), "b": (10, 0)}, s), count_overlaps({"a": (0, 0), "b": (12, 0)}, s, 3)
    (0, 1)
    """
    half = margin / 2
    rects = []
    for node, (x, y) in positions.items():
        w, h = sizes[node]
        rects.append((x - w / 2 - half, y - h / 2 - half, x + w / 2 + half, y + h / 2 + half))
    cell = _grid_cell([max(r[2] - r[0], r[3] - r[1]) for r in rects])
    grid: dict[tuple[int, int], list[int]] = {}
    for i, (x0, y0, x1, y1) in enumerate(rects):
        for cx in range(floor(x0 / cell), floor(x1 / cell) + 1):
            for cy in range(floor(y0 / cell), floor(y1 / cell) + 1):
                grid.setdefault((cx, cy), []).append(i)
    count = 0
    for (cx, cy), items in grid.items():
        for k, i in enumerate(items):
            a = rects[i]
            for j in items[k + 1:]:
                b = rects[j]
                if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]:
                    # count the pair once: in the cell holding the top-left
                    # corner of the intersection (both rectangles cover it)
                    if (floor(max(a[0], b[0]) / cell) == cx
                            and floor(max(a[1], b[1]) / cell) == cy):
                        count += 1
    return count


def _orient(ax: float, ay: float, bx: float, by: float, cx: float, cy: float) -> int:
    """Sign of the turn a -> b -> c (1 left, -1 right, 0 collinear)."""
    d = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax)
    return (d > 0) - (d < 0)


def _on_segment(ax: float, ay: float, bx: float, by: float, cx: float, cy: float) -> bool:
    """Whether collinear point c lies within the bounding box of a-b."""
    return min(ax, bx) <= cx <= max(ax, bx) and min(ay, by) <= cy <= max(ay, by)


def segments_intersect(p1: Point, p2: Point, p3: Point, p4: Point) -> bool:
    """Exact test whether segments p1-p2 and p3-p4 share a point.

    >>> segments_intersect((0, 0), (2, 2), (0, 2), (2, 0))
    True
    >>> segments_intersect((0, 0), (1, 1), (2, 2), (3, 0))
    False
    """
    d1 = _orient(*p3, *p4, *p1)
    d2 = _orient(*p3, *p4, *p2)
    d3 = _orient(*p1, *p2, *p3)
    d4 = _orient(*p1, *p2, *p4)
    if d1 * d2 < 0 and d3 * d4 < 0:
        return True
    return ((d1 == 0 and _on_segment(*p3, *p4, *p1))
            or (d2 == 0 and _on_segment(*p3, *p4, *p2))
            or (d3 == 0 and _on_segment(*p1, *p2, *p3))
            or (d4 == 0 and _on_segment(*p1, *p2, *p4)))


def _unique_segments(positions: Mapping[str, Point], edges: Iterable[tuple[str, str]]
                     ) -> list[tuple[str, str]]:
    """Edges with both ends placed, without self-loops or (a,b)/(b,a) repeats."""
    out: dict[frozenset[str], tuple[str, str]] = {}
    for a, b in edges:
        if a != b and a in positions and b in positions:
            out.setdefault(frozenset((a, b)), (a, b))
    return list(out.values())


def _segment_cells(x1: float, y1: float, x2: float, y2: float, cell: float
                   ) -> Iterable[tuple[int, int]]:
    """Grid cells a segment passes through (conservatively, row by row)."""
    if y1 > y2:
        x1, y1, x2, y2 = x2, y2, x1, y1
    eps = cell * 1e-9
    r0, r1 = floor(y1 / cell), floor(y2 / cell)
    for row in range(r0, r1 + 1):
        if r0 == r1:
            xa, xb = x1, x2
        else:
            ya, yb = max(y1, row * cell), min(y2, (row + 1) * cell)
            slope = (x2 - x1) / (y2 - y1)
            xa, xb = x1 + (ya - y1) * slope, x1 + (yb - y1) * slope
        lo, hi = min(xa, xb) - eps, max(xa, xb) + eps
        for col in range(floor(lo / cell), floor(hi / cell) + 1):
            yield (col, row)


def count_crossings(positions: Mapping[str, Point], edges: Sequence[tuple[str, str]]) -> int:
    """Pairs of straight centre-to-centre edges that intersect.

    Pairs sharing an endpoint node are not counted; touching or collinear
    overlapping segments are.  Self-loops, repeated edges and edges with
    an unplaced end are ignored.

    >>> p = {"a": (0, 0), "b": (10, 10), "c": (0, 10), "d": (10, 0)}
    >>> count_crossings(p, [("a", "b"), ("c", "d")]), count_crossings(p, [("a", "b"), ("a", "d")])
    (1, 0)
    """
    segs = _unique_segments(positions, edges)
    pts = [(positions[a], positions[b]) for a, b in segs]
    cell = _grid_cell([max(abs(q[0] - p[0]), abs(q[1] - p[1])) for p, q in pts])
    grid: dict[tuple[int, int], list[int]] = {}
    for i, ((x1, y1), (x2, y2)) in enumerate(pts):
        for key in _segment_cells(x1, y1, x2, y2, cell):
            grid.setdefault(key, []).append(i)
    m = len(segs)
    tested: set[int] = set()
    count = 0
    for items in grid.values():
        for k, i in enumerate(items):
            a, b = segs[i]
            for j in items[k + 1:]:
                c, d = segs[j]
                if a == c or a == d or b == c or b == d:
                    continue
                key = i * m + j
                if key in tested:
                    continue
                tested.add(key)
                if segments_intersect(pts[i][0], pts[i][1], pts[j][0], pts[j][1]):
                    count += 1
    return count
