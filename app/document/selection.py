"""The shared selection: which nodes and edges the user is working on."""

from __future__ import annotations

from ..model import Edge, Removed
from .events import Signal


class Selection:
    def __init__(self) -> None:
        self.nodes: tuple[str, ...] = ()
        self.edges: tuple[str, ...] = ()
        self.changed = Signal()   # callback(selection, origin)

    def set(self, nodes=(), edges=(), origin=None) -> None:
        nodes, edges = tuple(dict.fromkeys(nodes)), tuple(dict.fromkeys(edges))
        if (nodes, edges) == (self.nodes, self.edges):
            return
        self.nodes, self.edges = nodes, edges
        self.changed.emit(self, origin)

    def clear(self, origin=None) -> None:
        self.set((), (), origin)

    @property
    def current_node(self) -> str | None:
        """The one node being inspected (the last selected)."""
        return self.nodes[-1] if self.nodes else None

    @property
    def current_edge(self) -> str | None:
        return self.edges[-1] if self.edges and not self.nodes else None

    def prune(self, amap, cs=None) -> None:
        """Drop ids that no longer exist (after delete or undo). If that would leave nothing
        selected, change set *cs* (what removed them) hands the selection on: to the card a
        removed card was attached to (undoing "Add reason" selects its conclusion again, so
        the next reason can be added at once)."""
        nodes = [n for n in self.nodes if n in amap.nodes]
        edges = [e for e in self.edges if e in amap.edges]
        if self.nodes and not nodes and not edges and cs is not None:
            nodes = _heir(amap, cs, set(self.nodes))
        self.set(nodes, edges)


def _heir(amap, cs, dropped: set[str]) -> list[str]:
    """A card still in *amap* that a removed relation of change set *cs* joined to one of
    the *dropped* cards, the card it bore on first."""
    ends = [(r.source, r.target) for r in (c.record for c in cs.changes if isinstance(c, Removed))
            if isinstance(r, Edge)]
    for pick in (lambda s, t: t if s in dropped else None, lambda s, t: s if t in dropped else None):
        for s, t in ends:
            nid = pick(s, t)
            if nid is not None and nid in amap.nodes:
                return [nid]
    return []
