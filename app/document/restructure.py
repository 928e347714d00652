"""A framework and evaluation brought up to date after cards and relations are added or removed,
without reading the whole map again (Qt-free).

``framework_from_map`` reads every node and relation; after an added reason or a deleted
subtree only a few entries differ. :func:`restructured` applies those differences to copies of
the framework's tables, extends or trims the previous evaluation to the new set of nodes (a
new card starts at its base score) and names the nodes to re-evaluate from, so
``reevaluate`` only computes downstream of the edit. The result is equal to reading the map
again (tested against ``framework_from_map`` + ``evaluate``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..model.changes import Added, Removed, Updated
from ..model.entities import EVALUATED_RELATIONS, Assessment, Edge, Node
from ..reasoning import Evaluation, Framework
from ..reasoning.framework import EDGE, copied
from ..reasoning.labelling import IN

BOOKKEEPING = {"modified"}


@dataclass
class Restructured:
    framework: Framework
    previous: Evaluation        # the old evaluation over the new set of nodes
    changed: set[str]           # where to re-evaluate from
    labels: dict[str, str] | None   # new labels if no attack changed, else None (compute them)
    relabelled: set[str]            # whose label that changed (with labels)


def plain_additions_and_removals(cs) -> bool:
    """True if *cs* only adds or removes cards, relations and assessments."""
    for c in cs.changes:
        if isinstance(c, (Added, Removed)):
            if not isinstance(c.record, (Node, Edge, Assessment)):
                return False
        elif not (isinstance(c, Updated) and c.field in BOOKKEEPING):
            return False
    return True


def restructured(fw: Framework, ev: Evaluation, labels: dict[str, str], cs) -> Restructured:
    """Apply the added and removed cards and relations of *cs* (see
    :func:`plain_additions_and_removals`) to *fw* and *ev* under the map's own values."""
    tau, parents, titles = copied(fw.tau), copied(fw.parents), copied(fw.titles)
    children, strategies = copied(fw.children), list(fw.strategies)
    changed, removed, attacks, added = set(), set(), False, []
    edges: dict[str, list] = {"added": [], "removed": []}
    for c in cs.changes:
        rec = c.record if isinstance(c, (Added, Removed)) else None
        if isinstance(rec, Node) and rec.kind != "note":
            if isinstance(c, Added):
                tau[rec.id], parents[rec.id], children[rec.id] = float(rec.base_score), (), ()
                titles[rec.id] = rec.label
                strategies += [rec.id] if rec.kind == "strategy" else []
                changed.add(rec.id)
                added.append(rec.id)
            else:
                for table in (tau, parents, titles, children):
                    table.pop(rec.id, None)
                strategies = [s for s in strategies if s != rec.id]
                removed.add(rec.id)
        elif isinstance(rec, Edge) and rec.relation in EVALUATED_RELATIONS:
            attacks |= rec.relation == "attack"
            if _apply_edge(c, rec, tau, parents, children, changed):
                edges["added" if isinstance(c, Added) else "removed"].append((rec.source, rec.target))
    new_fw = fw._derive(tau=tau, parents=parents, children=children, strategies=tuple(strategies),
                        titles=titles)
    _carry_indexes(fw, new_fw, changed | removed, added, removed, edges)
    strengths = copied(ev.strengths)
    for n in removed:
        strengths.pop(n, None)
    strengths.update({n: tau[n] for n in changed if n in tau and n not in strengths})
    previous = replace(ev, strengths=strengths, unconverged=frozenset(ev.unconverged - removed))
    new_labels, relabelled = None, set()
    if not attacks:      # grounded labels follow the attacks only: new cards are "in"
        new_labels = copied(labels)
        for n in removed:
            new_labels.pop(n, None)
        new_labels.update((n, IN) for n in added)
        relabelled = removed | set(added)
    return Restructured(new_fw, previous, {n for n in changed if n in tau}, new_labels,
                        relabelled)


def _carry_indexes(old: Framework, new: Framework, targets: set, added: list, removed: set,
                   edges: dict) -> None:
    """Bring the old framework's edge index and evaluation plan (if it had them) up to date
    in *new*, touching only what changed (building them again costs a pass over the map)."""
    if "edge_index" in old.__dict__:
        index = copied(old.edge_index)
        for t in targets:
            for p in old.parents.get(t, ()):
                index.pop(p[EDGE], None)
            for i, p in enumerate(new.parents.get(t, ())):
                index[p[EDGE]] = (t, i)
        new.__dict__["edge_index"] = index
    if "plan" in old.__dict__:
        plan = old.plan.after(new, added_nodes=added, removed_nodes=removed,
                              added_edges=edges["added"], removed_edges=edges["removed"])
        if plan is not None:
            new.__dict__["plan"] = plan


def _apply_edge(c, e: Edge, tau, parents, children, changed: set[str]) -> bool:
    """Add or remove one evaluated relation in the parents and children tables; False if it
    is not (or was not) part of the framework."""
    if isinstance(c, Added):
        if e.source in tau and e.target in tau:
            parents[e.target] = parents[e.target] + ((e.source, e.relation, float(e.weight), e.id),)
            children[e.source] = children[e.source] + (e.target,)
            changed.add(e.target)
            return True
        return False
    if e.target in parents and any(p[EDGE] == e.id for p in parents[e.target]):
        parents[e.target] = tuple(p for p in parents[e.target] if p[EDGE] != e.id)
        kids = list(children.get(e.source, ()))
        if e.target in kids:
            kids.remove(e.target)
            children[e.source] = tuple(kids)
        changed.add(e.target)
        return True
    return False
