"""Importing a file into a new map with its progress on screen.

Reading the file and laying the map out run off the GUI thread (plain Python over the model;
the layout measures text with the application's fonts), while a progress dialog names each
step; writing the new .rmap and showing it happen on the GUI thread (the file's connection
belongs to it). The dialog appears only if the import takes a while (a small file never
flashes one), stays up until the map is on screen, and Cancel drops the import before the
new file is written.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QEventLoop, QObject, Qt, Signal
from PySide6.QtWidgets import QLabel, QProgressDialog

from ..document import Document
from ..io import format_for_path, import_file
from ..model import ReasonmapError
from ..store import regular_file

SHOW_AFTER_MS = 300     # an import that takes longer shows the dialog
STEPS = ("Reading {name}…", "Laying out {cards:,} cards…", "Writing {target}…", "Showing the map…")


class Cancelled(Exception):
    """The user cancelled the import (nothing was written)."""


class _Relay(QObject):
    """Carries the worker thread's news to the GUI thread (queued)."""

    step = Signal(int, int)          # step number, cards
    done = Signal()


class ImportProgress:
    """One import into *target*: ``run(prepare)`` reads *source* and applies *prepare*
    (the layout) off the GUI thread, then writes and opens the new map; ``showing()``
    names the last step; ``close()`` takes the dialog away."""

    def __init__(self, parent, source: Path, target: Path) -> None:
        self.source, self.target = Path(source), Path(target)
        self.dialog = QProgressDialog(parent)
        label = QLabel()
        label.setTextFormat(Qt.PlainText)        # the file's name is the user's text
        self.dialog.setLabel(label)
        self.dialog.setWindowTitle("Importing")
        self.dialog.setWindowModality(Qt.WindowModal)
        self.dialog.setRange(0, len(STEPS))
        self.dialog.setMinimumDuration(SHOW_AFTER_MS)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self._cards = 0

    def _say(self, step: int, cards: int = 0) -> None:
        self._cards = cards or self._cards
        text = STEPS[step].format(name=self.source.name, target=self.target.name, cards=self._cards)
        self.dialog.setLabelText(text)
        self.dialog.setValue(step)

    def run(self, prepare) -> Document:
        """The new document; ReasonmapError (or Cancelled) and no file if it fails."""
        regular_file(self.source, "source")
        outcome: dict = {}
        relay, loop = _Relay(), QEventLoop()
        relay.step.connect(self._say, Qt.QueuedConnection)
        relay.done.connect(loop.quit, Qt.QueuedConnection)
        self.dialog.canceled.connect(loop.quit)

        def work() -> None:
            try:
                result = import_file(self.source)
                relay.step.emit(1, len(result.map.nodes))
                outcome["map"], outcome["notes"] = prepare(result.map), list(result.notes)
            except BaseException as exc:         # handed to the GUI thread below
                outcome["error"] = exc
            finally:
                relay.done.emit()

        self._say(0)
        worker = threading.Thread(target=work, name="import", daemon=True)
        worker.start()
        loop.exec()
        if "map" not in outcome and "error" not in outcome:
            raise Cancelled()                     # the worker's result will be dropped
        if "error" in outcome:
            raise _explained(outcome["error"], self.source)
        self._say(2)
        doc = Document.new(self.target, outcome["map"])
        doc.import_notes = outcome["notes"]
        return doc

    def showing(self) -> None:
        self._say(3)

    def close(self) -> None:
        self.dialog.hide()
        self.dialog.deleteLater()


def _explained(exc: BaseException, source: Path) -> BaseException:
    """The error to raise on the GUI thread for *exc* from the worker."""
    if isinstance(exc, ImportError):
        fmt = format_for_path(source, reading=True)
        return ReasonmapError(f"This build of Reasonmap cannot read {fmt.label} files yet")
    return exc
