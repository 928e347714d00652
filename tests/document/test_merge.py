"""Merging another copy of the same map: cards, relations, scores, texts and assessments."""

import shutil

import pytest

from app.document import Document
from app.document.merge import MergeAssessments, plan_merge, plan_merge_from
from app.model import AddNode, AddParticipant, Assess, EditNode, ModelError, ReasonmapError, SetWeight


@pytest.fixture
def copies(tmp_path, small_map):
    """Our map (Ann assessed r1 = .3, o1 = .5) and a copy where Ann changed r1, assessed r2,
    Ben joined and assessed a new card (with a relation to s2), Cy has another id, s1 was
    renamed and the objection's weight lowered."""
    ours = Document.new(tmp_path / "ours.rmap", small_map)
    ours.execute(AddParticipant("Ann", participant_id="ann"))
    ours.execute(Assess("ann", "r1", 0.3))
    ours.execute(Assess("ann", "o1", 0.5))
    ours.close()
    shutil.copy(tmp_path / "ours.rmap", tmp_path / "theirs.rmap")
    ours = Document.open(tmp_path / "ours.rmap")
    ours.execute(AddParticipant("Cy", participant_id="cy-ours"))   # each copy made its own Cy
    ours.execute(Assess("cy-ours", "e1", 0.2))
    theirs = Document.open(tmp_path / "theirs.rmap")
    theirs.execute(Assess("ann", "r1", 0.9))          # conflict with ours (.3)
    theirs.execute(Assess("ann", "r2", 0.4))          # new
    theirs.execute(AddParticipant("Ben", participant_id="ben", colour="#aa3377"))
    theirs.execute(Assess("ben", "s1", 0.8))          # new participant
    theirs.execute(AddNode("Only there", node_id="extra", parent="s2"))
    theirs.execute(Assess("ben", "extra", 0.6))       # comes in with the new card
    theirs.execute(EditNode("s1", {"title": "Strategy one, renamed"}))
    theirs.execute(SetWeight("e3", 0.5))
    theirs.execute(AddParticipant("Cy", participant_id="cy-theirs"))
    theirs.execute(Assess("cy-theirs", "e1", 0.7))    # Cy matched by name: conflict
    theirs.close()
    yield ours, tmp_path / "theirs.rmap"
    ours.close()


def test_plan_finds_participants_conflicts_and_skips(copies):
    ours, path = copies
    plan = plan_merge_from(ours.map, path)
    assert [p.name for p in plan.new_participants] == ["Ben"]
    assert plan.id_map["cy-theirs"] == "cy-ours" and plan.id_map["ann"] == "ann"
    assert {(a.participant, a.target, a.value) for a in plan.additions} == {
        ("ann", "r2", 0.4), ("ben", "s1", 0.8), ("ben", "extra", 0.6)}
    assert {(c.participant, c.target, c.ours, c.theirs) for c in plan.conflicts} == {
        ("ann", "r1", 0.3, 0.9), ("cy-ours", "e1", 0.2, 0.7)}
    assert plan.same == 1                                   # Ann's o1 agrees
    assert [n.id for n in plan.new_nodes] == ["extra"]
    assert [(e.source, e.target) for e in plan.new_edges] == [("extra", "s2")]
    assert {(c.collection, c.key, c.field, c.ours, c.theirs) for c in plan.field_conflicts} == {
        ("nodes", "s1", "title", "Strategy one", "Strategy one, renamed"), ("edges", "e3", "weight", 0.8, 0.5)}
    assert plan.notes == []


def test_merge_is_one_undoable_step(copies):
    ours, path = copies
    before_nodes, before_edges = dict(ours.map.nodes), dict(ours.map.edges)
    before = dict(ours.map.assessments)
    steps = len(ours.history.done)
    plan = plan_merge_from(ours.map, path)
    ours.execute(MergeAssessments(plan, {("ann", "r1"): "theirs", ("cy-ours", "e1"): "ours",
                                         ("nodes", "s1", "title"): "theirs"}))
    assert len(ours.history.done) == steps + 1
    a = ours.map.assessments
    assert a[("ann", "r1")].value == 0.9 and a[("cy-ours", "e1")].value == 0.2
    assert a[("ann", "r2")].value == 0.4 and a[("ben", "s1")].value == 0.8
    assert a[("ben", "extra")].value == 0.6
    assert ours.map.participants["ben"].colour == "#aa3377"
    assert ours.map.nodes["extra"].title == "Only there" and ours.map.edge_between("extra", "s2")
    assert ours.map.nodes["s1"].title == "Strategy one, renamed"
    assert ours.map.edges["e3"].weight == 0.8, "the weight conflict kept ours (the default)"
    ours.undo()
    assert ours.map.assessments == before and "ben" not in ours.map.participants
    assert ours.map.nodes == before_nodes and ours.map.edges == before_edges
    # and the file agrees with memory after reopening
    ours.close()
    again = Document.open(ours.path)
    assert again.map.assessments == before
    again.close()


def test_merge_refuses_a_stale_plan_and_bad_choices(copies):
    ours, path = copies
    plan = plan_merge_from(ours.map, path)
    with pytest.raises(ModelError):
        MergeAssessments(plan, {("ann", "r1"): "mine"}).changes(ours.map)
    ours.execute(Assess("ann", "r1", 0.35))                 # our value moved since planning
    before = dict(ours.map.assessments)
    with pytest.raises(ModelError):
        ours.execute(MergeAssessments(plan, {("ann", "r1"): "theirs"}))
    assert ours.map.assessments == before


def test_a_foreign_file_is_one_clear_error(copies, tmp_path):
    ours, _ = copies
    bad = tmp_path / "junk.rmap"
    bad.write_bytes(b"not a database at all" * 10)
    with pytest.raises(ReasonmapError):
        plan_merge_from(ours.map, bad)
    assert bad.read_bytes() == b"not a database at all" * 10


def test_merging_a_map_with_itself_does_nothing(copies):
    ours, _ = copies
    assert plan_merge(ours.map, ours.map).empty
