"""File ▸ Export to CSV or Markdown under the weighing panel's perspective (issue 16): the map
of tests/test_cli_group_export.py (values worked out there), exported through the real
perspective combo and the export action, matches the command line's file byte for byte."""

import csv
import io

import pytest
from PySide6.QtCore import Qt

from app.cli import main
from app.document import Document
from app.ui import dialogs
from tests.test_cli_group_export import small_map


@pytest.fixture
def doc(tmp_path):
    document = Document.new(tmp_path / "g.rmap", small_map())
    yield document
    document.close()


@pytest.fixture
def window(qtbot, doc, documents, errors):
    from app.ui.main_window import build_main_window
    win = build_main_window()
    qtbot.addWidget(win)
    win.set_document(doc)
    win.show()
    qtbot.waitExposed(win)
    return win


def export_to(window, monkeypatch, path):
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *a: str(path))
    window.registry.action("file.export").trigger()


def test_export_follows_the_perspective_combo(window, doc, qtbot, tmp_path, monkeypatch, errors):
    box = window.weighing.panel.perspective_box
    box.setFocus()
    qtbot.keyClick(box, Qt.Key_Down)                      # "=Cy" (names sort as text)
    qtbot.keyClick(box, Qt.Key_Down)                      # Ann
    assert doc.weighing.perspective == "A"
    export_to(window, monkeypatch, tmp_path / "ann.csv")
    rows = list(csv.DictReader(io.StringIO((tmp_path / "ann.csv").read_text(encoding="utf-8"))))
    assert [(r["id"], r["dfquad"], r["values"]) for r in rows] == [
        ("T", "0.800000", "Ann's values"), ("S", "0.550000", "Ann's values")]
    qtbot.keyClick(box, Qt.Key_End)                       # the group
    assert doc.weighing.perspective == "group"
    export_to(window, monkeypatch, tmp_path / "group.csv")
    export_to(window, monkeypatch, tmp_path / "group.md")
    assert errors == []
    rows = list(csv.DictReader(io.StringIO((tmp_path / "group.csv").read_text(encoding="utf-8"))))
    assert [(r["id"], r["dfquad"], r["assessors"]) for r in rows] == [("T", "0.750000", "2"),
                                                                      ("S", "0.600000", "3")]
    md = (tmp_path / "group.md").read_text(encoding="utf-8")
    assert "τ 0.50 (group τ 0.40, 3 assessors), σ 0.40" in md
    for name, flags in (("group.csv", ["--group"]), ("group.md", ["--group"]),
                        ("ann.csv", ["--participant", "Ann"])):
        cli = tmp_path / f"cli-{name}"
        assert main(["export", str(doc.path), "-o", str(cli), *flags]) == 0
        assert cli.read_bytes() == (tmp_path / name).read_bytes()
    qtbot.keyClick(box, Qt.Key_Home)                      # the map's own values: as before
    export_to(window, monkeypatch, tmp_path / "own.csv")
    assert "values" not in (tmp_path / "own.csv").read_text(encoding="utf-8").splitlines()[0]
