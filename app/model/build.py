"""Build a whole map at once (importers, file loading), through ``apply`` like any change.

>>> from app.model.entities import Node, Edge
>>> m = build_map([Node(id="a"), Node(id="b")], [Edge(id="e", source="a", target="b")],
...               meta={"title": "Demo"})
>>> m.meta["title"], len(m.edges)
('Demo', 1)
"""

from __future__ import annotations

from dataclasses import replace
from typing import Iterable, Mapping

from .argmap import ArgumentMap
from .changes import Added, ChangeSet, MetaChanged


def build_map(nodes: Iterable = (), edges: Iterable = (), participants: Iterable = (),
              assessments: Iterable = (), sources: Iterable = (),
              meta: Mapping | None = None, rounds: Iterable = (), answers: Iterable = (),
              snapshots: Iterable = ()) -> ArgumentMap:
    """A new ArgumentMap holding the given records; raises ModelError if any is invalid."""
    amap = ArgumentMap()
    changes: list = []
    for key, value in (meta or {}).items():
        changes.append(MetaChanged(key, amap.meta.get(key), value))
    for group in (nodes, edges, participants, assessments, sources, rounds, answers, snapshots):
        changes.extend(Added(r) for r in group)
    amap.apply(ChangeSet("Build map", tuple(changes)))
    return amap


def with_positions(amap: ArgumentMap, positions: Mapping[str, tuple[float, float]]) -> ArgumentMap:
    """A copy of *amap* whose nodes named in *positions* sit at those centres."""
    if not positions:
        return amap
    nodes = [replace(n, x=float(positions[n.id][0]), y=float(positions[n.id][1])) if n.id in positions else n
             for n in amap.nodes.values()]
    return build_map(nodes, amap.edges.values(), amap.participants.values(), amap.assessments.values(),
                     amap.sources.values(), amap.meta, amap.rounds.values(), amap.answers.values(),
                     amap.snapshots.values())
