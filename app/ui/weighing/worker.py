"""The sensitivity ("What would change it") computed off the GUI thread.

A :class:`SensitivityWorker` takes a snapshot of the document's weighing (its version,
framework and semantics; frameworks are never changed in place), computes the sensitivity in
Qt's thread pool and reports back on the GUI thread. A newer request, or :meth:`cancel` when
the map changes, makes the running job stop (if the engine takes ``should_stop``) and its
result be dropped: each result carries the version it was computed for.
"""

from __future__ import annotations

import traceback

from PySide6.QtCore import QObject, Qt, QThreadPool, Signal

from ...document.weighing import compute_sensitivity


class SensitivityWorker(QObject):
    """Runs one sensitivity job at a time for a panel."""

    finished = Signal(int, object)      # version, Sensitivity (on the GUI thread)
    failed = Signal(int, str)           # version, message
    progressed = Signal(int, int)       # done, total
    _done = Signal(int, object)         # emitted by the pool thread, delivered queued
    _error = Signal(int, str)
    _step = Signal(int, int, int)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.wanted: int | None = None   # the version whose result is still wanted
        self.jobs = 0                    # jobs started (for tests)
        self._done.connect(self._finished, Qt.QueuedConnection)
        self._error.connect(self._failed, Qt.QueuedConnection)
        self._step.connect(self._progress, Qt.QueuedConnection)

    @property
    def busy(self) -> bool:
        return self.wanted is not None

    def start(self, weighing) -> int:
        """Compute the sensitivity of *weighing*'s current numbers; returns their version."""
        version, fw, semantics = weighing.snapshot()
        self.wanted = version
        self.jobs += 1
        QThreadPool.globalInstance().start(lambda: self._job(version, fw, semantics))
        return version

    def cancel(self) -> None:
        """The numbers changed: stop and drop the running job."""
        self.wanted = None

    def _job(self, version: int, fw, semantics: str) -> None:
        """Runs in a pool thread: compute, then hand the result to the GUI thread."""
        stop = lambda: self.wanted != version          # noqa: E731
        step = lambda done, total: self._step.emit(version, done, total)  # noqa: E731
        try:
            try:
                result = compute_sensitivity(fw, semantics, should_stop=stop, progress=step)
            except Exception as exc:   # a bug in the engine: said in the panel, logged
                traceback.print_exc()
                self._error.emit(version, f"Could not compute this ({type(exc).__name__}: {exc}).")
                return
            self._done.emit(version, result)
        except RuntimeError:           # the panel went away while this was running
            pass

    def _finished(self, version: int, result) -> None:
        if version == self.wanted:
            self.wanted = None
            if result is not None:
                self.finished.emit(version, result)

    def _failed(self, version: int, message: str) -> None:
        if version == self.wanted:
            self.wanted = None
            self.failed.emit(version, message)

    def _progress(self, version: int, done: int, total: int) -> None:
        if version == self.wanted:
            self.progressed.emit(done, total)
