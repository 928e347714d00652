"""The "New round" dialog: a name, a scope, an optional time box.

Scopes: the whole map, the inputs that could change the lead, the inputs that separate two
chosen strategies, or a hand-picked set (tick them in the list). The inputs are worked out
by :func:`app.document.rounds.scope_targets` when the round is opened.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout,
                               QLabel, QLineEdit, QListWidget, QListWidgetItem, QSpinBox,
                               QVBoxLayout, QWidget)

from ...document.rounds import scope_targets, weighable_inputs
from ...model import ReasonmapError
from ...model.round_commands import OpenRound
from ...model.rounds import SCOPES
from .round_row import statement


class NewRoundDialog(QDialog):
    def __init__(self, doc, parent=None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.setWindowTitle("New round")
        self.resize(560, 520)
        number = max((r.number for r in doc.map.rounds.values()), default=0) + 1
        form = QFormLayout()
        self.name = QLineEdit(objectName="roundName", placeholderText=f"e.g. \u201cRound {number}\u201d")
        self.scope = QComboBox(objectName="scope")
        for key, words in SCOPES.items():
            self.scope.addItem(words[0].upper() + words[1:], key)
        self.first, self.second = QComboBox(objectName="first"), QComboBox(objectName="second")
        fw = doc.weighing.framework
        for s in fw.strategies:
            for combo in (self.first, self.second):
                combo.addItem(fw.titles.get(s, s), s)
        if self.second.count() > 1:
            self.second.setCurrentIndex(1)
        self.pair = QWidget()
        row = QHBoxLayout(self.pair)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.first, 1)
        row.addWidget(QLabel("and"))
        row.addWidget(self.second, 1)
        self.picked = QListWidget(objectName="picked")
        for t in weighable_inputs(fw):
            item = QListWidgetItem(statement(doc.map, t)[0])
            item.setData(Qt.UserRole, t)
            item.setFlags(item.flags() | Qt.ItemIsUserCheckable)
            item.setCheckState(Qt.Unchecked)
            self.picked.addItem(item)
        self.minutes = QSpinBox(objectName="minutes", minimum=0, maximum=240, suffix=" min",
                                specialValueText="no time box")
        form.addRow("Name", self.name)
        form.addRow("Ask about", self.scope)
        form.addRow("Strategies", self.pair)
        form.addRow("Time box", self.minutes)
        self.message = QLabel(objectName="message")
        self.message.setTextFormat(Qt.PlainText)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #B34700;")
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText("Open round")
        buttons.accepted.connect(self.open_round)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addLayout(form)
        box.addWidget(self.picked, 1)
        box.addWidget(self.message)
        box.addWidget(buttons)
        self.scope.currentIndexChanged.connect(self._scope_changed)
        self._scope_changed()

    def _scope_changed(self) -> None:
        scope = self.scope.currentData()
        self.pair.setEnabled(scope == "pair")
        self.picked.setVisible(scope == "picked")

    def targets(self) -> list[str]:
        picked = [self.picked.item(i).data(Qt.UserRole) for i in range(self.picked.count())
                  if self.picked.item(i).checkState() == Qt.Checked]
        return scope_targets(self.doc.weighing, self.scope.currentData(),
                             (self.first.currentData(), self.second.currentData()), picked)

    def open_round(self) -> None:
        minutes = self.minutes.value()
        try:
            self.doc.execute(OpenRound(self.name.text().strip(), self.scope.currentData(),
                                       tuple(self.targets()), minutes * 60 if minutes else None))
        except ReasonmapError as exc:
            self.message.setText(str(exc))
            return
        self.accept()
