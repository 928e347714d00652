"""A whole map (or part of it) ready to paint onto any QPainter: used by the image exports.

It uses the same card and edge painting functions as the canvas, so exports look like the
screen.
"""

from __future__ import annotations

from typing import Iterable, Mapping

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QPainter

from ..drawing.scene import Scene
from .cards import CardMetrics, CardState, card_rect, measure_card, paint_card, provenance
from .edges import EdgeGeometry, geometry_of, paint_edge

MARGIN = 24.0


class MapPicture:
    """Measured cards, positions and routed edges of the visible part of a map (the Qt-free
    :class:`app.drawing.scene.Scene`'s, with the cards measured by Qt)."""

    def __init__(self, amap, node_ids: Iterable[str] | None = None,
                 strengths: Mapping[str, float] | None = None,
                 labels: Mapping[str, str] | None = None,
                 values: Mapping[str, float] | None = None) -> None:
        """*values*: the base scores of the perspective shown (a participant's or the
        group's, {node id: value}, other keys ignored) over the map's own."""
        scene = Scene(amap, node_ids, strengths, labels, values, measure_card)
        self.amap, self.ids, self.hidden_counts = amap, scene.ids, scene.hidden_counts
        self.metrics: dict[str, CardMetrics] = scene.metrics
        self.positions, self.roles = scene.positions, scene.roles
        self.strengths, self.labels, self.values = scene.strengths, scene.labels, scene.values
        self.edges: list[tuple[object, EdgeGeometry]] = [(e, geometry_of(c)) for e, c in scene.edges]

    def rect_of(self, nid: str) -> QRectF:
        """The card rectangle of node *nid* in map coordinates."""
        x, y = self.positions[nid]
        return card_rect(self.metrics[nid]).translated(x, y)

    def bounds(self) -> QRectF:
        """Everything drawn, with a margin (an empty map gives a small blank area)."""
        rect = QRectF()
        for nid in self.ids:
            rect = rect.united(self.rect_of(nid).adjusted(0, 0, 0, 22))
        for _, geom in self.edges:
            rect = rect.united(geom.bounds())
        if rect.isNull():
            rect = QRectF(0, 0, 200, 100)
        return rect.adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)

    def paint(self, p: QPainter, lod: float = 1.0) -> None:
        """Paint edges, then cards, in map coordinates."""
        for part in self.parts(None, lod):
            part(p)

    def parts(self, size: int | None, lod: float = 1.0) -> list:
        """The painting as a list of functions of a painter, painting in turn what
        :meth:`paint` paints: edges, then cards, at most *size* of them each (None: one)."""
        step = size or max(1, len(self.edges) + len(self.ids))
        edges = [self.edges[i:i + step] for i in range(0, len(self.edges), step)]
        cards = [self.ids[i:i + step] for i in range(0, len(self.ids), step)]
        return ([lambda p, chunk=chunk: self._paint_edges(p, chunk, lod) for chunk in edges]
                + [lambda p, chunk=chunk: self._paint_cards(p, chunk, lod) for chunk in cards]
                or [lambda p: self._paint_edges(p, [], lod)])

    def _paint_edges(self, p: QPainter, edges, lod: float) -> None:
        p.setRenderHint(QPainter.Antialiasing, True)
        p.setRenderHint(QPainter.TextAntialiasing, True)
        for e, geom in edges:
            paint_edge(p, e.relation, e.weight, e.label, geom, lod=lod)

    def _paint_cards(self, p: QPainter, ids, lod: float) -> None:
        p.setRenderHint(QPainter.Antialiasing, True)
        p.setRenderHint(QPainter.TextAntialiasing, True)
        for nid in ids:
            node = self.amap.nodes[nid]
            st = CardState(role=self.roles[nid], strength=self.strengths.get(nid),
                           label=self.labels.get(nid),
                           hidden_count=self.hidden_counts.get(nid, 0),
                           source=provenance(node.source_ref, node.anchor is not None))
            x, y = self.positions[nid]
            p.save()
            p.translate(QPointF(x, y))
            paint_card(p, node.kind, self.values.get(nid, node.base_score), self.metrics[nid],
                       st, lod)
            p.restore()
