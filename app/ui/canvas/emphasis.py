"""Selection emphasis: the selected cards, their relations and the cards at the other ends
stand out; everything else is dimmed. Each relation of a selected card names its role
(reason, objection, rebuttal) relative to the card it bears on.

Mixed into MapScene. It feeds cards (``dimmed``) and edges (``emphasis``, ``role``) only
where the value changes, so a selection change repaints just the items whose state changed.
When a selection starts or ends every item changes: on a big map (more than
``AT_ONCE`` items) the items in view are fed at once and the rest are left *stale*, each fed
when a view is first about to paint it (``emphasis_in``, called by the view before it
paints; no view has shown it since, so it needs no repaint of its own). At 10,000 cards
feeding them all took 95 ms of every click that selected a card or cleared the selection,
against about 1 ms for the hundred or so in view. Feeding the rest in the background
instead only moved that work into the next clicks and keystrokes.

A *marked* card (the source of a keyboard connection, set by app.ui.keyboard_edit) gets a
ring and stays lit whatever is selected, so it can be seen while the target is picked.
"""

from __future__ import annotations

from contextlib import contextmanager

from PySide6.QtCore import QRectF, Qt

from .items import CardItem, EdgeItem

AT_ONCE = 600       # items fed at once when a selection starts or ends; more: those in view


def relation_role(amap, edge, roles) -> str:
    """The role of *edge*'s source relative to its target: 'reason' (a support),
    'objection' (an attack), or 'rebuttal' (an attack on a card that itself only attacks)."""
    if edge.relation == "support":
        return "reason"
    if edge.relation == "attack":
        return "rebuttal" if roles.get(edge.target) in ("objection", "rebuttal") else "objection"
    return ""


class EmphasisMixin:
    """Needs ``amap``, ``cards``, ``edges``, ``roles`` (set by MapScene)."""

    marked: str | None = None          # the card a keyboard connection starts from

    def _init_emphasis(self) -> None:
        self.lit: set[str] | None = None         # cards standing out (None: no selection)
        self.lit_edges: set[str] = set()
        self._emphasis_held = 0
        # None: every item has its emphasis; else the only cards and edges that have it
        # (a big map's selection started or ended: the others are fed when about to be drawn)
        self.fresh: tuple[set[str], set[str]] | None = None
        self.selectionChanged.connect(self._selection_moved)

    def _selection_moved(self) -> None:
        if not self._emphasis_held:
            self.refresh_emphasis()

    @contextmanager
    def emphasis_held(self):
        """Change the selection in several steps (clear, then select) with one refresh at
        the end: passing through "nothing selected" would feed every card and edge twice."""
        self._emphasis_held += 1
        try:
            yield
        finally:
            self._emphasis_held -= 1
            if not self._emphasis_held:
                self.refresh_emphasis()

    def _selected_ids(self) -> tuple[set[str], set[str]]:
        nodes, edges = set(), set()
        for item in self.selectedItems():
            if isinstance(item, CardItem):
                nodes.add(item.node_id)
            elif isinstance(item, EdgeItem):
                edges.add(item.edge_id)
        return nodes, edges

    def _lit(self) -> tuple[set[str] | None, set[str]]:
        """The cards and edges to emphasise for the current selection."""
        if self.amap is None:
            return None, set()
        nodes, edges = self._selected_ids()
        if not nodes and not edges:
            return None, set()
        lit_edges = set(edges)
        for nid in nodes:
            if nid in self.cards:
                lit_edges |= self.cards[nid].edge_ids
        lit = set(nodes) | ({self.marked} if self.marked in self.cards else set())
        for eid in lit_edges:
            e = self.amap.edges.get(eid)
            if e is not None:
                lit.update((e.source, e.target))
        return lit, {e for e in lit_edges if e in self.edges and e in self.amap.edges}

    def refresh_emphasis(self, again: bool = False) -> None:
        """Feed the cards and edges whose emphasis changed with the selection (*again*: and
        the emphasised edges, whose roles an edit may have changed)."""
        old, old_edges = self.lit, self.lit_edges
        self.lit, self.lit_edges = self._lit()
        if (old is None) != (self.lit is None):
            if len(self.cards) + len(self.edges) > AT_ONCE:
                self.fresh = (set(), set())
                cards, edges = self._in_view()
            else:
                self.fresh = None
                cards, edges = set(self.cards), set(self.edges)
        else:
            cards = (old or set()) ^ (self.lit or set())
            edges = old_edges ^ self.lit_edges
        if again:
            edges |= self.lit_edges
        self._feed_cards(cards)
        self._feed_edges(edges)

    @property
    def stale_cards(self) -> set[str]:
        """The cards whose emphasis is not fed yet."""
        return set() if self.fresh is None else self.cards.keys() - self.fresh[0]

    @property
    def stale_edges(self) -> set[str]:
        """The edges whose emphasis is not fed yet."""
        return set() if self.fresh is None else self.edges.keys() - self.fresh[1]

    def _feed_cards(self, ids) -> None:
        if self.fresh is not None:
            self.fresh[0].update(ids)
        cards = self.cards
        for nid in ids:
            if nid in cards:
                cards[nid].feed(dimmed=self.lit is not None and nid not in self.lit)

    def _feed_edges(self, ids, unseen: bool = False) -> None:
        """Feed the edges *ids*; *unseen*: with no repaint (no view has drawn them stale)."""
        if self.fresh is not None:
            self.fresh[1].update(ids)
        edges = self.edges
        for eid in ids:
            if eid in edges:
                if unseen:
                    edges[eid].feed_unseen(**self._edge_emphasis(eid))
                else:
                    edges[eid].feed(**self._edge_emphasis(eid))

    def _in_view(self) -> tuple[set[str], set[str]]:
        """The ids of the cards and of the edges whose bounds meet what a shown view shows."""
        cards: set[str] = set()
        edges: set[str] = set()
        for view in self.views():
            if view.isVisible():
                rect = view.mapToScene(view.viewport().rect()).boundingRect()
                _ids(self.items(rect, Qt.IntersectsItemBoundingRect), cards, edges)
        return cards, edges

    def emphasis_in(self, rect: QRectF) -> None:
        """Before *rect* (scene coordinates) is shown: feed the stale items it meets (the
        edges with no repaint of their own: no view has drawn them since they went stale)."""
        if self.fresh is None:
            return
        cards: set[str] = set()
        edges: set[str] = set()
        _ids(self.items(rect, Qt.IntersectsItemBoundingRect), cards, edges)
        self._feed_cards(cards - self.fresh[0])
        self._feed_edges(edges - self.fresh[1], unseen=True)

    def settle_emphasis(self) -> None:
        """Feed every stale item now (before something reads all items' state)."""
        if self.fresh is not None:
            self._feed_cards(self.stale_cards)
            self._feed_edges(self.stale_edges, unseen=True)
            self.fresh = None

    def _edge_emphasis(self, eid: str) -> dict:
        if self.lit is None or eid not in self.amap.edges:   # (an edge on its way out)
            return {"emphasis": "", "role": ""}
        if eid not in self.lit_edges:
            return {"emphasis": "dim", "role": ""}
        return {"emphasis": "lit", "role": relation_role(self.amap, self.amap.edges[eid], self.roles)}

    def _card_emphasis(self, nid: str) -> dict:
        return {"dimmed": self.lit is not None and nid not in self.lit, "marked": nid == self.marked}

    def set_marked(self, nid: str | None) -> None:
        """Ring the card *nid* and keep it lit (None: no card)."""
        old, self.marked = self.marked, nid
        for n in {old, nid} - {None}:
            if n in self.cards:
                self.cards[n].feed(marked=n == nid)
        self.refresh_emphasis()


def _ids(items, cards: set[str], edges: set[str]) -> None:
    """Add the ids of the cards among *items* to *cards*, of the edges to *edges*."""
    for item in items:
        if isinstance(item, CardItem):
            cards.add(item.node_id)
        elif isinstance(item, EdgeItem):
            edges.add(item.edge_id)
