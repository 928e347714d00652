"""Join live session: paste the host's code, give a name, choose where the copy goes.

``ask_join`` is the one function that asks, so tests can answer it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout,
                               QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget)

from ...live.code import BadCode, JoinCode


@dataclass
class JoinRequest:
    code: JoinCode
    path: Path
    name: str


class JoinDialog(QDialog):
    def __init__(self, parent: QWidget | None, folder: Path) -> None:
        super().__init__(parent)
        self.setWindowTitle("Join live session")
        self.setMinimumWidth(560)
        self.code = QLineEdit()
        self.code.setPlaceholderText("rmap://… (ask the host, or read it off their screen)")
        self.name = QLineEdit()
        self.name.setPlaceholderText("the name others see")
        self.path = QLineEdit(str(folder / "Live session.rmap"))
        browse = QPushButton("Choose…")
        browse.clicked.connect(self._browse)
        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(browse)
        form = QFormLayout()
        form.addRow("Join code:", self.code)
        form.addRow("Your name:", self.name)
        form.addRow("Local copy:", where)
        self.problem = QLabel()
        self.problem.setTextFormat(Qt.PlainText)
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #a00;")
        hint = QLabel("If the host's code does not show up by itself, type or paste it: "
                      "it is all you need. Your copy keeps working when the Wi-Fi drops.")
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText("Join")
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.request: JoinRequest | None = None

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Local copy", self.path.text(), "Reasonmap files (*.rmap)")
        if path:
            self.path.setText(path)

    def _check(self) -> None:
        try:
            self.request = request_from(self.code.text(), self.path.text(), self.name.text())
        except BadCode as exc:
            self.problem.setText(str(exc))
            return
        self.accept()


def request_from(code: str, path: str, name: str) -> JoinRequest:
    """A checked join request (BadCode names what is wrong)."""
    target = Path(path.strip() or "Live session.rmap")
    if target.suffix.lower() != ".rmap":
        target = target.with_name(target.name + ".rmap")
    return JoinRequest(JoinCode.parse(code), target, name.strip()[:80] or "participant")


def ask_join(parent: QWidget | None, folder: Path) -> JoinRequest | None:
    dialog = JoinDialog(parent, folder)
    return dialog.request if dialog.exec() == QDialog.Accepted else None
