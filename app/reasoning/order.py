"""Evaluation order: strongly connected components in topological order, on plain dicts.

Kahn's algorithm handles the acyclic part (the usual case, and fast); Tarjan's algorithm
(iterative) splits what is left into components. Works on a subset of the nodes too, as long
as the subset is closed under taking the rest of each node's component (true for the
descendants of any set of nodes, and for those intersected with the ancestors of any set).

>>> from app.reasoning.framework import framework_from_edges
>>> fw = framework_from_edges({"a": .5, "b": .5, "c": .5, "d": .5},
...     [("a", "b", "attack"), ("b", "c", "attack"), ("c", "b", "attack"), ("c", "d", "support")])
>>> schedule(fw.tau, fw.parents, fw.children)
['a', ('b', 'c'), 'd']
"""

from __future__ import annotations

from typing import Collection, Iterable, Mapping

from .framework import SOURCE

Item = "str | tuple[str, ...]"


def descendants(roots: Iterable[str], children: Mapping[str, tuple[str, ...]],
                within: Collection[str] | None = None) -> set[str]:
    """The roots and every node reachable from them (staying inside ``within`` if given)."""
    seen = {r for r in roots if within is None or r in within}
    todo = list(seen)
    while todo:
        for child in children[todo.pop()]:
            if child not in seen and (within is None or child in within):
                seen.add(child)
                todo.append(child)
    return seen


def ancestors(targets: Iterable[str], parents: Mapping[str, tuple]) -> set[str]:
    """The targets and every node from which one of them can be reached."""
    seen = set(targets)
    todo = list(seen)
    while todo:
        for src, _r, _w, _e in parents[todo.pop()]:
            if src not in seen:
                seen.add(src)
                todo.append(src)
    return seen


def schedule(nodes: Collection[str], parents: Mapping[str, tuple],
             children: Mapping[str, tuple[str, ...]], whole: bool = False) -> list:
    """Nodes in evaluation order: a str for a node outside any cycle, a sorted tuple per cycle.

    ``nodes`` is the set (or dict) of nodes to order; parents outside it count as known.
    ``whole``: ``nodes`` is every node of the framework (so every parent is inside).
    """
    if whole:
        indeg = {n: len(parents[n]) for n in nodes}
    else:
        indeg = {n: sum(1 for p in parents[n] if p[SOURCE] in nodes) for n in nodes}
    ready = [n for n, d in indeg.items() if d == 0]
    i = 0
    while i < len(ready):
        for child in children[ready[i]]:
            if child in indeg:
                d = indeg[child] - 1
                indeg[child] = d
                if d == 0:
                    ready.append(child)
        i += 1
    if len(ready) == len(indeg):
        return ready
    done = set(ready)
    rest = [n for n in indeg if n not in done]
    return ready + _components(rest, parents, children)


def components(nodes: list[str], children) -> list:
    """Tarjan's strongly connected components of the graph on *nodes* whose edges go from a
    node to each of its ``children[node]`` (those outside *nodes* are passed over), in
    topological order: a node id for a node in no cycle, a sorted tuple per cycle (a node
    never points to itself).

    >>> components(["a", "b", "c"], {"a": ["b"], "b": ["a", "c"], "c": []})
    [('a', 'b'), 'c']
    """
    return _components(nodes, None, children)


def _components(nodes: list[str], parents, children) -> list:
    """Tarjan's SCCs of the subgraph on ``nodes`` (closed downwards), in topological order
    (*parents*, if given, tell a node that supports or attacks itself: a cycle of one)."""
    inside = set(nodes)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list = []
    for root in nodes:
        if root in index:
            continue
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        work = [(root, iter(children[root]))]
        while work:
            v, it = work[-1]
            for w in it:
                if w not in inside:
                    continue
                if w not in index:
                    index[w] = low[w] = len(index)
                    stack.append(w)
                    on_stack.add(w)
                    work.append((w, iter(children[w])))
                    break
                if w in on_stack and index[w] < low[v]:
                    low[v] = index[w]
            else:
                work.pop()
                if work and low[v] < low[work[-1][0]]:
                    low[work[-1][0]] = low[v]
                if low[v] == index[v]:
                    found.append(_pop_component(v, stack, on_stack, parents))
    found.reverse()
    return found


def _pop_component(root: str, stack: list[str], on_stack: set[str], parents):
    comp = []
    while True:
        w = stack.pop()
        on_stack.discard(w)
        comp.append(w)
        if w == root:
            break
    if len(comp) == 1 and (parents is None or not any(p[SOURCE] == root for p in parents[root])):
        return root  # a single node outside any cycle
    return tuple(sorted(comp))
