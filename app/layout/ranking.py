"""Layers that keep edges short: network-simplex ranking (Gansner et al. 1993).

Minimises the total span ``sum(layer[c] - layer[p])`` over the edges of an acyclic
child-list graph subject to every span being at least 1.  It keeps a spanning tree
of *tight* edges (span exactly 1); the *cut value* of a tree edge says how much the
total span changes per layer if the two halves the edge joins are moved apart; while
some tree edge has a negative cut value it leaves the tree and the non-tree edge
across the same cut with the least slack enters, which pulls the halves together.

Works on one connected component.  :func:`simplex_layers` does at most ``budget``
such exchanges (each costs O(V + E * tree depth)) and returns the best layers found.
Edges from roots weigh more (ROOT_WEIGHT).
"""

from __future__ import annotations

ROOT_WEIGHT = 2   # fewer crossings on generated maps than 1 (roots sink) or 3 and more


def simplex_layers(children: list[list[int]], layer: list[int], budget: int,
                   root_weight: int = ROOT_WEIGHT) -> list[int]:
    """Layers of minimal (or, when the budget runs out, smaller) total span, starting from
    the feasible *layer*; the top layer is 0.  The span of an edge from a root (a node
    without parents: a question, a strategy) counts *root_weight* times, so that what is
    on top keeps its reasons right below it rather than sinking to its deeper ones.

    >>> simplex_layers([[2], [2], [3], []], [0, 0, 2, 3], 10)   # 2 and 3 move up together
    [0, 0, 1, 2]
    """
    n = len(layer)
    edges = [(p, c) for p in range(n) for c in children[p]]
    if not edges:
        return list(layer)
    has_parent = [False] * n
    for _, c in edges:
        has_parent[c] = True
    weight = [1 if has_parent[p] else root_weight for p, _ in edges]
    rank = list(layer)
    adj: list[list[int]] = [[] for _ in range(n)]      # tree edges at every node
    for i in _tight_tree(n, edges, rank):
        for v in edges[i]:
            adj[v].append(i)
    for step in range(budget + 1):
        parent_edge, tree_parent, pre, size, order = _walk(edges, adj, rank)
        if step == budget:
            break
        cut = _cut_values(edges, weight, parent_edge, tree_parent, pre, size, order)
        leaving = _negative_edge(cut, parent_edge, n)
        if leaving is None:
            break
        out = parent_edge[leaving]
        entering = _entering_edge(edges, rank, leaving, edges[out], pre, size)
        for v in edges[out]:
            adj[v].remove(out)
        for v in edges[entering]:
            adj[v].append(entering)
    top = min(rank)
    return [r - top for r in rank]


def _tight_tree(n: int, edges: list[tuple[int, int]], rank: list[int]) -> set[int]:
    """Indices of the edges of a spanning tree of tight edges; *rank* is shifted (whole
    subtrees at once) until one exists."""
    incident: list[list[int]] = [[] for _ in range(n)]
    for i, (p, c) in enumerate(edges):
        incident[p].append(i)
        incident[c].append(i)
    in_tree = [False] * n
    in_tree[0] = True
    members, tree = [0], set()
    while True:
        k = 0
        while k < len(members):             # grow along tight edges
            v = members[k]
            k += 1
            for i in incident[v]:
                p, c = edges[i]
                w = c if p == v else p
                if not in_tree[w] and rank[c] - rank[p] == 1:
                    in_tree[w] = True
                    members.append(w)
                    tree.add(i)
        if len(members) == n:
            return tree
        best, delta = None, 0
        for v in members:                  # the least slack edge leaving the tree
            for i in incident[v]:
                p, c = edges[i]
                if in_tree[p] != in_tree[c]:
                    slack = rank[c] - rank[p] - 1
                    if best is None or slack < abs(delta):
                        best, delta = i, (slack if in_tree[p] else -slack)
        if best is None:                   # not connected: no tree
            return tree
        for v in members:
            rank[v] += delta


def _walk(edges: list[tuple[int, int]], adj: list[list[int]], rank: list[int]
          ) -> tuple[list[int], list[int], list[int], list[int], list[int]]:
    """Root the tree at node 0 and make its edges tight (*rank* follows node 0's).

    Returns every node's edge to its tree parent and that parent (-1 at the root), its
    position in pre-order and the size of its subtree (so the subtree of ``v`` is the
    nodes ``x`` with ``pre[v] <= pre[x] < pre[v] + size[v]``), and the pre-order."""
    n = len(adj)
    parent_edge, tree_parent = [-1] * n, [-1] * n
    order, stack = [], [0]
    while stack:
        v = stack.pop()
        order.append(v)
        up = parent_edge[v]
        for i in adj[v]:
            if i != up:
                p, c = edges[i]
                if p == v:
                    rank[c] = rank[v] + 1
                    w = c
                else:
                    rank[p] = rank[v] - 1
                    w = p
                parent_edge[w], tree_parent[w] = i, v
                stack.append(w)
    pre, size = [0] * n, [1] * n
    for k, v in enumerate(order):
        pre[v] = k
    for v in reversed(order):
        if tree_parent[v] >= 0:
            size[tree_parent[v]] += size[v]
    return parent_edge, tree_parent, pre, size, order


def _cut_values(edges: list[tuple[int, int]], weight: list[int], parent_edge: list[int],
                tree_parent: list[int], pre: list[int], size: list[int], order: list[int]
                ) -> list[int]:
    """Cut value of every node's edge to its tree parent: for the subtree below it, the
    weights of the edges pointing out of it minus those pointing in, with the sign of the
    tree edge."""
    n = len(pre)
    out_w, in_w = [0] * n, [0] * n
    for (p, c), w in zip(edges, weight):
        meet, at = p, pre[c]                 # the lowest node above both ends
        while not pre[meet] <= at < pre[meet] + size[meet]:
            meet = tree_parent[meet]
        out_w[p] += w
        out_w[meet] -= w
        in_w[c] += w
        in_w[meet] -= w
    for v in reversed(order):             # subtree sums
        up = tree_parent[v]
        if up >= 0:
            out_w[up] += out_w[v]
            in_w[up] += in_w[v]
    cut = [0] * n
    for v in range(n):
        if parent_edge[v] >= 0:
            # tree edge v -> parent: the subtree is the tail; else it is the head
            if edges[parent_edge[v]][0] == v:
                cut[v] = out_w[v] - in_w[v]
            else:
                cut[v] = in_w[v] - out_w[v]
    return cut


def _negative_edge(cut: list[int], parent_edge: list[int], n: int) -> int | None:
    """The node whose tree edge has the most negative cut value, or None."""
    best, value = None, 0
    for v in range(n):
        if parent_edge[v] >= 0 and cut[v] < value:
            best, value = v, cut[v]
    return best


def _entering_edge(edges: list[tuple[int, int]], rank: list[int], v: int,
                   leaving: tuple[int, int], pre: list[int], size: list[int]) -> int:
    """The least-slack edge from the head side of the cut below *v* to its tail side."""
    lo, hi = pre[v], pre[v] + size[v]
    subtree_is_tail = leaving[0] == v
    best, best_slack = -1, None
    for i, (p, c) in enumerate(edges):
        p_in, c_in = lo <= pre[p] < hi, lo <= pre[c] < hi
        if p_in == c_in or p_in == subtree_is_tail:
            continue                        # not across, or from tail to head
        slack = rank[c] - rank[p] - 1
        if best_slack is None or slack < best_slack:
            best, best_slack = i, slack
    return best
