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
from ..reasoning import Evaluation, Framework, Parent
from ..reasoning.labelling import IN

BOOKKEEPING = {"modified"}


@dataclass
class Restructured:
    framework: Framework
    previous: Evaluation        # the old evaluation over the new set of nodes
    changed: set[str]           # where to re-evaluate from
    labels: dict[str, str] | None   # new labels if no attack changed, else None (compute them)


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
    tau, parents, titles = dict(fw.tau), dict(fw.parents), dict(fw.titles)
    children, strategies = dict(fw.children), list(fw.strategies)
    changed, removed, attacks = set(), set(), False
    for c in cs.changes:
        rec = c.record if isinstance(c, (Added, Removed)) else None
        if isinstance(rec, Node) and rec.kind != "note":
            if isinstance(c, Added):
                tau[rec.id], parents[rec.id], children[rec.id] = float(rec.base_score), (), ()
                titles[rec.id] = rec.label
                strategies += [rec.id] if rec.kind == "strategy" else []
                changed.add(rec.id)
            else:
                for table in (tau, parents, titles, children):
                    table.pop(rec.id, None)
                strategies = [s for s in strategies if s != rec.id]
                removed.add(rec.id)
        elif isinstance(rec, Edge) and rec.relation in EVALUATED_RELATIONS:
            attacks |= rec.relation == "attack"
            _apply_edge(c, rec, tau, parents, children, changed)
    new_fw = fw._derive(tau=tau, parents=parents, children=children, strategies=tuple(strategies),
                        titles=titles)
    strengths = {n: v for n, v in ev.strengths.items() if n not in removed}
    strengths.update({n: tau[n] for n in changed if n in tau and n not in strengths})
    previous = replace(ev, strengths=strengths, unconverged=frozenset(ev.unconverged - removed),
                       cycles={k: v for k, v in ev.cycles.items() if k not in removed})
    new_labels = None
    if not attacks:      # grounded labels follow the attacks only: new cards are "in"
        new_labels = {n: labels.get(n, IN) for n in tau}
    return Restructured(new_fw, previous, {n for n in changed if n in tau}, new_labels)


def _apply_edge(c, e: Edge, tau, parents, children, changed: set[str]) -> None:
    """Add or remove one evaluated relation in the parents and children tables."""
    if isinstance(c, Added):
        if e.source in tau and e.target in tau:
            parents[e.target] = parents[e.target] + (Parent(e.source, e.relation, float(e.weight), e.id),)
            children[e.source] = children[e.source] + (e.target,)
            changed.add(e.target)
        return
    if e.target in parents and any(p.edge == e.id for p in parents[e.target]):
        parents[e.target] = tuple(p for p in parents[e.target] if p.edge != e.id)
        kids = list(children.get(e.source, ()))
        if e.target in kids:
            kids.remove(e.target)
            children[e.source] = tuple(kids)
        changed.add(e.target)
