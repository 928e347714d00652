"""Live sessions in the window: Map ▸ Workshop ▸ Host / Join / Leave, the Live panel and the
status-bar line. Thin widgets over ``app.live`` (see ``controller.py``)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel, QMenu

from ..actions import ActionSpec
from .controller import LiveController
from .panel import LivePanel, status_text

__all__ = ["LiveInstall", "install_live"]


class LiveInstall:
    def __init__(self, window) -> None:
        self.window = window
        self.bind = "0.0.0.0"          # where a hosted session listens (every interface)
        self.name = "Facilitator"      # how the host appears to the others
        self.controller = LiveController(window)
        self.panel = LivePanel(self.controller)
        self.status = QLabel()
        self.status.setObjectName("liveStatus")
        self.status.setTextFormat(Qt.PlainText)
        self.code_dialog = None
        self._fitted = False           # a joined map is fitted into view once it has arrived
        self._read_only = False        # the host's read-only switch, as last told to the user
        self.controller.changed.connect(self._changed)
        self.controller.refused.connect(self._refused)

    # ----- actions -----------------------------------------------------------------------
    def host(self) -> None:
        self.controller.start_hosting(self.window.doc, bind=self.bind, name=self.name)
        self.show_panel()
        self.show_code()

    def show_code(self) -> None:
        """The join code large, to project or to scan (a window that stays open)."""
        from .code_dialog import JoinCodeDialog
        if self.code_dialog is not None:
            self.code_dialog.close()
        self.code_dialog = JoinCodeDialog(str(self.controller.code), self.window)
        self.code_dialog.show()

    def join(self) -> None:
        from . import join_dialog
        from ..file_ops import documents_folder
        request = join_dialog.ask_join(self.window, documents_folder())
        if request is not None:
            self.controller.start_joining(request.code, request.path, request.name,
                                          self.window.file_ops.show_document)
            self.window.show_message("Joining the live session…")

    def leave(self) -> None:
        self.controller.stop()

    def show_panel(self) -> None:
        dock = self.window.docks.get("liveDock")
        if dock is not None:
            dock.show()
            dock.raise_()

    def specs(self) -> list[ActionSpec]:
        c = self.controller
        can_host = lambda: self.window.doc is not None and not self.window.doc.read_only and not c.active  # noqa: E731
        return [
            ActionSpec("live.host", "&Host live session", "Map", self.host, submenu="Workshop",
                       enabled_when=can_host, errors="dialog", separator=True),
            ActionSpec("live.join", "&Join live session\u2026", "Map", self.join, submenu="Workshop",
                       enabled_when=lambda: not c.active, errors="dialog"),
            ActionSpec("live.code", "Show &join code…", "Map", self.show_code, submenu="Workshop",
                       enabled_when=lambda: c.role == "host"),
            ActionSpec("live.leave", "&Leave live session", "Map", self.leave, submenu="Workshop",
                       enabled_when=lambda: c.active,
                       text_when=lambda: "&End live session" if c.role == "host" else "&Leave live session"),
        ]

    # ----- following the session -------------------------------------------------------------
    def _changed(self) -> None:
        c, window = self.controller, self.window
        if c.role == "participant" and not self._fitted and window.doc is c.doc and c.doc.map.nodes:
            self._fitted = True          # after the canvas has taken the change that brought it
            QTimer.singleShot(0, window.canvas.show_start)
            self.show_panel()
            window.show_message(f"Joined the live session: {c.doc.title}")
        if not c.active:
            self._fitted = False
            if self.code_dialog is not None:
                self.code_dialog.close()
                self.code_dialog = None
        self._tell_read_only(c)
        self._show_presence(c)
        text = status_text(self.controller)
        self.status.setText(text)
        self.status.setVisible(bool(text))
        self.window.registry.refresh()

    def _show_presence(self, c) -> None:
        """Each other person's dot on the card they have selected (none outside a session)."""
        from ...live.presence import marks_by_card
        window = self.window
        shown = c.active and window.doc is c.doc
        marks = marks_by_card(c.people(), window.doc.map.nodes) if shown else {}
        window.canvas.map_scene.set_presence(marks)

    def _tell_read_only(self, c) -> None:
        read_only = bool(c.session is not None and c.session.read_only)
        if read_only != self._read_only:
            self._read_only = read_only
            self.window.show_message("The host has made you read-only: your edits are refused here"
                                     if read_only else "The host lets you edit again")

    def _refused(self, message: str) -> None:
        from .. import dialogs
        dialogs.show_error(self.window, "Join live session", message)


def install_live(window) -> LiveInstall:
    """Add the Live panel, the status-bar line and the Workshop actions to *window*."""
    install = LiveInstall(window)
    window.add_panel(install.panel, "Live session", "right", "liveDock")
    if "weighingDock" in window.docks:     # a tab beside the weighing panel, not a third row
        window.tabifyDockWidget(window.docks["weighingDock"], window.docks["liveDock"])
    window.docks["liveDock"].hide()
    window.statusBar().addPermanentWidget(install.status)
    install.status.hide()
    workshop = _workshop_menu(window)
    for spec in install.specs():
        action = window.registry.add(spec)
        if workshop is not None:
            if spec.separator:
                workshop.addSeparator()
            workshop.addAction(action)
    window.registry.refresh()
    return install


def _workshop_menu(window) -> QMenu | None:
    """The Map ▸ Workshop submenu the weighing install made (or a new one)."""
    menu = window.menus.get("Map")
    if menu is None:
        return None
    for action in menu.actions():
        sub = action.menu()
        if sub is not None and sub.title().replace("&", "") == "Workshop":
            return sub
    return menu.addMenu("Workshop")
