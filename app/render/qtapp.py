"""Make sure a QGuiApplication exists (headless when there is no display)."""

from __future__ import annotations

import os
import sys


def ensure_gui_app():
    """The running Qt application, or a new QGuiApplication (offscreen without a display)."""
    from PySide6.QtGui import QGuiApplication
    app = QGuiApplication.instance()
    if app is not None:
        return app
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")) \
            and sys.platform.startswith("linux"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    return QGuiApplication(sys.argv[:1] or ["reasonmap"])
