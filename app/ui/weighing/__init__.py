"""The weighing panel and its wiring into the main window.

The main window calls :func:`install_weighing` once, after its action registry and menus
exist. The panel follows the window's ``set_document`` like every other panel (the window
calls ``panel.set_document``), and the canvas overlay follows the panel. Everything else —
the dock, the actions and their menu entries, the overlay — is done here.
"""

from __future__ import annotations

from ..actions import ActionSpec
from .panel import WeighingPanel

__all__ = ["WeighingInstall", "WeighingPanel", "install_weighing"]


class WeighingInstall:
    """The installed panel, its actions and its link to the canvas overlay."""

    def __init__(self, window, panel: WeighingPanel, canvas=None) -> None:
        self.window, self.panel, self.canvas = window, panel, canvas
        self.show_labels = True
        self.presentation = None
        panel.results_changed.connect(self._overlay)   # also after every set_document

    @property
    def doc(self):
        return self.panel.doc

    def set_document(self, doc) -> None:
        """Follow another document (None when the window has no map open)."""
        self.panel.set_document(doc)

    # ----- the canvas overlay ------------------------------------------------------
    def _overlay(self, update) -> None:
        canvas = self.canvas if self.canvas is not None else getattr(self.window, "canvas", None)
        if canvas is None or not hasattr(canvas, "set_overlay"):
            return
        w = self.panel.weighing
        if w is None:
            canvas.set_overlay(strengths=None, labels=None, spread=None, changed=frozenset())
            return
        strengths = {n: v for n, v in w.evaluation.strengths.items() if n not in w.evaluation.unconverged}
        spread = w.group().spread if w.perspective == "group" else None
        flash = update.nodes if update is not None and update.reason != "preview" else frozenset()
        canvas.set_overlay(strengths=strengths, labels=dict(w.labels) if self.show_labels else None,
                           spread=spread, changed=frozenset(flash))

    def toggle_labels(self) -> None:
        self.show_labels = not self.show_labels
        self._overlay(None)

    # ----- actions -----------------------------------------------------------------
    def participants(self) -> None:
        from ..workshop.participants import ParticipantsDialog
        ParticipantsDialog(self.doc, self.window).exec()

    def assessment_round(self) -> None:
        from ..workshop.round import AssessmentRound
        AssessmentRound(self.doc, self.window, self.panel.weighing).exec()

    def merge(self) -> None:
        from .. import dialogs
        from ..workshop.merge_dialog import merge_from
        folder = str(self.doc.path.parent)
        path = dialogs.ask_open_path(self.window, "Merge assessments from", folder,
                                     "Reasonmap files (*.rmap)")
        if path:
            merge_from(self.doc, path, self.window).exec()

    def present(self) -> None:
        from ..presentation import present
        self.presentation = present(self.doc, self.panel.weighing)

    def specs(self) -> list[ActionSpec]:
        has_doc = lambda: self.doc is not None                         # noqa: E731
        can_edit = lambda: self.doc is not None and not self.doc.read_only  # noqa: E731
        has_people = lambda: can_edit() and bool(self.doc.map.participants)  # noqa: E731
        return [
            ActionSpec("workshop.participants", "&Participants\u2026", "Map", self.participants,
                       submenu="Workshop", enabled_when=can_edit, errors="dialog"),
            ActionSpec("workshop.round", "&Assessment round\u2026", "Map", self.assessment_round,
                       submenu="Workshop", enabled_when=has_people, errors="dialog"),
            ActionSpec("workshop.merge", "&Merge assessments from\u2026", "Map", self.merge,
                       submenu="Workshop", enabled_when=can_edit, errors="dialog"),
            ActionSpec("view.presentation", "&Presentation mode", "View", self.present,
                       shortcuts=("F5",), enabled_when=has_doc, separator=True),
            ActionSpec("view.labels", "Show &acceptability labels", "View", self.toggle_labels,
                       checked_when=lambda: self.show_labels),
        ]


def install_weighing(window, canvas=None, doc=None) -> WeighingInstall:
    """Create the weighing panel in *window*, register its actions and wire the overlay.

    *window* offers ``add_panel(widget, title, area, object_name)`` and ``registry`` (an
    ActionRegistry); *canvas* (default ``window.canvas``) offers ``set_overlay``.
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
