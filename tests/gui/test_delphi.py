"""A two-round Delphi for three participants, driven through the window's real dialogs: the
action registry opens Rounds, buttons and key presses do the rest (issue 16)."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton

from app.model import AddParticipant, EditNode
from app.ui.main_window import build_main_window

LONG = ("Reason one holds because the cost of waiting is small compared with the benefit, "
        "and this sentence is long enough that a title-only view would have cut it short.")
PEOPLE = (("A", "Ann"), ("B", "Bo"), ("C", "Cy"))


@pytest.fixture
def window(qtbot, doc):
    for pid, name in PEOPLE:
        doc.execute(AddParticipant(name, participant_id=pid))
    doc.execute(EditNode("r1", {"text": LONG}))
    w = build_main_window()
    qtbot.addWidget(w)
    w.set_document(doc)
    w.show()
    return w


def click(qtbot, dialog, name):
    qtbot.mouseClick(dialog.findChild(QPushButton, name), Qt.LeftButton)


def open_round(qtbot, rounds, name):
    click(qtbot, rounds, "newRound")
    new = rounds.new_dialog
    qtbot.keyClicks(new.name, name)
    new.scope.setCurrentIndex(new.scope.findData("picked"))
    for i in range(new.picked.count()):
        item = new.picked.item(i)
        if item.data(Qt.UserRole) in ("r1", "o1"):
            item.setCheckState(Qt.Checked)
    new.open_round()
    assert not new.isVisible(), new.message.text()
    click(qtbot, rounds, "startAnswering")


def go_to(qtbot, dialog, target):
    """Move to *target* with the arrow keys; its index."""
    index = [t for t, _ in dialog.items].index(target)
    for _ in range(len(dialog.items)):
        if dialog.current == index:
            break
        qtbot.keyClick(dialog.page, Qt.Key_Down if dialog.current < index else Qt.Key_Up)
    assert dialog.current == index
    return index


def answer(qtbot, rounds, pid, keys, note=None):
    """*pid* answers r1 and o1 with *keys* (one key each); *note* goes with r1."""
    dialog = rounds.answers_dialog
    assert dialog.who.currentData() == pid, "starts on the next participant who has not finished"
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=3000)
    click(qtbot, dialog, "start")
    for target, key in zip(("r1", "o1"), keys):
        index = go_to(qtbot, dialog, target)
        qtbot.keyClick(dialog.page, key)
        if note and target == "r1":
            go_to(qtbot, dialog, "r1")                 # the answer moved on: come back
            qtbot.keyClick(dialog.page, Qt.Key_R)
            row = dialog.rows[index]
            assert row.note.hasFocus()
            qtbot.keyClicks(row.note, note)
            qtbot.keyClick(row.note, Qt.Key_Return)
    return dialog


def test_two_round_delphi_for_three_with_revision_notes(qtbot, window, doc, errors):
    window.registry.run("workshop.rounds")
    assert errors == []
    rounds = window.method.rounds_dialog
    assert rounds.isVisible()
    open_round(qtbot, rounds, "First")
    r1 = next(iter(doc.map.rounds.values()))
    assert (r1.number, r1.status, r1.targets) == (1, "answering", ("r1", "o1"))
    click(qtbot, rounds, "answer")
    dialog = rounds.answers_dialog
    for pid, keys in (("A", (Qt.Key_9, Qt.Key_1)), ("B", (Qt.Key_3, Qt.Key_7)), ("C", (Qt.Key_6, Qt.Key_N))):
        d = answer(qtbot, rounds, pid, keys)
        texts = [r.findChild(QLabel, "fullText").text() for r in d.rows if r.target == "r1"]
        assert texts == [LONG], "the full statement, not a cut title"
        assert all("map value" not in r.hint.text() for r in d.rows), "the map's value stays hidden"
        assert all(r.hint.text() == "How plausible is this, on its own?" for r in d.rows)
        assert all(not r.feedback.isVisible() for r in d.rows), "no feedback in round 1"
        click(qtbot, d, "done")
    assert "Everyone has finished" in dialog.finished_label.text()
    click(qtbot, dialog, "close")
    click(qtbot, rounds, "closeRound")

    open_round(qtbot, rounds, "Second")
    click(qtbot, rounds, "answer")
    for pid, keys, note in (("A", (Qt.Key_7, Qt.Key_3), "Bo's cost point convinced me"),
                            ("B", (Qt.Key_6, Qt.Key_4), "fine, closer to the group"),
                            ("C", (Qt.Key_6, Qt.Key_4), None)):
        d = answer(qtbot, rounds, pid, keys, note)
        feedback = {r.target: r.feedback.text() for r in d.rows}
        own = {"A": ("0.90", "0.10"), "B": ("0.30", "0.70"), "C": ("0.60", "no opinion")}[pid]
        assert feedback["r1"] == f"Last round \u2014 group median 0.60, spread 0.30, 3 people; you: {own[0]}"
        assert feedback["o1"] == ("Last round \u2014 group median 0.40, spread 0.30, 2 people, 1 no opinion; "
                                  f"you: {own[1]}")
        click(qtbot, d, "done")
    click(qtbot, rounds.answers_dialog, "close")
    click(qtbot, rounds, "closeRound")

    first, second = sorted(doc.map.rounds.values(), key=lambda r: r.number)
    a = doc.map.answers
    assert [a[(first.id, p, "r1")].value for p in "ABC"] == [0.9, 0.3, 0.6], "round 1 kept as it was"
    assert a[(first.id, "C", "o1")].value is None
    assert [a[(second.id, p, "r1")].value for p in "ABC"] == [0.7, 0.6, 0.6]
    assert a[(second.id, "A", "r1")].note == "Bo's cost point convinced me"
    assert a[(second.id, "B", "r1")].note == "fine, closer to the group"
    assert doc.map.assessments[("A", "r1")].value == 0.7, "the current values follow the last round"
    # results: r1 spread .30 → .05 (Q1 .6, Q3 .65), o1 .30 → .05 (Q1 .35, Q3 .4): both converged
    assert "Converged: Reason one, Objection" in rounds.moved.text()
    assert "Still contested: none" in rounds.moved.text()
    # s1 = .5 + .5·(.6 − .8·.4) = .64 both rounds; s2 = .5 + .5·.6 = .8 (r2 was not asked)
    assert rounds.rankings.text().splitlines()[1:] == [
        "Round 1: First: 1. Strategy two 0.80, 2. Strategy one 0.64",
        "Round 2: Second: 1. Strategy two 0.80, 2. Strategy one 0.64"]
    rounds.list.setCurrentRow(1)
    table = rounds.table
    rows = {table.item(i, 0).text(): [table.item(i, c).text() for c in range(1, 6)] for i in range(table.rowCount())}
    assert rows["Reason one"] == ["0.60", "0.05", "3", "0", "spread 0.30 \u2192 0.05"]
    assert rounds.chart.data.rounds == ["R1", "R2"]
    # the History panel lists the steps with their author
    history = window.method.history
    history.reload()
    top = history.list.topLevelItem(0)
    assert top.text(2) == "Close round" and top.text(1) == doc.author
    assert history.list.topLevelItemCount() >= 24


def test_participants_dialog_adds_on_enter_without_a_complaint(qtbot, doc):
    from app.ui.workshop import ParticipantsDialog
    dialog = ParticipantsDialog(doc)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=3000)
    for name in ("Dee", "Eve"):
        qtbot.keyClicks(dialog.name_edit, name)
        qtbot.keyClick(dialog.name_edit, Qt.Key_Return)
        assert dialog.message.text() == "", "no 'Type a name first.' after a successful entry"
    assert sorted(p.name for p in doc.map.participants.values()) == ["Dee", "Eve"]


def test_time_box_countdown_keep_last_answer_and_the_map_value_switch(qtbot, doc):
    from app.model.round_commands import AnswerInRound, OpenRound, SetRoundStatus
    from app.ui.workshop import AssessmentRound
    from datetime import datetime, timedelta

    from app.ui.workshop.round import clock, time_left
    for pid, name in PEOPLE:
        doc.execute(AddParticipant(name, participant_id=pid))
    doc.execute(OpenRound("One", targets=("r1", "e3"), round_id="R1"))
    doc.execute(AnswerInRound("R1", "A", "e3", 0.3))
    doc.execute(SetRoundStatus("R1", "closed"))
    doc.execute(OpenRound("Two", targets=("r1", "e3"), time_box=600, round_id="R2"))
    doc.execute(SetRoundStatus("R2", "answering"))
    dialog = AssessmentRound(doc)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=3000)
    assert dialog.clock_choose.text().startswith("Time left ")
    started = datetime.fromisoformat(doc.map.rounds["R2"].started)
    assert time_left(doc.map.rounds["R2"], started + timedelta(seconds=75)) == 525
    assert clock(525) == "Time left 08:45" and clock(0) == "Time is up"
    assert dialog.who.currentData() == "A"
    dialog.show_map.setChecked(True)
    click(qtbot, dialog, "start")
    rows = {r.target: r for r in dialog.rows}
    assert rows["r1"].hint.text() == "How plausible is this, on its own?  (map value 0.70)"
    assert rows["e3"].hint.text().startswith("How strongly does the first bear on the second?")
    assert rows["e3"].findChild(QLabel, "statement").text().endswith("\u201cObjection\u201d attacks \u201cStrategy one\u201d")
    go_to(qtbot, dialog, "e3")
    qtbot.keyClick(dialog.page, Qt.Key_K)                  # keep last round's answer
    assert doc.map.answers[("R2", "A", "e3")].value == 0.3
    go_to(qtbot, dialog, "r1")
    qtbot.keyClick(dialog.page, Qt.Key_K)                  # nothing to keep: no answer recorded
    assert ("R2", "A", "r1") not in doc.map.answers
