"""Reading frameworks from maps, overrides, participants, and building them directly."""

import pytest

from app.model import Assessment, Edge, Node, Participant, ReasonmapError
from app.model.build import build_map
from app.reasoning import (Framework, ReasoningError, framework_from_edges, framework_from_map,
                           group_overrides, parent, participant_overrides)
from app.reasoning.framework import EDGE, WEIGHT


@pytest.fixture
def amap():
    nodes = [Node(id="s", kind="strategy", title="Plan", base_score=.6),
             Node(id="r", title="Reason", base_score=.7),
             Node(id="o", title="", text="Objection text\nmore", base_score=.3),
             Node(id="q", kind="question", title="Which plan?"),
             Node(id="n", kind="note", title="A note")]
    edges = [Edge(id="e1", source="r", target="s", relation="support", weight=.8),
             Edge(id="e2", source="o", target="s", relation="attack"),
             Edge(id="e3", source="s", target="q", relation="answer"),
             Edge(id="e4", source="n", target="s", relation="support"),
             Edge(id="e5", source="r", target="o", relation="relates")]
    people = [Participant(id="p1", name="Ann"), Participant(id="p2", name="Bo")]
    marks = [Assessment("p1", "r", .2), Assessment("p1", "e1", .5), Assessment("p2", "r", .6),
             Assessment("p2", "n", .9)]
    return build_map(nodes, edges, people, marks)


def test_only_support_and_attack_between_evaluated_nodes(amap):
    fw = framework_from_map(amap)
    assert set(fw.tau) == {"s", "r", "o", "q"}
    assert fw.tau == {"s": .6, "r": .7, "o": .3, "q": .5}
    assert fw.parents["s"] == (parent("r", "support", .8, "e1"), parent("o", "attack", 1.0, "e2"))
    assert fw.parents["q"] == () and fw.parents["o"] == ()
    assert fw.children == {"s": (), "r": ("s",), "o": ("s",), "q": ()}
    assert fw.strategies == ("s",)
    assert fw.titles["o"] == "Objection text" and fw.titles["s"] == "Plan"


def test_overrides_replace_scores_and_weights(amap):
    fw = framework_from_map(amap, {"r": .1, "e1": .25, "n": .4, "e3": .2})
    assert fw.tau["r"] == .1 and fw.parents["s"][0][WEIGHT] == .25
    assert "n" not in fw.tau  # overriding a note or an answer edge is harmless
    assert framework_from_map(amap).tau["r"] == .7  # the map itself is untouched


@pytest.mark.parametrize("overrides", [{"zz": .5}, {"r": 1.5}, {"e1": -0.1}, {"r": "high"},
                                       {"r": True}, {"r": float("nan")}])
def test_bad_overrides_are_one_clear_error(amap, overrides):
    with pytest.raises(ReasoningError) as info:
        framework_from_map(amap, overrides)
    assert str(info.value)


def test_participant_and_group_overrides(amap):
    assert participant_overrides(amap, "p1") == {"r": .2, "e1": .5}
    assert participant_overrides(amap, "p2") == {"r": .6, "n": .9}
    assert group_overrides(amap) == pytest.approx({"r": .4, "e1": .5, "n": .9})
    with pytest.raises(ReasonmapError, match="participant"):
        participant_overrides(amap, "nobody")


def test_direct_framework_derives_children_and_checks_input():
    fw = Framework({"a": .5, "b": 1}, {"b": (parent("a", "attack", 1.0, "x"),)},
                   children={"a": ("nonsense",)})
    assert fw.children == {"a": ("b",), "b": ()}
    assert fw.parents["a"] == () and fw.titles == {"a": "a", "b": "b"}
    assert isinstance(fw.tau["b"], float)
    bad = [dict(tau={"a": 2.0}, parents={}),
           dict(tau={"a": .5}, parents={"a": (parent("zz", "attack", 1.0, "x"),)}),
           dict(tau={"a": .5, "b": .5}, parents={"a": (parent("b", "answer", 1.0, "x"),)}),
           dict(tau={"a": .5, "b": .5}, parents={"a": (parent("b", "attack", 3, "x"),)}),
           dict(tau={"a": .5}, parents={"zz": ()}),
           dict(tau={"a": .5}, parents={}, strategies=("zz",))]
    for kwargs in bad:
        with pytest.raises(ReasoningError):
            Framework(**kwargs)


def test_with_values_and_without_edge_leave_the_original_alone():
    fw = framework_from_edges({"a": .5, "b": .5, "c": .5},
                              [("a", "c", "support", .5, "ac"), ("b", "c", "attack", 1, "bc")])
    moved = fw.with_values({"a": .9, "bc": .3})
    assert moved.tau["a"] == .9 and moved.parents["c"][1][WEIGHT] == .3
    assert fw.tau["a"] == .5 and fw.parents["c"][1][WEIGHT] == 1
    cut = fw.without_edge("ac")
    assert [p[EDGE] for p in cut.parents["c"]] == ["bc"] and cut.children["a"] == ()
    assert fw.children["a"] == ("c",)
    for call in (lambda: fw.with_values({"zz": .1}), lambda: fw.with_values({"a": 7}),
                 lambda: fw.without_edge("zz")):
        with pytest.raises(ReasoningError):
            call()


def test_relations_sharing_an_id_are_refused():
    from app.reasoning import ReasoningError, framework_from_edges
    with pytest.raises(ReasoningError, match="share the id"):
        framework_from_edges({"a": .5, "b": .5, "c": .5}, [("a", "b", "attack", 1.0, "x"),
                                                            ("c", "b", "support", 1.0, "x")])


def test_reading_weighing_and_searching_leave_no_cyclic_garbage():
    """The collector has nothing to find: every structure the engine builds is acyclic.
    Run in a fresh interpreter, so no thread left by another test (a GUI worker, a live
    session) makes garbage while the collector is off."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    script = """
import gc
from mapgen import generate_map
from app.reasoning import evaluate, leader_changes, reevaluate, sensitivity
from app.reasoning.framework import framework_from_map
amap = generate_map(400, seed=5)
gc.collect()
gc.disable()
fw = framework_from_map(amap)
ev = evaluate(fw, "dfquad")
leaf = next(iter(fw.tau))
reevaluate(fw.with_values({leaf: 0.9}), ev, [leaf])
sensitivity(fw, "dfquad", work=300_000)
leader_changes(fw, "qe", work=300_000)
print(gc.collect())
"""
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                         cwd=root, env={**os.environ, "PYTHONPATH": f"{root}{os.pathsep}{root / 'tests'}"})
    assert out.returncode == 0, out.stderr
    assert int(out.stdout.split()[-1]) == 0


def test_a_read_framework_is_left_alone_by_the_collector():
    """After the collector has looked twice, nothing a framework and its compiled form hold
    per relation or per node is tracked any longer (named tuples would stay tracked, and be
    scanned at every older collection for as long as the framework lives). A tuple of records
    is untracked once its records are: in the same pass if it comes after them in the
    collector's list, else in the next one."""
    import gc
    from mapgen import generate_map
    fw = framework_from_map(generate_map(300, seed=4))
    compiled = fw.compiled
    gc.collect()
    gc.collect()
    held = [plist for plist in fw.parents.values()] + [p for plist in fw.parents.values()
                                                          for p in plist]
    held += list(fw.children.values()) + list(compiled.parents)
    held += [pair for pairs in compiled.parents for pair in pairs]
    assert len(held) > 1000 and not [x for x in held if gc.is_tracked(x)]
