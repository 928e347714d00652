"""The Live panel: the session's state, its join code, who is here (each person's colour and
the card they have selected), and for the host the connected laptops with a read-only box
each (the large QR code for projecting is in ``code_dialog.py``), and while a round is open
who has finished it (from the answers arriving from every laptop, ``app.live.progress``).

For the host, each connected participant is listed with a "read-only" box: ticking it drops
that participant's changes at the room. All names and codes are shown as plain text.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (QApplication, QHBoxLayout, QLabel, QLineEdit, QListWidget,
                               QListWidgetItem, QPushButton, QVBoxLayout, QWidget)

from ...live.progress import round_progress


WORDS = {"connected": "connected", "syncing": "connecting…", "reconnecting": "reconnecting…",
         "offline": "offline", "refused": "refused by the host", "connecting": "connecting…"}


def status_text(controller) -> str:
    """One line for the status bar and the panel ('' when there is no session)."""
    if not controller.active:
        return ""
    session = controller.session
    words = [("Hosting" if controller.role == "host" else "Live"), WORDS.get(controller.status, controller.status)]
    if controller.role == "host":
        n = len(controller.peers)
        words.append(f"{n} participant{'s' if n != 1 else ''}")
    if session is not None and session.read_only:
        words.append("read-only (the host takes none of your changes)")
    if session is not None and session.pending:
        words.append(f"{session.pending} change{'s' if session.pending != 1 else ''} waiting")
    return " · ".join(words)


class LivePanel(QWidget):
    def __init__(self, controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("livePanel")
        self.controller = controller
        self.state = QLabel()
        self.state.setTextFormat(Qt.PlainText)
        self.state.setWordWrap(True)
        self.code = QLineEdit()
        self.code.setReadOnly(True)
        self.code.setAccessibleName("Join code")
        self.copy = QPushButton("Copy code")
        self.copy.clicked.connect(lambda: QApplication.clipboard().setText(self.code.text()))
        row = QHBoxLayout()
        row.addWidget(self.code, 1)
        row.addWidget(self.copy)
        self.here_label = QLabel("Here now:")
        self.here = QListWidget()
        self.here.setAccessibleName("Who is here")
        self.people_label = QLabel("Laptops connected (tick to make one read-only):")
        self.people = QListWidget()
        self.people.setAccessibleName("People in the session")
        self.people.itemChanged.connect(self._toggled)
        self.round_label = QLabel()
        self.round_label.setTextFormat(Qt.PlainText)
        self.round_label.setWordWrap(True)
        self.round = QListWidget()
        self.round.setAccessibleName("Who has finished the round")
        layout = QVBoxLayout(self)
        for widget in (self.state,):
            layout.addWidget(widget)
        layout.addLayout(row)
        layout.addWidget(self.here_label)
        layout.addWidget(self.here, 3)
        layout.addWidget(self.round_label)
        layout.addWidget(self.round, 3)
        layout.addWidget(self.people_label)
        layout.addWidget(self.people, 3)
        layout.addStretch(1)
        controller.changed.connect(self.refresh)
        self.refresh()

    def set_document(self, doc) -> None:
        self.controller.document_changed(doc)

    def refresh(self) -> None:
        c = self.controller
        self.state.setText(status_text(c) or "Not in a live session. Map ▸ Workshop ▸ Host live "
                                              "session shares this map; Join live session joins another.")
        code = str(c.code) if c.code else ""
        self.code.setText(code)
        for w in (self.code, self.copy):
            w.setVisible(bool(code))
        for w in (self.here_label, self.here):
            w.setVisible(c.active)
        self._fill_here(c)
        self._fill_round(c)
        hosting = c.role == "host"
        self.people_label.setVisible(hosting)
        self.people.setVisible(hosting)
        self._fill_people(c)

    def _fill_here(self, c) -> None:
        self.here.clear()
        amap = c.doc.map if c.doc is not None else None
        for person in c.people():
            text = person.name + (" (you)" if person.me else "")
            if person.selected and amap is not None:
                card = amap.nodes.get(person.selected)
                if card is not None:
                    text += f" — on “{card.label}”"
            item = QListWidgetItem(swatch(person.colour), text)
            self.here.addItem(item)

    def _fill_round(self, c) -> None:
        self.round.clear()
        progress = round_progress(c.doc.map) if c.active and c.doc is not None else None
        for w in (self.round_label, self.round):
            w.setVisible(progress is not None)
        if progress is None:
            return
        self.round_label.setText(progress.heading + ":")
        for line in progress.lines:
            self.round.addItem(QListWidgetItem(line))

    def _fill_people(self, c) -> None:
        self.people.blockSignals(True)
        self.people.clear()
        read_only = c.host.server.read_only if c.host else set()
        for peer, name in sorted(c.peers.items(), key=lambda kv: kv[1].lower()):
            item = QListWidgetItem(name)
            item.setData(Qt.UserRole, peer)
            item.setFlags(item.flags() | Qt.ItemIsUserCheckable)
            item.setCheckState(Qt.Checked if peer in read_only else Qt.Unchecked)
            item.setToolTip("Ticked: this participant's changes are dropped (read-only)")
            self.people.addItem(item)
        self.people.blockSignals(False)

    def _toggled(self, item: QListWidgetItem) -> None:
        self.controller.set_read_only(item.data(Qt.UserRole), item.checkState() == Qt.Checked)


def swatch(colour: str) -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(QColor(colour))
    return QIcon(pixmap)
