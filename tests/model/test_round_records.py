"""Rounds keep their answers apart, "no opinion" is kept apart from "not asked", and every
round change is an undoable ChangeSet that the file holds (issue 16)."""

import pytest

from app.document import Document
from app.io.native_json import read_json, write_json
from app.model import ArgumentMap, ModelError, RemoveParticipant
from app.model.build import build_map
from app.model.changes import ROUNDS, SNAPSHOTS
from app.model.entities import Node, Participant
from app.model.round_commands import (AnswerInRound, OpenRound, SetRoundStatus, TakeSnapshot,
                                      current_round)


def small() -> ArgumentMap:
    return build_map([Node(id="s", kind="strategy"), Node(id="a", base_score=0.4), Node(id="b")],
                     participants=[Participant("p", "Ann"), Participant("q", "Bo")])


def run(amap, command):
    cs = command.changes(amap)
    amap.apply(cs)
    return cs


def test_answers_of_two_rounds_are_kept_apart_and_the_current_value_follows_the_last():
    m = small()
    run(m, OpenRound("First", targets=("a",), round_id="r1"))
    run(m, AnswerInRound("r1", "p", "a", 0.2))
    run(m, SetRoundStatus("r1", "closed"))
    run(m, OpenRound("Second", targets=("a", "b"), round_id="r2"))
    cs = run(m, AnswerInRound("r2", "p", "a", 0.6, "heard Bo's reason"))
    assert m.rounds["r2"].number == 2
    assert m.answers[("r1", "p", "a")].value == 0.2, "round 1 is never overwritten"
    assert m.answers[("r2", "p", "a")].value == 0.6
    assert m.answers[("r2", "p", "a")].note == "heard Bo's reason"
    assert m.assessments[("p", "a")].value == 0.6
    assert ROUNDS in cs.kinds and "participants" in cs.kinds
    m.apply(cs.inverse())
    assert ("r2", "p", "a") not in m.answers and m.assessments[("p", "a")].value == 0.2


def test_no_opinion_is_an_answer_and_not_asked_is_none():
    m = small()
    run(m, OpenRound("First", targets=("a",), round_id="r1"))
    run(m, AnswerInRound("r1", "p", "a", None))
    assert m.answers[("r1", "p", "a")].no_opinion
    assert ("r1", "q", "a") not in m.answers                       # not answered yet
    with pytest.raises(ModelError, match="does not ask about that input"):
        AnswerInRound("r1", "p", "b", 0.5).changes(m)             # not asked


def test_round_rules():
    m = small()
    with pytest.raises(ModelError, match="at least one input"):
        OpenRound("Empty").changes(m)
    run(m, OpenRound("First", targets=("a",), round_id="r1"))
    assert current_round(m).id == "r1"
    with pytest.raises(ModelError, match="not closed yet"):
        OpenRound("Second", targets=("a",)).changes(m)
    run(m, SetRoundStatus("r1", "answering"))
    assert m.rounds["r1"].started
    run(m, SetRoundStatus("r1", "closed"))
    with pytest.raises(ModelError, match="closed"):
        AnswerInRound("r1", "p", "a", 0.5).changes(m)
    with pytest.raises(ModelError, match="cannot become"):
        SetRoundStatus("r1", "answering").changes(m)
    with pytest.raises(ModelError, match="time box"):
        OpenRound("Long", targets=("a",), time_box=0).changes(m)


def test_removing_a_participant_removes_their_round_answers_in_the_same_step():
    m = small()
    run(m, OpenRound("First", targets=("a",), round_id="r1"))
    run(m, AnswerInRound("r1", "q", "a", 0.9))
    cs = run(m, RemoveParticipant("q"))
    assert not m.answers and "q" not in m.participants
    m.apply(cs.inverse())
    assert m.answers[("r1", "q", "a")].value == 0.9


def test_rounds_answers_and_snapshots_survive_the_file_and_native_json(tmp_path):
    doc = Document.new(tmp_path / "m.rmap", small())
    doc.execute(OpenRound("First", scope="lead", targets=("a", "b"), time_box=300, round_id="r1"))
    doc.execute(AnswerInRound("r1", "p", "a", 0.3, "a note"))
    doc.execute(AnswerInRound("r1", "q", "b", None))
    cs = doc.execute(TakeSnapshot("before discussion", {"ranking": [{"id": "s", "strength": 0.5}]}))
    assert SNAPSHOTS in cs.kinds
    doc.close()
    again = Document.open(tmp_path / "m.rmap")
    amap = again.map
    again.close()
    assert amap.rounds["r1"].targets == ("a", "b") and amap.rounds["r1"].time_box == 300
    assert amap.answers[("r1", "q", "b")].value is None
    assert [s.name for s in amap.snapshots.values()] == ["before discussion"]
    assert read_json(write_json(amap)).map == amap
    plain = small()
    assert "rounds" not in write_json(plain), "a map without rounds exports as before"
