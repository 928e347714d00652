"""Map > Workshop > Merge another copy... with a copy of the same live session: the copy's
offline edits come in with the window's own, no conflict table, one undo step; a copy whose
live data is damaged gives one message and changes nothing."""

import sqlite3

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel, QTableWidget

from app.document import Document
from app.ui import dialogs
from live.copies import edit_apart, session_pair
from live.edits import rows


@pytest.fixture
def copies(tmp_path):
    (tmp_path / "copies").mkdir()
    host, guest = session_pair(tmp_path / "copies")
    edit_apart(host, guest)
    host.close()
    guest.close()
    return host.path, guest.path


@pytest.fixture
def doc(copies):
    document = Document.open(copies[0])
    yield document
    document.close()


@pytest.fixture
def window(qtbot, doc, documents, errors):
    """The full main window (with the weighing panel's Workshop actions) showing *doc*."""
    from app.ui.main_window import build_main_window
    win = build_main_window()
    qtbot.addWidget(win)
    win.set_document(doc)
    win.show()
    qtbot.waitExposed(win)
    return win


def click_merge_when_open(seen: list):
    """Read the merge dialog when it opens, then press its Merge button."""
    tries = []

    def click():
        dialog = QApplication.activeModalWidget()
        if dialog is None or dialog.findChild(QLabel, "summary") is None:
            tries.append(1)
            return QTimer.singleShot(10, click) if len(tries) < 200 else None
        table = dialog.findChild(QTableWidget)
        seen.append((dialog.findChild(QLabel, "summary").text(), table is not None and table.isVisible()))
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.Ok).click()
    QTimer.singleShot(0, click)


def test_merging_a_copy_of_the_same_session_through_the_menu_keeps_both_sides(window, doc, copies,
                                                                              monkeypatch, errors):
    monkeypatch.setattr(dialogs, "ask_open_path", lambda *a: str(copies[1]))
    before = rows(doc.path)
    seen = []
    click_merge_when_open(seen)
    window.registry.run("workshop.merge")
    assert not errors and len(seen) == 1
    summary, has_table = seen[0]
    assert "same live session" in summary and "1 card(s)" in summary and not has_table
    claim = doc.map.nodes["claim"]
    assert claim.title == "Claim, retitled by the host" and claim.text == "Words the guest wrote"
    assert {"h1", "g1"} <= set(window.canvas.map_scene.cards) and "doomed" not in window.canvas.map_scene.cards
    window.registry.run("edit.undo")
    assert rows(doc.path) == before and "g1" not in window.canvas.map_scene.cards


def test_a_damaged_copy_gives_one_message_and_changes_nothing(window, doc, copies, monkeypatch, errors):
    conn = sqlite3.connect(copies[1])
    conn.execute("UPDATE live_updates SET data = ? WHERE seq = (SELECT max(seq) FROM live_updates)",
                 (b"\x05\xff\xff\xff\xff\x0f" + b"\x42" * 30,))
    conn.commit()
    conn.close()
    monkeypatch.setattr(dialogs, "ask_open_path", lambda *a: str(copies[1]))
    before = rows(doc.path)
    window.registry.run("workshop.merge")
    assert len(errors) == 1 and "nothing was merged" in errors[0][1]
    assert rows(doc.path) == before and doc.undo_label != "Merge another copy"
