"""The scene bound to a map: items by id, updated from change sets (never a full rebuild
for an ordinary edit), plus what the cards show beyond the map (roles, weighing results,
find). The binding feeds each card and edge its state (``feed``); an item repaints only when
what it is fed differs, so an edit repaints the items it changed and no others. Routes and
ports are in ``routing``, emphasis in ``emphasis``, what is fed in ``feeding``."""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QGraphicsScene

from ...model import Added, Edge, MetaChanged, Node, Removed, Updated
from ...render.cards import measure_card
from ...render.geometry import Occupancy, free_spot, hidden_by_collapse, roles, wrap_width
from .emphasis import EmphasisMixin
from .feeding import FeedingMixin
from .items import CardItem, EdgeItem, edge_lines
from .lazy_routing import defer_routing, warm_middles
from .occupancy import SceneOccupancy
from .routing import RoutingMixin

_MEASURED = {"title", "text"}


class MapScene(RoutingMixin, FeedingMixin, EmphasisMixin, QGraphicsScene):
    """A QGraphicsScene mirroring one ArgumentMap."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.amap = None
        self.cards: dict[str, CardItem] = {}
        self.edges: dict[str, EdgeItem] = {}
        self.metrics: dict = {}
        self.roles: dict[str, str] = {}
        self.fallback: dict[str, tuple[float, float]] = {}   # positions of unpositioned nodes
        self.weighing = None     # the document's Weighing: strengths, labels, spread
        self.show_labels = False   # acceptability labels: a View setting, off by default
        self.routes: dict[str, list] = {}      # edge id → waypoints around cards
        self.ports: dict = {}                  # (edge id, end) → where it meets its card
        self._parked: OrderedDict = OrderedDict()   # removed relations' routes (routing.py)
        self._freed: set[str] = set()          # ends of removed edges, to spread again
        # when each edge was last routed and each hidden card hidden, in change sets applied
        # (an edge routed while a card was hidden may cross it when it shows again)
        self.route_tick = 0
        self.routed_at: dict[str, int] = {}
        self.hidden_at: dict[str, int] = {}
        self.flashing: set[str] = set()        # cards whose strength just moved
        self.highlighted: set[str] = set()     # find matches
        self.presence: dict[str, tuple] = {}   # live session: card id → (initial, colour) marks
        self.preview: dict = {}                # values being tried, by node or edge id
        self.hidden: set[str] = set()
        self.hidden_counts: dict[str, int] = {}
        self.collapsed: set[str] = set()       # the collapsed nodes (what may hide others)
        self.focus: set[str] | None = None
        self.lod = 1.0          # the view's scale, kept up to date by the canvas
        self.batch_edges = False   # far out: edges drawn in one pass by the view, not as items
        self._batch: dict | None = None
        self.unshaped_build = False    # building a big map: edge items get no shape yet
        self._init_emphasis()

    # ----- building ------------------------------------------------------------------
    def build(self, amap, fallback=None) -> None:
        """Create every item for *amap* (used when a document is opened)."""
        self.cards, self.edges = {}, {}     # first: clearing may report a selection change
        self.lit, self.lit_edges = None, set()
        self.fresh = None
        self.clear()
        self.flashing, self.highlighted, self.preview = set(), set(), {}
        self._parked.clear()
        self.route_tick, self.routed_at, self.hidden_at = 0, {}, {}
        self.amap = amap
        self.fallback = dict(fallback or {})
        if amap is None:
            return
        width = wrap_width(amap)
        self.metrics = {n: measure_card(v.title, v.text, width) for n, v in amap.nodes.items()}
        self.roles = roles(amap)
        self.collapsed = {n for n, v in amap.nodes.items() if v.collapsed}
        self.hidden, self.hidden_counts = hidden_by_collapse(amap)
        self.hidden_at = dict.fromkeys(self.hidden, 0)
        for nid in amap.nodes:
            self._add_card(nid)
        lazy = defer_routing(self)      # big maps are routed after the first paint
        if not lazy:
            self.routes = self._compute_routes(list(amap.edges))
            self.ports = self._compute_ports(list(amap.edges))
        self.unshaped_build = lazy
        for eid in amap.edges:
            self._add_edge(eid)
        self.unshaped_build = False
        if not lazy:
            warm_middles(self)              # (a big map's once its routes arrive)
        if self.hidden or self.focus is not None or self.batch_edges:
            self.refresh_visibility()
        else:
            self.invalidate_batch()        # new items are shown: nothing else to do
        self.update_scene_rect()

    def position_of(self, nid: str) -> tuple[float, float]:
        node = self.amap.nodes[nid]
        if node.x is not None and node.y is not None:
            return (node.x, node.y)
        if nid not in self.fallback:
            self.fallback[nid] = self._free_place(nid)
        return self.fallback[nid]

    def _free_place(self, nid: str) -> tuple[float, float]:
        """A spot for a node without position: below a target of it, overlapping nothing."""
        size = self.metrics[nid].size
        occ = self.occupancy(exclude={nid})
        near = (0.0, 0.0)
        for t in (e.target for e in self.amap.outgoing(nid)):
            if t in self.cards:
                r = self.cards[t].scene_card_rect()
                near = (r.center().x(), r.bottom() + 70 + size[1] / 2)
                break
        else:
            if self.cards:
                r = self.itemsBoundingRect()
                near = (r.right() + 40 + size[0] / 2, r.top() + size[1] / 2)
        return free_spot(occ, size, near)

    def occupancy(self, exclude=()) -> Occupancy:
        """Where the shown cards are (but *exclude*), read from the scene where asked."""
        return SceneOccupancy(self, exclude)

    def _add_card(self, nid: str) -> None:
        node = self.amap.nodes[nid]
        placed = (node.x, node.y) if node.x is not None and node.y is not None else self.fallback.get(nid)
        card = CardItem(nid, self.metrics[nid], placed, **self._card_state(nid))
        self.cards[nid] = card
        self.addItem(card)
        if placed is None:          # a free place, found with the card in the scene
            card.setPos(*self.position_of(nid))

    def _add_edge(self, eid: str) -> None:
        e = self.amap.edges[eid]
        item = EdgeItem(self, eid, e.source, e.target, **self._edge_state(eid), **self._edge_emphasis(eid))
        self.edges[eid] = item
        for end in (e.source, e.target):
            if end in self.cards:
                self.cards[end].edge_ids.add(eid)
        self.addItem(item)

    def _remove_card(self, nid: str) -> None:
        card = self.cards.pop(nid, None)
        if card is not None:
            self.removeItem(card)
        self.metrics.pop(nid, None)
        self.fallback.pop(nid, None)
        self.roles.pop(nid, None)
        self.hidden_at.pop(nid, None)

    def _remove_edge(self, edge: Edge) -> None:
        self.park_route(edge, self.routes.pop(edge.id, None))
        self.routed_at.pop(edge.id, None)
        self.ports.pop((edge.id, 0), None)
        self.ports.pop((edge.id, 1), None)
        self._freed.update((edge.source, edge.target))
        item = self.edges.pop(edge.id, None)
        if item is not None:
            self.removeItem(item)
        for end in (edge.source, edge.target):
            if end in self.cards:
                self.cards[end].edge_ids.discard(edge.id)

    # ----- keeping up with the map ---------------------------------------------------
    def apply(self, cs) -> None:
        """Update the items touched by change set *cs* (already applied to the map)."""
        self.route_tick += 1
        structure, remeasure, moved, refresh = False, set(), set(), set()
        collapsed, added, bearing, toggled = False, set(), set(), set()
        for c in cs.changes:
            if isinstance(c, (Added, Removed)):
                structure |= self._apply_record(c)
                if isinstance(c, Added) and isinstance(c.record, (Node, Edge)):
                    added.add(c.record.id)
            elif isinstance(c, Updated) and c.collection == "nodes" and c.key in self.cards:
                self._apply_node_field(c, remeasure, moved, refresh)
                if c.field == "collapsed":
                    collapsed = True
                    toggled.add(c.key)
                    (self.collapsed.add if c.new else self.collapsed.discard)(c.key)
            elif isinstance(c, Updated) and c.collection == "edges" and c.key in self.edges:
                self.edges[c.key].feed(**self._edge_state(c.key))
                if c.field == "relation":       # a reason became an objection, or back
                    bearing.update(self.edges[c.key].ends)
            elif isinstance(c, MetaChanged) and c.key == "wrap_width":
                remeasure |= set(self.cards)
        structure |= collapsed
        resized = self._remeasure(remeasure)   # a new title of the same size routes nothing
        self._place(moved | resized)
        for nid in (moved | resized) & self.hidden_at.keys():
            self.hidden_at[nid] = -1    # moved while hidden: no route went around it there
        touched = cs.touched_nodes() & self.cards.keys()
        self._refresh_roles(touched | (bearing & self.cards.keys()))
        shown_or_hidden = self._refresh_hidden(added) if structure else set()
        if collapsed:
            self.route_shown_change(toggled, shown_or_hidden - added)
        else:
            self.route_around(moved | resized | (added & self.cards.keys()),
                              added & self.edges.keys(), self._freed)
        self._freed = set()
        for nid in refresh:
            if nid in self.cards:
                self.cards[nid].feed(**self._node_state(nid))
        self.invalidate_batch()
        if self.lit is not None:
            self.refresh_emphasis(again=True)
        self.update_scene_rect(touched | moved | resized)

    def _apply_record(self, c) -> bool:
        rec = c.record
        if isinstance(rec, Node):
            if isinstance(c, Added) and rec.collapsed:
                self.collapsed.add(rec.id)
            elif isinstance(c, Removed):
                self.collapsed.discard(rec.id)
            if isinstance(c, Added):
                self.metrics[rec.id] = measure_card(rec.title, rec.text, wrap_width(self.amap))
                self._add_card(rec.id)
            else:
                self._remove_card(rec.id)
            return True
        if isinstance(rec, Edge):
            if isinstance(c, Added):
                self._add_edge(rec.id)
            else:
                self._remove_edge(rec)
            return True
        return False

    def _apply_node_field(self, c, remeasure: set, moved: set, refresh: set) -> None:
        if c.field in _MEASURED:
            remeasure.add(c.key)
        elif c.field in ("x", "y"):
            moved.add(c.key)
        else:
            refresh.add(c.key)

    def _remeasure(self, ids) -> set[str]:
        """Measure the cards *ids* again; the ids of those whose size changed."""
        width, resized = wrap_width(self.amap), set()
        for nid in ids:
            node = self.amap.nodes[nid]
            old, self.metrics[nid] = self.metrics.get(nid), measure_card(node.title, node.text, width)
            if old is None or old.size != self.metrics[nid].size:
                resized.add(nid)
            self.cards[nid].set_metrics(self.metrics[nid])
        return resized

    def _after_moves(self, ids) -> None:
        """Put the cards *ids* where the map has them and route their edges again."""
        self._place(ids)
        self.route_around(ids)

    def _place(self, ids) -> None:
        """Put the cards *ids* where the map has them (their caller routes their edges)."""
        moved = False
        for nid in ids:
            card = self.cards.get(nid)
            if card is None:
                continue
            x, y = self.position_of(nid)
            if (card.pos().x(), card.pos().y()) != (x, y):
                card.setPos(x, y)
                moved = True
        if moved and self.batch_edges:
            self.invalidate_batch()

    def _refresh_roles(self, touched: set[str]) -> None:
        around = set(touched)
        for nid in touched:
            around.update(e.source for e in self.amap.incoming(nid))
        fresh = roles(self.amap, [n for n in around if n in self.cards])
        for nid, role in fresh.items():
            if self.roles.get(nid) != role:
                self.roles[nid] = role
                self.cards[nid].feed(role=role)

    def _refresh_hidden(self, added=()) -> set[str]:
        """Find again which cards collapsed nodes hide; feed the changed badge counts; show
        or hide the cards whose state changed and the *added* items; those cards."""
        old, old_hidden = self.hidden_counts, self.hidden
        if self.collapsed or old_hidden or old:
            self.hidden, self.hidden_counts = hidden_by_collapse(self.amap)
        # else nothing is collapsed, so nothing is hidden: no pass over every node (1 ms at
        # 10,000 cards) for each card added or deleted
        for nid in old.keys() | self.hidden_counts.keys():
            if nid in self.cards:
                self.cards[nid].feed(hidden_count=self.hidden_counts.get(nid, 0))
        for nid in self.hidden - old_hidden:
            self.hidden_at[nid] = self.route_tick
        cards = (old_hidden ^ self.hidden) | {a for a in added if a in self.cards}
        self.refresh_visibility(cards, {a for a in added if a in self.edges})
        return cards

    # ----- scene rectangle -----------------------------------------------------------
    def update_scene_rect(self, ids=None) -> None:
        """Make the scrollable area cover the map with room around it; with *ids*, only
        grow it to cover those cards (cheap after an edit; it never needs to shrink then)."""
        if ids is not None and self.cards:
            r = self.sceneRect()
            for nid in ids:
                if nid in self.cards:
                    r = r.united(self.cards[nid].sceneBoundingRect().adjusted(-2000, -2000, 2000, 2000))
            if r != self.sceneRect():
                self.setSceneRect(r)
            return
        r = self.itemsBoundingRect() if self.cards else QRectF(-400, -300, 800, 600)
        self.setSceneRect(r.adjusted(-2000, -2000, 2000, 2000))

    # ----- visibility ----------------------------------------------------------------
    def refresh_visibility(self, cards=None, edges=()) -> None:
        """Hide cards under collapsed nodes or outside the focus, and their edges (edge
        items are hidden as well while the view draws all edges in one pass); only the
        *cards* given (with their edges) and the *edges* given, if any are."""
        if cards is None or len(cards) > len(self.cards) // 2:    # (most: quicker all at once)
            cards, eids = self.cards, self.edges
        else:
            cards = [n for n in cards if n in self.cards]
            eids = {e for n in cards for e in self.cards[n].edge_ids} | set(edges)
        shown, items, edges = self.shown_test(), self.cards, self.amap.edges
        for nid in cards:
            items[nid].setVisible(shown(nid))
        batch, items = self.batch_edges, self.edges
        for eid in eids:
            e, item = edges.get(eid), items.get(eid)
            if e is not None and item is not None:
                item.setVisible(not batch and shown(e.source) and shown(e.target))
        self.invalidate_batch()

    def set_batch_edges(self, on: bool) -> None:
        if on != self.batch_edges:
            self.batch_edges = on
            self.refresh_visibility()

    def invalidate_batch(self) -> None:
        self._batch = None
        if self.batch_edges:
            self.update()

    def edge_batch(self) -> dict:
        """Straight lines of all shown edges grouped by colour (far-out drawing)."""
        if self._batch is None:
            self._batch = edge_lines(self)
        return self._batch

    def is_shown(self, nid: str) -> bool:
        return nid not in self.hidden and (self.focus is None or nid in self.focus)

    def shown_test(self):
        """``is_shown`` as a plain function of the cards hidden and the focus now, for passes
        over every card (a method call per card was a third of such a pass)."""
        hidden, focus = self.hidden, self.focus
        if focus is None:
            return lambda nid: nid not in hidden
        return lambda nid: nid not in hidden and nid in focus
