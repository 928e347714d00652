"""Edge routing around cards: interior waypoints for edges that would cross other cards.

Cards are grouped into horizontal *bands* (cards whose vertical extents overlap; in a
layered layout a band is a layer).  The space between two bands holds no card, and a
*gap* of a band is an x range that no card of the band covers (with a clearance), the
space beyond the band's ends included.  An edge that passes bands between its ends goes
through a gap of each of them, straight up (or down) through the band, and bends between
bands.  Every route is a list of points such that the axis-parallel box spanned by two
consecutive points (source centre, waypoints, target centre) holds no other card whenever
the bands involved are *simple* (no two of their cards share an x range, as in a layered
layout); a curve that stays inside those boxes, such as a cubic with vertical tangents,
therefore goes around cards.  Superfluous waypoints are dropped ("string pulling"), so a
clear straight edge gets none; an edge's ends count as anywhere on the middle part of their
cards, where :mod:`app.layout.ports` may place them.  Edges that share a gap are spread a few pixels apart, in
the order in which they cross the band, so that spreading adds no crossings.

>>> rects = {"t": (0, 0, 100, 50), "m": (0, 100, 100, 50), "s": (0, 200, 100, 50)}
>>> route = route_edges(rects, [("e", "s", "t")])["e"]
>>> all(x < 0 or x > 100 for x, _ in route[1:-1])   # passes beside the middle card
True
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from .ports import SPAN

Point = tuple[float, float]
CLEARANCE = 8.0     # distance kept from the sides of a card
SPACING = 5.0       # distance between edges sharing a gap
HOP = 22.0          # how far above its band an edge between cards of one band runs
PASS_BUDGET = 6    # band passages routed per edge on average; past it the longest edges stay straight
PULL_REACH = 6      # string pulling looks at most this many points ahead of the last kept one


@dataclass
class _Band:
    """Cards whose vertical extents overlap, with their x ranges sorted for bisection."""

    top: float
    bottom: float
    ids: list[str] = field(default_factory=list)
    lefts: list[float] = field(default_factory=list)       # cards sorted by left side
    cards: list[tuple[float, float, float, float, str]] = field(default_factory=list)
    max_w: float = 0.0
    block_l: list[float] = field(default_factory=list)     # merged blocked x ranges
    block_r: list[float] = field(default_factory=list)

    def finish(self, rects: Mapping[str, tuple[float, float, float, float]]) -> None:
        """Sort the cards and merge their widened x ranges into blocked intervals."""
        self.cards = sorted((rects[n][0], rects[n][1], rects[n][0] + rects[n][2],
                             rects[n][1] + rects[n][3], n) for n in self.ids)
        self.lefts = [c[0] for c in self.cards]
        self.max_w = max((c[2] - c[0] for c in self.cards), default=0.0)
        for l, _, r, _, _ in self.cards:
            l, r = l - CLEARANCE, r + CLEARANCE
            if self.block_r and l <= self.block_r[-1]:
                self.block_r[-1] = max(self.block_r[-1], r)
            else:
                self.block_l.append(l)
                self.block_r.append(r)

    def hits(self, x1: float, x2: float, y1: float, y2: float, own: tuple[str, str]) -> bool:
        """True if a card of the band other than *own* meets the open box."""
        lo = bisect_left(self.lefts, x1 - self.max_w)
        hi = bisect_left(self.lefts, x2)
        for l, t, r, b, n in self.cards[lo:hi]:
            if r > x1 and t < y2 and b > y1 and n not in own:
                return True
        return False

    def gap(self, x: float) -> tuple[float, float, float, int]:
        """(chosen x, gap low, gap high, gap index) of the gap nearest *x*."""
        i = bisect_right(self.block_l, x) - 1     # last blocked range starting left of x
        if i < 0 or x >= self.block_r[i]:
            lo = self.block_r[i] if i >= 0 else float("-inf")
            hi = self.block_l[i + 1] if i + 1 < len(self.block_l) else float("inf")
            return x, lo, hi, i + 1
        left, right = self.block_l[i], self.block_r[i]
        if x - left <= right - x:
            lo = self.block_r[i - 1] if i > 0 else float("-inf")
            return left, lo, left, i
        hi = self.block_l[i + 1] if i + 1 < len(self.block_l) else float("inf")
        return right, right, hi, i + 1


def _bands(rects: Mapping[str, tuple[float, float, float, float]]) -> tuple[list[_Band], dict[str, int]]:
    """Bands from top to bottom and the band index of every card."""
    bands: list[_Band] = []
    where: dict[str, int] = {}
    for top, n in sorted((r[1], n) for n, r in rects.items()):
        bottom = top + rects[n][3]
        if bands and top < bands[-1].bottom:
            bands[-1].bottom = max(bands[-1].bottom, bottom)
        else:
            bands.append(_Band(top, bottom))
        bands[-1].ids.append(n)
        where[n] = len(bands) - 1
    for band in bands:
        band.finish(rects)
    return bands, where


class _Router:
    """Routes edges over one set of bands."""

    def __init__(self, rects: Mapping[str, tuple[float, float, float, float]]) -> None:
        self.rects = rects
        self.bands, self.where = _bands(rects)
        self.band_tops = [b.top for b in self.bands]

    def centre(self, n: str) -> Point:
        l, t, w, h = self.rects[n]
        return (l + w / 2, t + h / 2)

    def clear(self, pts: Sequence[Point], own: tuple[str, str]) -> bool:
        """True if the box spanned by the points *pts* meets no card except *own*."""
        xs, ys = [p[0] for p in pts], [p[1] for p in pts]
        return self.clear_box(min(xs), max(xs), min(ys), max(ys), own)

    def clear_box(self, x1: float, x2: float, y1: float, y2: float, own: tuple[str, str]) -> bool:
        """True if the box x1..x2 × y1..y2 meets no card except *own*."""
        i = max(0, bisect_right(self.band_tops, y1) - 1)
        for band in self.bands[i:]:
            if band.top >= y2:
                return True
            if band.bottom > y1 and band.hits(x1, x2, y1, y2, own):
                return False
        return True

    def passages(self, s: str, t: str) -> list[tuple[int, float, float, float, int, float]]:
        """For an edge across bands, per crossed band: (band, x, gap low, gap high, gap
        index, where the line aimed at the target crosses the band's middle)."""
        bs, bt = self.where[s], self.where[t]
        step = -1 if bt < bs else 1
        (x, y), goal = self.centre(s), self.centre(t)
        out = []
        for k in range(bs + step, bt, step):
            band = self.bands[k]
            mid = (band.top + band.bottom) / 2
            cross = x + (goal[0] - x) * (mid - y) / ((goal[1] - y) or 1.0)
            gx, lo, hi, gi = band.gap(cross)
            out.append((k, gx, lo, hi, gi, cross))
            x, y = gx, mid
        return out


def _attach_x(rect: tuple[float, float, float, float], other: float) -> float:
    """Where an edge towards x *other* leaves a card side (as the edge drawing does)."""
    l, _, w, _ = rect
    c = l + w / 2
    return c + max(-w / 3, min(w / 3, (other - c) * 0.25))


def _spread(group: list[tuple[float, float, float, float, list, int]]) -> None:
    """Place edges that share a gap at least SPACING apart, inside the gap, in order.

    Each entry is (order key, wanted x, gap low, gap high, the route's x list, index).
    """
    group.sort(key=lambda g: g[0])
    lo, hi = group[0][2], group[0][3]
    xs = [min(max(g[1], lo), hi) for g in group]
    for i in range(1, len(xs)):
        xs[i] = max(xs[i], xs[i - 1] + SPACING)
    if xs[-1] > hi:
        xs[-1] = hi
        for i in range(len(xs) - 2, -1, -1):
            xs[i] = min(xs[i], xs[i + 1] - SPACING)
    if xs[0] < lo:    # too many for the gap: share it evenly
        step = (hi - lo) / (len(xs) + 1)
        xs = [lo + step * (i + 1) for i in range(len(xs))]
    for g, x in zip(group, xs):
        g[4][g[5]] = x


def _candidates(r: _Router, s: str, t: str, xs: list[float], ks: list[int]) -> list[Point]:
    """Source centre, exit, passage pairs, entry and target centre of a cross-band edge."""
    bs, bt = r.bands[r.where[s]], r.bands[r.where[t]]
    up = r.where[t] < r.where[s]
    pts = [r.centre(s)]
    first = xs[0] if xs else r.centre(t)[0]
    pts.append((_attach_x(r.rects[s], first), bs.top if up else bs.bottom))
    for k, x in zip(ks, xs):
        band = r.bands[k]
        pts += [(x, band.bottom), (x, band.top)] if up else [(x, band.top), (x, band.bottom)]
    last = xs[-1] if xs else r.centre(s)[0]
    pts.append((_attach_x(r.rects[t], last), bt.bottom if up else bt.top))
    pts.append(r.centre(t))
    return pts


def _ports_span(r: _Router, n: str, vertical: bool = False) -> list[Point]:
    """The ends of the middle part of card *n* over which ports may be spread (see
    app.layout.ports), across its centre: an edge's end may be anywhere between them."""
    l, t, w, h = r.rects[n]
    if vertical:
        return [(l + w / 2, t + h * (1 - SPAN) / 2), (l + w / 2, t + h * (1 + SPAN) / 2)]
    return [(l + w * (1 - SPAN) / 2, t + h / 2), (l + w * (1 + SPAN) / 2, t + h / 2)]


def _pull(r: _Router, pts: list[Point], own: tuple[str, str]) -> list[Point]:
    """Drop points whose neighbours' box is clear anyway (the ends counted with all their
    possible ports); the interior of what is left."""
    last = len(pts) - 1
    boxes = [(x, x, y, y) for x, y in pts]
    for i, n in ((0, own[0]), (last, own[1])):
        (xa, ya), (xb, yb) = _ports_span(r, n)
        boxes[i] = (min(xa, xb), max(xa, xb), min(ya, yb), max(ya, yb))
    kept, anchor = [], 0
    for i in range(1, last):
        a, b = boxes[anchor], boxes[i + 1]
        if i + 1 - anchor > PULL_REACH or not r.clear_box(
                min(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), max(a[3], b[3]), own):
            kept.append(pts[i])
            anchor = i
    return kept


def _same_band(r: _Router, s: str, t: str) -> list[Point]:
    """Waypoints of an edge between cards of one band: over the top if cards are between."""
    own = (s, t)
    a, b = r.centre(s), r.centre(t)
    rs, rt = r.rects[s], r.rects[t]
    ends = [p for n in own for p in _ports_span(r, n) + _ports_span(r, n, True)]
    if r.clear(ends, own):
        return []
    k = r.where[s]
    band = r.bands[k]
    room = band.top - r.bands[k - 1].bottom if k > 0 else 2 * HOP
    y = band.top - min(HOP, room / 2)
    return [(_attach_x(rs, b[0]), band.top), ((a[0] + b[0]) / 2, y), (_attach_x(rt, a[0]), band.top)]


def _within_budget(r: _Router, edges: list[tuple[str, str, str]], budget: int
                   ) -> tuple[list[tuple[str, str, str]], list[str]]:
    """The cross-band edges to route, shortest first while their band passages fit the
    *budget*, and the ids of the (longest) rest, which stay straight."""
    spans = sorted((abs(r.where[s] - r.where[t]), eid, s, t) for eid, s, t in edges)
    used, keep, rest = 0, [], []
    for span, eid, s, t in spans:
        used += span - 1
        if used <= budget:
            keep.append((eid, s, t))
        else:
            rest.append(eid)
    return keep, rest


def route_edges(rects: Mapping[str, tuple[float, float, float, float]],
                edges: Sequence[tuple[str, str, str]], budget: int | None = None
                ) -> dict[str, list[Point]]:
    """Interior waypoints of every edge ``(id, source, target)`` over cards *rects*
    (id → left, top, width, height); edges with an unknown end or a loop get none.

    The work is bounded: edges are routed shortest first while the bands they pass
    (beyond the first) stay within *budget* (default PASS_BUDGET per edge on average,
    plus 1,000); the longest edges past it (only on huge, dense maps) get no waypoints
    and are drawn straight."""
    r = _Router(rects)
    out: dict[str, list[Point]] = {}
    plans: list[tuple[str, str, str, list[int], list[float]]] = []
    groups: dict[tuple[int, int], list] = {}
    across = []
    for eid, s, t in edges:
        if s not in rects or t not in rects or s == t:
            out[eid] = []
        elif r.where[s] == r.where[t]:
            out[eid] = _same_band(r, s, t)
        else:
            across.append((eid, s, t))
    if budget is None:
        budget = PASS_BUDGET * len(edges) + 1000
    routed, straight = _within_budget(r, across, budget)
    out.update(dict.fromkeys(straight, []))
    for eid, s, t in routed:
        steps = r.passages(s, t)
        ks, xs = [p[0] for p in steps], [p[1] for p in steps]
        plans.append((eid, s, t, ks, xs))
        key_x = r.centre(s)[0] + r.centre(t)[0]
        for i, (k, x, lo, hi, gi, cross) in enumerate(steps):
            groups.setdefault((k, gi), []).append(((cross, key_x, eid), x, lo, hi, xs, i))
    for group in groups.values():
        if len(group) > 1:
            _spread(group)
    for eid, s, t, ks, xs in plans:
        out[eid] = _pull(r, _candidates(r, s, t, xs, ks), (s, t))
    return out
