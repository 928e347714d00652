"""Workshop dialogs driven like a facilitator would: participants, assessment round, merge."""

import shutil

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton

from app.document import Document
from app.model import AddParticipant, Assess
from app.ui.weighing import WeighingPanel
from app.ui.workshop import AssessmentRound, MergeDialog, ParticipantsDialog, merge_from
from app.ui.workshop import participants as participants_module


@pytest.fixture
def doc(tmp_path, small_map):
    d = Document.new(tmp_path / "w.rmap", small_map)
    yield d
    d.close()


def _go_to(qtbot, dialog, target):
    """Move the current item to *target* with the arrow keys."""
    index = [t for t, _ in dialog.items].index(target)
    while dialog.current != index:
        qtbot.keyClick(dialog.page, Qt.Key_Down if dialog.current < index else Qt.Key_Up)


def _round(qtbot, doc, pid, answers):
    dialog = AssessmentRound(doc)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.who.setCurrentIndex(dialog.who.findData(pid))
    qtbot.mouseClick(dialog.findChild(QPushButton, "start"), Qt.LeftButton)
    assert dialog.stack.currentIndex() == 1
    for target, keys in answers:
        _go_to(qtbot, dialog, target)
        qtbot.keyClicks(dialog.page, keys)
    return dialog


def test_assessment_round_for_two_then_group_ranking(qtbot, doc):
    doc.execute(AddParticipant("Ann", participant_id="A"))
    doc.execute(AddParticipant("Bo", participant_id="B"))
    panel = WeighingPanel(doc)
    qtbot.addWidget(panel)
    ann = _round(qtbot, doc, "A", [("r1", "9"), ("o1", "0")])
    assert ann.progress.text() == "2 of 8 answered"
    bo = _round(qtbot, doc, "B", [("r1", "5"), ("o1", "="), ("r2", "2"), ("s1", "n")])
    assert bo.progress.text() == "4 of 8 answered"
    assert [t for t, _ in ann.items] != [t for t, _ in bo.items]    # each person's own order
    a = doc.map.assessments
    assert (a[("A", "r1")].value, a[("A", "o1")].value) == (0.9, 0.0)
    assert (a[("B", "r1")].value, a[("B", "o1")].value, a[("B", "r2")].value) == (0.5, 1.0, 0.2)
    assert ("B", "s1") not in a                                        # no opinion
    # group medians r1 .7, o1 .5, r2 .2 → s1 = .5 + .5·(.7 − .4) = .65, s2 = .5 + .5·.2 = .6
    panel.set_perspective("group")
    assert [(r[0], round(r[2], 6)) for r in panel.bars.rows] == [("s1", 0.65), ("s2", 0.6)]
    panel.tabs.setCurrentIndex(2)
    table = panel.group_view
    assert [table.table.horizontalHeaderItem(i).text() for i in range(3)] == ["Group", "Ann", "Bo"]
    assert table.cell_text(0, 0) == "1. 0.65" and table.cell_text(0, 1) == "1. 0.95"
    assert table.cell_text(0, 2) == "2. 0.35"          # Bo: s1 = .5 − .5·(.8 − .5) = .35
    # every answer was its own undoable step ("no opinion" on an unassessed input changes nothing)
    doc.undo()
    assert ("B", "r2") not in doc.map.assessments and ("B", "o1") in doc.map.assessments
    doc.undo()
    assert ("B", "o1") not in doc.map.assessments and ("B", "r1") in doc.map.assessments


def test_round_keys_nudge_and_move(qtbot, doc):
    doc.execute(AddParticipant("Ann", participant_id="A"))
    dialog = _round(qtbot, doc, "A", [])
    target = dialog.items[0][0]
    qtbot.keyClick(dialog.page, Qt.Key_Right)
    mine = doc.map.assessments[("A", target)].value
    start = doc.map.nodes[target].base_score if target in doc.map.nodes else doc.map.edges[target].weight
    assert mine == pytest.approx(min(1.0, start + 0.05))
    qtbot.keyClick(dialog.page, Qt.Key_Up)
    assert dialog.current == 0
    qtbot.keyClick(dialog.page, Qt.Key_Down)
    assert dialog.current == 1


def test_participants_dialog(qtbot, doc, monkeypatch):
    dialog = ParticipantsDialog(doc)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.name_edit, "Ann")
    qtbot.keyClick(dialog.name_edit, Qt.Key_Return)
    assert [p.name for p in doc.map.participants.values()] == ["Ann"]
    qtbot.keyClicks(dialog.name_edit, "Ann")
    qtbot.keyClick(dialog.name_edit, Qt.Key_Return)
    assert "already a participant" in dialog.message.text() and len(doc.map.participants) == 1
    pid = next(iter(doc.map.participants))
    doc.execute(Assess(pid, "r1", 0.3))
    dialog.refill(pid)
    monkeypatch.setattr(participants_module, "ask_name", lambda *a: "Anna")
    monkeypatch.setattr(participants_module, "ask_colour", lambda *a: "#117733")
    dialog.rename()
    dialog.recolour()
    assert doc.map.participants[pid].name == "Anna" and doc.map.participants[pid].colour == "#117733"
    monkeypatch.setattr(participants_module, "confirm", lambda *a: False)
    dialog.remove()
    assert pid in doc.map.participants
    asked = []
    monkeypatch.setattr(participants_module, "confirm", lambda p, t, m: asked.append(m) or True)
    dialog.remove()
    assert pid not in doc.map.participants and "1 assessment" in asked[0]
    doc.undo()
    assert doc.map.assessments[(pid, "r1")].value == 0.3


def test_merge_dialog(qtbot, doc, tmp_path):
    doc.execute(AddParticipant("Ann", participant_id="A"))
    doc.execute(Assess("A", "r1", 0.3))
    doc.close()
    shutil.copy(tmp_path / "w.rmap", tmp_path / "copy.rmap")
    other = Document.open(tmp_path / "copy.rmap")
    other.execute(Assess("A", "r1", 0.8))
    other.execute(Assess("A", "o1", 0.1))
    other.close()
    ours = Document.open(tmp_path / "w.rmap")
    dialog = merge_from(ours, tmp_path / "copy.rmap")
    qtbot.addWidget(dialog)
    assert isinstance(dialog, MergeDialog)
    assert "1 new assessment(s), 1 conflict(s)" in dialog.findChild(QLabel, "summary").text()
    assert dialog.table.item(0, 2).text() == "0.30 \u2192 0.80"
    dialog.set_choice(0, "theirs")
    steps = len(ours.history.done)
    dialog.merge()
    assert ours.map.assessments[("A", "r1")].value == 0.8
    assert ours.map.assessments[("A", "o1")].value == 0.1
    assert len(ours.history.done) == steps + 1
    ours.undo()
    assert ours.map.assessments[("A", "r1")].value == 0.3 and ("A", "o1") not in ours.map.assessments
    ours.close()


def test_short_round_lists_only_decisive_inputs(qtbot, doc):
    from PySide6.QtWidgets import QCheckBox
    from app.model import AddParticipant
    doc.execute(AddParticipant("Cleo", participant_id="C"))
    dialog = AssessmentRound(doc)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.who.setCurrentIndex(dialog.who.findData("C"))
    dialog.findChild(QCheckBox, "decisiveOnly").setChecked(True)
    qtbot.mouseClick(dialog.findChild(QPushButton, "start"), Qt.LeftButton)
    assert dialog.weighing is doc.weighing
    assert {(f.input, f.field) for f in doc.weighing.sensitivity().flips} == set(dialog.items)
    assert dialog.progress.text() == f"0 of {len(dialog.items)} answered"
