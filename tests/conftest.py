"""Shared test set-up: Qt offscreen, an isolated home, and small map builders."""

import gc
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Live sessions' LAN discovery stays on this machine in tests: no multicast leaves it.
os.environ["REASONMAP_LAN_DISCOVERY"] = "loopback"

import pytest  # noqa: E402

from app.model import Edge, Node  # noqa: E402
from app.model.build import build_map  # noqa: E402


@pytest.fixture(scope="session", autouse=True)
def one_qt_application(qapp):
    """One QApplication for the whole run, made first: the export code would otherwise make
    a QGuiApplication, and a widget test after it in the same process aborts Qt."""
    yield qapp


@pytest.fixture(autouse=True)
def garbage_collected_between_tests():
    """As in the app (app/ui/gc_guard.py): no automatic collection inside Qt callbacks such as
    paint events; cycles are collected between tests instead."""
    threshold = gc.get_threshold()
    gc.disable()
    yield
    counts = gc.get_count()
    for generation in (2, 1, 0):   # what the app's timer does between events
        if counts[generation] > threshold[generation]:
            gc.collect(generation)
            break
    gc.enable()


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
