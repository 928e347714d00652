"""The shared selection: which nodes and edges the user is working on."""

from __future__ import annotations

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

    def prune(self, amap, changeset=None) -> None:
        """Drop ids that no longer exist (after delete or undo). When that leaves no card
        selected and *changeset* removed the selected cards' relations, the card at the other
        end of one of them is selected instead (undoing "Add reason" selects the card the
        reason was for, so the next Add reason or Add objection still has its card)."""
        nodes = [n for n in self.nodes if n in amap.nodes]
        if self.nodes and not nodes and changeset is not None:
            nodes = _neighbour(amap, changeset, set(self.nodes))
        self.set(nodes, [e for e in self.edges if e in amap.edges])


def _neighbour(amap, changeset, lost: set) -> list[str]:
    """[a card still in *amap* that a relation removed by *changeset* joined to *lost*]."""
    from ..model.changes import Removed
    from ..model.entities import Edge
    for change in changeset.changes:
        record = getattr(change, "record", None)
        if isinstance(change, Removed) and isinstance(record, Edge):
            for mine, other in ((record.source, record.target), (record.target, record.source)):
                if mine in lost and other in amap.nodes:
                    return [other]
    return []
