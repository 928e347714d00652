"""Change records and change sets: the only way a map changes.

A command computes a ChangeSet; ``ArgumentMap.apply`` carries it out, the store writes it,
and ``ChangeSet.inverse()`` undoes it.

>>> from app.model.entities import Node
>>> cs = ChangeSet("Add claim", (Added(Node(id="a")),))
>>> type(cs.inverse().changes[0]).__name__
'Removed'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Union

from .entities import Assessment, Edge, Node, Participant, Source

COLLECTIONS = {Node: "nodes", Edge: "edges", Participant: "participants",
               Assessment: "assessments", Source: "sources"}


def collection_of(record) -> str:
    """The collection name ('nodes', 'edges', ...) a record belongs to."""
    return COLLECTIONS[type(record)]


def key_of(record):
    """The key a record is stored under: its id, or (participant, target) for assessments."""
    return record.key if isinstance(record, Assessment) else record.id


@dataclass(frozen=True)
class Added:
    record: Any

    @property
    def collection(self) -> str:
        return collection_of(self.record)

    def inverse(self) -> "Removed":
        return Removed(self.record)


@dataclass(frozen=True)
class Removed:
    record: Any

    @property
    def collection(self) -> str:
        return collection_of(self.record)

    def inverse(self) -> Added:
        return Added(self.record)


@dataclass(frozen=True)
class Updated:
    collection: str
    key: Any
    field: str
    old: Any
    new: Any

    def inverse(self) -> "Updated":
        return Updated(self.collection, self.key, self.field, self.new, self.old)


@dataclass(frozen=True)
class MetaChanged:
    key: str
    old: Any
    new: Any

    def inverse(self) -> "MetaChanged":
        return MetaChanged(self.key, self.new, self.old)


Change = Union[Added, Removed, Updated, MetaChanged]


@dataclass(frozen=True)
class ChangeSet:
    label: str
    changes: tuple[Change, ...]

    def inverse(self) -> "ChangeSet":
        """The change set that undoes this one."""
        return ChangeSet(self.label, tuple(c.inverse() for c in reversed(self.changes)))

    def __bool__(self) -> bool:
        return bool(self.changes)

    def touched_nodes(self) -> set[str]:
        """Ids of nodes added, removed or updated (edge changes count both ends)."""
        out: set[str] = set()
        for c in self.changes:
            if isinstance(c, (Added, Removed)):
                rec = c.record
                if isinstance(rec, Node):
                    out.add(rec.id)
                elif isinstance(rec, Edge):
                    out.update((rec.source, rec.target))
            elif isinstance(c, Updated) and c.collection == "nodes":
                out.add(c.key)
        return out
