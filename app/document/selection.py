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

    def prune(self, amap) -> None:
        """Drop ids that no longer exist (after delete or undo)."""
        self.set([n for n in self.nodes if n in amap.nodes], [e for e in self.edges if e in amap.edges])
