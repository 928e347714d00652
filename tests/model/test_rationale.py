"""A card's or a relation's rationale: kept in its data, changed only by SetRationale (one
undo step, committed like every edit), refused when it is not sensible text."""

import pytest

from app.document import Document
from app.model import ModelError, SetRationale, rationale_of
from app.model.changes import TEXT, WEIGHED


@pytest.fixture
def doc(tmp_path, small_map):
    document = Document.new(tmp_path / "r.rmap", small_map)
    yield document
    document.close()


def test_a_node_rationale_is_committed_to_the_file(tmp_path, doc):
    doc.execute(SetRationale("r1", "  Seen in most trials.  "))
    assert rationale_of(doc.map.nodes["r1"]) == "Seen in most trials."
    assert doc.undo_label == "Edit rationale"
    doc.close()
    again = Document.open(tmp_path / "r.rmap")          # it was committed to the file
    try:
        assert rationale_of(again.map.nodes["r1"]) == "Seen in most trials."
    finally:
        again.close()


def test_edge_rationale_undo_and_clear(doc):
    cs = doc.execute(SetRationale("e3", "Only half of the cases fit."))
    assert cs.kinds == {TEXT} and not cs.concerns(WEIGHED)       # no re-weighing for a note
    assert rationale_of(doc.map.edges["e3"]) == "Only half of the cases fit."
    doc.execute(SetRationale("e3", ""))
    assert "rationale" not in doc.map.edges["e3"].data
    doc.undo()
    assert rationale_of(doc.map.edges["e3"]) == "Only half of the cases fit."
    doc.undo()
    assert rationale_of(doc.map.edges["e3"]) == "" and doc.map.edges["e3"].data == {}


@pytest.mark.parametrize("value, words", [(12, "must be text"), ("x" * 4001, "at most 4000"),
                                          ("a\ud800", "lone surrogate")])
def test_bad_rationales_are_refused_and_change_nothing(doc, value, words):
    with pytest.raises(ModelError, match=words):
        doc.execute(SetRationale("r1", value))
    assert doc.map.nodes["r1"].data == {} and not doc.can_undo


def test_unknown_record_is_refused(doc):
    with pytest.raises(ModelError, match="No card or relation"):
        doc.execute(SetRationale("nope", "why"))


def test_rationale_of_ignores_non_text_data(small_map):
    from dataclasses import replace
    node = replace(small_map.nodes["r1"], data={"rationale": ["not", "text"]})
    assert rationale_of(node) == ""
