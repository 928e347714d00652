"""The valid map a shared document shows: a deterministic, read-only view of its records.

Concurrent edits can leave the shared document holding what no map may hold: a relation to
a card someone deleted, two relations between one ordered pair, an assessment of something
gone. Nothing is written to resolve that; every laptop derives the same map from the same
records instead:

- a relation is shown only while both its ends exist, and of the relations between one
  ordered pair only the one with the smallest id;
- an assessment is shown only while its participant and its target (a shown node or
  relation) exist;
- of the rounds with one number (two laptops opened "round 2" at once) only the one with the
  smallest id, and a round answer only while its round (a shown one), its participant and
  its target exist.

Undoing a delete brings the hidden relations back by itself.

>>> from app.model import Edge, Node
>>> raw = Records()
>>> raw.nodes.update(a=Node(id="a"), b=Node(id="b"))
>>> raw.edges.update(e2=Edge(id="e2", source="a", target="b"), e1=Edge(id="e1", source="a", target="b"),
...                  e3=Edge(id="e3", source="a", target="gone"))
>>> sorted(visible(raw).edges)
['e1']
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields

from ..model import ArgumentMap, ChangeSet
from ..model.changes import Added, MetaChanged, Removed, Updated
from ..model.meta import DEFAULT_META

_UPDATABLE = {"nodes": None, "edges": {"relation", "weight", "label", "data"},
              "participants": None, "assessments": {"value", "note", "modified"}, "sources": None,
              "rounds": {"name", "status", "scope", "targets", "time_box", "started", "closed"},
              "answers": {"value", "note", "modified"}}
_REMOVE_ORDER = ("answers", "assessments", "edges", "nodes", "rounds", "participants", "sources")
_ADD_ORDER = ("sources", "participants", "rounds", "nodes", "edges", "assessments", "answers")


@dataclass
class Records:
    """Every well-formed record of a shared document, by collection and key."""

    nodes: dict = field(default_factory=dict)
    edges: dict = field(default_factory=dict)
    participants: dict = field(default_factory=dict)
    assessments: dict = field(default_factory=dict)
    sources: dict = field(default_factory=dict)
    meta: dict = field(default_factory=dict)
    rounds: dict = field(default_factory=dict)
    answers: dict = field(default_factory=dict)


def visible(raw: Records) -> Records:
    """The records the valid map shows (see the module docstring)."""
    nodes = raw.nodes
    edges, pairs = {}, set()
    for eid in sorted(raw.edges):
        e = raw.edges[eid]
        pair = (e.source, e.target)
        if e.source in nodes and e.target in nodes and eid not in nodes and pair not in pairs:
            pairs.add(pair)
            edges[eid] = e
    assessments = {k: a for k, a in raw.assessments.items()
                   if a.participant in raw.participants and (a.target in nodes or a.target in edges)}
    meta = dict(DEFAULT_META)
    meta.update(raw.meta)
    rounds = _one_round_per_number(raw.rounds)
    answers = {k: a for k, a in raw.answers.items()
               if a.round in rounds and a.participant in raw.participants
               and (a.target in nodes or a.target in edges)}
    return Records(dict(nodes), edges, dict(raw.participants), assessments, dict(raw.sources), meta,
                   rounds, answers)


def _one_round_per_number(raw_rounds: dict) -> dict:
    rounds, numbers = {}, set()
    for rid in sorted(raw_rounds):
        r = raw_rounds[rid]
        if r.number not in numbers:
            numbers.add(r.number)
            rounds[rid] = r
    return rounds


def records_of(amap: ArgumentMap) -> Records:
    return Records(amap.nodes, amap.edges, amap.participants, amap.assessments, amap.sources,
                   amap.meta, amap.rounds, amap.answers)


def difference(old: Records, new: Records, label: str = "Live update") -> ChangeSet:
    """The change set that takes a map showing *old* to one showing *new*, ordered so that
    ``ArgumentMap.apply`` takes it (removals of dependants first, additions of them last)."""
    removed, updates, added = [], [], []
    replaced = _replaced(old, new)
    for name in _REMOVE_ORDER:
        a, b = getattr(old, name), getattr(new, name)
        for key, rec in a.items():
            if key not in b or not _updatable(name, rec, b[key]) or _depends(name, rec, replaced):
                removed.append(Removed(rec))
    for name in _ADD_ORDER:
        a, b = getattr(old, name), getattr(new, name)
        for key, rec in b.items():
            if key not in a or not _updatable(name, a[key], rec) or _depends(name, rec, replaced):
                added.append(Added(rec))
            elif a[key] != rec:
                updates.extend(_field_updates(name, key, a[key], rec))
    for key in sorted(set(old.meta) | set(new.meta)):
        if old.meta.get(key) != new.meta.get(key):
            updates.append(MetaChanged(key, old.meta.get(key), new.meta.get(key)))
    return ChangeSet(label, tuple(removed + updates + added))


def _replaced(old: Records, new: Records) -> dict[str, set]:
    """The relations and rounds in both that change a field no update may change (a peer
    gave a relation other ends or a round another number): they are removed and added anew."""
    out = {}
    for name in ("edges", "rounds"):
        a, b = getattr(old, name), getattr(new, name)
        out[name] = {k for k, rec in a.items() if k in b and not _updatable(name, rec, b[k])}
    return out


def _depends(name: str, rec, replaced: dict[str, set]) -> bool:
    """True if *rec* hangs on a replaced record (so it must go and come back with it)."""
    if name == "assessments":
        return rec.target in replaced["edges"]
    if name == "answers":
        return rec.round in replaced["rounds"] or rec.target in replaced["edges"]
    return False


def _updatable(name: str, old, new) -> bool:
    """True if *old* can become *new* by field updates (an edge cannot change its ends)."""
    allowed = _UPDATABLE[name]
    if allowed is None or old == new:
        return True
    return all(getattr(old, f.name) == getattr(new, f.name) or f.name in allowed for f in fields(old))


def _field_updates(name: str, key, old, new) -> list[Updated]:
    return [Updated(name, key, f.name, getattr(old, f.name), getattr(new, f.name))
            for f in fields(old) if getattr(old, f.name) != getattr(new, f.name)]
