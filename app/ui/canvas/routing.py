"""Routing on the canvas: the waypoints of relations around the cards and the ports where
they meet their cards, computed for all edges after a layout, and only around the cards an
edit moved or resized otherwise.

Mixed into MapScene (needs ``amap``, ``cards``, ``edges``, ``routes``, ``ports``, ``_freed``,
``batch_edges``, ``is_shown``, ``shown_test``, ``invalidate_batch`` and ``_parked``, an
OrderedDict). Edge items are told to reroute; they read their geometry from here, never
while painting.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt

from ...layout.ports import assign_ports
from ...layout.routing import route_edges
from .items import CardItem, EdgeItem
from .lazy_routing import reroute_lazily

LOCAL_LIMIT = 300     # above this many edges to reroute, reroute them all at once
REACH = 900.0         # how far beside its ends an edge routed alone may look for a gap
PARKED = 2_000        # routes of removed relations kept for an undo (or redo) bringing them back


class RoutingMixin:
    """Routes and ports of the scene's edges."""

    def card_moved(self, card: CardItem) -> None:
        """A card was dragged to where it is now: reroute its edges."""
        self.route_around([card.node_id])
        if self.batch_edges:
            self.invalidate_batch()

    def reroute_card(self, card: CardItem) -> None:
        """Route the edges of *card* again, around the cards near them."""
        self.route_around([card.node_id])

    @staticmethod
    def _card_rects(cards) -> dict[str, tuple[float, float, float, float]]:
        """(left, top, width, height) of each card, by node id."""
        return {card.node_id: card.scene_card_box() for card in cards}

    def _compute_routes(self, eids, rects=None) -> dict[str, list]:
        """Waypoints of the edges *eids* around the shown cards (or around *rects*)."""
        if rects is None:
            rects = self._card_rects(c for n, c in self.cards.items() if self.is_shown(n))
        edges = self.amap.edges
        named = [(eid, edges[eid].source, edges[eid].target) for eid in eids if eid in edges]
        self.routed_at.update(dict.fromkeys((eid for eid, _s, _t in named), self.route_tick))
        return route_edges(rects, named)

    def park_route(self, edge, waypoints) -> None:
        """Keep the route of the removed relation *edge* with its cards' rectangles. Undo
        (and redo) bring back the map as it was when the route was made: if its cards are
        where they were, the route is taken again instead of routing it afresh around every
        card between its ends (80 ms for a long one at 10,000 cards)."""
        ends = self._end_rects(edge)
        if waypoints is None or ends is None:
            return
        parked = self._parked
        parked[edge.id] = (waypoints, ends)
        while len(parked) > PARKED:
            parked.popitem(last=False)

    def _unpark(self, eids: set) -> set:
        """Put back the kept routes of *eids* whose cards are where they were; the rest."""
        if not self._parked:
            return eids
        rest = set()
        for eid in eids:
            kept = self._parked.pop(eid, None)
            if kept is not None and kept[1] == self._end_rects(self.amap.edges.get(eid)):
                self.routes[eid] = kept[0]
                self.routed_at[eid] = self.route_tick    # (made among the cards of then)
            else:
                rest.add(eid)
        return rest

    def _end_rects(self, edge) -> tuple | None:
        """The rectangles of *edge*'s two cards, or None if it or one of them is gone."""
        if edge is None:
            return None
        ends = [self.cards.get(n) for n in (edge.source, edge.target)]
        return None if None in ends else tuple(c.scene_card_rect().getRect() for c in ends)

    def route_all(self) -> None:
        """Route every shown edge again around the shown cards (after a layout or a change
        of what is shown); a hidden edge keeps its route until it shows again. A big map's
        edges are routed as when it is opened: those in view now, the rest in the background
        (``lazy_routing``): routing all 11,000 edges of a 10,000-card map at once blocked
        the window for 1.5-2 s when a case, a focus or the whole map was shown again."""
        if self.amap is None:
            return
        self._parked.clear()        # routes made among other cards
        shown = self._shown_edges()
        if reroute_lazily(self, len(shown)):
            return
        self.routes = {**self.routes, **self._compute_routes(shown)}
        self.ports = {**self.ports, **self._compute_ports(shown)}
        for eid in shown:
            self.edges[eid].reroute()

    def _shown_edges(self) -> list[str]:
        """The ids of the edge items whose cards both show (``_edge_shown`` of each)."""
        shown, edges = self.shown_test(), self.amap.edges
        return [eid for eid in self.edges
                if (e := edges.get(eid)) is not None and shown(e.source) and shown(e.target)]

    def _edge_shown(self, eid: str) -> bool:
        edge = self.amap.edges.get(eid)
        return edge is not None and self.is_shown(edge.source) and self.is_shown(edge.target)

    def route_shown_change(self, toggled, changed) -> None:
        """Cards *changed* were hidden or shown again (a collapse of the cards *toggled*):
        route again the shown edges at them and at *toggled*, and those whose lines cross a
        card shown again and were routed while it was hidden (or moved while hidden: then
        any), around the cards near them. (An edge routed while the card showed went around
        it, and still does.)"""
        eids = set()
        for nid in set(changed) | set(toggled):
            card = self.cards.get(nid)
            if card is None:
                continue
            eids.update(e for e in card.edge_ids if self._edge_shown(e))
            if nid in changed and self.is_shown(nid):
                since, rect = self.hidden_at.pop(nid, -1), card.scene_card_rect()
                for item in self.items(rect, Qt.IntersectsItemBoundingRect):
                    if isinstance(item, EdgeItem) and item.isVisible() and item.geom is not None \
                            and self.routed_at.get(item.edge_id, since) >= since \
                            and item.geom.crosses(rect):
                        eids.add(item.edge_id)
        self.route_around((), eids, spread=toggled)    # (not the now hidden edges at *toggled*)

    def _compute_ports(self, eids, cards=None) -> dict:
        """Ports of the edges *eids* at the shown cards (only at *cards* if given)."""
        edges = self.amap.edges
        named = [(eid, edges[eid].source, edges[eid].target) for eid in eids if eid in edges]
        ends = {n for _, s, t in named for n in (s, t) if n in self.cards and self.is_shown(n)}
        return assign_ports(self._card_rects(self.cards[n] for n in ends), named, self.routes, cards)

    def route_around(self, nids, eids=(), spread=()) -> None:
        """Route again the edges *eids* and those of the cards *nids*, looking only at the
        cards near them (other edges keep their routes until the next full routing); then
        spread again the ports of their cards and of the cards *spread*."""
        todo = set(eids)
        for nid in nids:
            if nid in self.cards:
                todo |= self.cards[nid].edge_ids
        todo &= self.edges.keys()
        if len(todo) > LOCAL_LIMIT:
            self.route_all()
            return
        fresh = self._unpark(todo)
        if fresh:
            self.routes.update(self._compute_routes(fresh, self._rects_near(fresh)))
        ends = {n for eid in todo for n in (self.amap.edges[eid].source, self.amap.edges[eid].target)}
        self.respread(ends | set(spread))

    def respread(self, nids) -> None:
        """Spread again the ports of the cards *nids* and reshape every edge at them."""
        nids = {n for n in nids if n in self.cards}
        eids = {eid for n in nids for eid in self.cards[n].edge_ids if eid in self.edges}
        if not eids:
            return
        edges = self.amap.edges
        for eid in eids:
            for end, n in enumerate((edges[eid].source, edges[eid].target)):
                if n in nids:
                    self.ports.pop((eid, end), None)
        self.ports.update(self._compute_ports(eids, nids))
        for eid in eids:
            self.edges[eid].reroute()

    def _rects_near(self, eids) -> dict[str, tuple[float, float, float, float]]:
        """Cards within reach of the edges *eids* (their ends included)."""
        area, ends = QRectF(), set()
        for eid in eids:
            e = self.amap.edges[eid]
            for end in (e.source, e.target):
                if end in self.cards:
                    ends.add(self.cards[end])
                    area = area.united(self.cards[end].scene_card_rect())
        # by bounding boxes: the default test asks every relation crossing the area for its
        # stroked shape (3,000 strokes, 80 ms, for an undo at 5,000 cards), and cards are boxes
        near = [i for i in self.items(area.adjusted(-REACH, -1, REACH, 1), Qt.IntersectsItemBoundingRect)
                if isinstance(i, CardItem) and i.isVisible()]
        return self._card_rects(set(near) | ends)
