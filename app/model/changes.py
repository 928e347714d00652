"""Change records and change sets: the only way a map changes.

A command computes a ChangeSet; ``ArgumentMap.apply`` carries it out, the store writes it,
and ``ChangeSet.inverse()`` undoes it. Besides the ids it touches, a change set says which
*kinds* of change it carries, so a listener can tell at once whether it has work to do
(a title edit never concerns the weighing):

>>> from app.model.entities import Node
>>> cs = ChangeSet("Add claim", (Added(Node(id="a")),))
>>> type(cs.inverse().changes[0]).__name__
'Removed'
>>> sorted(cs.kinds)
['structure']
>>> sorted(ChangeSet("Edit title", (Updated("nodes", "a", "title", "", "Tea"),)).kinds)
['text']
>>> ChangeSet("Edit score", (Updated("nodes", "a", "base_score", 0.5, 0.7),)).concerns(WEIGHED)
True
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Union

from .entities import Assessment, Edge, Node, Participant, Source
from .rounds import Round, RoundAnswer, Snapshot

COLLECTIONS = {Node: "nodes", Edge: "edges", Participant: "participants",
               Assessment: "assessments", Source: "sources",
               Round: "rounds", RoundAnswer: "answers", Snapshot: "snapshots"}


# The kinds of change a ChangeSet can carry.
STRUCTURE = "structure"        # nodes or relations added or removed; a node's kind, a relation's meaning
TEXT = "text"                  # titles, texts, tags, labels, references: what cards say
GEOMETRY = "geometry"          # positions and collapsing: where cards are and which are shown
SCORES = "scores"              # base scores, weights and the semantics: inputs of the weighing
PARTICIPANTS = "participants"  # participants and their assessments
SOURCES = "sources"            # source texts and the anchors of nodes in them
META = "meta"                  # map-level settings (title, description, semantics, wrap width)
ROUNDS = "rounds"              # workshop rounds and the answers given in them
SNAPSHOTS = "snapshots"        # named snapshots of the map and its ranking
KINDS = (STRUCTURE, TEXT, GEOMETRY, SCORES, PARTICIPANTS, SOURCES, META, ROUNDS, SNAPSHOTS)
WEIGHED = frozenset({STRUCTURE, SCORES, PARTICIPANTS})   # the kinds that can move a strength

_FIELD_KINDS = {
    "nodes": {"kind": STRUCTURE, "base_score": SCORES, "x": GEOMETRY, "y": GEOMETRY,
              "collapsed": GEOMETRY, "anchor": SOURCES, "modified": None, "created": None},
    "edges": {"relation": STRUCTURE, "weight": SCORES},
    "assessments": {"modified": None},
    "answers": {"modified": None},
}
_COLLECTION_KINDS = {"nodes": TEXT, "edges": TEXT, "assessments": PARTICIPANTS,
                     "participants": PARTICIPANTS, "sources": SOURCES,
                     "rounds": ROUNDS, "answers": ROUNDS, "snapshots": SNAPSHOTS}
_META_KINDS = {"semantics": (META, SCORES)}


def kind_of(change) -> tuple[str, ...]:
    """The kinds of one change (a bookkeeping field such as ``modified`` has none).

    >>> kind_of(Updated("edges", "e", "weight", 1.0, 0.5))
    ('scores',)
    >>> kind_of(MetaChanged("semantics", "dfquad", "qe"))
    ('meta', 'scores')
    """
    if isinstance(change, MetaChanged):
        return _META_KINDS.get(change.key, (META,))
    collection = change.collection
    if isinstance(change, (Added, Removed)):
        return (STRUCTURE,) if collection in ("nodes", "edges") else (_COLLECTION_KINDS[collection],)
    fields = _FIELD_KINDS.get(collection, {})
    found = fields[change.field] if change.field in fields else _COLLECTION_KINDS[collection]
    return (found,) if found else ()


def collection_of(record) -> str:
    """The collection name ('nodes', 'edges', ...) a record belongs to."""
    return COLLECTIONS[type(record)]


def key_of(record):
    """The key a record is stored under: its id, (participant, target) for assessments,
    (round, participant, target) for round answers."""
    return record.key if isinstance(record, (Assessment, RoundAnswer)) else record.id


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
    kinds: frozenset[str] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "kinds", frozenset(k for c in self.changes for k in kind_of(c)))

    def concerns(self, kinds) -> bool:
        """True if this change set carries any of *kinds*."""
        return not self.kinds.isdisjoint(kinds)

    def inverse(self) -> "ChangeSet":
        """The change set that undoes this one."""
        return ChangeSet(self.label, tuple(c.inverse() for c in reversed(self.changes)))

    def __bool__(self) -> bool:
        return bool(self.changes)

    def touched(self, collection: str, fields=None) -> set:
        """Keys of the records of *collection* added, removed or updated (for updates, only
        those of *fields* if given)."""
        out = set()
        for c in self.changes:
            if isinstance(c, (Added, Removed)):
                if c.collection == collection:
                    out.add(key_of(c.record))
            elif isinstance(c, Updated) and c.collection == collection \
                    and (fields is None or c.field in fields):
                out.add(c.key)
        return out

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
