"""After Undo takes away the selected card, the card it was joined to is selected instead,
so keyboard work (Add reason, Add objection) carries on; deleting the selected card hands
the selection on the same way, to the card it bore on."""

import pytest

from app.document import Document
from app.model import AddNode, DeleteNodes


@pytest.fixture
def doc(tmp_path, small_map):
    document = Document.new(tmp_path / "s.rmap", small_map)
    yield document
    document.close()


def test_undoing_an_add_selects_the_parent(doc):
    cs = doc.execute(AddNode(title="New", parent="s2", relation="attack"))
    new = cs.changes[0].record.id
    doc.selection.set([new])
    doc.undo()
    assert doc.selection.nodes == ("s2",)


def test_undoing_a_loose_card_leaves_nothing_selected(doc):
    cs = doc.execute(AddNode(title="Loose"))
    doc.selection.set([cs.changes[0].record.id])
    doc.undo()
    assert doc.selection.nodes == ()


def test_deleting_the_selected_card_selects_what_it_bore_on(doc):
    target = next(doc.map.edges[e].target for e in doc.map.edges if doc.map.edges[e].source == "r1")
    doc.selection.set(["r1"])
    doc.execute(DeleteNodes(["r1"]))
    assert doc.selection.nodes == (target,)
