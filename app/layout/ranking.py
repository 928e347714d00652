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
    tree = _tight_tree(n, edges, rank)
    for _ in range(budget):
        parent_edge, low, lim, order = _root_tree(n, edges, tree)
        cut = _cut_values(n, edges, weight, parent_edge, low, lim, order)
        leaving = _negative_edge(cut, parent_edge, n)
        if leaving is None:
            break
        entering = _entering_edge(edges, rank, leaving, edges[parent_edge[leaving]],
                                  low, lim)
        tree.discard(parent_edge[leaving])
        tree.add(entering)
        _rerank(n, edges, tree, rank)
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


def _root_tree(n: int, edges: list[tuple[int, int]], tree: set[int]
               ) -> tuple[list[int], list[int], list[int], list[int]]:
    """Root the tree at node 0: each node's edge to its parent (-1 at the root), the
    post-order numbers ``low``/``lim`` (a node's subtree is lim in [low[v], lim[v]]), and
    the nodes in pre-order."""
    adj: list[list[int]] = [[] for _ in range(n)]
    for i in tree:
        p, c = edges[i]
        adj[p].append(i)
        adj[c].append(i)
    parent_edge, low, lim = [-1] * n, [0] * n, [0] * n
    order, count = [], 0
    seen = [False] * n
    seen[0] = True
    stack = [(0, iter(adj[0]))]
    order.append(0)
    while stack:
        v, it = stack[-1]
        for i in it:
            p, c = edges[i]
            w = c if p == v else p
            if not seen[w]:
                seen[w] = True
                parent_edge[w] = i
                low[w] = count
                order.append(w)
                stack.append((w, iter(adj[w])))
                break
        else:
            stack.pop()
            lim[v] = count
            count += 1
    low[0] = 0
    for v in reversed(order):             # low = smallest lim in the subtree
        if parent_edge[v] >= 0:
            p, c = edges[parent_edge[v]]
            up = c if p == v else p
            low[up] = min(low[up], low[v])
    return parent_edge, low, lim, order


def _cut_values(n: int, edges: list[tuple[int, int]], weight: list[int],
                parent_edge: list[int], low: list[int], lim: list[int], order: list[int]
                ) -> list[int]:
    """Cut value of every node's edge to its tree parent: for the subtree below it, the
    weights of the edges pointing out of it minus those pointing in, with the sign of the
    tree edge."""
    out_w, in_w = [0] * n, [0] * n
    tree_parent = [-1] * n
    for v in range(n):
        if parent_edge[v] >= 0:
            p, c = edges[parent_edge[v]]
            tree_parent[v] = c if p == v else p
    for (p, c), w in zip(edges, weight):
        meet = _common_ancestor(p, c, tree_parent, low, lim)
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
            p, _ = edges[parent_edge[v]]
            # tree edge v -> parent: the subtree is the tail; else it is the head
            cut[v] = out_w[v] - in_w[v] if p == v else in_w[v] - out_w[v]
    return cut


def _common_ancestor(a: int, b: int, tree_parent: list[int], low: list[int],
                     lim: list[int]) -> int:
    """The lowest node of the tree whose subtree holds both *a* and *b*."""
    while not (low[a] <= lim[b] <= lim[a]):
        a = tree_parent[a]
    return a


def _negative_edge(cut: list[int], parent_edge: list[int], n: int) -> int | None:
    """The node whose tree edge has the most negative cut value, or None."""
    best, value = None, 0
    for v in range(n):
        if parent_edge[v] >= 0 and cut[v] < value:
            best, value = v, cut[v]
    return best


def _entering_edge(edges: list[tuple[int, int]], rank: list[int], v: int,
                   leaving: tuple[int, int], low: list[int], lim: list[int]) -> int:
    """The least-slack edge from the head side of the cut below *v* to its tail side."""
    lo, hi = low[v], lim[v]
    subtree_is_tail = leaving[0] == v
    best, best_slack = -1, None
    for i, (p, c) in enumerate(edges):
        p_in, c_in = lo <= lim[p] <= hi, lo <= lim[c] <= hi
        if p_in == c_in or p_in == subtree_is_tail:
            continue                        # not across, or from tail to head
        slack = rank[c] - rank[p] - 1
        if best_slack is None or slack < best_slack:
            best, best_slack = i, slack
    return best


def _rerank(n: int, edges: list[tuple[int, int]], tree: set[int], rank: list[int]) -> None:
    """Ranks that make every tree edge tight, from node 0's."""
    adj: list[list[int]] = [[] for _ in range(n)]
    for i in tree:
        p, c = edges[i]
        adj[p].append(i)
        adj[c].append(i)
    seen = [False] * n
    seen[0] = True
    stack = [0]
    while stack:
        v = stack.pop()
        for i in adj[v]:
            p, c = edges[i]
            w = c if p == v else p
            if not seen[w]:
                seen[w] = True
                rank[w] = rank[v] + 1 if p == v else rank[v] - 1
                stack.append(w)
