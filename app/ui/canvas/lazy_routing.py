"""Lazy edge routing for big maps: the first paint never waits for the router.

A scene with more than LAZY_EDGES edges is built with no routes and its edge items with no
geometry: an edge gets its shape (a plain curve between its cards) when a card of it is first
about to be painted (``shape_edges_in``, called by the view before it paints).  Right after the
first paint the edges at the cards in view are routed (around the cards near them), then, half
a second later (the first clicks after opening need not share the processor with it), the
whole map is routed in a background thread
(the router and the port spreading are pure Python over a snapshot of the card rectangles)
and the result is applied in small chunks, the edges in view first, so the window stays
interactive throughout.  Routes computed meanwhile by edits (local reroutes) win over the
background's; a rebuild or a full reroute makes the background's result obsolete.
``defer_routing(scene)`` says whether it deferred *scene*'s routing. A full reroute of a big
map once it is open (a strategy's case, a focus, the whole map again) goes the same way
(``reroute_lazily``), the edges keeping their shapes until their new routes come. Only shown
edges are routed; a hidden one keeps its route until it shows again.
"""

from __future__ import annotations

import threading
import time

from PySide6.QtCore import QObject, QRectF, Qt, QTimer

from ...layout.ports import assign_ports
from ...layout.routing import route_edges
from ..gc_guard import hold_survivors

LAZY_EDGES = 1_500     # above this many edges a scene is routed after its first paint
# Above this many shown edges (or LAZY_EDGES, if fewer) a full reroute once the map is shown
# (a case, a focus, the whole map again) routes those in view at once and the rest in the
# background: routing a 1,000-card map's 1,000 edges at once was 40 of the 60 ms that
# showing its whole map again took.
REROUTE_LAZY_EDGES = 400
CHUNK = 200            # edge items reshaped per event-loop turn
TICK_MS = 15           # how often the result is polled and applied
FIRST_PAINT_TICKS = 40  # ticks to wait for the first paint before routing anyway
QUIET_TICKS = 30       # ticks after routing what is in view before the rest is routed
NEAR_VIEW = 900.0      # how far around the view cards are obstacles for routing what is in view


def defer_routing(scene) -> bool:
    """If *scene* is big, leave its routes empty for now and schedule lazy routing; True
    then.  Called while the scene is built, after its cards are placed."""
    if len(scene.amap.edges) <= LAZY_EDGES:
        return False
    scene.routes, scene.ports = {}, {}
    old = getattr(scene, "_lazy_router", None)
    if old is not None:
        old.stop()
    _stop_warming(scene)
    scene._lazy_router = LazyRouter(scene)
    return True


def reroute_lazily(scene, count: int) -> bool:
    """Route *count* shown edges of *scene* again as a big map's are routed when it opens, if
    they are more than REROUTE_LAZY_EDGES (or LAZY_EDGES) and a view shows the scene: those
    at the cards in view now, all of them in the background, the result applied in chunks;
    until then an edge keeps the shape it had. True if so (else the caller routes them at
    once)."""
    if count <= min(LAZY_EDGES, REROUTE_LAZY_EDGES) or _visible_rect(scene) is None:
        return False
    old = getattr(scene, "_lazy_router", None)
    if old is not None:
        old.stop()
    _stop_warming(scene)
    scene.routes, scene.ports = dict(scene.routes), dict(scene.ports)   # (any job before: obsolete)
    router = scene._lazy_router = LazyRouter(scene)
    router.painted = router.visible_routed = True
    router._route_visible()
    return True


def shape_edges_in(scene, rect: QRectF) -> None:
    """Before *rect* (scene coordinates) is painted: give the edges at the cards in it that
    have no geometry yet their shape (nothing to do once the lazy routing is over)."""
    router = getattr(scene, "_lazy_router", None)
    if router is None or not router.timer.isActive():
        return
    edges = scene.edges
    for item in scene.items(rect, Qt.IntersectsItemBoundingRect):
        for eid in getattr(item, "edge_ids", ()):
            edge = edges.get(eid)
            if edge is not None and edge.geom is None:
                edge.reroute()


def first_paint_done(scene) -> None:
    """The view has painted *scene* once: its lazy routing may begin."""
    router = getattr(scene, "_lazy_router", None)
    if router is not None:
        router.painted = True


def _visible_rect(scene) -> QRectF | None:
    """The scene area shown by the scene's first view (None without a shown view)."""
    for view in scene.views():
        if view.isVisible():
            return view.mapToScene(view.viewport().rect()).boundingRect()
    return None


class LazyRouter(QObject):
    """Routes one scene's edges in the background and applies the result in chunks."""

    def __init__(self, scene) -> None:
        super().__init__(scene)
        self.scene, self.amap = scene, scene.amap
        self.routes_dict = scene.routes          # identity: replaced by a full reroute
        self.result: tuple[dict, dict] | None = None
        self.before: tuple[dict, dict] = ({}, {})   # what the scene had when the thread began
        self.todo: list[str] = []
        self.thread: threading.Thread | None = None
        self.painted = False                     # told by the view after its first paint
        self.visible_routed = False
        self.waited = 0
        self.timer = QTimer(self)
        self.timer.timeout.connect(self._tick)
        self.timer.start(TICK_MS)

    def stop(self) -> None:
        """Forget this job (the scene was rebuilt)."""
        self.timer.stop()
        self.amap = None

    def _obsolete(self) -> bool:
        s = self.scene
        return self.amap is None or s.amap is not self.amap or s.routes is not self.routes_dict

    def _tick(self) -> None:
        """One event-loop turn of work: start, route what is in view, or apply a chunk."""
        if self._obsolete():
            self.stop()
        elif self.thread is None and not self.painted and self.waited < FIRST_PAINT_TICKS:
            self.waited += 1                     # never before the first paint
        elif self.thread is None and not self.visible_routed:
            self._route_visible()
            self.visible_routed, self.waited = True, 0
        elif self.thread is None and self.waited < QUIET_TICKS:
            self.waited += 1                     # the first clicks after the paint go first
        elif self.thread is None:
            self._start()
        elif self.result is not None and not self.todo:
            self._merge()
        elif self.todo:
            self._apply_chunk()

    def _route_visible(self) -> None:
        """Route the edges at the cards in view now, around the cards near them."""
        s, view = self.scene, _visible_rect(self.scene)
        if view is None:
            return
        near = [i for i in s.items(view.adjusted(-NEAR_VIEW, -NEAR_VIEW, NEAR_VIEW, NEAR_VIEW),
                                   Qt.IntersectsItemBoundingRect) if hasattr(i, "edge_ids") and i.isVisible()]
        shown = [c for c in near if view.intersects(c.scene_card_rect())]
        eids = {eid for c in shown for eid in c.edge_ids if eid in s.edges}
        if eids and len(eids) <= 4 * CHUNK:
            ends = {s.cards[n] for eid in eids for n in self._ends(eid) if n in s.cards}
            s.routes.update(s._compute_routes(eids, s._card_rects(set(near) | ends)))
            s.ports.update(s._compute_ports(eids, {n for eid in eids for n in self._ends(eid)}))
            for eid in eids:
                s.edges[eid].reroute()

    def _ends(self, eid: str) -> tuple[str, str]:
        edge = self.amap.edges[eid]
        return edge.source, edge.target

    def _start(self) -> None:
        """Snapshot the shown cards and edges and route them in a background thread."""
        s = self.scene
        self.before = (dict(s.routes), dict(s.ports))
        rects = s._card_rects(c for n, c in s.cards.items() if s.is_shown(n))
        named = [(eid, e.source, e.target) for eid, e in self.amap.edges.items()
                 if eid in s.edges and s.is_shown(e.source) and s.is_shown(e.target)]
        self.thread = threading.Thread(target=self._work, args=(rects, named), daemon=True)
        self.thread.start()

    def _work(self, rects: dict, named: list) -> None:
        """Background: the routes and ports of every edge (plain Python data only)."""
        routes = route_edges(rects, named)
        self.result = (routes, assign_ports(rects, named, routes))

    def _merge(self) -> None:
        """Take the background's routes, keeping those recomputed since (edits) and those
        of the edges it did not route (hidden ones)."""
        new_routes, new_ports = self.result
        s = self.scene
        old_routes, old_ports = self.before
        routes, ports = dict(s.routes), dict(s.ports)
        taken = {k: v for k, v in new_routes.items() if s.routes.get(k) is old_routes.get(k)}
        routes.update(taken)
        s.routed_at.update(dict.fromkeys(taken, s.route_tick))
        ports.update({k: v for k, v in new_ports.items() if s.ports.get(k) is old_ports.get(k)})
        s.routes, s.ports = routes, ports
        self.routes_dict = routes
        self.todo = self._in_view_first(list(s.edges))

    def _in_view_first(self, eids: list[str]) -> list[str]:
        """*eids* with the edges whose items are in view at the end (popped first)."""
        view = _visible_rect(self.scene)
        if view is None:
            return eids
        # the scene's index finds them (asking every edge for its box took 80 ms at 20,000 cards)
        seen = {eid for i in self.scene.items(view, Qt.IntersectsItemBoundingRect)
                if (eid := getattr(i, "edge_id", None)) is not None}
        return [e for e in eids if e not in seen] + [e for e in eids if e in seen]

    def _apply_chunk(self) -> None:
        """Reshape the next CHUNK edge items from their new routes."""
        s = self.scene
        for _ in range(min(CHUNK, len(self.todo))):
            eid = self.todo.pop()
            item = s.edges.get(eid)
            if item is not None:
                item.reroute()
        if not self.todo:
            self.timer.stop()
            s.invalidate_batch()
            hold_survivors(collect=False)   # every edge's route is made: see app.ui.gc_guard
            warm_middles(s)


WARM_SLICE_S = 0.004    # how long finding middles may hold the event loop at a time
WARM_FROM_CUBICS = 4    # a relation of fewer cubics is measured quickly when first drawn


def warm_middles(scene) -> None:
    """Once a map's relations are routed (at once, or a big map's in the background): find
    the middle (the +/- glyph's spot) of each long one between events, a few milliseconds at
    a time, so that a jump, a scroll or a zoom to cards never drawn before does not measure
    them (Qt measures a relation's whole line to find its middle: ~0.1 ms for a long one,
    15-30 ms of a jump across the 10,000-card overview, 1-6 ms at 1,000 cards)."""
    _stop_warming(scene)
    geoms = [item.geom for item in scene.edges.values()
             if item.geom is not None and item.geom._mid is None
             and len(item.geom.curve[1] if item.geom.curve else ()) >= WARM_FROM_CUBICS]
    scene._middles = MiddleWarmer(scene, geoms) if geoms else None


def _stop_warming(scene) -> None:
    old = getattr(scene, "_middles", None)
    if old is not None:
        old.stop()
        scene._middles = None


class MiddleWarmer(QObject):
    """Finds ``EdgeGeometry.mid`` of *geoms* between events (see ``warm_middles``). A
    geometry replaced meanwhile (an edit rerouted its relation) is measured for nothing,
    which costs no more than it would have."""

    def __init__(self, parent, geoms: list) -> None:
        super().__init__(parent)
        self.todo = geoms
        self.timer = QTimer(self)
        self.timer.timeout.connect(self._tick)
        self.timer.start(0)

    def stop(self) -> None:
        self.timer.stop()
        self.todo = []

    def _tick(self) -> None:
        todo, clock = self.todo, time.perf_counter
        end = clock() + WARM_SLICE_S
        while todo and clock() < end:
            for geom in todo[-8:]:
                geom.mid        # (found and kept)
            del todo[-8:]
        if not todo:
            self.timer.stop()
            hold_survivors(collect=False)   # the middles live as long as their relations
