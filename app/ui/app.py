"""Start the desktop app: ``run_gui(path)`` opens the main window and runs Qt's event loop."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication

from ..model import ReasonmapError
from ..resources import resource_path
from . import dialogs, file_ops
from .main_window import MainWindow, build_main_window
from .outline import STYLE_PROPERTY

ORGANISATION = APPLICATION = "Reasonmap"


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication (created once), named for QSettings, drawn by Fusion (the same on
    every system) with our style sheet if present."""
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    QCoreApplication.setOrganizationName(ORGANISATION)
    QCoreApplication.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("Reasonmap")
    app.setStyle("Fusion")
    app.setProperty(STYLE_PROPERTY, "fusion")      # (under a style sheet, style().name() is "")
    style = resource_path("resources", "style.qss")
    if style.is_file():
        app.setStyleSheet(style.read_text(encoding="utf-8"))
    return app


def open_initial(window: MainWindow, path: str | None) -> bool:
    """Show *path*, else the last map, else (first run) a new copy of the shipped example.

    True if a map is on screen. A path that cannot be opened has already been explained
    to the user in a dialog; the last map or the example is shown instead.
    """
    if path and window.file_ops.open_map(str(path)):
        return True
    previous = file_ops.last_map()
    if previous is not None and window.file_ops.open_map(str(previous)):
        return True
    try:
        window.file_ops.show_document(file_ops.create_example(file_ops.documents_folder()))
    except ReasonmapError as exc:
        dialogs.show_error(window, "Cannot create the example map", str(exc))
        return False
    return True


# How long a Python thread keeps the interpreter lock while another thread waits for it
# (Python's default: 5 ms). The window's event loop takes the lock for every call from Qt into
# Python (an item's paint and bounds, an event handler, a slot) and gives it back after, and
# while a background thread works in Python (routing a big map's relations, an import, a
# comparison) each such call waited for it: a repaint stalled the window for a quarter of a
# second at 20,000 cards, and at 1 ms three clicks on cards took 149-307 ms. At 0.2 ms eight
# took 52-148 ms (the first after opening the slowest); a thread working alone is never
# interrupted, and the background routing took as long (6.3-6.6 s against 6.6-6.9 at
# 20,000 cards).
SWITCH_INTERVAL_S = 0.0002


def event_loop_policies(app: QApplication) -> None:
    """What the running app sets up around its event loop: the garbage collector run between
    events (``app.gc_guard``, kept for the application's lifetime) and a short switch
    interval for the interpreter lock (see ``SWITCH_INTERVAL_S``)."""
    from .gc_guard import EventLoopGarbageCollector
    app.gc_guard = EventLoopGarbageCollector(app)
    sys.setswitchinterval(SWITCH_INTERVAL_S)


def run_gui(path: str | None = None) -> int:
    """Open the main window on *path* (or the last or the example map); the exit status."""
    app = make_application()
    event_loop_policies(app)
    window = build_main_window()
    if path is not None and not Path(path).exists():
        dialogs.show_error(window, "Cannot open the map", f"There is no file {path}")
        path = None
    if not open_initial(window, path):
        return 1
    window.show()
    if os.environ.get("REASONMAP_QUIT_WHEN_SHOWN"):   # start-up measurement (README figures)
        QTimer.singleShot(0, app.quit)
    return app.exec()
