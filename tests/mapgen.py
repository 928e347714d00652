"""Map generators shared by tests and benchmarks: hypothesis strategies and large random maps."""

from __future__ import annotations

import random

from hypothesis import strategies as st

from app.model import NODE_KINDS, RELATIONS, Assessment, Edge, Node, Participant, Source
from app.model.build import build_map

AWKWARD = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30)
unit = st.floats(min_value=0, max_value=1, allow_nan=False)


@st.composite
def maps(draw, max_nodes: int = 12):
    """Random valid maps with every field, relation kind, participants, assessments and sources."""
    n = draw(st.integers(0, max_nodes))
    ids = [f"n{i}" for i in range(n)]
    nodes = [Node(id=i, kind=draw(st.sampled_from(NODE_KINDS)), title=draw(AWKWARD), text=draw(AWKWARD),
                  base_score=draw(unit), tags=tuple(draw(st.lists(st.text(min_size=1, max_size=8), max_size=3))),
                  source_ref=draw(AWKWARD), x=draw(st.none() | st.floats(-1e4, 1e4)),
                  y=draw(st.none() | st.floats(-1e4, 1e4)), collapsed=draw(st.booleans()),
                  data=draw(st.dictionaries(st.text(min_size=1, max_size=5), st.integers() | st.text(max_size=5),
                                            max_size=2)),
                  anchor=draw(st.none() | st.fixed_dictionaries({"source": st.just("s0"), "start": st.integers(0, 9),
                                                                 "end": st.integers(10, 20), "quote": AWKWARD})))
             for i in ids]
    pairs = draw(st.lists(st.tuples(st.sampled_from(ids), st.sampled_from(ids)), max_size=2 * n,
                          unique=True)) if n > 1 else []
    edges = [Edge(id=f"e{k}", source=a, target=b, relation=draw(st.sampled_from(RELATIONS)),
                  weight=draw(unit), label=draw(AWKWARD))
             for k, (a, b) in enumerate(pairs) if a != b]
    people = [Participant(id=f"p{k}", name=f"Person {k}", colour="#12ab9f") for k in range(draw(st.integers(0, 2)))]
    targets = ids + [e.id for e in edges]
    assessments = {(p.id, t): Assessment(p.id, t, draw(unit), draw(AWKWARD))
                   for p in people for t in draw(st.lists(st.sampled_from(targets), max_size=3, unique=True))
                   } if targets else {}
    sources = [Source("s0", draw(AWKWARD), draw(AWKWARD))] if draw(st.booleans()) else []
    return build_map(nodes, edges, people, assessments.values(), sources,
                     meta={"title": draw(AWKWARD), "description": draw(AWKWARD)})


def generate_map(n: int, *, seed: int = 1, strategies: int | None = None, cycles: bool = True,
                 positions: bool = False):
    """A large map like real debates: a few strategies, trees of reasons and objections below them,
    cross-links, and (with *cycles*) some mutual attacks."""
    rng = random.Random(seed)
    k = strategies or max(2, min(12, n // 50))
    nodes = [Node(id=f"s{i}", kind="strategy", title=f"Strategy {i}") for i in range(k)]
    edges = []
    for i in range(k, n):
        nodes.append(Node(id=f"c{i}", title=f"Claim {i}", text=f"Statement number {i} of a generated map.",
                          base_score=round(rng.random(), 3)))
        parent = nodes[rng.randrange(max(0, i - 200) if i > 200 else 0, i)].id
        edges.append(Edge(id=f"e{i}", source=f"c{i}", target=parent,
                          relation="support" if rng.random() < 0.55 else "attack",
                          weight=round(rng.uniform(0.3, 1.0), 3)))
    seen = {(e.source, e.target) for e in edges}
    extra = n // 10
    for j in range(extra):
        a, b = rng.randrange(k, n), rng.randrange(0, n)
        src, dst = nodes[a].id, nodes[b].id
        backwards = b > a
        if src == dst or (src, dst) in seen or (dst, src) in seen or (backwards and not cycles):
            continue
        seen.add((src, dst))
        edges.append(Edge(id=f"x{j}", source=src, target=dst, relation="attack" if rng.random() < 0.5 else "support"))
    if cycles:  # some mutual attacks: a parent attacking one of its own reasons
        tree = [e for e in edges if e.id.startswith("e")]
        for j, e in enumerate(rng.sample(tree, min(len(tree), max(1, n // 100)))):
            if (e.target, e.source) not in seen and nodes[0].id != e.target:
                seen.add((e.target, e.source))
                edges.append(Edge(id=f"y{j}", source=e.target, target=e.source, relation="attack", weight=0.5))
    if positions:
        nodes = [Node(**{**n.__dict__, "x": float(i % 100) * 300, "y": float(i // 100) * 200})
                 for i, n in enumerate(nodes)]
    return build_map(nodes, edges, meta={"title": f"Generated {n}"})


def generate_links_map(n: int, *, seed: int = 1, extra: float = 0.3):
    """A map whose cards each link to a random earlier card (any of them, so many edges span
    many layers), and a share *extra* of cards link to a second random earlier card."""
    rng = random.Random(seed)
    nodes = [Node(id="s0", kind="strategy", title="Strategy 0")]
    edges = []
    for i in range(1, n):
        nodes.append(Node(id=f"c{i}", title=f"Claim {i}", text=f"Statement number {i} of a generated map.",
                          base_score=round(rng.random(), 3)))
        targets = {rng.randrange(i)}
        if i > 2 and rng.random() < extra:
            targets.add(rng.randrange(i))
        for k, t in enumerate(sorted(targets)):
            edges.append(Edge(id=f"e{i}_{k}", source=f"c{i}", target=nodes[t].id,
                              relation="support" if rng.random() < 0.55 else "attack",
                              weight=round(rng.uniform(0.3, 1.0), 3)))
    return build_map(nodes, edges, meta={"title": f"Generated links {n}"})
