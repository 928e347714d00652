"""Under a participant's or the group's values, a card's base score is that perspective's,
on the canvas and in an export (not the map's own beside the perspective's strength).

The small map: r1 "Reason one" has base .7, o1 "Objection" .4. Ann gives r1 .9 and o1 0;
Bob gives r1 .3. The group's value of r1 is the median of .9 and .3: .6.
"""

import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import Qt

from app.model import AddParticipant, Assess
from app.ui import dialogs


@pytest.fixture
def window(qtbot, doc, documents, errors):
    from app.ui.main_window import build_main_window
    win = build_main_window()
    qtbot.addWidget(win)
    win.set_document(doc)
    win.resize(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    doc.execute(AddParticipant("Ann", participant_id="A"))
    doc.execute(AddParticipant("Bob", participant_id="B"))
    doc.execute(Assess("A", "r1", 0.9))
    doc.execute(Assess("A", "o1", 0.0))
    doc.execute(Assess("B", "r1", 0.3))
    return win


def bases(window):
    cards = window.canvas.map_scene.cards
    return {nid: round(cards[nid].fed["base"], 6) for nid in ("r1", "o1", "r2")}


def svg_text(path):
    return " ".join(" ".join(ET.parse(path).getroot().itertext()).split())


def test_cards_show_the_chosen_perspective_s_base_scores(window, doc, qtbot):
    box = window.weighing.panel.perspective_box
    box.setFocus()
    assert bases(window) == {"r1": .7, "o1": .4, "r2": .6}
    qtbot.keyClick(box, Qt.Key_Down)                      # Ann
    assert doc.weighing.perspective == "A"
    assert bases(window) == {"r1": .9, "o1": 0.0, "r2": .6}
    qtbot.keyClick(box, Qt.Key_Down)                      # Bob
    assert bases(window) == {"r1": .3, "o1": .4, "r2": .6}
    qtbot.keyClick(box, Qt.Key_Down)                      # the group
    assert doc.weighing.perspective == "group" and bases(window)["r1"] == .6
    doc.execute(Assess("B", "r1", 0.5))                   # an assessment refeeds its card
    assert bases(window)["r1"] == .7
    qtbot.keyClick(box, Qt.Key_Home)                      # the map's own values again
    assert doc.weighing.perspective == "map"
    assert bases(window) == {"r1": .7, "o1": .4, "r2": .6}


def test_an_export_under_a_perspective_shows_its_base_scores(window, doc, qtbot, tmp_path,
                                                             monkeypatch, errors):
    box = window.weighing.panel.perspective_box
    box.setFocus()
    qtbot.keyClick(box, Qt.Key_Down)                      # Ann
    out = tmp_path / "ann.svg"
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *a: str(out))
    monkeypatch.setattr(dialogs, "ask_image_options",
                        lambda *a: dialogs.ImageOptions(legend=False, ranking=False))
    window.registry.action("file.export").trigger()
    assert errors == []
    text = svg_text(out)
    assert "base 0.90" in text and "base 0.00" in text and "base 0.70" not in text
    cli = tmp_path / "cli.svg"
    done = subprocess.run([sys.executable, "-m", "app", "export", str(doc.path), "-o", str(cli),
                           "--participant", "Ann"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    text = svg_text(cli)
    assert "base 0.90" in text and "base 0.00" in text and "base 0.70" not in text
