"""A whole map (or part of it) measured, placed and routed without Qt, ready for the SVG
writer: the same cards, positions and routed curves as ``app.render.picture.MapPicture``
(which paints them with Qt), measured with the Qt-free font table.
"""

from __future__ import annotations

from typing import Iterable, Mapping

from ..layout.ports import SOURCE, TARGET, assign_ports
from ..layout.routing import route_edges
from .cards import CardMetrics
from .curves import Curve, route_curve
from .placing import hidden_by_collapse, measure_nodes, place_missing, roles

MARGIN = 24.0
Box = tuple[float, float, float, float]          # left, top, right, bottom


class Scene:
    """Measured cards, positions and routed edges of the shown part of a map."""

    def __init__(self, amap, node_ids: Iterable[str] | None = None,
                 strengths: Mapping[str, float] | None = None,
                 labels: Mapping[str, str] | None = None,
                 values: Mapping[str, float] | None = None, measure=None) -> None:
        """*values*: the base scores of the perspective shown over the map's own; *measure*
        (title, text, width) → CardMetrics measures the cards (the Qt-free table's when
        None; the Qt painting passes Qt's)."""
        self.amap = amap
        hidden, self.hidden_counts = hidden_by_collapse(amap)
        wanted = set(amap.nodes) if node_ids is None else set(node_ids) & set(amap.nodes)
        self.ids = [n for n in amap.nodes if n in wanted and (node_ids is not None or n not in hidden)]
        self.metrics: dict[str, CardMetrics] = measure_nodes(amap, None, measure)
        sizes = {n: m.size for n, m in self.metrics.items()}
        self.positions = {n: (node.x, node.y) for n, node in amap.nodes.items()
                          if node.x is not None and node.y is not None}
        self.positions.update(place_missing(amap, sizes))
        self.roles = roles(amap, self.ids)
        self.strengths = dict(strengths or {})
        self.labels = dict(labels or {})
        self.values = dict(values or {})
        self.edges: list[tuple[object, Curve]] = self._route()

    def rect_of(self, nid: str) -> tuple[float, float, float, float]:
        """(left, top, width, height) of the card of *nid* in map coordinates."""
        (x, y), m = self.positions[nid], self.metrics[nid]
        return (x - m.width / 2, y - m.height / 2, m.width, m.height)

    def _route(self) -> list[tuple[object, Curve]]:
        boxes = {n: self.rect_of(n) for n in self.ids}
        edges = [e for e in self.amap.edges.values() if e.source in boxes and e.target in boxes]
        named = [(e.id, e.source, e.target) for e in edges]
        ways = route_edges(boxes, named)
        ports = assign_ports(boxes, named, ways)
        return [(e, route_curve(boxes[e.source], boxes[e.target], ways[e.id],
                                (ports[(e.id, SOURCE)], ports[(e.id, TARGET)]))) for e in edges]

    def bounds(self) -> Box:
        """Everything drawn, with a margin (an empty map gives a small blank area)."""
        boxes = []
        for nid in self.ids:
            l, t, w, h = self.rect_of(nid)
            boxes.append((l, t, l + w, t + h + 22))
        boxes.extend(c.bounds() for _, c in self.edges)
        if not boxes:
            return (-MARGIN, -MARGIN, 200 + MARGIN, 100 + MARGIN)
        return (min(b[0] for b in boxes) - MARGIN, min(b[1] for b in boxes) - MARGIN,
                max(b[2] for b in boxes) + MARGIN, max(b[3] for b in boxes) + MARGIN)
