"""Slow computations (the compare view's searches and table, the weighing panel's "What
would change it") run off the GUI thread.

A :class:`SearchWorker` runs one job at a time over a snapshot of the document's weighing
(frameworks are never changed in place). Each job gets a ticket; starting another job or
:meth:`cancel` makes the running one stop (the engine polls ``should_stop``) and its result be
dropped, so a result always belongs to the numbers and the choice shown.
"""

from __future__ import annotations

import traceback
from typing import Callable

from PySide6.QtCore import QObject, Qt, QThreadPool, Signal

from ..reasoning import Cancelled

Job = Callable[[Callable[[], bool], Callable[[int, int], None]], object]


class SearchWorker(QObject):
    """Runs one search at a time and reports it on the GUI thread."""

    finished = Signal(int, object)      # ticket, result
    failed = Signal(int, str)           # ticket, message
    progressed = Signal(int, int)       # done, total
    _done = Signal(int, object)
    _error = Signal(int, str)
    _step = Signal(int, int, int)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.wanted: int | None = None
        self.jobs = 0                    # jobs started (for tests)
        self._done.connect(self._finished, Qt.QueuedConnection)
        self._error.connect(self._failed, Qt.QueuedConnection)
        self._step.connect(self._progress, Qt.QueuedConnection)

    @property
    def busy(self) -> bool:
        return self.wanted is not None

    def start(self, job: Job) -> int:
        """Run ``job(should_stop, progress)`` in the pool; returns its ticket."""
        return self.launch(self.jobs + 1, job)

    def launch(self, ticket: int, job: Job) -> int:
        """Run *job* under *ticket* (e.g. the version of the numbers it is about)."""
        self.jobs += 1
        self.wanted = ticket
        QThreadPool.globalInstance().start(lambda: self._run(ticket, job))
        return ticket

    def cancel(self) -> None:
        """Stop the running job and drop its result."""
        self.wanted = None

    def _run(self, ticket: int, job: Job) -> None:
        stop = lambda: self.wanted != ticket                                # noqa: E731
        step = lambda done, total: self._step.emit(ticket, done, total)    # noqa: E731
        try:
            try:
                result = job(stop, step)
            except Cancelled:
                return
            except Exception as exc:   # a bug in the engine: said in the view, logged
                traceback.print_exc()
                self._error.emit(ticket, f"Could not compute this ({type(exc).__name__}: {exc}).")
                return
            self._done.emit(ticket, result)
        except RuntimeError:           # the view went away while this was running
            pass

    def _finished(self, ticket: int, result) -> None:
        if ticket == self.wanted:
            self.wanted = None
            if result is not None:       # None: the engine gave up (it was asked to stop)
                self.finished.emit(ticket, result)

    def _failed(self, ticket: int, message: str) -> None:
        if ticket == self.wanted:
            self.wanted = None
            self.failed.emit(ticket, message)

    def _progress(self, ticket: int, done: int, total: int) -> None:
        if ticket == self.wanted:
            self.progressed.emit(done, total)
