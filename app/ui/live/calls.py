"""Calls from the network thread into the GUI thread (queued through Qt's event loop)."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QObject, Qt, QTimer, Signal


class GuiCalls(QObject):
    """``deliver(fn, *args)`` runs a call on the thread this object lives on (the GUI's),
    whichever thread asks; ``later(seconds, fn)`` runs one after a pause (GUI thread only)."""

    _posted = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._posted.connect(self._run, Qt.QueuedConnection)

    def deliver(self, fn, *args) -> None:
        self._posted.emit(partial(fn, *args))

    def later(self, seconds: float, fn) -> None:
        QTimer.singleShot(max(0, int(seconds * 1000)), self, fn)

    @staticmethod
    def _run(call) -> None:
        call()
