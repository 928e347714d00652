"""The workshop method in the window: the History panel and the Workshop actions for rounds
(and, as they come, snapshots and anonymity). :func:`install_method` is called once by
``build_main_window`` after the weighing panel, whose Map ▸ Workshop submenu it extends.
"""

from __future__ import annotations

from ..actions import ActionSpec
from .history_panel import HistoryPanel


class MethodInstall:
    def __init__(self, window) -> None:
        self.window = window
        self.history = HistoryPanel(None)
        self.rounds_dialog = self.snapshots_dialog = None

    @property
    def doc(self):
        return self.window.doc

    def rounds(self) -> None:
        from .rounds_dialog import RoundsDialog
        self.rounds_dialog = RoundsDialog(self.doc, self.window)
        self.rounds_dialog.open()

    def snapshots(self) -> None:
        from .snapshots_dialog import SnapshotsDialog
        self.snapshots_dialog = SnapshotsDialog(self.doc, self.window)
        self.snapshots_dialog.open()

    def toggle_anonymous(self) -> None:
        if self.doc is not None:
            self.doc.weighing.set_anonymous(not self.doc.weighing.anonymous)

    def specs(self) -> list[ActionSpec]:
        has_doc = lambda: self.doc is not None                          # noqa: E731
        return [
            ActionSpec("view.anonymous", "&Anonymous names (for the projector)", "View", self.toggle_anonymous,
                       enabled_when=has_doc, checked_when=lambda: self.doc is not None and self.doc.weighing.anonymous,
                       tip="Show people as Participant 1\u2026n in the group table, presentation and exports"),
            ActionSpec("workshop.rounds", "&Rounds\u2026", "Map", self.rounds, submenu="Workshop",
                       enabled_when=has_doc, errors="dialog",
                       tip="Open, run and close Delphi rounds and see how they moved"),
            ActionSpec("workshop.snapshots", "&Snapshots\u2026", "Map", self.snapshots, submenu="Workshop",
                       enabled_when=has_doc, errors="dialog",
                       tip="Keep named snapshots of the map and its ranking, and compare two"),
        ]


def workshop_menu(window):
    """The Map ▸ Workshop submenu (made by the weighing panel), or None."""
    menu = getattr(window, "menus", {}).get("Map")
    if menu is None:
        return None
    return next((a.menu() for a in menu.actions() if a.menu() and a.menu().title() == "Workshop"), None)


def install_method(window) -> MethodInstall:
    install = MethodInstall(window)
    dock = window.add_panel(install.history, "History", "left", "historyDock")
    dock.visibilityChanged.connect(install.history.brought_forward)
    submenu = workshop_menu(window)
    for spec in install.specs():
        action = window.registry.add(spec)
        if submenu is not None and spec.submenu == "Workshop":
            submenu.addAction(action)
        elif spec.menu == "View" and "View" in getattr(window, "menus", {}):
            window.menus["View"].addAction(action)
    window.registry.refresh()
    return install
