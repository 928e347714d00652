"""Build a whole map at once (importers, file loading) with the checks ``apply`` makes.

A new map has nothing to roll back, so the records are added one by one through the map's
own adding (every record validated, ids unique, relations between known nodes, one relation
per pair) without making a change set of them first; meta goes through ``apply``.

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
from .changes import ChangeSet, MetaChanged


def build_map(nodes: Iterable = (), edges: Iterable = (), participants: Iterable = (),
              assessments: Iterable = (), sources: Iterable = (),
              meta: Mapping | None = None, rounds: Iterable = (), answers: Iterable = (),
              snapshots: Iterable = ()) -> ArgumentMap:
    """A new ArgumentMap holding the given records; raises ModelError if any is invalid."""
    amap = ArgumentMap()
    changes = [MetaChanged(key, amap.meta.get(key), value) for key, value in (meta or {}).items()]
    amap.apply(ChangeSet("Build map", tuple(changes)))
    add = amap._add
    for group in (nodes, edges, participants, assessments, sources, rounds, answers, snapshots):
        for record in group:
            add(record.validate())
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
