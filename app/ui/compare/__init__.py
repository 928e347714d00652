"""The compare view and its wiring into the main window.

:func:`install_compare` puts the view in a tab beside the map (the window's centre becomes a
tab widget holding "Map" and "Compare strategies"), registers View ▸ Compare the
strategies (Ctrl+Shift+C) and File ▸ Export slides…, and has the window hand it every
document it shows. The numbers come from the document's weighing, so the view follows the
semantics and the perspective chosen in the weighing panel.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QTabWidget

from ..actions import ActionSpec
from .view import CompareView

__all__ = ["CompareInstall", "CompareView", "install_compare"]

KEY = "Ctrl+Shift+C"


class CompareInstall:
    """The installed view, the centre's tabs and the actions."""

    def __init__(self, window, view: CompareView, tabs: QTabWidget) -> None:
        self.window, self.view, self.tabs = window, view, tabs

    @property
    def shown(self) -> bool:
        return self.tabs.currentWidget() is self.view

    def toggle(self) -> None:
        """Show the compare view, or the map again if it is shown."""
        self.tabs.setCurrentIndex(0 if self.shown else self.tabs.indexOf(self.view))
        if self.shown:
            _focus_page(self.view.tabs.currentWidget())
        else:
            self.window.canvas.setFocus()

    def show_on_map(self, node_id: str) -> None:
        """Back to the map, with the card selected and in view."""
        self.tabs.setCurrentIndex(0)
        canvas = self.window.canvas
        canvas.select_node(node_id, centre=True)
        canvas.setFocus()

    def export_slides(self, path: str | None = None) -> None:
        from .slides_export import export_slides
        export_slides(self.window, path)

    def specs(self) -> list[ActionSpec]:
        has_doc = lambda: self.window.doc is not None         # noqa: E731
        return [
            ActionSpec("view.compare", "&Compare the strategies", "View", self.toggle,
                       shortcuts=(KEY,), enabled_when=has_doc, checked_when=lambda: self.shown,
                       separator=True,
                       tip="Every strategy side by side: what each consideration contributes, "
                           "head to head, what would change the leader (again for the map)"),
            ActionSpec("file.export_slides", "Export &slides\u2026", "File", self.export_slides,
                       enabled_when=has_doc, errors="dialog",
                       tip="One 16:9 slide per strategy with its reasons and objections, after a "
                           "title slide with the ranking (PDF, or numbered PNGs)"),
        ]


def install_compare(window) -> CompareInstall:
    """Put the compare view in a tab beside the map of *window* and register its actions.

    *window* offers ``centralWidget``/``setCentralWidget``, ``panels`` (views that are given
    every document), ``doc``, ``registry`` and ``menus``.
    """
    centre = window.takeCentralWidget()
    tabs = QTabWidget(objectName="centreTabs")
    tabs.setDocumentMode(True)
    tabs.addTab(centre, "Map")
    view = CompareView()
    tabs.addTab(view, "Compare strategies")
    window.setCentralWidget(tabs)
    install = CompareInstall(window, view, tabs)
    view.show_on_map.connect(install.show_on_map)
    tabs.currentChanged.connect(lambda _i: window.registry.refresh())
    window.panels.append(view)
    view.set_document(window.doc)
    for spec in install.specs():
        _add_action(window, spec)
    window.registry.refresh()
    return install


def _focus_page(page) -> None:
    """Give the keyboard to the page's first visible table or list (arrow keys then move
    along its rows), else to the page itself."""
    views = [v for v in page.findChildren(QAbstractItemView) if v.isVisible()]
    (views[0] if views else page).setFocus(Qt.ShortcutFocusReason)


def _add_action(window, spec: ActionSpec) -> None:
    """Register *spec*; put it in its menu (Export slides right after Export)."""
    action = window.registry.add(spec)
    menu = (getattr(window, "menus", None) or {}).get(spec.menu)
    if menu is None:
        return
    items = menu.actions()
    after = next((i for i, a in enumerate(items) if a.objectName() == "file.export"), None)
    if spec.id == "file.export_slides" and after is not None and after + 1 < len(items):
        menu.insertAction(items[after + 1], action)
        return
    if spec.separator:
        menu.addSeparator()
    menu.addAction(action)
