"""The numbers the engine weighs: a quantitative bipolar argumentation framework (QBAF).

A :class:`Framework` is read from a map once (``framework_from_map``) and then evaluated as
often as needed. It holds base scores τ for every evaluated node (all kinds but ``note``) and,
per node, its supporters and attackers with the weight of each relation: each a ``Parent``
record, the plain tuple ``(source, relation, weight, edge id)``.

>>> from app.model import Node, Edge
>>> from app.model.build import build_map
>>> m = build_map([Node(id="a", base_score=0.7), Node(id="b", kind="strategy")],
...               [Edge(id="e", source="a", target="b", relation="attack", weight=0.5)])
>>> fw = framework_from_map(m)
>>> fw.parents["b"]
(('a', 'attack', 0.5, 'e'),)
>>> fw.children["a"], fw.strategies
(('b',), ('b',))
>>> framework_from_map(m, {"a": 0.2}).tau["a"]
0.2
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from functools import cached_property
from typing import Iterable, Mapping

from app.model.entities import EVALUATED_RELATIONS
from app.model.errors import ReasonmapError


class ReasoningError(ReasonmapError):
    """Input the engine cannot weigh: an unknown id, a value outside [0, 1], ..."""


Parent = tuple
"""One supporter or attacker of a node, ``(source, relation, weight, edge)``: ``source`` →
(the node) through the relation ``edge``; made by :func:`parent`, read by unpacking or with the
indices below.

A plain tuple of plain values, so the garbage collector stops tracking it at its first look
(and the tuple of a node's parents at the same look or the next): a large framework then costs
it nothing. A named tuple would not do: the collector only ever untracks exact tuples, so a
``NamedTuple`` record (and every tuple holding one) stays tracked for as long as the framework
lives, scanned at every older collection."""

SOURCE, RELATION, WEIGHT, EDGE = 0, 1, 2, 3


def copied(table: Mapping) -> dict:
    """A new dict with *table*'s items. For a dict, ``table.copy()``: CPython copies a dict's
    table wholesale when at most a third of its slots are left by deleted entries, where
    ``dict(table)`` does so only for a dict with no deleted entry at all (and not too large a
    table), and otherwise inserts the items one by one. The tables an edit copies have lost
    entries to earlier deletions: 0.2 ms against 0.02 for 10,000 entries.

    >>> table = {"a": 1}
    >>> copied(table) == table, copied(table) is table, copied(table.items().mapping)
    (True, False, {'a': 1})
    """
    return table.copy() if table.__class__ is dict else dict(table)


def parent(source: str, relation: str, weight: float, edge: str) -> Parent:
    """A ``Parent`` record."""
    return (source, relation, weight, edge)


@dataclass(frozen=True)
class Framework:
    """Base scores, parents and children of every evaluated node.

    ``children`` is derived from ``parents`` when the framework is made (any value passed in is
    replaced), so the two always agree. Frameworks are treated as immutable: never change the
    dicts in place, derive a new framework with :meth:`with_values` or :meth:`without_edge`.
    """
    tau: dict[str, float]
    parents: dict[str, tuple[Parent, ...]]
    children: dict[str, tuple[str, ...]] = field(default_factory=dict)
    strategies: tuple[str, ...] = ()
    titles: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        tau = {}
        for node, value in self.tau.items():
            tau[node] = _unit(value, f"The base score of {node!r}")
        parents = {node: tuple(self.parents.get(node, ())) for node in tau}
        unknown = set(self.parents) - tau.keys()
        if unknown:
            raise ReasoningError(f"{sorted(unknown)[0]!r} has parents but no base score")
        seen_edges: set[str] = set()
        for node, plist in parents.items():
            for p in plist:
                _check_parent(p, node, tau)
                if p[EDGE] in seen_edges:
                    raise ReasoningError(f"Two relations share the id {p[EDGE]!r}")
                seen_edges.add(p[EDGE])
        for s in self.strategies:
            if s not in tau:
                raise ReasoningError(f"The strategy {s!r} has no base score")
        titles = {node: str(self.titles.get(node, node)) for node in tau}
        object.__setattr__(self, "tau", tau)
        object.__setattr__(self, "parents", parents)
        object.__setattr__(self, "children", _children_of(parents))
        object.__setattr__(self, "strategies", tuple(self.strategies))
        object.__setattr__(self, "titles", titles)

    @cached_property
    def edge_index(self) -> dict[str, tuple[str, int]]:
        """Edge id → (target node, position in ``parents[target]``)."""
        return {p[EDGE]: (t, i) for t, plist in self.parents.items() for i, p in enumerate(plist)}

    @cached_property
    def compiled(self):
        """The framework renumbered for full evaluations (:mod:`app.reasoning.compiled`)."""
        from .compiled import compile_framework
        return compile_framework(self)

    @cached_property
    def plan(self):
        """Where each node stands in the evaluation order, for ``reevaluate``
        (:mod:`app.reasoning.plan`); shared by frameworks of the same structure."""
        from .plan import build_plan
        return build_plan(self)

    def with_values(self, values: Mapping[str, float]) -> "Framework":
        """A copy with some base scores (node ids) and weights (edge ids) replaced."""
        tau, parents = self.tau, self.parents
        for key, value in values.items():
            v = _unit(value, f"The value for {key!r}")
            if key in self.tau:
                tau = tau if tau is not self.tau else copied(tau)
                tau[key] = v
            elif key in self.edge_index:
                parents = parents if parents is not self.parents else copied(parents)
                target, i = self.edge_index[key]
                plist = list(parents[target])
                source, relation, _w, edge = plist[i]
                plist[i] = (source, relation, v, edge)
                parents[target] = tuple(plist)
            else:
                raise ReasoningError(f"There is no evaluated node or relation with id {key!r}")
        new = self._derive(tau=tau, parents=parents)
        new.__dict__["edge_index"] = self.edge_index  # same structure, same index (and plan)
        if "plan" in self.__dict__:
            new.__dict__["plan"] = self.plan
        return new

    def without_edge(self, edge_id: str) -> "Framework":
        """A copy in which the relation ``edge_id`` does not exist."""
        if edge_id not in self.edge_index:
            raise ReasoningError(f"There is no evaluated relation with id {edge_id!r}")
        target, i = self.edge_index[edge_id]
        parents = copied(self.parents)
        removed = parents[target][i]
        parents[target] = parents[target][:i] + parents[target][i + 1:]
        children = copied(self.children)
        source = removed[SOURCE]
        kids = list(children[source])
        kids.remove(target)
        children[source] = tuple(kids)
        new = self._derive(parents=parents, children=children)
        plan = self.__dict__.get("plan")
        if plan is not None and (plan.item_of[target].__class__ is not tuple
                                 or plan.item_of[source] != plan.item_of[target]):
            new.__dict__["plan"] = plan     # no cycle is broken: the same order holds
        return new

    def _derive(self, **changes) -> "Framework":
        """A copy with already-checked fields replaced (skips the checks of __init__)."""
        new = object.__new__(Framework)
        for f in fields(self):
            object.__setattr__(new, f.name, changes.get(f.name, getattr(self, f.name)))
        return new


def _unit(value, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ReasoningError(f"{what} must be a number between 0 and 1, not {value!r}")
    v = float(value)
    if not 0.0 <= v <= 1.0:
        raise ReasoningError(f"{what} must be between 0 and 1, not {value!r}")
    return v


def _check_parent(p, target: str, tau: Mapping[str, float]) -> None:
    if p.__class__ is not tuple or len(p) != 4:
        raise ReasoningError(f"The parents of {target!r} must be Parent records "
                             f"(source, relation, weight, edge)")
    source, relation, weight, edge = p
    if source not in tau:
        raise ReasoningError(f"{source!r} supports or attacks {target!r} but has no base score")
    if relation not in EVALUATED_RELATIONS:
        raise ReasoningError(f"Only support and attack are weighed, not {relation!r}")
    _unit(weight, f"The weight of relation {edge!r}")


def _children_of(parents: Mapping[str, tuple[Parent, ...]]) -> dict[str, tuple[str, ...]]:
    kids: dict[str, list[str]] = {node: [] for node in parents}
    for target, plist in parents.items():
        for source, _r, _w, _e in plist:
            kids[source].append(target)
    return {node: tuple(v) for node, v in kids.items()}


def framework_from_edges(tau: Mapping[str, float], edges: Iterable[tuple], *,
                         strategies: Iterable[str] = (), titles: Mapping[str, str] | None = None
                         ) -> Framework:
    """A framework from plain data: edges are (source, target, relation[, weight[, edge id]]).

    >>> fw = framework_from_edges({"a": 0.5}, [("a", "a", "attack")])
    >>> fw.parents["a"][0][EDGE]
    'a->a'
    """
    parents: dict[str, list[Parent]] = {}
    for edge in edges:
        source, target, relation, *rest = edge
        weight = rest[0] if rest else 1.0
        edge_id = rest[1] if len(rest) > 1 else f"{source}->{target}"
        parents.setdefault(target, []).append((source, relation, weight, edge_id))
    return Framework(dict(tau), {t: tuple(p) for t, p in parents.items()},
                     strategies=tuple(strategies), titles=dict(titles or {}))


@contextmanager
def paused_gc():
    """Pause the cyclic garbage collector while a framework is read. Its records are
    tuples of plain values, its temporary lists die before the end, and none of it forms a
    reference cycle: left running, the collector would scan the heap again and again meanwhile
    (and promote the temporary lists, which then trigger full collections). Paused, its next
    passes look at the new records, find nothing and stop tracking them."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def framework_from_map(amap, overrides: Mapping[str, float] | None = None) -> Framework:
    """The framework of ``amap``; ``overrides`` maps node ids to τ and edge ids to weights.

    Notes are not evaluated, nor relations other than support and attack, nor relations that
    touch a note. Overrides for such ids are ignored; ids not in the map are an error.
    """
    overrides = _checked_overrides(amap, overrides or {})
    with paused_gc():
        return _read_map(amap, overrides)


def _read_map(amap, overrides: Mapping[str, float]) -> Framework:
    tau: dict[str, float] = {}
    titles: dict[str, str] = {}
    strategies: list[str] = []
    for nid, node in amap.nodes.items():
        if node.kind == "note":
            continue
        tau[nid] = float(overrides.get(nid, node.base_score))
        titles[nid] = node.label
        if node.kind == "strategy":
            strategies.append(nid)
    parents: dict[str, list[Parent]] = {nid: [] for nid in tau}
    for eid, e in amap.edges.items():
        if e.relation in EVALUATED_RELATIONS and e.source in tau and e.target in tau:
            weight = float(overrides.get(eid, e.weight))
            parents[e.target].append((e.source, e.relation, weight, eid))
    for key, value in tau.items():
        if not 0.0 <= value <= 1.0:        # the model checks these; NaN fails here too
            _unit(value, f"The base score of {key!r}")
    for plist in parents.values():
        for _s, _r, weight, edge in plist:
            if not 0.0 <= weight <= 1.0:
                _unit(weight, f"The weight of relation {edge!r}")
    # every id, relation and end was taken from the map itself: skip __post_init__'s checks
    fw = object.__new__(Framework)
    fixed = {t: tuple(p) for t, p in parents.items()}
    for name, value in (("tau", tau), ("parents", fixed), ("children", _children_of(fixed)),
                        ("strategies", tuple(strategies)), ("titles", titles)):
        object.__setattr__(fw, name, value)
    return fw


def _checked_overrides(amap, overrides: Mapping[str, float]) -> dict[str, float]:
    checked = {}
    for key, value in overrides.items():
        if key not in amap.nodes and key not in amap.edges:
            raise ReasoningError(f"There is no node or relation with id {key!r} to give a value")
        checked[key] = _unit(value, f"The value for {key!r}")
    return checked


def participant_overrides(amap, participant_id: str) -> dict[str, float]:
    """That participant's own base scores and weights: {node or edge id: value}."""
    if participant_id not in amap.participants:
        raise ReasoningError(f"There is no participant with id {participant_id!r}")
    return {a.target: a.value for a in amap.assessments.values()
            if a.participant == participant_id}


def assessed_values(amap) -> dict[str, list[float]]:
    """Every assessed input (node or edge id) → the values participants gave it."""
    values: dict[str, list[float]] = {}
    for a in amap.assessments.values():
        values.setdefault(a.target, []).append(float(a.value))
    return values


def group_overrides(amap) -> dict[str, float]:
    """The median of all participants' assessments, per assessed input."""
    import statistics          # here: its import is a good part of an export's start-up
    return {key: statistics.median(vals) for key, vals in assessed_values(amap).items()}
