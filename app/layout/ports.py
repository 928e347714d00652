"""Ports: where the edges at a card meet its sides, spread so that arrowheads stay apart.

Every end of an edge lies on one side of its card: the side facing the first (or last)
waypoint of its route (see :mod:`app.layout.routing`), or, for an edge without waypoints,
the side facing the other card (a reason's top and its conclusion's bottom in the usual
case).  The ends on one side of a card, incoming and outgoing alike, are spread along the
middle part of that side in the order of where the edges come from: the x (for a top or
bottom side; the y for a left or right side) of their nearest route point, scaled down for
points further than REACH from the side, so that an edge sweeping far aside close by sits
outside one that comes from further away (their lines would cross the other way round); a
lone end sits in the middle of its side.
Pure geometry, O(E log E); used by the canvas and the exports alike.

>>> rects = {"c": (0, 0, 200, 50), "a": (-300, 150, 100, 40), "b": (300, 150, 100, 40)}
>>> ports = assign_ports(rects, [("e1", "b", "c"), ("e2", "a", "c")], {})
>>> ports[("e2", 1)][0] < 100 < ports[("e1", 1)][0], ports[("e1", 1)][1:]
(True, (50, 'bottom'))
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

Point = tuple[float, float]
Rect = tuple[float, float, float, float]          # left, top, width, height
Port = tuple[float, float, str]                   # x, y, side
SOURCE, TARGET = 0, 1                             # which end of an edge
NORMALS = {"top": (0.0, -1.0), "bottom": (0.0, 1.0), "left": (-1.0, 0.0), "right": (1.0, 0.0)}
SPAN = 0.9           # share of a side over which its ports are spread (clear of the corners)
MIN_GAP = 14.0      # least distance between neighbouring ports (an arrowhead's width)
STACKED = 8.0       # vertical distance above which cards count as one above the other
REACH = 200.0       # edges are ordered by where they would be this far from the side
ON_SIDE = 2.0       # tolerance for a waypoint lying on a side


def _centre(r: Rect) -> Point:
    return (r[0] + r[2] / 2, r[1] + r[3] / 2)


def side_at(r: Rect, p: Point) -> str | None:
    """The top or bottom side of *r* if point *p* lies on it, else None."""
    if r[0] - 1 <= p[0] <= r[0] + r[2] + 1:
        if abs(p[1] - r[1]) <= ON_SIDE:
            return "top"
        if abs(p[1] - r[1] - r[3]) <= ON_SIDE:
            return "bottom"
    return None


def facing(r: Rect, p: Point) -> str:
    """The side of *r* that faces point *p*."""
    if p[1] <= r[1]:
        return "top"
    if p[1] >= r[1] + r[3]:
        return "bottom"
    return "right" if p[0] >= r[0] + r[2] / 2 else "left"


def _stacked_sides(src: Rect, tgt: Rect) -> tuple[str, str]:
    """Sides of an edge without waypoints: facing each other."""
    if src[1] >= tgt[1] + tgt[3] + STACKED:
        return "top", "bottom"
    if src[1] + src[3] <= tgt[1] - STACKED:
        return "bottom", "top"
    if _centre(src)[0] <= _centre(tgt)[0]:
        return "right", "left"
    return "left", "right"


def inner_waypoints(src: Rect, tgt: Rect, way: Sequence[Point]) -> list[Point]:
    """The waypoints other than those lying on a side of their end card (a port takes
    their place)."""
    pts = list(way)
    if pts and side_at(src, pts[0]):
        pts.pop(0)
    if pts and side_at(tgt, pts[-1]):
        pts.pop()
    return pts


def end_sides(src: Rect, tgt: Rect, way: Sequence[Point]) -> tuple[tuple[str, Point], tuple[str, Point]]:
    """(side, where the edge comes from) at the source and at the target of an edge."""
    if not way:
        s_side, t_side = _stacked_sides(src, tgt)
        return (s_side, _centre(tgt)), (t_side, _centre(src))
    inner = inner_waypoints(src, tgt, way)
    s_side = side_at(src, way[0]) or facing(src, way[0])
    t_side = side_at(tgt, way[-1]) or facing(tgt, inner[-1] if inner else way[0])
    s_from = inner[0] if inner else _centre(tgt)
    t_from = inner[-1] if inner else _centre(src)
    return (s_side, s_from), (t_side, t_from)


def _slope(r: Rect, side: str, came: Point) -> float:
    """Where along *side* of *r* an edge arriving from *came* belongs: how far aside it is
    from the side's middle, scaled by REACH over its distance from the side when that is
    more (where a straight line to *came* would be, REACH away from the side)."""
    cx, cy = _centre(r)
    if side in ("top", "bottom"):
        edge_y = r[1] if side == "top" else r[1] + r[3]
        return (came[0] - cx) * min(1.0, REACH / max(abs(came[1] - edge_y), 1.0))
    edge_x = r[0] if side == "left" else r[0] + r[2]
    return (came[1] - cy) * min(1.0, REACH / max(abs(came[0] - edge_x), 1.0))


def spread(r: Rect, side: str, n: int) -> list[Port]:
    """*n* ports on *side* of *r*, in order along it, evenly over its middle part and at
    least MIN_GAP apart (neighbours share a port if the side is too short)."""
    horizontal = side in ("top", "bottom")
    start, length = (r[0], r[2]) if horizontal else (r[1], r[3])
    usable = length * SPAN
    slots = max(1, min(n, int(usable // MIN_GAP)))
    low = start + (length - usable) / 2
    fixed = {"top": r[1], "bottom": r[1] + r[3], "left": r[0], "right": r[0] + r[2]}[side]
    out = []
    for i in range(n):
        along = low + usable * (i * slots // n + 0.5) / slots
        out.append((along, fixed, side) if horizontal else (fixed, along, side))
    return out


def assign_ports(rects: Mapping[str, Rect], edges: Iterable[tuple[str, str, str]],
                 routes: Mapping[str, Sequence[Point]],
                 cards: Iterable[str] | None = None) -> dict[tuple[str, int], Port]:
    """Ports of the ends of *edges* ``(id, source, target)`` that lie on *cards* (all cards
    when None): ``(edge id, SOURCE or TARGET) → (x, y, side)``.  *edges* must include every
    edge at those cards for the spreading to be right; edges with an end missing from
    *rects* get no ports."""
    wanted = None if cards is None else set(cards)
    sides: dict[tuple[str, str], list] = {}
    for eid, s, t in edges:
        if s not in rects or t not in rects:
            continue
        ends = end_sides(rects[s], rects[t], routes.get(eid, ()))
        for end, (card, (side, came)) in enumerate(zip((s, t), ends)):
            if wanted is None or card in wanted:
                sides.setdefault((card, side), []).append((_slope(rects[card], side, came), eid, end))
    out: dict[tuple[str, int], Port] = {}
    for (card, side), group in sides.items():
        group.sort()
        for (_, eid, end), port in zip(group, spread(rects[card], side, len(group))):
            out[(eid, end)] = port
    return out


def lone_ports(src: Rect, tgt: Rect, way: Sequence[Point] = ()) -> tuple[Port, Port]:
    """Ports of an edge as if it were the only one at its cards (middles of its sides)."""
    (s_side, _), (t_side, _) = end_sides(src, tgt, way)
    return spread(src, s_side, 1)[0], spread(tgt, t_side, 1)[0]
