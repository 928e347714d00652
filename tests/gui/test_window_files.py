"""Opening, importing and creating maps from the window; bad files change nothing."""

import os
import subprocess
import sys
from pathlib import Path

from app.document import Document
from app.model.commands import EditNode
from app.resources import resource_path
from app.ui import file_ops
from app.ui.app import open_initial
from app.ui.main_window import MainWindow
from app.ui.outline import TITLE_ROLE

ROOT = Path(__file__).resolve().parents[2]


def test_opening_a_corrupt_file_names_the_problem_and_keeps_the_map(window, doc, errors, tmp_path):
    bad = tmp_path / "x.rmap"
    bad.write_bytes(os.urandom(4096))
    assert not window.file_ops.open_map(str(bad))
    assert len(errors) == 1
    title, message = errors[0]
    assert "x.rmap" in title + message
    assert "Traceback" not in message
    assert window.doc is doc
    assert "Small" in window.windowTitle()
    doc.execute(EditNode("r1", {"title": "Still here"}))     # the old map is still writable
    assert window.outline.items_for("r1")[0].data(TITLE_ROLE) == "Still here"


def test_opening_a_text_file_named_rmap_is_refused(window, doc, errors, tmp_path):
    foreign = tmp_path / "notes.rmap"
    foreign.write_text("just some notes\n", encoding="utf-8")
    assert not window.file_ops.open_map(str(foreign))
    assert errors and "notes.rmap" in errors[0][0] + errors[0][1]
    assert window.doc is doc


def test_opening_a_locked_file_says_it_is_in_use(window, doc, errors, tmp_path, small_map, monkeypatch):
    asked = []
    monkeypatch.setattr(file_ops, "ask_open_read_only", lambda _parent, message: asked.append(message) or False)
    busy = tmp_path / "busy.rmap"
    Document.new(busy, small_map).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys; from app.store import Store; s = Store.open(sys.argv[1]); "
         "print('ready', flush=True); sys.stdin.read()", str(busy)],
        cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        assert not window.file_ops.open_map(str(busy))
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)
    assert asked and "already open" in asked[0] and "busy.rmap" in asked[0]
    assert not errors                          # declining to open it read-only is no error
    assert window.doc is doc


def test_an_import_error_shows_the_importers_message_and_writes_nothing(window, doc, errors, tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text('{"nodes": [', encoding="utf-8")
    assert not window.file_ops.open_map(str(broken))
    assert errors and "broken.json" in errors[0][0]
    assert errors[0][1]
    assert not (tmp_path / "broken.rmap").exists()
    assert window.doc is doc


def test_importing_makes_a_new_map_beside_the_source(window, doc, tmp_path, small_map):
    from app.io import export_map
    source = tmp_path / "from-elsewhere.json"
    export_map(small_map, source)
    before = source.read_bytes()
    assert window.file_ops.open_map(str(source))
    assert window.doc is not doc
    assert window.doc.path == tmp_path / "from-elsewhere.rmap"
    assert len(window.doc.map.nodes) == len(small_map.nodes)
    assert source.read_bytes() == before


def test_save_a_copy_and_export_text(window, doc, tmp_path):
    window.file_ops.save_as(str(tmp_path / "backup.rmap"))
    copy = Document.open(tmp_path / "backup.rmap")
    assert copy.map.nodes.keys() == doc.map.nodes.keys()
    copy.close()
    window.file_ops.export(str(tmp_path / "out.json"))
    assert "Reason one" in (tmp_path / "out.json").read_text(encoding="utf-8")
    assert window.doc is doc


def test_first_run_imports_the_shipped_map_into_a_new_file(qtbot, documents, errors):
    shipped = resource_path("argument_maps", "prosocial-drives.argdown")
    before = shipped.read_bytes()
    win = MainWindow()
    qtbot.addWidget(win)
    assert open_initial(win, None)
    assert win.doc.path.parent == documents
    assert win.doc.path.suffix == ".rmap"
    assert len(win.doc.map.nodes) >= 3
    # the real shipped map when the Argdown reader is there, else the short built-in example
    assert "prosocial" in win.doc.title.lower()
    assert shipped.read_bytes() == before
    assert errors == []
    first = win.doc.path
    win.close()
    again = MainWindow()
    qtbot.addWidget(again)
    assert open_initial(again, None)
    assert again.doc.path == first          # the next start opens the last map
    again.close()


def test_new_map_from_the_file_menu(window, doc, tmp_path):
    window.file_ops.new_map(str(tmp_path / "fresh"))
    assert window.doc.path == tmp_path / "fresh.rmap"
    assert window.doc.map.nodes == {}
    assert "fresh.rmap" in window.saved.text()


def test_missing_importer_is_a_clear_error(monkeypatch, tmp_path):
    def missing(*_args, **_kw):
        raise ModuleNotFoundError("No module named 'app.io.argdown'")
    monkeypatch.setattr(file_ops.Document, "import_as", missing)
    source = tmp_path / "a.argdown"
    source.write_text("[A]: a\n", encoding="utf-8")
    try:
        file_ops.import_into_new_map(source, tmp_path / "a.rmap")
    except file_ops.ReasonmapError as exc:
        assert "Argdown" in str(exc)
    else:
        raise AssertionError("no error")


def test_opening_a_shipped_map_imports_it_into_the_documents_folder(window, documents):
    shipped = resource_path("argument_maps", "prosocial-drives.argdown")
    before = sorted(p.name for p in shipped.parent.iterdir())
    assert window.file_ops.open_map(str(shipped))
    assert window.doc.path.parent == documents
    assert sorted(p.name for p in shipped.parent.iterdir()) == before
