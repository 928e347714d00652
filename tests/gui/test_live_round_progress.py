"""The Live panel shows who has finished the open round as answers arrive from the
participants' laptops (issues 15 and 16)."""

import pytest

from app.document import Document
from app.model.commands import AddNode, AddParticipant
from app.model.round_commands import AnswerInRound, OpenRound, SetRoundStatus
from app.ui.live import join_dialog
from app.ui.main_window import build_main_window

LIMIT_MS = 20_000


@pytest.fixture
def host_window(qtbot, tmp_path):
    doc = Document.new(tmp_path / "host.rmap")
    doc.execute(AddNode(title="Claim", node_id="claim"))
    window = build_main_window()
    qtbot.addWidget(window)
    window.file_ops.show_document(doc)
    window.live.bind = "127.0.0.1"               # tests stay on loopback
    yield window
    window.close()


def join(qtbot, monkeypatch, tmp_path, code):
    window = build_main_window()
    qtbot.addWidget(window)
    monkeypatch.setattr(join_dialog, "ask_join",
                        lambda parent, folder: join_dialog.request_from(str(code), str(tmp_path / "g.rmap"), "Ann"))
    window.registry.run("live.join")
    return window


def lines(widget):
    return [widget.item(i).text() for i in range(widget.count())]


def test_the_host_sees_who_has_finished_the_round_live(qtbot, monkeypatch, tmp_path, host_window):
    host = host_window
    panel = host.live.panel
    host.registry.run("live.host")
    assert not panel.round.isVisibleTo(panel)                 # no round yet
    host.doc.execute(OpenRound("First", targets=("claim",), round_id="r1"))
    host.doc.execute(AddParticipant("Bob", participant_id="bob"))
    assert lines(panel.round) == ["Bob — not started"] and panel.round.isVisibleTo(panel)
    guest = join(qtbot, monkeypatch, tmp_path, host.live.controller.code)
    qtbot.waitUntil(lambda: guest.doc is not None and "r1" in guest.doc.map.rounds, timeout=LIMIT_MS)
    guest.doc.execute(AddParticipant("Ann", participant_id="ann"))
    guest.doc.execute(AnswerInRound("r1", "ann", "claim", 0.7))
    qtbot.waitUntil(lambda: lines(panel.round) == ["Ann — finished", "Bob — not started"], timeout=LIMIT_MS)
    assert panel.round_label.text() == "Round 1: First — 1 of 2 finished:"
    assert lines(guest.live.panel.round) == ["Ann — finished", "Bob — not started"]
    host.doc.execute(SetRoundStatus("r1", "closed"))
    assert not panel.round.isVisibleTo(panel)                 # a closed round is not followed
    guest.registry.run("live.leave")
    host.registry.run("live.leave")
    guest.close()
