"""'Merge another copy…': show what another copy brings (cards, relations, scores, texts,
assessments), settle conflicts, merge in one step. A copy of the same live session is merged
through the shared document instead (app.live.merge): nothing to settle."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDialog, QDialogButtonBox, QLabel,
                               QTableWidget, QTableWidgetItem, QVBoxLayout)

from ...document.merge import MergeAssessments, MergePlan, plan_merge_from
from ...document.merge_map import conflict_text
from ...live.merge import LiveMerge, merge_live, plan_live_merge
from ...model import ReasonmapError
from ..weighing.names import input_name

CHOICES = (("Keep ours", "ours"), ("Take theirs", "theirs"))


def _plain_label(text: str, name: str) -> QLabel:
    """A wrapped label that shows *text* as plain text (file and card names are the user's)."""
    label = QLabel(text, objectName=name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.PlainText)
    return label


def _merge_buttons(dialog: QDialog, enabled: bool) -> QDialogButtonBox:
    """Merge (when there is something to merge) and Cancel, wired to *dialog*."""
    buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
    buttons.button(QDialogButtonBox.Ok).setText("Merge")
    buttons.button(QDialogButtonBox.Ok).setEnabled(enabled)
    buttons.accepted.connect(dialog.merge)
    buttons.rejected.connect(dialog.reject)
    return buttons


class MergeDialog(QDialog):
    """Summary of a merge plan and one ours/theirs choice per conflict."""

    def __init__(self, doc, plan: MergePlan, parent=None) -> None:
        super().__init__(parent)
        self.doc, self.plan = doc, plan
        self.setWindowTitle(f"Merge {plan.source}")
        self.resize(620, 420)
        box = QVBoxLayout(self)
        box.addWidget(_plain_label(self.summary(), "summary"))
        count = len(plan.field_conflicts) + len(plan.conflicts)
        self.table = QTableWidget(count, 4, objectName="conflicts")
        self.table.setHorizontalHeaderLabels(["Who / what", "Input / field", "Ours \u2192 theirs", "Keep"])
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.boxes: list[QComboBox] = []
        names = {p.id: p.name for p in doc.map.participants.values()}
        rows = [conflict_text(doc.map, c) for c in plan.field_conflicts]
        rows += [(names.get(c.participant, c.participant), input_name(doc.map, c.target),
                  f"{c.ours:.2f} \u2192 {c.theirs:.2f}") for c in plan.conflicts]
        for row, texts in enumerate(rows):
            for col, text in enumerate(texts):
                self.table.setItem(row, col, QTableWidgetItem(text))
            choice = QComboBox()
            for label, value in CHOICES:
                choice.addItem(label, value)
            self.table.setCellWidget(row, 3, choice)
            self.boxes.append(choice)
        self.table.resizeColumnsToContents()
        self.table.setVisible(bool(rows))
        box.addWidget(self.table, 1)
        self.error = _plain_label("", "error")
        self.error.setStyleSheet("color: #B34700;")
        box.addWidget(self.error)
        box.addWidget(_merge_buttons(self, not plan.empty))

    def summary(self) -> str:
        p = self.plan
        if p.empty:
            lines = [f"{p.source} has nothing this map lacks."]
        else:
            lines = [f"{len(p.new_nodes)} new card(s), {len(p.new_edges)} new relation(s), "
                     f"{len(p.new_participants)} new participant(s), {len(p.additions)} new "
                     f"assessment(s), {len(p.field_conflicts) + len(p.conflicts)} conflict(s), "
                     f"{p.same} assessment(s) already the same."]
        if p.conflicts or p.field_conflicts:
            lines.append("For each conflict choose which value to keep:")
        return "\n".join(lines + p.notes)

    def set_choice(self, row: int, value: str) -> None:
        self.boxes[row].setCurrentIndex(self.boxes[row].findData(value))

    def choices(self) -> dict:
        keys = [c.choice_key for c in self.plan.field_conflicts]
        keys += [(c.participant, c.target) for c in self.plan.conflicts]
        return {k: b.currentData() for k, b in zip(keys, self.boxes)}

    def merge(self) -> None:
        """Carry out the merge as one undoable step."""
        try:
            self.doc.execute(MergeAssessments(self.plan, self.choices()))
        except ReasonmapError as exc:
            self.error.setText(str(exc))
            return
        self.accept()


class LiveMergeDialog(QDialog):
    """What a copy of the same live session brings; Merge takes all of it, as one step."""

    def __init__(self, doc, merge: LiveMerge, parent=None) -> None:
        super().__init__(parent)
        self.doc, self.live = doc, merge
        self.setWindowTitle(f"Merge {merge.source}")
        self.resize(520, 200)
        box = QVBoxLayout(self)
        box.addWidget(_plain_label(merge.summary(), "summary"))
        self.error = _plain_label("", "error")
        self.error.setStyleSheet("color: #B34700;")
        box.addWidget(self.error)
        box.addStretch(1)
        box.addWidget(_merge_buttons(self, not merge.empty))

    def merge(self) -> None:
        try:
            merge_live(self.doc, self.live)
        except ReasonmapError as exc:
            self.error.setText(str(exc))
            return
        self.accept()


def merge_from(doc, path, parent=None) -> QDialog:
    """A merge dialog for the .rmap at *path* (raises ReasonmapError if it cannot be read, or
    if its live-session data is damaged): the live merge when both copies share a session's
    history, the row comparison otherwise."""
    live = plan_live_merge(doc, path)
    if live is not None:
        return LiveMergeDialog(doc, live, parent)
    return MergeDialog(doc, plan_merge_from(doc.map, path), parent)
