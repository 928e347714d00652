"""Copying a card takes its subtree as the map's relation index finds it: the same cards as
the reachability of the map's graph (networkx) gives, on random maps with cycles."""

import random

import networkx as nx

from app.model import Edge, Node
from app.model.build import build_map
from app.ui.canvas.clipboard import subtree


def _by_graph(amap, ids):
    g = nx.DiGraph()
    g.add_nodes_from(amap.nodes)
    g.add_edges_from((e.source, e.target) for e in amap.edges.values())
    chosen = [n for n in dict.fromkeys(ids) if n in amap.nodes]
    under, above = set(), set()
    for n in chosen:
        under |= nx.ancestors(g, n)
        above |= nx.descendants(g, n)
    return chosen + [n for n in amap.nodes if n in under and n not in above and n not in chosen]


def test_subtree_is_what_the_graph_reaches():
    rng = random.Random(11)
    for trial in range(200):
        n = rng.randint(2, 25)
        nodes = [Node(id=f"n{i}", title=f"N{i}") for i in range(n)]
        edges, seen = [], set()
        for k in range(rng.randint(1, 2 * n)):
            s, t = rng.sample(range(n), 2)
            if (s, t) not in seen:
                seen.add((s, t))
                edges.append(Edge(id=f"e{k}", source=f"n{s}", target=f"n{t}",
                                  relation=rng.choice(("support", "attack"))))
        amap = build_map(nodes, edges)
        ids = rng.sample(list(amap.nodes), rng.randint(1, min(3, n))) + ["missing"]
        assert subtree(amap, ids) == _by_graph(amap, ids), trial
    assert amap._graph is None          # nothing built the map's graph
