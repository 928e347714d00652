"""The participants dialog: add, rename, recolour and remove workshop participants.

Every change is an ordinary undoable command. Questions to the user go through the module
functions ``ask_name``, ``ask_colour`` and ``confirm`` so tests can answer them.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (QColorDialog, QDialog, QDialogButtonBox, QHBoxLayout, QInputDialog,
                               QLabel, QLineEdit, QListWidget, QListWidgetItem, QMessageBox,
                               QPushButton, QVBoxLayout)

from ...model import AddParticipant, EditParticipant, ReasonmapError, RemoveParticipant

PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#7A7A7A",
           "#882255", "#117733", "#332288")


def ask_name(parent, title: str, current: str) -> str | None:
    """A new name, or None if the user cancelled."""
    text, ok = QInputDialog.getText(parent, title, "Name:", QLineEdit.Normal, current)
    return text if ok else None


def ask_colour(parent, current: str) -> str | None:
    """A colour as #rrggbb, or None if the user cancelled."""
    chosen = QColorDialog.getColor(QColor(current), parent, "Participant colour")
    return chosen.name() if chosen.isValid() else None


def confirm(parent, title: str, message: str) -> bool:
    box = QMessageBox(QMessageBox.Question, title, message, QMessageBox.Yes | QMessageBox.No, parent)
    box.setTextFormat(Qt.PlainText)
    box.setDefaultButton(QMessageBox.No)
    return box.exec() == QMessageBox.Yes


def swatch(colour: str) -> QIcon:
    pix = QPixmap(14, 14)
    pix.fill(QColor(colour))
    return QIcon(pix)


class ParticipantsDialog(QDialog):
    """The people of a workshop, with their colours and how much each has assessed."""

    def __init__(self, doc, parent=None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.setWindowTitle("Participants")
        self.setMinimumWidth(380)
        box = QVBoxLayout(self)
        row = QHBoxLayout()
        self.name_edit = QLineEdit(objectName="newName", placeholderText="Name of a new participant")
        self.name_edit.returnPressed.connect(self.add)
        add = QPushButton("Add", objectName="add")
        add.setAutoDefault(False)      # Enter in the name field adds once, not again through the button
        add.clicked.connect(self.add)
        row.addWidget(self.name_edit, 1)
        row.addWidget(add)
        box.addLayout(row)
        self.list = QListWidget(objectName="participants")
        box.addWidget(self.list, 1)
        buttons = QHBoxLayout()
        for name, text, slot in (("rename", "Rename…", self.rename), ("colour", "Colour…", self.recolour),
                                 ("remove", "Remove…", self.remove)):
            b = QPushButton(text, objectName=name)
            b.clicked.connect(slot)
            buttons.addWidget(b)
        box.addLayout(buttons)
        self.message = QLabel(objectName="message")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.PlainText)
        self.message.setStyleSheet("color: #B34700;")
        box.addWidget(self.message)
        close = QDialogButtonBox(QDialogButtonBox.Close)
        close.rejected.connect(self.reject)
        box.addWidget(close)
        self.refill()

    def refill(self, select: str | None = None) -> None:
        self.list.clear()
        counts: dict[str, int] = {}
        for a in self.doc.map.assessments.values():
            counts[a.participant] = counts.get(a.participant, 0) + 1
        for p in sorted(self.doc.map.participants.values(), key=lambda q: q.name.lower()):
            item = QListWidgetItem(swatch(p.colour), f"{p.name}   ({counts.get(p.id, 0)} assessed)")
            item.setData(Qt.UserRole, p.id)
            self.list.addItem(item)
            if p.id == select:
                self.list.setCurrentItem(item)

    def current_id(self) -> str | None:
        item = self.list.currentItem()
        return item.data(Qt.UserRole) if item else None

    def _run(self, command, select: str | None = None) -> bool:
        try:
            self.doc.execute(command)
        except ReasonmapError as exc:
            self.message.setText(str(exc))
            return False
        self.message.clear()
        self.refill(select)
        return True

    def add(self) -> None:
        name = self.name_edit.text().strip()
        if not name:
            self.message.setText("Type a name first.")
            return
        used = {p.colour for p in self.doc.map.participants.values()}
        colour = next((c for c in PALETTE if c.lower() not in {u.lower() for u in used}), PALETTE[0])
        cmd = AddParticipant(name, colour.lower())
        if self._run(cmd):
            self.name_edit.clear()

    def rename(self) -> None:
        pid = self.current_id()
        if pid is None:
            return
        name = ask_name(self, "Rename participant", self.doc.map.participants[pid].name)
        if name is not None and name.strip():
            self._run(EditParticipant(pid, name=name), pid)

    def recolour(self) -> None:
        pid = self.current_id()
        if pid is None:
            return
        colour = ask_colour(self, self.doc.map.participants[pid].colour)
        if colour:
            self._run(EditParticipant(pid, colour=colour.lower()), pid)

    def remove(self) -> None:
        pid = self.current_id()
        if pid is None:
            return
        p = self.doc.map.participants[pid]
        n = sum(1 for a in self.doc.map.assessments.values() if a.participant == pid)
        if confirm(self, "Remove participant",
                   f"Remove {p.name} and their {n} assessment(s)? You can undo this."):
            self._run(RemoveParticipant(pid))
