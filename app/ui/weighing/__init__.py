"""The weighing panel and its wiring into the main window.

The main window calls :func:`install_weighing` once, after its action registry and menus
exist. The panel follows the window's ``set_document`` like every other panel (the window
calls ``panel.set_document``). The results belong to the document (``doc.weighing``): the
panel, the canvas, presentation mode and the assessment round each read them from there, so
nothing here forwards them. What is done here: the dock, the actions and their menu entries.
"""

from __future__ import annotations

from ..actions import ActionSpec
from .panel import WeighingPanel

__all__ = ["WeighingInstall", "WeighingPanel", "install_weighing"]


class WeighingInstall:
    """The installed panel and its actions."""

    def __init__(self, window, panel: WeighingPanel, canvas=None) -> None:
        self.window, self.panel, self.canvas = window, panel, canvas
        self.show_labels = _stored_labels()
        self.presentation = None
        self._apply_labels()

    @property
    def doc(self):
        return self.panel.doc

    def set_document(self, doc) -> None:
        """Follow another document (None when the window has no map open)."""
        self.panel.set_document(doc)

    def toggle_labels(self) -> None:
        """Show or hide the acceptability labels on the canvas's cards (a stored setting)."""
        from PySide6.QtCore import QSettings
        from ..canvas.labels import LABELS_KEY
        self.show_labels = not self.show_labels
        QSettings().setValue(LABELS_KEY, self.show_labels)
        self._apply_labels()

    def _apply_labels(self) -> None:
        canvas = self.canvas if self.canvas is not None else getattr(self.window, "canvas", None)
        if canvas is not None:
            canvas.set_show_labels(self.show_labels)

    # ----- actions -----------------------------------------------------------------
    def participants(self) -> None:
        from ..workshop.participants import ParticipantsDialog
        ParticipantsDialog(self.doc, self.window).exec()

    def assessment_round(self) -> None:
        from ..workshop.round import AssessmentRound
        AssessmentRound(self.doc, self.window).exec()

    def merge(self) -> None:
        from .. import dialogs
        from ..workshop.merge_dialog import merge_from
        folder = str(self.doc.path.parent)
        path = dialogs.ask_open_path(self.window, "Merge another copy", folder,
                                     "Reasonmap files (*.rmap)")
        if path:
            merge_from(self.doc, path, self.window).exec()

    def present(self) -> None:
        from ..presentation import present
        self.presentation = present(self.doc)

    def specs(self) -> list[ActionSpec]:
        has_doc = lambda: self.doc is not None                         # noqa: E731
        can_edit = lambda: self.doc is not None and not self.doc.read_only  # noqa: E731
        has_people = lambda: can_edit() and bool(self.doc.map.participants)  # noqa: E731
        return [
            ActionSpec("workshop.participants", "&Participants\u2026", "Map", self.participants,
                       submenu="Workshop", enabled_when=can_edit, errors="dialog"),
            ActionSpec("workshop.round", "&Assessment round\u2026", "Map", self.assessment_round,
                       submenu="Workshop", enabled_when=has_people, errors="dialog"),
            ActionSpec("workshop.merge", "&Merge another copy\u2026", "Map", self.merge,
                       submenu="Workshop", enabled_when=can_edit, errors="dialog"),
            ActionSpec("view.presentation", "&Presentation mode", "View", self.present,
                       shortcuts=("F5",), enabled_when=has_doc, separator=True),
            ActionSpec("view.labels", "Show &acceptability labels", "View", self.toggle_labels,
                       checked_when=lambda: self.show_labels,
                       tip="IN / OUT badges from the attacks alone (grounded labelling); "
                           "not the strength. Hover a badge for its reason."),
        ]


def _stored_labels() -> bool:
    """The View setting for acceptability labels (off unless the user switched them on)."""
    from PySide6.QtCore import QSettings
    from ..canvas.labels import LABELS_KEY
    value = QSettings().value(LABELS_KEY, False)
    return value is True or str(value).lower() == "true"


def install_weighing(window, canvas=None, doc=None) -> WeighingInstall:
    """Create the weighing panel in *window* and register its actions.

    *window* offers ``add_panel(widget, title, area, object_name)`` and ``registry`` (an
    ActionRegistry); *canvas* (default ``window.canvas``) offers ``set_show_labels``.
    """
    doc = doc if doc is not None else getattr(window, "doc", None)
    panel = WeighingPanel(None)
    install = WeighingInstall(window, panel, canvas)
    window.add_panel(panel, "Weighing", "right", "weighingDock")
    registry = getattr(window, "registry", None)
    if registry is not None:
        _add_actions(window, registry, install.specs())
    if panel.doc is not doc:
        install.set_document(doc)
    return install


def _add_actions(window, registry, specs) -> None:
    """Register the actions; if the window's menus are built already, add them there too."""
    menus = getattr(window, "menus", None) or {}
    submenus: dict = {}
    for spec in specs:
        action = registry.add(spec)
        menu = menus.get(spec.menu)
        if menu is None:
            continue
        if spec.submenu:
            if spec.submenu not in submenus:
                menu.addSeparator()
                submenus[spec.submenu] = menu.addMenu(spec.submenu)
            submenus[spec.submenu].addAction(action)
        else:
            if spec.separator:
                menu.addSeparator()
            menu.addAction(action)
    registry.refresh()
