"""Build a whole map at once (importers, file loading), through ``apply`` like any change.

>>> from app.model.entities import Node, Edge
>>> m = build_map([Node(id="a"), Node(id="b")], [Edge(id="e", source="a", target="b")],
...               meta={"title": "Demo"})
>>> m.meta["title"], len(m.edges)
('Demo', 1)
"""

from __future__ import annotations

from typing import Iterable, Mapping

from .argmap import ArgumentMap
from .changes import Added, ChangeSet, MetaChanged


def build_map(nodes: Iterable = (), edges: Iterable = (), participants: Iterable = (),
              assessments: Iterable = (), sources: Iterable = (),
              meta: Mapping | None = None) -> ArgumentMap:
    """A new ArgumentMap holding the given records; raises ModelError if any is invalid."""
    amap = ArgumentMap()
    changes: list = []
    for key, value in (meta or {}).items():
        changes.append(MetaChanged(key, amap.meta.get(key), value))
    for group in (nodes, edges, participants, assessments, sources):
        changes.extend(Added(r) for r in group)
    amap.apply(ChangeSet("Build map", tuple(changes)))
    return amap
