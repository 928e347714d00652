"""A list of single-input changes ("what alone would change this"), searched by a worker.

:class:`FlipList` shows "Computing… (n of m inputs)" while its :class:`SearchWorker` runs,
then one line per input with its current value and the value where the outcome changes;
clicking a line selects that card or relation on the canvas. A new search, or :meth:`stop`
when the numbers change, drops the running one's result.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from ..weighing.names import field_word, input_name, signed
from ..jobs import SearchWorker

COMPUTING = "Computing\u2026"


class FlipList(QWidget):
    """A heading and the inputs found by one search; ``picked(id)`` on a click."""

    picked = Signal(str)

    def __init__(self, name: str, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel(objectName=f"{name}Title")
        self.title.setTextFormat(Qt.PlainText)
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-weight: bold;")
        self.list = QListWidget(objectName=f"{name}List")
        self.list.setWordWrap(True)
        self.list.itemClicked.connect(lambda item: self.picked.emit(item.data(Qt.UserRole)))
        box.addWidget(self.title)
        box.addWidget(self.list, 1)
        self.worker = SearchWorker(self)
        self.worker.finished.connect(self._ready)
        self.worker.failed.connect(lambda _t, message: self.title.setText(message))
        self.worker.progressed.connect(self._progress)
        self.result = None
        self._show = None

    @property
    def computing(self) -> bool:
        return self.worker.busy

    def search(self, job, show) -> None:
        """Run ``job(should_stop, progress)``; when done, ``show(self, result)`` fills the list."""
        self.result, self._show = None, show
        self.list.clear()
        self.list.setEnabled(False)
        self.title.setText(COMPUTING)
        self.worker.start(job)

    def stop(self) -> None:
        self.worker.cancel()

    def _progress(self, done: int, total: int) -> None:
        if total:
            self.title.setText(f"{COMPUTING} ({done} of {total} inputs)")

    def _ready(self, _ticket: int, result) -> None:
        self.result = result
        self.list.setEnabled(True)
        if self._show is not None:
            self._show(self, result)

    def fill(self, heading: str, amap, flips, caveats=(), then=None) -> None:
        """One line per flip (``then(flip)`` adds words after it), caveats first."""
        self.title.setText(heading)
        self.list.clear()
        for line in caveats:
            self.list.addItem(QListWidgetItem(line))
        for f in flips:
            what = "" if f.input in amap.edges else f" ({field_word(amap, f.input)})"
            words = (f"{input_name(amap, f.input)}{what}: "
                     f"{f.current:.2f} \u2192 {f.flip_at:.3f}  (move {signed(f.flip_at - f.current, 3)})")
            if then is not None:
                words += then(f)
            item = QListWidgetItem(words)
            item.setData(Qt.UserRole, f.input)
            item.setToolTip("Click to select it on the map")
            self.list.addItem(item)
