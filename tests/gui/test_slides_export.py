"""File ▸ Export slides… and the poster option of the PDF export, from the composed window."""

import re
import subprocess
import sys

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
    win.show()
    qtbot.waitExposed(win)
    return win


def test_export_slides_shows_the_window_s_perspective(window, doc, qtbot, tmp_path, monkeypatch, errors):
    doc.execute(AddParticipant("Ann", participant_id="A"))
    doc.execute(Assess("A", "r1", 0.9))
    box = window.weighing.panel.perspective_box
    box.setFocus()
    qtbot.keyClick(box, Qt.Key_Down)                 # Ann's values
    assert doc.weighing.perspective == "A"
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *a: str(tmp_path / "gui.png"))
    window.registry.action("file.export_slides").trigger()
    assert errors == []
    names = sorted(p.name for p in tmp_path.glob("gui-*.png"))
    assert names == ["gui-01.png", "gui-02.png", "gui-03.png"]   # ranking + two strategies
    # the same deck as the command line draws from Ann's values, pixel for pixel
    cli = subprocess.run([sys.executable, "-m", "app", "export", str(doc.path), "-o",
                          str(tmp_path / "cli.png"), "--slides", "--participant", "Ann"],
                         capture_output=True, text=True, timeout=120)
    assert cli.returncode == 0, cli.stderr
    for n in range(1, 4):
        assert (tmp_path / f"gui-0{n}.png").read_bytes() == (tmp_path / f"cli-0{n}.png").read_bytes()
    mine = subprocess.run([sys.executable, "-m", "app", "export", str(doc.path), "-o",
                           str(tmp_path / "map.png"), "--slides"], capture_output=True, timeout=120)
    assert mine.returncode == 0
    assert (tmp_path / "map-01.png").read_bytes() != (tmp_path / "gui-01.png").read_bytes()


def test_the_pdf_dialog_offers_a_poster(window, doc, qtbot, tmp_path, monkeypatch):
    dialog = dialogs.ImageExportDialog(window, "pdf", False)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.poster.setFocus()
    qtbot.keyClick(dialog.poster, Qt.Key_Space)
    assert dialog.poster.isChecked() and not dialog.fit.isEnabled()
    options = dialog.options()
    assert options.poster
    out = tmp_path / "poster.pdf"
    window.file_ops.export(str(out), options)
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", out.read_bytes()))
    assert pages >= 2                                 # the guide and at least one sheet
