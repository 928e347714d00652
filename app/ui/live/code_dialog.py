"""The join code, large enough to project: as a QR code and as text to type or paste."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (QApplication, QDialog, QDialogButtonBox, QLabel, QPlainTextEdit,
                               QVBoxLayout, QWidget)

from ...live.code import JoinCode
from ...live.discovery import check_letters
from .qr import qr_pixmap


class JoinCodeDialog(QDialog):
    def __init__(self, code: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("joinCodeDialog")
        self.setWindowTitle("Join this live session")
        intro = QLabel("On each laptop: Map ▸ Workshop ▸ Join live session, then scan or paste "
                       "this code. If the Wi-Fi blocks discovery, the code is all they need.")
        intro.setTextFormat(Qt.PlainText)
        intro.setWordWrap(True)
        self.qr = QLabel()
        self.qr.setAlignment(Qt.AlignCenter)
        self.qr.setPixmap(qr_pixmap(code, 5))
        self.qr.setAccessibleName("Join code as a QR code")
        self.text = QPlainTextEdit(code)
        self.text.setReadOnly(True)
        self.text.setFont(QFont("monospace"))
        self.text.setMaximumHeight(self.fontMetrics().lineSpacing() * 5)
        self.text.setAccessibleName("Join code")
        parsed = JoinCode.parse(code)
        self.token = QLabel(f"Picked this session from the list of sessions on the network? Type "
                            f"its token: {parsed.token}    Check letters: {check_letters(parsed.fingerprint)}")
        self.token.setTextFormat(Qt.PlainText)
        self.token.setWordWrap(True)
        self.token.setTextInteractionFlags(Qt.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        copy = buttons.addButton("Copy code", QDialogButtonBox.ActionRole)
        copy.clicked.connect(lambda: QApplication.clipboard().setText(code))
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.qr, 1)
        layout.addWidget(self.text)
        layout.addWidget(self.token)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)
