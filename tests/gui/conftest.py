"""GUI test set-up: offscreen Qt, settings kept in the test's own folder, a document on a tmp file."""

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"

from dataclasses import replace  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import QCoreApplication, QSettings  # noqa: E402

from app.document import Document  # noqa: E402
from app.model.build import build_map  # noqa: E402


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path, qapp):
    """QSettings written as INI files under tmp_path, never to the user's real settings."""
    QCoreApplication.setOrganizationName("ReasonmapTests")
    QCoreApplication.setApplicationName("ReasonmapTests")
    QSettings.setDefaultFormat(QSettings.IniFormat)
    folder = tmp_path / "settings"
    folder.mkdir()
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, str(folder))
    QSettings().clear()
    yield folder


@pytest.fixture
def documents(tmp_path, monkeypatch):
    """New maps (the example on first run) go to tmp_path/Documents/Reasonmap."""
    from app.ui import file_ops
    folder = tmp_path / "Documents" / "Reasonmap"
    monkeypatch.setattr(file_ops, "documents_folder", lambda: folder)
    return folder


def placed(amap):
    """*amap* with every card given a position, so opening it needs no automatic layout."""
    nodes = [replace(n, x=200.0 * i, y=150.0 * (i % 2)) for i, n in enumerate(amap.nodes.values())]
    return build_map(nodes, amap.edges.values(), meta=amap.meta)


@pytest.fixture
def doc(tmp_path, small_map):
    """A Document on a fresh tmp .rmap holding the small map (closed afterwards)."""
    document = Document.new(tmp_path / "small.rmap", placed(small_map))
    yield document
    document.close()


@pytest.fixture
def errors(monkeypatch):
    """Every error dialog, recorded as (title, message) instead of shown."""
    from app.ui import dialogs
    seen = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, message: seen.append((title, message)))
    return seen


@pytest.fixture
def window(qtbot, doc, documents, errors):
    """The main window showing *doc*."""
    from app.ui.main_window import MainWindow
    win = MainWindow()
    qtbot.addWidget(win)
    win.set_document(doc)
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.fixture
def composed(qtbot):
    """A function showing a document in the composed main window (every panel) of a size."""
    from app.ui.main_window import build_main_window

    def show(doc, width: int = 1600, height: int = 1000):
        win = build_main_window()
        qtbot.addWidget(win)
        win.resize(width, height)
        win.set_document(doc)
        win.show()
        qtbot.waitExposed(win)
        return win
    return show


@pytest.fixture
def shipped(composed, tmp_path, documents, errors):
    """The composed main window at 1600 x 1000 on the shipped map, laid out."""
    from app.io import import_file
    from app.render.export import with_layout
    path = Path(__file__).resolve().parents[2] / "argument_maps" / "prosocial-drives.argdown"
    win = composed(Document.new(tmp_path / "pd.rmap", with_layout(import_file(path).map)))
    yield win
    win.close()
