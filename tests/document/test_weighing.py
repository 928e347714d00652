"""The Weighing object: perspectives, group aggregation, incremental results, semantics."""

import random

import pytest

from app.document import Document
from app.document.weighing import Weighing, assessment_inputs
from app.model import (AddNode, AddParticipant, Assess, Connect, DeleteNodes, EditNode, ModelError,
                       MoveNodes, SetMeta, SetScore, SetWeight)
from app.reasoning import (evaluate, framework_from_map, grounded_labelling, participant_overrides,
                           rank_strategies)

from mapgen import generate_map


@pytest.fixture
def doc(tmp_path, small_map):
    d = Document.new(tmp_path / "w.rmap", small_map)
    yield d
    d.close()


def _workshop(doc):
    """Three participants with the assessments of the hand-computed example below."""
    for pid, name in (("A", "Ann"), ("B", "Bo"), ("C", "Cy")):
        doc.execute(AddParticipant(name, participant_id=pid))
    for pid, target, value in (("A", "r1", 0.9), ("A", "o1", 0.0), ("B", "r1", 0.5),
                               ("B", "o1", 1.0), ("B", "r2", 0.2), ("C", "r1", 0.7)):
        doc.execute(Assess(pid, target, value))


def _ranking(w):
    return [(e.id, round(e.strength, 9)) for e in w.ranking]


def test_map_values_by_hand(doc):
    # DF-QuAD. s1: v_s = .7, v_a = .8·.4 = .32 → .5 + .5·(.7 − .32) = .69; s2: .5 + .5·.6 = .8
    w = Weighing(doc)
    assert _ranking(w) == [("s2", 0.8), ("s1", 0.69)]
    assert w.labels["o1"] == "in" and w.labels["s1"] == "out"
    assert "exact" in w.status()


def test_perspectives_by_hand(doc):
    _workshop(doc)
    w = Weighing(doc)
    w.set_perspective("A")      # r1 .9, o1 0 → s1 = .5 + .5·.9 = .95
    assert _ranking(w) == [("s1", 0.95), ("s2", 0.8)]
    w.set_perspective("B")      # r1 .5, o1 1 → v_a .8 > v_s .5: s1 = .5 − .5·.3 = .35; s2 = .6
    assert _ranking(w) == [("s2", 0.6), ("s1", 0.35)]
    w.set_perspective("group")  # medians r1 .7, o1 .5, r2 .2 → s1 = .5 + .5·(.7 − .4) = .65
    assert _ranking(w) == [("s1", 0.65), ("s2", 0.6)]
    w.set_perspective("map")
    assert _ranking(w) == [("s2", 0.8), ("s1", 0.69)]
    with pytest.raises(ModelError):
        w.set_perspective("nobody")
    assert w.perspective == "map"


def test_group_report_by_hand(doc):
    _workshop(doc)
    report = Weighing(doc).group()
    assert [e.id for e in report.participants["A"]] == ["s1", "s2"]
    assert [e.id for e in report.participants["B"]] == ["s2", "s1"]
    assert [e.id for e in report.participants["C"]] == ["s2", "s1"]
    assert report.medians == pytest.approx({"r1": 0.7, "o1": 0.5, "r2": 0.2})
    # quartiles by linear interpolation: r1 [.5 .7 .9] → .6..8; o1 [0 1] → .25..75
    assert report.spread == pytest.approx({"r1": 0.2, "o1": 0.5, "r2": None})  # one assessor: no spread
    # o1 at .25: s1 = .5 + .5·(.7 − .2) = .75 > .6; at .75: s1 = .5 + .5·(.7 − .6) = .55 < .6
    assert report.cruxes == ["o1"]


def test_assessment_in_participant_view_updates_and_undoes(doc):
    _workshop(doc)
    w = Weighing(doc, "C")
    heard = []
    w.changed.subscribe(heard.append)
    doc.execute(Assess("C", "r2", 0.0))          # s2 falls to τ = .5
    assert w.strength("s2") == pytest.approx(0.5)
    assert heard[-1].nodes == {"r2", "s2"} and heard[-1].ranking_changed
    doc.undo()
    assert w.strength("s2") == pytest.approx(0.8)


def test_removing_the_viewed_participant_falls_back_to_the_map(doc):
    _workshop(doc)
    w = Weighing(doc, "B")
    from app.model import RemoveParticipant
    doc.execute(RemoveParticipant("B"))
    assert w.perspective == "map"
    assert _ranking(w) == [("s2", 0.8), ("s1", 0.69)]


def test_semantics_change_is_stored_and_undoable(doc):
    w = Weighing(doc)
    w.set_semantics("qe")
    assert doc.map.meta["semantics"] == "qe"
    assert w.evaluation.semantics == "qe"
    expected = evaluate(framework_from_map(doc.map), "qe").strengths
    assert w.evaluation.strengths == pytest.approx(expected)
    assert doc.history.undo_label == "Change map semantics"
    doc.undo()
    assert w.semantics == "dfquad" and _ranking(w) == [("s2", 0.8), ("s1", 0.69)]


def test_preview_shows_uncommitted_values_then_ends(doc):
    w = Weighing(doc)
    heard = []
    w.changed.subscribe(heard.append)
    doc.preview({"o1": 1.0})      # v_a = .8 > v_s .7: s1 = .5 − .5·.1 = .45
    assert w.strength("s1") == pytest.approx(0.45)
    assert heard[-1].reason == "preview" and "s1" in heard[-1].nodes
    assert doc.map.node("o1").base_score == 0.4
    doc.preview({})
    assert w.strength("s1") == pytest.approx(0.69)


def _check_full(w, doc):
    fw = framework_from_map(doc.map, w.overrides())
    full = evaluate(fw, w.semantics)
    assert w.evaluation.strengths.keys() == full.strengths.keys()
    for n, v in full.strengths.items():
        assert w.evaluation.strengths[n] == pytest.approx(v, abs=1e-7), n
    assert w.evaluation.unconverged == full.unconverged
    assert (w.framework.tau, w.framework.parents, w.framework.titles) == (fw.tau, fw.parents, fw.titles)
    assert w.labels == grounded_labelling(fw)
    assert [e.id for e in w.ranking] == [e.id for e in rank_strategies(fw, full)]


@pytest.mark.parametrize("perspective", ["map", "P"])
def test_incremental_results_equal_full_evaluation(tmp_path, perspective):
    amap = generate_map(200, seed=3)
    d = Document.new(tmp_path / "g.rmap", amap)
    d.execute(AddParticipant("Pat", participant_id="P"))
    w = Weighing(d, perspective)
    rng = random.Random(5)
    for step in range(60):
        kind = step % 10
        nodes, edges = sorted(d.map.nodes), sorted(d.map.edges)
        if kind == 0:
            d.execute(SetScore(rng.choice(nodes), round(rng.random(), 3)))
        elif kind == 1:
            d.execute(SetWeight(rng.choice(edges), round(rng.random(), 3)))
        elif kind == 2:
            d.execute(Assess("P", rng.choice(nodes), round(rng.random(), 3)))
        elif kind == 3:
            a, b = rng.sample(sorted(d.map.nodes), 2)
            if not d.map.graph.has_edge(a, b) and not d.map.graph.has_edge(b, a):
                d.execute(Connect(a, b, relation=rng.choice(["support", "attack"])))
        elif kind == 5:
            values = {"title": "T", "base_score": 0.25} if step % 20 == 15 else {"title": f"Renamed {step}"}
            d.execute(EditNode(rng.choice(nodes), values))
        elif kind == 8:
            d.execute(AddNode(title=f"New {step}", parent=rng.choice(sorted(d.map.nodes)),
                              relation=rng.choice(["support", "attack"]), base_score=rng.random()))
        elif kind == 9:
            victim = rng.choice(sorted(d.map.nodes))
            below = [e.source for e in d.map.incoming(victim)][:3]
            d.execute(DeleteNodes(tuple([victim] + below)))
        elif kind == 6:
            target = rng.choice(sorted(d.map.nodes))
            d.preview({target: 0.123})
            _check_full(w, d)
            d.execute(SetScore(target, 0.321))
        else:
            d.undo()
        _check_full(w, d)
    victim = next(n for n in sorted(d.map.nodes) if n.startswith("c"))
    d.execute(DeleteNodes((victim,)))
    _check_full(w, d)
    d.close()


def test_assessment_inputs_put_flips_first_and_shuffle_per_person(doc):
    w = Weighing(doc)
    flips = {(f.input, f.field) for f in w.sensitivity().flips}
    assert flips  # s1 .69 vs s2 .8: raising r1 alone would swap them
    for pid in ("A", "B"):
        items = assessment_inputs(w, pid)
        assert set(items[:len(flips)]) == flips
        assert len(items) == len(set(items))
        assert {i for i, _ in items} == {"s1", "s2", "r1", "r2", "o1", "e1", "e2", "e3"}
    orders = {tuple(assessment_inputs(w, f"p{k}")) for k in range(8)}
    assert len(orders) > 1                                 # seeded per participant
    assert assessment_inputs(w, "p1") == assessment_inputs(w, "p1")


def test_participant_overrides_used(doc):
    _workshop(doc)
    w = Weighing(doc, "A")
    assert w.overrides() == participant_overrides(doc.map, "A")


def test_a_short_round_asks_only_what_could_change_the_lead(doc):
    w = Weighing(doc)
    flips = {(f.input, f.field) for f in w.sensitivity().flips}
    short = assessment_inputs(w, "A", decisive_only=True)
    assert set(short) == flips and len(short) == len(flips)
    assert len(assessment_inputs(w, "A")) > len(short)


def test_no_evaluation_for_a_change_that_cannot_move_a_strength(doc):
    w = doc.weighing
    heard = []
    w.changed.subscribe(heard.append)
    evaluations, version = w.evaluations, w.version
    doc.execute(EditNode("s1", {"title": "Tea first"}))
    doc.execute(EditNode("r1", {"text": "Longer words", "tags": ("x",)}))
    doc.execute(MoveNodes({"r1": (5.0, 5.0)}))
    doc.execute(SetMeta("description", "About tea"))
    doc.execute(AddParticipant("Ann", participant_id="A"))
    doc.execute(Assess("A", "r1", 0.2))              # the map's own values do not use it
    assert (w.evaluations, w.version) == (evaluations, version)
    assert [u.reason for u in heard] == ["text", "participants", "participants"]
    assert heard[0].renamed == {"s1"} and not heard[0].nodes
    assert w.title("s1") == "Tea first" and "Tea first" in [e.title for e in w.ranking]
    doc.execute(SetScore("r1", 0.9))
    assert w.evaluations == evaluations + 1 and heard[-1].nodes == {"r1", "s1"}


def test_the_document_owns_one_weighing_for_every_view(tmp_path, small_map):
    doc = Document.new(tmp_path / "own.rmap", small_map)
    w = doc.weighing
    doc.execute(AddParticipant("Ann", participant_id="A"))
    w.set_perspective("A")
    assert doc.weighing is w and w.perspective == "A"
    doc.close()
    assert doc.changed._subscribers == [] and doc.previewed._subscribers == []


def test_adding_and_deleting_cards_does_not_read_the_whole_map_again(doc, monkeypatch):
    import app.document.weighing as weighing_module
    reads = []
    real = weighing_module.framework_from_map
    monkeypatch.setattr(weighing_module, "framework_from_map", lambda *a: reads.append(1) or real(*a))
    w = doc.weighing
    cs = doc.execute(AddNode(title="Cheap", parent="s2", relation="attack", base_score=0.9))
    doc.execute(AddNode(title="Fast", parent="s1"))
    doc.execute(DeleteNodes(("o1",)))
    doc.undo()
    doc.undo()
    assert reads == []
    _check_full(w, doc)
    assert cs.changes[0].record.id in w.framework.tau
