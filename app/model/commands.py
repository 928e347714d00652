"""Commands: validated intentions that compute a ChangeSet without changing the map.

>>> from app.model.argmap import ArgumentMap
>>> m = ArgumentMap()
>>> cs = AddNode(title="Tea is good", node_id="t").changes(m)
>>> m.apply(cs); m.node("t").title
'Tea is good'
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Iterable, Mapping

from .argmap import ArgumentMap
from .changes import Added, ChangeSet, MetaChanged, Removed, Updated, collection_of, key_of
from .entities import (Assessment, Edge, Node, Participant, Source, check_unit, field_names,
                       new_id, now)
from .errors import ModelError
from .meta import check_meta_value

_NODE_EDITABLE = set(field_names(Node)) - {"id", "created", "modified"}
_EDGE_EDITABLE = {"relation", "weight", "label", "data"}
ROLE_WORDS = {"support": "reason", "attack": "objection", "answer": "answer", "relates": "link"}


def field_updates(old, new, names) -> list[Updated]:
    """One Updated change per field in *names* that differs between two versions of a record."""
    return [Updated(collection_of(old), key_of(old), k, getattr(old, k), getattr(new, k))
            for k in names if getattr(old, k) != getattr(new, k)]


class Command:
    """Base class: ``changes(map)`` validates and returns a ChangeSet."""

    label = "Edit"

    def changes(self, amap: ArgumentMap) -> ChangeSet:  # pragma: no cover - abstract
        raise NotImplementedError


@dataclass
class AddNode(Command):
    """Add a node; with *parent*, also connect it to that node (a reason or objection)."""

    title: str = ""
    text: str = ""
    kind: str = "claim"
    base_score: float = 0.5
    tags: tuple[str, ...] = ()
    x: float | None = None
    y: float | None = None
    parent: str | None = None
    relation: str = "support"
    node_id: str | None = None
    source_ref: str = ""
    anchor: dict | None = None

    @property
    def label(self) -> str:
        return f"Add {ROLE_WORDS[self.relation]}" if self.parent else f"Add {self.kind}"

    def changes(self, amap: ArgumentMap) -> ChangeSet:
        stamp = now()
        node = Node(id=self.node_id or new_id(), kind=self.kind, title=self.title, text=self.text,
                    base_score=self.base_score, tags=tuple(self.tags), x=self.x, y=self.y,
                    source_ref=self.source_ref, anchor=self.anchor, created=stamp, modified=stamp).validate()
        if node.id in amap.nodes or node.id in amap.edges:
            raise ModelError(f"The id {node.id!r} is already used")
        out: list = [Added(node)]
        if self.parent is not None:
            amap.node(self.parent)
            out.append(Added(Edge(id=new_id(), source=node.id, target=self.parent,
                                  relation=self.relation).validate()))
        return ChangeSet(self.label, tuple(out))


@dataclass
class Connect(Command):
    """Connect *source* to *target*: source supports/attacks/answers/relates to target."""

    source: str
    target: str
    relation: str = "support"
    weight: float = 1.0
    label_text: str = ""
    edge_id: str | None = None
    source_at: tuple[float, float] | None = None   # also move the source there (same step)

    @property
    def label(self) -> str:
        return f"Connect as {ROLE_WORDS.get(self.relation, self.relation)}"

    def changes(self, amap: ArgumentMap) -> ChangeSet:
        edge = Edge(id=self.edge_id or new_id(), source=self.source, target=self.target,
                    relation=self.relation, weight=self.weight, label=self.label_text).validate()
        amap.node(self.source), amap.node(self.target)
        amap._check_new_edge(edge)
        moved = MoveNodes({self.source: self.source_at}).changes(amap).changes if self.source_at else ()
        return ChangeSet(self.label, (Added(edge),) + tuple(moved))


def _removal_of_edges(amap: ArgumentMap, edge_ids: Iterable[str]) -> list:
    out = []
    for eid in edge_ids:
        out += [Removed(a) for a in amap.assessments_of(eid)]
        out.append(Removed(amap.edge(eid)))
    return out


@dataclass
class DeleteEdges(Command):
    edge_ids: tuple[str, ...]
    label = "Delete relation"

    def changes(self, amap: ArgumentMap) -> ChangeSet:
        ids = list(dict.fromkeys(self.edge_ids))
        if not ids:
            raise ModelError("Nothing selected to delete")
        return ChangeSet("Delete relation" if len(ids) == 1 else f"Delete {len(ids)} relations",
                         tuple(_removal_of_edges(amap, ids)))


@dataclass
class DeleteNodes(Command):
    """Delete nodes with their relations and assessments (and any extra edges given)."""

    node_ids: tuple[str, ...]
    edge_ids: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        n = len(set(self.node_ids))
        return "Delete node" if n == 1 else f"Delete {n} nodes"

    def changes(self, amap: ArgumentMap) -> ChangeSet:
        ids = list(dict.fromkeys(self.node_ids))
        if not ids and not self.edge_ids:
            raise ModelError("Nothing selected to delete")
        edges = dict.fromkeys(self.edge_ids)
        for nid in ids:
            edges.update(dict.fromkeys(e.id for e in amap.edges_of(amap.node(nid).id)))
        out = _removal_of_edges(amap, edges)
        for nid in ids:
            out += [Removed(a) for a in amap.assessments_of(nid)]
            out.append(Removed(amap.node(nid)))
        return ChangeSet(self.label, tuple(out))


@dataclass
class EditNode(Command):
    """Change fields of one node, e.g. ``EditNode("a", {"title": "New"})``."""

    node_id: str
    values: Mapping[str, Any]

    @property
    def label(self) -> str:
        names = {"base_score": "score", "x": "position", "y": "position"}
        fields_ = sorted({names.get(k, k) for k in self.values})
        return "Edit " + ", ".join(fields_)

    def changes(self, amap: ArgumentMap) -> ChangeSet:
        node = amap.node(self.node_id)
        unknown = set(self.values) - _NODE_EDITABLE
        if unknown:
            raise ModelError(f"A node has no editable field {sorted(unknown)[0]!r}")
        values = dict(self.values)
        if "tags" in values:
            values["tags"] = tuple(values["tags"])
        new = replace(node, **values).validate()
        out = field_updates(node, new, values)
        if out:
            out.append(Updated("nodes", node.id, "modified", node.modified, now()))
        return ChangeSet(self.label, tuple(out))


def SetScore(node_id: str, value: float) -> EditNode:
    """Set a node's base score τ."""
    return EditNode(node_id, {"base_score": check_unit(value, "A base score")})


@dataclass
class EditEdge(Command):
    edge_id: str
    values: Mapping[str, Any]

    @property
    def label(self) -> str:
        return "Edit " + ", ".join(sorted(self.values))

    def changes(self, amap: ArgumentMap) -> ChangeSet:
        edge = amap.edge(self.edge_id)
        unknown = set(self.values) - _EDGE_EDITABLE
        if unknown:
            raise ModelError(f"A relation has no editable field {sorted(unknown)[0]!r}")
        new = replace(edge, **self.values).validate()
        return ChangeSet(self.label, tuple(field_updates(edge, new, self.values)))


def SetWeight(edge_id: str, value: float) -> EditEdge:
    """Set a relation's weight w."""
    return EditEdge(edge_id, {"weight": check_unit(value, "A weight")})


@dataclass
class MoveNodes(Command):
    """Move nodes to new centre positions: one undo step for a whole drag."""

    positions: Mapping[str, tuple[float, float]]

    @property
    def label(self) -> str:
        return "Move node" if len(self.positions) == 1 else f"Move {len(self.positions)} nodes"

    def changes(self, amap: ArgumentMap) -> ChangeSet:
        out = []
        for nid, (x, y) in self.positions.items():
            node = amap.node(nid)
            replace(node, x=float(x), y=float(y)).validate()
            if node.x != x:
                out.append(Updated("nodes", nid, "x", node.x, float(x)))
            if node.y != y:
                out.append(Updated("nodes", nid, "y", node.y, float(y)))
        return ChangeSet(self.label, tuple(out))


@dataclass
class Reconnect(Command):
    """Give the relation *edge_id* a new target (drag in the outline: re-parenting)."""

    edge_id: str
    new_target: str
    label = "Reconnect"

    def changes(self, amap: ArgumentMap) -> ChangeSet:
        old = amap.edge(self.edge_id)
        amap.node(self.new_target)
        if self.new_target == old.target:
            return ChangeSet(self.label, ())
        if self.new_target == old.source:
            raise ModelError("A node cannot support or attack itself")
        if amap.edge_between(old.source, self.new_target) is not None:
            raise ModelError("Those two nodes are already connected")
        new = replace(old, id=new_id(), target=self.new_target).validate()
        return ChangeSet(self.label, tuple(_removal_of_edges(amap, [old.id])) + (Added(new),))


@dataclass
class AddSubgraph(Command):
    """Add copies of nodes and the edges among them with fresh ids (paste), moved by
    *offset*; with *attach_to*, each node of *roots* ({id: relation}) is also connected to
    that node, so a pasted subtree hangs under the selected card."""

    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...] = ()
    offset: tuple[float, float] = (40.0, 40.0)
    attach_to: str | None = None
    roots: Mapping[str, str] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return "Paste under a card" if self.attach_to else "Paste"

    def changes(self, amap: ArgumentMap) -> ChangeSet:
        ids = {n.id: new_id() for n in self.nodes}
        stamp = now()
        dx, dy = self.offset
        out: list = []
        for n in self.nodes:
            x = None if n.x is None else n.x + dx
            y = None if n.y is None else n.y + dy
            out.append(Added(replace(n, id=ids[n.id], x=x, y=y, created=stamp, modified=stamp).validate()))
        for e in self.edges:
            if e.source in ids and e.target in ids:
                out.append(Added(replace(e, id=new_id(), source=ids[e.source], target=ids[e.target])))
        if not out:
            raise ModelError("Nothing to paste")
        return ChangeSet(self.label, tuple(out + self._attachments(amap, ids)))

    def _attachments(self, amap: ArgumentMap, ids: Mapping[str, str]) -> list:
        if self.attach_to is None:
            return []
        amap.node(self.attach_to)
        return [Added(Edge(id=new_id(), source=ids[root], target=self.attach_to,
                           relation=relation).validate())
                for root, relation in self.roots.items() if root in ids]


@dataclass
class SetMeta(Command):
    """Set a map-level value (title, description, semantics, wrap_width)."""

    key: str
    value: Any

    @property
    def label(self) -> str:
        return f"Change map {self.key.replace('_', ' ')}"

    def changes(self, amap: ArgumentMap) -> ChangeSet:
        check_meta_value(self.key, self.value)
        old = amap.meta.get(self.key)
        if old == self.value:
            return ChangeSet(self.label, ())
        return ChangeSet(self.label, (MetaChanged(self.key, old, self.value),))


@dataclass
class AddParticipant(Command):
    name: str
    colour: str = "#4477aa"
    participant_id: str | None = None
    label = "Add participant"

    def changes(self, amap: ArgumentMap) -> ChangeSet:
        p = Participant(self.participant_id or new_id(), self.name.strip(), self.colour).validate()
        if any(q.name == p.name for q in amap.participants.values()):
            raise ModelError(f"There is already a participant called {p.name!r}")
        return ChangeSet(self.label, (Added(p),))


@dataclass
class EditParticipant(Command):
    participant_id: str
    name: str | None = None
    colour: str | None = None
    label = "Edit participant"

    def changes(self, amap: ArgumentMap) -> ChangeSet:
        p = amap.participants.get(self.participant_id)
        if p is None:
            raise ModelError(f"There is no participant with id {self.participant_id!r}")
        new = replace(p, name=(self.name.strip() if self.name is not None else p.name),
                      colour=self.colour or p.colour).validate()
        if new.name != p.name and any(q.name == new.name for q in amap.participants.values()):
            raise ModelError(f"There is already a participant called {new.name!r}")
        return ChangeSet(self.label, tuple(field_updates(p, new, ("name", "colour"))))


@dataclass
class RemoveParticipant(Command):
    participant_id: str
    label = "Remove participant"

    def changes(self, amap: ArgumentMap) -> ChangeSet:
        p = amap.participants.get(self.participant_id)
        if p is None:
            raise ModelError(f"There is no participant with id {self.participant_id!r}")
        own = [Removed(a) for a in amap.assessments.values() if a.participant == p.id]
        own += [Removed(a) for a in amap.answers.values() if a.participant == p.id]
        return ChangeSet(self.label, tuple(own) + (Removed(p),))


def assessment_changes(amap: ArgumentMap, participant: str, target: str,
                       value: float | None, note: str = "") -> list:
    """The changes that set (or, with value None, clear) one assessment."""
    if participant not in amap.participants:
        raise ModelError(f"There is no participant with id {participant!r}")
    if not amap.contains(target):
        raise ModelError(f"There is no node or relation with id {target!r}")
    old = amap.assessments.get((participant, target))
    if value is None:
        return [Removed(old)] if old else []
    new = Assessment(participant, target, check_unit(value, "An assessment"), note, now()).validate()
    if old is None:
        return [Added(new)]
    if (old.value, old.note) == (new.value, new.note):
        return []
    return field_updates(old, new, ("value", "note", "modified"))


@dataclass
class Assess(Command):
    """A participant's own value for a node's base score or an edge's weight (None clears it)."""

    participant: str
    target: str
    value: float | None
    note: str = ""
    label = "Assess"

    def changes(self, amap: ArgumentMap) -> ChangeSet:
        return ChangeSet(self.label, tuple(
            assessment_changes(amap, self.participant, self.target, self.value, self.note)))


@dataclass
class AddSource(Command):
    title: str
    text: str
    source_id: str | None = None
    label = "Add source"

    def changes(self, amap: ArgumentMap) -> ChangeSet:
        s = Source(self.source_id or new_id(), self.title, self.text).validate()
        if s.id in amap.sources:
            raise ModelError(f"The source id {s.id!r} is already used")
        return ChangeSet(self.label, (Added(s),))


@dataclass
class EditSource(Command):
    source_id: str
    values: Mapping[str, str] = field(default_factory=dict)
    extra: tuple = ()  # further changes (e.g. re-found anchors) made in the same step
    label = "Edit source"

    def changes(self, amap: ArgumentMap) -> ChangeSet:
        s = amap.sources.get(self.source_id)
        if s is None:
            raise ModelError(f"There is no source with id {self.source_id!r}")
        new = replace(s, **self.values).validate()
        return ChangeSet(self.label, tuple(field_updates(s, new, self.values)) + tuple(self.extra))
