"""The History panel: the change log kept in the map's file, newest step first.

Each row says when (local time), who (the author the step was logged under) and what (the
undo label; "Undo:"/"Redo:" for those steps). Steps that are undone now are shown in grey
with "(undone)"; steps dropped by a later edit with "(dropped)". The panel reads the file's
log after every change while it is visible, and once when it is shown again.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QHeaderView, QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from ...document.changelog import ChangeLog
from ..plain import plain_tip

GREY = QColor("#6B6B6B")
SHOWN = 500


def local_time(stamp: str, today: datetime | None = None) -> str:
    """An ISO UTC time as local time: 'HH:MM:SS' today, 'YYYY-MM-DD HH:MM' otherwise."""
    try:
        moment = datetime.fromisoformat(stamp).astimezone()
    except ValueError:
        return stamp
    today = today or datetime.now().astimezone()
    return moment.strftime("%H:%M:%S") if moment.date() == today.date() else moment.strftime("%Y-%m-%d %H:%M")


def step_text(action: str, label: str, state: str | None) -> str:
    text = {"undo": f"Undo: {label}", "redo": f"Redo: {label}"}.get(action, label)
    if state in ("undone", "dropped"):
        text += f"  ({state})"
    return text


def _show(item: QTreeWidgetItem, step, today: datetime) -> None:
    """Write *step* into the row *item*."""
    texts = (local_time(step.time, today), step.author, step_text(step.action, step.label, step.state))
    for col, text in enumerate(texts):
        item.setText(col, text)
    item.setToolTip(2, plain_tip(texts[2]))
    grey = step.state in ("undone", "dropped")
    for col in range(3):
        item.setForeground(col, QBrush(GREY) if grey else QBrush())


class HistoryPanel(QWidget):
    """Time, author and step of every change in the map's change log."""

    def __init__(self, doc=None) -> None:
        super().__init__()
        self.setObjectName("historyPanel")
        self.doc = None
        self._unsubscribe = None
        self._stale = True
        box = QVBoxLayout(self)
        box.setContentsMargins(4, 4, 4, 4)
        self.summary = QLabel(objectName="historySummary")
        self.summary.setTextFormat(Qt.PlainText)
        self.summary.setWordWrap(True)
        self.list = QTreeWidget(objectName="historyList")
        self.list.setColumnCount(3)
        self.list.setHeaderLabels(["Time", "Author", "Step"])
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setAccessibleName("Change history")
        header = self.list.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeToContents)
        header.setStretchLastSection(True)
        box.addWidget(self.summary)
        box.addWidget(self.list, 1)
        self.set_document(doc)

    def set_document(self, doc) -> None:
        if self._unsubscribe:
            self._unsubscribe()
            self._unsubscribe = None
        self.doc = doc
        self.list.clear()
        self._rows = {}             # log entry id → (its row, what it shows: the step, the day)
        if doc is not None:
            self._unsubscribe = doc.changed.subscribe(lambda _e: self._changed())
        self._stale = True
        self._changed()

    def _changed(self) -> None:
        """Read the log again now if the panel is in sight, else when it comes into sight.
        (A dock behind another's tab stays "visible" to Qt, only moved out of sight: an
        edit cost 1–1.5 ms more for a panel nobody could see.)"""
        self._stale = True
        if self.isVisible() and not self.visibleRegion().isEmpty():
            self.reload()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    def brought_forward(self, shown: bool) -> None:
        """Its dock's tab came to the front (QDockWidget.visibilityChanged)."""
        if shown and self._stale:
            self.reload()

    def reload(self) -> None:
        """Show the newest steps of the file's log. Rows stay where their step is unchanged:
        new steps go in at the top, a step whose state changed (undone, redone) is rewritten
        and a step no longer shown goes, so an edit touches one or two rows, not hundreds."""
        self._stale = False
        if self.doc is None:
            self.list.clear()
            self._rows = {}
            self.summary.setText("No map open.")
            return
        steps = ChangeLog.steps(self.doc.store, SHOWN)
        kept = {step.id for step in steps}
        for sid in [i for i in self._rows if i not in kept]:
            self.list.takeTopLevelItem(self.list.indexOfTopLevelItem(self._rows.pop(sid)[0]))
        today, fresh = datetime.now().astimezone(), []
        for step in reversed(steps):                # newest first
            item, shown = self._rows.get(step.id, (None, None))
            if item is None:
                item = QTreeWidgetItem()
                fresh.append(item)
            if shown != (step, today.date()):
                _show(item, step, today)
                self._rows[step.id] = (item, (step, today.date()))
        self.list.insertTopLevelItems(0, fresh)      # log ids only grow: new steps are newest
        problem = self.doc.log.problem
        count = f"{len(steps)} step{'s' if len(steps) != 1 else ''} kept in {self.doc.path.name}" \
            if steps else f"No changes recorded in {self.doc.path.name} yet."
        self.summary.setText(f"{problem}\n{count}" if problem else count)
