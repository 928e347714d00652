"""Where each node stands in the evaluation order, kept across edits (for ``reevaluate``).

A :class:`Plan` gives every node its *item* (the node itself, or the sorted tuple of its cyclic
component) and every item a *key*: items with smaller keys never depend on items with larger
ones. ``reevaluate`` pops the items to recompute by key, so it can start from the edited nodes
and stop where values stop moving, without ordering the nodes downstream of an edit first.

A plan depends on the structure only (which relations exist), not on scores or weights: a
framework derived by ``with_values`` shares its plan. After cards and relations are added or
removed, :meth:`Plan.after` brings it up to date locally where it can: a new card goes before
every other (it has no parents yet), a relation that runs forward in the order changes
nothing, a removal that splits a component re-orders that component alone (its pieces share
its key's slot), one that runs backwards re-orders the items between its ends (and merges
those on a cycle it closes). ``None`` means the plan must be built again (a component split
too often to share its slot).

>>> from app.reasoning.framework import framework_from_edges
>>> fw = framework_from_edges(dict.fromkeys("abc", .5), [("a", "b", "attack"),
...     ("b", "c", "attack"), ("c", "b", "attack")])
>>> plan = build_plan(fw)
>>> plan.item_of["c"], plan.key[plan.item_of["a"]] < plan.key[("b", "c")]
(('b', 'c'), True)
>>> split = plan.after(fw.without_edge("c->b"), removed_edges=[("c", "b")])
>>> split.item_of["c"], split.key["b"] < split.key["c"]
('c', True)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from .framework import SOURCE, copied
from .order import schedule

MIN_ROOM = 1e-6    # the narrowest slot a piece of a split component may get


@dataclass(frozen=True)
class Plan:
    item_of: dict          # node → its item: the node id, or the tuple of its component
    key: dict              # item → position; dependencies have smaller keys
    width: dict            # item → the room its key has before the next item's (default 1)
    low: float             # the smallest key (new cards go below it)

    def after(self, fw, *, added_nodes: Iterable[str] = (), removed_nodes: Iterable[str] = (),
              added_edges: Iterable[tuple[str, str]] = (),
              removed_edges: Iterable[tuple[str, str]] = ()) -> "Plan | None":
        """The plan of *fw*, which differs from this plan's framework by the given cards and
        relations (as (source, target)); None if it must be built again."""
        item_of, key, width = copied(self.item_of), copied(self.key), copied(self.width)
        touched: set = set()          # components that lost a member or an inner relation
        for node in removed_nodes:
            item = item_of.pop(node, None)
            if item is not None:
                _drop_member(item, node, key, width, touched)
        for source, target in removed_edges:
            item = item_of.get(target)
            if item is not None and item.__class__ is tuple and item_of.get(source) is item:
                touched.add(item)
        for item in touched:
            if not _resplit(item, fw, item_of, key, width):
                return None
        low = self.low
        new = [n for n in added_nodes if n in fw.tau]
        if new:
            pieces = schedule(set(new), fw.parents, fw.children)
            for i, item in enumerate(pieces):
                _place(item, low - len(pieces) + i, 1.0, item_of, key, width)
            low -= len(pieces)
        pending = set(added_edges)      # not yet in the order: not followed meanwhile
        for source, target in list(pending):
            pending.discard((source, target))
            a, b = item_of.get(source), item_of.get(target)
            if a is not None and b is not None and a != b and key[a] > key[b]:
                _reorder(a, b, fw, item_of, key, width, pending)
        return Plan(item_of, key, width, low)


def build_plan(fw) -> Plan:
    """The plan of *fw* from its full schedule (the compiled one, if it is compiled already)."""
    if "compiled" in fw.__dict__:
        c = fw.compiled
        ids = c.ids
        order = [ids[i] if i.__class__ is int else tuple(ids[j] for j in i) for i in c.items]
    else:
        order = schedule(fw.tau, fw.parents, fw.children)
    return plan_of(order)


def plan_of(order: list) -> Plan:
    """The plan of an evaluation order (a list of node ids and component tuples)."""
    item_of: dict = {}
    key: dict = {}
    for pos, item in enumerate(order):
        key[item] = pos
        _own(item, item_of)
    return Plan(item_of, key, {}, 0)


def _own(item, item_of: dict) -> None:
    """Record that the nodes of *item* (a node id, or a component's tuple of them) are in it."""
    if item.__class__ is tuple:
        for n in item:
            item_of[n] = item
    else:
        item_of[item] = item


def _reorder(a, b, fw, item_of: dict, key: dict, width: dict, pending: set) -> None:
    """Restore the order after a relation from item *a* to item *b*, which stood before it
    (Pearce and Kelly's local reordering). Among the items with keys from *b*'s to *a*'s,
    those that reach *a* take the lowest of their keys, those that *b* reaches the highest;
    the items on both sides (on a path from b to a) become one component between them."""
    lo, hi = key[b], key[a]
    def children(n):
        return [m for m in fw.children[n] if (n, m) not in pending]

    def sources(n):
        return [p[SOURCE] for p in fw.parents[n] if (p[SOURCE], n) not in pending]
    ahead = _reach(b, lambda item: _next(item, children, item_of), key, lambda k: k <= hi)
    behind = _reach(a, lambda item: _next(item, sources, item_of), key, lambda k: k >= lo)
    merged = ahead & behind
    old = {i: key.pop(i) for i in ahead | behind}
    slots = sorted((k, width.pop(i, 1.0)) for i, k in old.items())
    first = sorted(behind - merged, key=old.__getitem__)
    last = sorted(ahead - merged, key=old.__getitem__)
    for item, (k, w) in zip(first, slots):
        _place(item, k, w, item_of, key, width)
    for item, (k, w) in zip(last, slots[len(slots) - len(last):]):
        _place(item, k, w, item_of, key, width)
    if merged:
        comp = tuple(sorted(n for item in merged for n in _members(item)))
        k, w = slots[len(first)]
        _place(comp, k, w, item_of, key, width)


def _members(item) -> tuple:
    return item if item.__class__ is tuple else (item,)


def _next(item, links, item_of: dict):
    for n in _members(item):
        for m in links(n):
            other = item_of[m]
            if other != item:
                yield other


def _reach(start, step, key: dict, inside) -> set:
    """*start* and the items reached from it by *step* whose keys pass *inside*."""
    seen, todo = {start}, [start]
    while todo:
        for other in step(todo.pop()):
            if other not in seen and inside(key[other]):
                seen.add(other)
                todo.append(other)
    return seen


def _drop_member(item, node: str, key: dict, width: dict, touched: set) -> None:
    if item.__class__ is not tuple:
        key.pop(item, None)
        width.pop(item, None)
    else:
        touched.add(item)


def _resplit(comp: tuple, fw, item_of: dict, key: dict, width: dict) -> bool:
    """Order what is left of component *comp* again, in its own key's slot; False if the
    slot has become too narrow to share (the plan must then be built again)."""
    start, room = key.pop(comp), width.pop(comp, 1.0)
    members = {n for n in comp if n in fw.tau and item_of.get(n) is comp}
    pieces = schedule(members, fw.parents, fw.children) if members else []
    at = start
    for item in pieces:         # room in proportion to size: a large piece may split again
        share = room * (len(item) if item.__class__ is tuple else 1) / len(members)
        if share < MIN_ROOM:
            return False
        _place(item, at, share, item_of, key, width)
        at += share
    return True


def _place(item, at: float, room: float, item_of: dict, key: dict, width: dict) -> None:
    key[item] = at
    if room != 1.0:
        width[item] = room
    _own(item, item_of)
