"""Selection emphasis: the selected cards, their relations and the cards at the other ends
stand out; everything else is dimmed. Each relation of a selected card names its role
(reason, objection, rebuttal) relative to the card it bears on.

Mixed into MapScene. It feeds cards (``dimmed``) and edges (``emphasis``, ``role``) only
where the value changes, so a selection change repaints just the items whose state changed
(all of them only when the selection starts or ends).

A *marked* card (the source of a keyboard connection, set by app.ui.keyboard_edit) gets a
ring and stays lit whatever is selected, so it can be seen while the target is picked.
"""

from __future__ import annotations

from contextlib import contextmanager

from .items import CardItem, EdgeItem


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
            cards, edges = set(self.cards), set(self.edges)
        else:
            cards = (old or set()) ^ (self.lit or set())
            edges = old_edges ^ self.lit_edges
        if again:
            edges |= self.lit_edges
        for nid in cards:
            if nid in self.cards:
                self.cards[nid].feed(dimmed=self.lit is not None and nid not in self.lit)
        for eid in edges:
            if eid in self.edges:
                self.edges[eid].feed(**self._edge_emphasis(eid))

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
