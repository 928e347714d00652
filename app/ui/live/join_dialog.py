"""Join live session: pick a session heard on the network or paste the host's code, give a
name, choose where the copy goes.

Sessions on the network are listed as they are heard (``app.live.discovery``, on zeroconf's
own threads; the list is read every half second). Picking one fills in where it is; its
token still comes from the host: the participant types it, or pastes the whole code. When
nothing is heard (multicast blocked), the typed code works exactly as before.
``ask_join`` is the one function that asks, so tests can answer it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout,
                               QLabel, QLineEdit, QListWidget, QListWidgetItem, QPushButton,
                               QVBoxLayout, QWidget)

from ...live.code import SCHEME, BadCode, JoinCode
from ...live.discovery import Browser, Found

POLL_MS = 500
CODE_HINT = "rmap://… (ask the host, or read it off their screen)"
TOKEN_HINT = "the token from the host's screen, or the whole rmap:// code"


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
        self.found = QListWidget()
        self.found.setAccessibleName("Sessions on this network")
        self.found.setMaximumHeight(self.fontMetrics().lineSpacing() * 6)
        self.found.currentItemChanged.connect(self._picked)
        self.heard = QLabel()
        self.heard.setTextFormat(Qt.PlainText)
        self.heard.setWordWrap(True)
        self.code = QLineEdit()
        self.code.setPlaceholderText(CODE_HINT)
        self.name = QLineEdit()
        self.name.setPlaceholderText("the name others see")
        self.path = QLineEdit(str(folder / "Live session.rmap"))
        browse = QPushButton("Choose…")
        browse.clicked.connect(self._browse)
        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(browse)
        form = QFormLayout()
        self.code_label = QLabel("Join code:")
        form.addRow(self.code_label, self.code)
        form.addRow("Your name:", self.name)
        form.addRow("Local copy:", where)
        self.problem = QLabel()
        self.problem.setTextFormat(Qt.PlainText)
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #a00;")
        hint = QLabel("If the host's session is not listed, type or paste their code: it is all "
                      "you need. Your copy keeps working when the Wi-Fi drops.")
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText("Join")
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Sessions on this network:"))
        layout.addWidget(self.found)
        layout.addWidget(self.heard)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.request: JoinRequest | None = None
        self.browser = Browser().start()          # returns at once; listens in the background
        self.finished.connect(lambda _r: self.browser.stop())
        self._timer = QTimer(self, interval=POLL_MS, timeout=self._listen)
        self._timer.start()
        self._listen()

    def _listen(self) -> None:
        """Show what the network has announced so far (keeps the pick if it is still there)."""
        sessions = self.browser.sessions()
        current = self.picked()
        names = [f.name for f in sessions]
        if names != [self.found.item(i).data(Qt.UserRole).name for i in range(self.found.count())]:
            self.found.blockSignals(True)
            self.found.clear()
            for f in sessions:
                item = QListWidgetItem(f"{f.title} — {f.host}:{f.port}  (check {f.check})")
                item.setData(Qt.UserRole, f)
                self.found.addItem(item)
                if current is not None and f.name == current.name:
                    self.found.setCurrentItem(item)
            self.found.blockSignals(False)
            self._picked()
        self.found.setVisible(bool(sessions))
        self.heard.setText("" if sessions else self._nothing_heard())

    def _nothing_heard(self) -> str:
        if self.browser.where is None:
            return "Looking for sessions on the network is turned off: type or paste the code."
        if self.browser.problem:
            return "Cannot look for sessions on this network: type or paste the code."
        return "Listening for sessions on this network… none heard yet."

    def picked(self) -> Found | None:
        item = self.found.currentItem()
        return item.data(Qt.UserRole) if item is not None else None

    def _picked(self, *_args) -> None:
        picked = self.picked() is not None
        self.code.setPlaceholderText(TOKEN_HINT if picked else CODE_HINT)
        self.code_label.setText("Token or code:" if picked else "Join code:")

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Local copy", self.path.text(), "Reasonmap files (*.rmap)")
        if path:
            self.path.setText(path)

    def _check(self) -> None:
        try:
            self.request = request_from(self.code.text(), self.path.text(), self.name.text(), self.picked())
        except BadCode as exc:
            self.problem.setText(str(exc))
            return
        self.accept()


def request_from(code: str, path: str, name: str, found: Found | None = None) -> JoinRequest:
    """A checked join request (BadCode names what is wrong). With a session *found* on the
    network, *code* may be just its token."""
    target = Path(path.strip() or "Live session.rmap")
    if target.suffix.lower() != ".rmap":
        target = target.with_name(target.name + ".rmap")
    text = code.strip()
    if found is not None and text and not text.startswith(f"{SCHEME}://"):
        parsed = found.code(text)
    else:
        parsed = JoinCode.parse(text)
    return JoinRequest(parsed, target, name.strip()[:80] or "participant")


def ask_join(parent: QWidget | None, folder: Path) -> JoinRequest | None:
    dialog = JoinDialog(parent, folder)
    return dialog.request if dialog.exec() == QDialog.Accepted else None
