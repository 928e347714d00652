"""Layer assignment for one connected component of an argument map.

Works on *local* integer ids ``0..n-1`` (the component's nodes in creation
order).  Edges are given "downwards" as ``(upper, lower)`` pairs, i.e.
``(target, source)`` of the argument map: a reason sits *below* what it
supports or attacks.

Pipeline: :func:`break_cycles` (DFS feedback edges reversed) ->
:func:`assign_layers` (longest path from the top, roots pulled down to sit
directly above their highest child) -> :func:`tighten_layers` (shorter edges: greedy
moves, then network simplex, app/layout/ranking.py) -> :func:`bound_layers` (aspect) ->
:func:`split_long_edges` (virtual nodes for short edges, long ones compressed).
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Sequence

from .ranking import simplex_layers

SIMPLEX_WORK = 100_000   # node and edge visits for network-simplex exchanges (time) ...
SIMPLEX_LIMIT = 10_000   # ... on components of up to this many nodes + edges (~4,500 cards:
#                          an exchange's tree walks get long on bigger ones, and a few gain little)


def break_cycles(n: int, down_edges: Sequence[tuple[int, int]]) -> list[list[int]]:
    """Return acyclic child lists, reversing DFS back edges.

    The DFS starts from nodes without an upper neighbour (in id order), then
    from any node still unvisited (pure cycles).  Children are explored in
    ascending id order, so the result is deterministic.

    >>> break_cycles(3, [(0, 1), (1, 2), (2, 0)])
    [[1, 2], [2], []]
    """
    children: list[list[int]] = [[] for _ in range(n)]
    has_parent = [False] * n
    for upper, lower in down_edges:
        children[upper].append(lower)
        has_parent[lower] = True
    for lst in children:
        lst.sort()
    dag: list[set[int]] = [set() for _ in range(n)]
    state = [0] * n  # 0 = unseen, 1 = on the DFS stack, 2 = finished
    starts = [v for v in range(n) if not has_parent[v]] + list(range(n))
    for start in starts:
        if not state[start]:
            _dfs(start, children, state, dag)
    return [sorted(s) for s in dag]


def _dfs(start: int, children: list[list[int]], state: list[int],
         dag: list[set[int]]) -> None:
    """Iterative DFS from ``start`` filling ``dag`` (helper of break_cycles)."""
    state[start] = 1
    stack = [(start, iter(children[start]))]
    while stack:
        v, it = stack[-1]
        for c in it:
            if state[c] == 0:
                dag[v].add(c)
                state[c] = 1
                stack.append((c, iter(children[c])))
                break
            if state[c] == 1:      # back edge: reverse it
                if c != v:
                    dag[c].add(v)
            else:
                dag[v].add(c)
        else:
            state[v] = 2
            stack.pop()


def assign_layers(children: list[list[int]]) -> list[int]:
    """Longest-path layering of an acyclic child-list graph (0 = top).

    Roots (no parent) are then pulled down to one layer above their
    highest child, which shortens their edges without lengthening others.

    >>> assign_layers([[1, 2], [2], []])
    [0, 1, 2]
    >>> assign_layers([[2], [3], [3], []])   # root 1 moves down next to 2
    [0, 1, 1, 2]
    """
    n = len(children)
    indeg = [0] * n
    for cs in children:
        for c in cs:
            indeg[c] += 1
    layer = [0] * n
    queue = [v for v in range(n) if indeg[v] == 0]
    roots = list(queue)
    for v in queue:  # the list grows while we iterate: Kahn's algorithm
        nxt = layer[v] + 1
        for c in children[v]:
            if layer[c] < nxt:
                layer[c] = nxt
            indeg[c] -= 1
            if indeg[c] == 0:
                queue.append(c)
    for r in roots:
        if children[r]:
            layer[r] = min(layer[c] for c in children[r]) - 1
    return layer


def tighten_layers(children: list[list[int]], layer: list[int], passes: int = 4,
                   work: int = SIMPLEX_WORK) -> list[int]:
    """Shorten edges: move every node with edges both up and down to the free layer that
    makes its edges shortest (as high as it can go when it has more edges up than down,
    as low as it can go when it has more down), keeping every edge pointing down; then
    network-simplex exchanges (:func:`app.layout.ranking.simplex_layers`), which move whole
    groups of nodes, as many as about *work* / (V + E) of them (all that a map of some
    hundreds of cards needs, some tens at 1,000; none above SIMPLEX_LIMIT: each costs
    O(V + E) and more).

    A component must be connected for the exchanges to apply.

    >>> tighten_layers([[2], [2], [3], []], [0, 0, 2, 3], work=0)   # 2 has two parents: up
    [0, 0, 1, 3]
    >>> tighten_layers([[2], [2], [3], []], [0, 0, 2, 3])           # and 3 follows it
    [0, 0, 1, 2]
    """
    parents = _parents_of(children)
    layer = list(layer)
    for _ in range(passes):
        changed = False
        for v in range(len(layer)):
            ps, cs = parents[v], children[v]
            if not ps or not cs or len(ps) == len(cs):
                continue
            if len(ps) > len(cs):
                new = max(layer[p] for p in ps) + 1
            else:
                new = min(layer[c] for c in cs) - 1
            if new != layer[v]:
                layer[v], changed = new, True
        if not changed:
            break
    size = len(layer) + sum(len(cs) for cs in children)
    if size > SIMPLEX_LIMIT or work < size:
        return layer
    return simplex_layers(children, layer, work // size)


def same_layer(children: list[list[int]], layer: list[int], group: list[int]) -> list[int]:
    """*layer* with the nodes of *group* (e.g. a debate's rival strategies) in one layer: the
    highest one every member can take (each stays below all its parents), the nodes below
    pushed down where an edge would otherwise point up. Members with a parent or child in
    the group cannot share its layer and are left where they are; when one member lies
    below another, nothing changes.

    >>> same_layer([[1], [2], [], [4], []], [0, 1, 2, 0, 2], [1, 4])   # 4 moves up to 1's layer
    [0, 1, 2, 0, 1]
    >>> same_layer([[3], [2], [], [], []], [0, 0, 1, 1, 0], [1, 3])    # 3 below 0, so 1 goes down
    [0, 1, 2, 1, 0]
    """
    parents = _parents_of(children)
    members = set(group)
    free = [v for v in group if not (set(parents[v]) | set(children[v])) & members]
    if len(free) < 2:
        return layer
    before, layer = layer, list(layer)
    level = max(max((layer[p] + 1 for p in parents[v]), default=0) for v in free)
    level = max(level, min(layer[v] for v in free))
    todo = []
    for v in free:
        layer[v] = level
        todo.append(v)
    while todo:                       # children that now sit too high go down
        v = todo.pop()
        for c in children[v]:
            if layer[c] <= layer[v]:
                layer[c] = layer[v] + 1
                todo.append(c)
    if len({layer[v] for v in free}) > 1:    # one lies below another: leave them be
        return before
    return layer


def spans_budget(children: list[list[int]], layer: list[int], budget: int) -> int:
    """The largest span up to which edges can be split into virtual nodes without making
    more than *budget* of them (at least 1: no virtual nodes at all).

    >>> spans_budget([[1, 2], [], []], [0, 3, 2], 2), spans_budget([[1, 2], [], []], [0, 3, 2], 3)
    (2, 3)
    """
    count: dict[int, int] = {}
    for p, cs in enumerate(children):
        for c in cs:
            span = layer[c] - layer[p]
            count[span] = count.get(span, 0) + 1
    made, best = 0, 1
    for span in sorted(count):
        made += (span - 1) * count[span]
        if made > budget:
            break
        best = span
    return best


def split_long_edges(children: list[list[int]], layer: list[int], max_span: int = 2
                     ) -> tuple[list[list[int]], list[list[int]], list[int], list[int]]:
    """Insert virtual nodes so that every edge spanning at most ``max_span``
    layers joins adjacent layers; longer edges stay one *compressed* edge
    between their ends (so the number of virtual nodes is at most
    ``(max_span - 1) * E`` whatever the spans; the router takes such an edge
    through the gaps of the layers in between).

    Returns ``(up, down, layer, owner)`` over real *and* virtual nodes:
    virtual ids follow the real ones; ``owner[v]`` is the real node at the
    lower end of the chain ``v`` belongs to (``v`` itself for real nodes),
    used as a stable sort key.

    >>> up, down, layer, owner = split_long_edges([[1], []], [0, 2])
    >>> down, layer, owner
    ([[2], [], [1]], [0, 2, 1], [0, 1, 1])
    >>> split_long_edges([[1], []], [0, 3])[1]     # compressed: no virtual nodes
    [[1], []]
    """
    n = len(children)
    layer = list(layer)
    up: list[list[int]] = [[] for _ in range(n)]
    down: list[list[int]] = [[] for _ in range(n)]
    owner = list(range(n))
    for p in range(n):
        for c in children[p]:
            prev = p
            if layer[c] - layer[p] <= max_span:
                for lay in range(layer[p] + 1, layer[c]):
                    v = len(layer)
                    layer.append(lay)
                    owner.append(c)
                    up.append([prev])
                    down.append([])
                    down[prev].append(v)
                    prev = v
            down[prev].append(c)
            up[c].append(prev)
    return up, down, layer, owner


def weights_below(children: list[list[int]]) -> list[int]:
    """How much hangs below every node of an acyclic child-list graph: 1 plus the sum over
    its children (a subtree's size in a tree; in a graph, cards reached along two paths
    count twice), capped at the number of nodes.

    >>> weights_below([[1, 2], [2], []])
    [3, 2, 1]
    """
    n = len(children)
    indeg = [0] * n
    for cs in children:
        for c in cs:
            indeg[c] += 1
    order = [v for v in range(n) if indeg[v] == 0]
    for v in order:             # grows while we iterate: a topological order
        for c in children[v]:
            indeg[c] -= 1
            if indeg[c] == 0:
                order.append(c)
    weight = [1] * n
    for v in reversed(order):
        total = 1
        for c in children[v]:
            total += weight[c]
        weight[v] = min(total, n)
    return weight


def _parents_of(children: list[list[int]]) -> list[list[int]]:
    """Upper neighbours of every node of a child-list graph."""
    parents: list[list[int]] = [[] for _ in children]
    for p, cs in enumerate(children):
        for c in cs:
            parents[c].append(p)
    return parents


def bound_layers(children: list[list[int]], layer: list[int], width: list[float],
                 max_width: float, gap: float) -> tuple[list[int], int]:
    """Push nodes down so that no layer is much wider than ``max_width``.

    Layers are filled top to bottom.  A layer's width counts its cards,
    the gaps between them and half a gap for every edge passing through
    it (a bend point).  A node is a candidate for a layer once all its
    parents are placed above it and the layer is not above its own
    ``layer``; candidates are taken while they fit, the lightest first
    (least hanging below them, :func:`weights_below`: a leaf first), then
    those whose edges are already longest, then those with more parents,
    then by id; the rest wait for the next layer (so every edge keeps
    pointing downwards).  So it is a big subtree that moves down, whole,
    and its one edge up gets longer, rather than leaves scattered many
    layers below their parents, each with a long edge crossing the layers
    in between (that made twice the crossings).  Every layer
    keeps at least one card and at least half the width is kept for cards
    however many edges pass through.  A heap of the waiting candidates
    makes this O((V + E) log V) however far nodes move.  Returns the new
    layers and how many nodes were moved.

    >>> bound_layers([[1, 2, 3], [], [], []], [0, 1, 1, 1], [10.0] * 4, 30.0, 10.0)
    ([0, 1, 2, 2], 2)
    >>> bound_layers([[1, 2], [3], [], []], [0, 1, 1, 2], [10.0] * 4, 10.0, 10.0)[0]  # 1 is heavier
    [0, 2, 1, 3]
    """
    n = len(layer)
    parents = _parents_of(children)
    heavy = weights_below(children)
    pending = [len(ps) for ps in parents]
    final = list(layer)
    arrive: dict[int, list[int]] = {}
    for v in range(n):
        if not pending[v]:
            arrive.setdefault(layer[v], []).append(v)
    bend = gap / 2
    waiting: list[tuple[int, float, int, int]] = []
    open_edges, placed, i = 0, 0, 0
    while placed < n:
        for v in arrive.pop(i, ()):
            top = min((final[p] for p in parents[v]), default=math.inf)
            heapq.heappush(waiting, (heavy[v], top, -len(parents[v]), v))
        budget = max(max_width + gap - bend * open_edges, max_width / 2)
        used, first = 0.0, True
        while waiting:
            v = waiting[0][3]
            cost = width[v] + gap - bend * len(parents[v])
            if not first and used + cost > budget:
                break
            heapq.heappop(waiting)
            used, first = used + cost, False
            final[v], placed = i, placed + 1
            open_edges += len(children[v]) - len(parents[v])
            for c in children[v]:
                pending[c] -= 1
                if not pending[c]:
                    arrive.setdefault(max(layer[c], i + 1), []).append(c)
        i += 1
    return final, sum(1 for a, b in zip(final, layer) if a != b)
