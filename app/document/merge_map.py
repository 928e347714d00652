"""The map part of "Merge another copy": cards, relations, scores and texts (Qt-free).

The two copies are compared record by record (by id): a card or relation only the other copy
has comes in; one both have but with different words, kind, base score, weight or meaning is
a *conflict* the user settles (ours by default); positions differ between any two layouts, so
they stay ours and are counted in a note. Nothing is dropped without a note: a relation whose
ends are missing or whose pair is already connected differently, cards only this map has
(the copy may have deleted them), and settings of the map are all reported.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..model import Added, ArgumentMap, ModelError, Updated

NODE_FIELDS = ("kind", "title", "text", "base_score", "tags", "source_ref")
EDGE_FIELDS = ("relation", "weight", "label")
FIELD_WORDS = {"kind": "kind", "title": "title", "text": "text", "base_score": "base score",
               "tags": "tags", "source_ref": "reference", "relation": "meaning", "weight": "weight",
               "label": "label"}


@dataclass(frozen=True)
class FieldConflict:
    """A card or relation both copies have, with a different value of one field."""
    collection: str         # "nodes" | "edges"
    key: str
    field: str
    ours: Any
    theirs: Any

    @property
    def choice_key(self) -> tuple:
        return (self.collection, self.key, self.field)


def plan_map(ours: ArgumentMap, theirs: ArgumentMap, plan) -> None:
    """Fill *plan* (a MergePlan) with the cards, relations and field conflicts of *theirs*."""
    plan.new_nodes = [n for n in theirs.nodes.values() if n.id not in ours.nodes and n.id not in ours.edges]
    for nid in ours.nodes.keys() & theirs.nodes.keys():
        plan.field_conflicts += _differences("nodes", ours.nodes[nid], theirs.nodes[nid], NODE_FIELDS)
    for eid in ours.edges.keys() & theirs.edges.keys():
        plan.field_conflicts += _differences("edges", ours.edges[eid], theirs.edges[eid], EDGE_FIELDS)
    ends = set(ours.nodes) | {n.id for n in plan.new_nodes}
    pairs = {(e.source, e.target) for e in ours.edges.values()}
    skipped = 0
    for e in theirs.edges.values():
        if e.id in ours.edges:
            continue
        if e.source in ends and e.target in ends and (e.source, e.target) not in pairs \
                and e.id not in ours.nodes:
            plan.new_edges.append(e)
            pairs.add((e.source, e.target))
        else:
            skipped += 1
    moved = sum(1 for nid in ours.nodes.keys() & theirs.nodes.keys()
                if (ours.nodes[nid].x, ours.nodes[nid].y) != (theirs.nodes[nid].x, theirs.nodes[nid].y))
    _notes(plan, ours, theirs, skipped, moved)


def _differences(collection: str, ours, theirs, fields) -> list[FieldConflict]:
    key = ours.id
    return [FieldConflict(collection, key, f, getattr(ours, f), getattr(theirs, f))
            for f in fields if getattr(ours, f) != getattr(theirs, f)]


def _notes(plan, ours, theirs, skipped: int, moved: int) -> None:
    source = plan.source
    if skipped:
        plan.notes.append(f"{skipped} relation(s) in {source} join cards this map lacks or a pair this map "
                          "already connects another way; they were left out.")
    only_ours = len(ours.nodes.keys() - theirs.nodes.keys())
    if only_ours:
        plan.notes.append(f"{only_ours} card(s) are only in this map (added here, or deleted in {source}); "
                          "they are kept.")
    if moved:
        plan.notes.append(f"{moved} card(s) sit elsewhere in {source}; this map's positions are kept.")
    changed = sorted(k for k in ours.meta.keys() | theirs.meta.keys() if ours.meta.get(k) != theirs.meta.get(k))
    if changed:
        plan.notes.append(f"Map settings differ ({', '.join(changed)}); this map's are kept.")


def map_changes(amap: ArgumentMap, plan, choices: dict) -> list:
    """The changes that bring the plan's cards, relations and chosen values in."""
    out: list = []
    for n in plan.new_nodes:
        if n.id in amap.nodes or n.id in amap.edges:
            raise ModelError("This map changed since the merge was prepared; merge again")
        out.append(Added(n.validate()))
    for e in plan.new_edges:
        if e.id in amap.edges or amap.edge_between(e.source, e.target) is not None:
            raise ModelError("This map changed since the merge was prepared; merge again")
        out.append(Added(e.validate()))
    for c in plan.field_conflicts:
        if choices.get(c.choice_key, "ours") != "theirs":
            continue
        table = getattr(amap, c.collection)
        record = table.get(c.key)
        if record is None or getattr(record, c.field) != c.ours:
            raise ModelError("This map changed since the merge was prepared; merge again")
        out.append(Updated(c.collection, c.key, c.field, c.ours, c.theirs))
    return out


def conflict_text(amap: ArgumentMap, c: FieldConflict) -> tuple[str, str, str]:
    """(what, which field, ours → theirs) of a field conflict, as plain text."""
    if c.collection == "nodes":
        what = f"card {amap.nodes[c.key].label}" if c.key in amap.nodes else c.key
    else:
        e = amap.edges.get(c.key)
        what = (f"relation {amap.nodes[e.source].label} \u2192 {amap.nodes[e.target].label}" if e else c.key)
    return what, FIELD_WORDS.get(c.field, c.field), f"{_short(c.ours)} \u2192 {_short(c.theirs)}"


def _short(value) -> str:
    if isinstance(value, float):
        return f"{value:.2f}"
    if isinstance(value, tuple):
        value = ", ".join(value) or "(none)"
    text = str(value) if value != "" else "(empty)"
    return text if len(text) <= 40 else text[:39] + "\u2026"
