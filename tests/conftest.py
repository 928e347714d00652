"""Shared test set-up: Qt offscreen, an isolated home, and small map builders."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from app.model import Edge, Node  # noqa: E402
from app.model.build import build_map  # noqa: E402


@pytest.fixture
def small_map():
    """Two strategies, a reason for each and an objection to the first."""
    nodes = [Node(id="s1", kind="strategy", title="Strategy one"),
             Node(id="s2", kind="strategy", title="Strategy two"),
             Node(id="r1", title="Reason one", base_score=0.7),
             Node(id="r2", title="Reason two", base_score=0.6),
             Node(id="o1", title="Objection", base_score=0.4)]
    edges = [Edge(id="e1", source="r1", target="s1"), Edge(id="e2", source="r2", target="s2"),
             Edge(id="e3", source="o1", target="s1", relation="attack", weight=0.8)]
    return build_map(nodes, edges, meta={"title": "Small"})
