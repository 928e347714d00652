"""ArgumentMap: the in-memory map, its relations kept as plain adjacency dicts.

``apply`` is its only mutator. Reading is through plain dicts; ``graph`` is a networkx
DiGraph of the same nodes and relations, made on first use and kept in step from then on
(so a command-line run that never asks for it never imports networkx).

>>> from app.model.entities import Node, Edge
>>> from app.model.changes import Added, ChangeSet
>>> m = ArgumentMap()
>>> m.apply(ChangeSet("demo", (Added(Node(id="a")), Added(Node(id="b")),
...                          Added(Edge(id="e", source="a", target="b")))))
>>> m.edge_between("a", "b").relation
'support'
"""

from __future__ import annotations

from dataclasses import replace

from .changes import Added, Change, ChangeSet, MetaChanged, Removed, Updated, key_of
from .entities import Assessment, Edge, Node, Participant, Source, field_names
from .errors import ModelError
from .meta import DEFAULT_META, check_meta_value
from .rounds import Round, RoundAnswer, Snapshot

_UPDATABLE = {
    "nodes": set(field_names(Node)) - {"id"},
    "edges": {"relation", "weight", "label", "data"},
    "participants": {"name", "colour"},
    "assessments": {"value", "note", "modified"},
    "sources": {"title", "text"},
    "rounds": {"name", "status", "scope", "targets", "time_box", "started", "closed"},
    "answers": {"value", "note", "modified"},
    "snapshots": {"name"},
}


class ArgumentMap:
    """A map of claims and their relations, plus workshop data and sources."""

    def __init__(self) -> None:
        self._out: dict[str, dict[str, str]] = {}   # source -> {target: edge id}
        self._in: dict[str, dict[str, str]] = {}    # target -> {source: edge id}
        self._graph = None
        self.nodes: dict[str, Node] = {}
        self.edges: dict[str, Edge] = {}
        self.participants: dict[str, Participant] = {}
        self.assessments: dict[tuple[str, str], Assessment] = {}
        self.sources: dict[str, Source] = {}
        self.rounds: dict[str, Round] = {}                              # the workshop method:
        self.answers: dict[tuple[str, str, str], RoundAnswer] = {}      # see model/rounds.py
        self.snapshots: dict[str, Snapshot] = {}
        self.meta: dict = dict(DEFAULT_META)

    # ----- reading -------------------------------------------------------------------
    @property
    def graph(self):
        """The map's relations as a networkx DiGraph (edge attribute ``id``); read it only."""
        if self._graph is None:
            import networkx as nx
            g = nx.DiGraph()
            g.add_nodes_from(self.nodes)
            g.add_edges_from((e.source, e.target, {"id": e.id}) for e in self.edges.values())
            self._graph = g
        return self._graph

    def node(self, node_id: str) -> Node:
        try:
            return self.nodes[node_id]
        except KeyError:
            raise ModelError(f"There is no node with id {node_id!r}") from None

    def edge(self, edge_id: str) -> Edge:
        try:
            return self.edges[edge_id]
        except KeyError:
            raise ModelError(f"There is no edge with id {edge_id!r}") from None

    def edge_between(self, source: str, target: str) -> Edge | None:
        edge_id = self._out.get(source, {}).get(target)
        return self.edges[edge_id] if edge_id is not None else None

    def edges_of(self, node_id: str) -> list[Edge]:
        """Every edge into or out of *node_id*."""
        return self.incoming(node_id) + self.outgoing(node_id)

    def incoming(self, node_id: str) -> list[Edge]:
        """Edges whose target is *node_id* (its reasons and objections)."""
        edges = self.edges
        return [edges[i] for i in self._in.get(node_id, {}).values()]

    def upstream(self, node_id: str, relations: tuple[str, ...]) -> set[str]:
        """*node_id* and every node that reaches it through edges of *relations* (its
        reasons and objections, theirs, and so on), without making an edge list per node."""
        edges, into = self.edges, self._in
        seen, todo = {node_id}, [node_id]
        while todo:
            for source, eid in into.get(todo.pop(), {}).items():
                if source not in seen and edges[eid].relation in relations:
                    seen.add(source)
                    todo.append(source)
        return seen

    def outgoing(self, node_id: str) -> list[Edge]:
        """Edges whose source is *node_id* (what it supports or attacks)."""
        edges = self.edges
        return [edges[i] for i in self._out.get(node_id, {}).values()]

    def assessments_of(self, target: str) -> list[Assessment]:
        return [a for a in self.assessments.values() if a.target == target]

    def contains(self, target_id: str) -> bool:
        """True if *target_id* names a node or an edge."""
        return target_id in self.nodes or target_id in self.edges

    def __eq__(self, other) -> bool:
        if not isinstance(other, ArgumentMap):
            return NotImplemented
        return (self.nodes == other.nodes and self.edges == other.edges
                and self.participants == other.participants and self.assessments == other.assessments
                and self.sources == other.sources and self.meta == other.meta
                and self.rounds == other.rounds and self.answers == other.answers
                and self.snapshots == other.snapshots)

    def __repr__(self) -> str:
        return f"<ArgumentMap {self.meta.get('title')!r}: {len(self.nodes)} nodes, {len(self.edges)} edges>"

    # ----- changing ------------------------------------------------------------------
    def apply(self, changeset: ChangeSet) -> None:
        """Carry out every change of *changeset*, or none of them (ModelError)."""
        done: list[Change] = []
        try:
            for change in changeset.changes:
                self._apply_one(change)
                done.append(change)
        except ModelError:
            for change in reversed(done):
                self._apply_one(change.inverse())
            raise

    def _apply_one(self, change: Change) -> None:
        if isinstance(change, Added):
            self._add(change.record.validate())
        elif isinstance(change, Removed):
            self._remove(change.record)
        elif isinstance(change, Updated):
            self._update(change)
        elif isinstance(change, MetaChanged):
            self._set_meta(change)
        else:  # pragma: no cover - programming error
            raise TypeError(f"not a change: {change!r}")

    def _add(self, record) -> None:
        if isinstance(record, Node):
            if record.id in self.nodes or record.id in self.edges:
                raise ModelError(f"The id {record.id!r} is already used")
            self.nodes[record.id] = record
            self._out[record.id], self._in[record.id] = {}, {}
            if self._graph is not None:
                self._graph.add_node(record.id)
        elif isinstance(record, Edge):
            self._check_new_edge(record)
            self.edges[record.id] = record
            self._out[record.source][record.target] = record.id
            self._in[record.target][record.source] = record.id
            if self._graph is not None:
                self._graph.add_edge(record.source, record.target, id=record.id)
        elif isinstance(record, Participant):
            if record.id in self.participants:
                raise ModelError(f"The participant id {record.id!r} is already used")
            self.participants[record.id] = record
        elif isinstance(record, Assessment):
            if record.participant not in self.participants:
                raise ModelError(f"There is no participant with id {record.participant!r}")
            if not self.contains(record.target):
                raise ModelError(f"There is no node or edge with id {record.target!r} to assess")
            if record.key in self.assessments:
                raise ModelError("That participant has already assessed that input")
            self.assessments[record.key] = record
        elif isinstance(record, Source):
            if record.id in self.sources:
                raise ModelError(f"The source id {record.id!r} is already used")
            self.sources[record.id] = record
        else:
            self._add_method_record(record)

    def _add_method_record(self, record) -> None:
        """A round, a round answer or a snapshot (model/rounds.py)."""
        if isinstance(record, Round):
            if record.id in self.rounds:
                raise ModelError(f"The round id {record.id!r} is already used")
            if any(r.number == record.number for r in self.rounds.values()):
                raise ModelError(f"There is already a round {record.number}")
            self.rounds[record.id] = record
        elif isinstance(record, RoundAnswer):
            if record.round not in self.rounds:
                raise ModelError(f"There is no round with id {record.round!r}")
            if record.participant not in self.participants:
                raise ModelError(f"There is no participant with id {record.participant!r}")
            if record.key in self.answers:
                raise ModelError("That participant has already answered that input in that round")
            self.answers[record.key] = record
        elif isinstance(record, Snapshot):
            if record.id in self.snapshots:
                raise ModelError(f"The snapshot id {record.id!r} is already used")
            self.snapshots[record.id] = record

    def _check_new_edge(self, edge: Edge) -> None:
        for end in (edge.source, edge.target):
            if end not in self.nodes:
                raise ModelError(f"There is no node with id {end!r}")
        if edge.id in self.edges or edge.id in self.nodes:
            raise ModelError(f"The id {edge.id!r} is already used")
        if edge.target in self._out[edge.source]:
            a, b = self.nodes[edge.source].label, self.nodes[edge.target].label
            raise ModelError(f"{a!r} is already connected to {b!r}; edit that relation instead")

    def _remove(self, record) -> None:
        table = getattr(self, _collection_attr(record))
        key = key_of(record)
        if table.get(key) != record:
            raise ModelError(f"Cannot remove {key!r}: it is not in the map as expected")
        if isinstance(record, Node):
            if self._out[record.id] or self._in[record.id]:
                raise ModelError("Remove a node's relations before the node")
            if any(a.target == record.id for a in self.assessments.values()):
                raise ModelError("Remove a node's assessments before the node")
            del self._out[record.id], self._in[record.id]
            if self._graph is not None:
                self._graph.remove_node(record.id)
        elif isinstance(record, Edge):
            if any(a.target == record.id for a in self.assessments.values()):
                raise ModelError("Remove an edge's assessments before the edge")
            del self._out[record.source][record.target], self._in[record.target][record.source]
            if self._graph is not None:
                self._graph.remove_edge(record.source, record.target)
        elif isinstance(record, Participant):
            if any(a.participant == record.id for a in self.assessments.values()) \
                    or any(a.participant == record.id for a in self.answers.values()):
                raise ModelError("Remove a participant's assessments before the participant")
        elif isinstance(record, Round):
            if any(a.round == record.id for a in self.answers.values()):
                raise ModelError("Remove a round's answers before the round")
        del table[key]

    def _update(self, change: Updated) -> None:
        if change.field not in _UPDATABLE.get(change.collection, ()):
            raise ModelError(f"The field {change.field!r} of {change.collection} cannot be changed")
        table = getattr(self, change.collection)
        if change.key not in table:
            raise ModelError(f"There is nothing with id {change.key!r} in {change.collection}")
        record = table[change.key]
        if getattr(record, change.field) != change.old:
            raise ModelError(f"The {change.field} of {change.key!r} changed meanwhile")
        table[change.key] = replace(record, **{change.field: change.new}).validate()

    def _set_meta(self, change: MetaChanged) -> None:
        if self.meta.get(change.key) != change.old:
            raise ModelError(f"The map's {change.key} changed meanwhile")
        if change.new is None:
            if change.key not in DEFAULT_META:
                raise ModelError(f"Unknown map setting {change.key!r}")
            self.meta.pop(change.key, None)
        else:
            self.meta[change.key] = check_meta_value(change.key, change.new)


def _collection_attr(record) -> str:
    from .changes import collection_of
    return collection_of(record)
