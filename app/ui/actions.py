"""The action registry: every command of the window, its keys, its menu and when it is enabled.

Menus, the toolbar and the shortcut sheet are all built from one table, so an action cannot
exist without a menu entry, and ``shortcut_conflicts`` finds two actions sharing a key.

Scopes: ``window`` keys work anywhere in the window; ``map`` keys only while the canvas or the
outline itself has the focus (so Delete or Enter in a text field never touches the map);
``canvas`` keys only on the canvas (arrow keys there walk the graph, in the outline they
move through the tree).
"""

from __future__ import annotations

import sys
import traceback
from dataclasses import dataclass
from typing import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar, QToolBar, QWidget

from ..model import ReasonmapError

MENUS = ("File", "Edit", "Map", "View", "Help")


@dataclass
class ActionSpec:
    """One command: what it is called, which keys run it and what it does."""

    id: str
    text: str
    menu: str
    handler: Callable[[], object]
    shortcuts: tuple[str, ...] = ()
    enabled_when: Callable[[], bool] | None = None
    text_when: Callable[[], str] | None = None
    checked_when: Callable[[], bool] | None = None
    checkable: bool = False
    icon: str | None = None
    scope: str = "window"          # "window" | "map" | "canvas"
    submenu: str | None = None     # e.g. "Select" puts it in Map ▸ Select
    toolbar: bool = False
    tip: str = ""
    errors: str = "status"         # how a ReasonmapError is shown: "status" | "dialog"
    separator: bool = False        # a separator line before it in its menu


class ActionRegistry(QObject):
    """Holds the QActions of one window, built from ActionSpecs."""

    def __init__(self, parent: QWidget, report: Callable[[str, str, bool], None]) -> None:
        super().__init__(parent)
        self._parent = parent
        self._report = report          # report(title, message, as_dialog)
        self.specs: dict[str, ActionSpec] = {}
        self.actions: dict[str, QAction] = {}
        self.scope_widgets: dict[str, list[QWidget]] = {"map": [], "canvas": []}

    # ----- building ----------------------------------------------------------------
    def add(self, spec: ActionSpec) -> QAction:
        """Register *spec* and make its QAction."""
        if spec.id in self.specs:
            raise ValueError(f"action {spec.id!r} registered twice")
        if spec.menu not in MENUS:
            raise ValueError(f"action {spec.id!r} names unknown menu {spec.menu!r}")
        action = QAction(spec.text, self._parent)
        action.setObjectName(spec.id)
        action.setShortcuts([QKeySequence(s) for s in spec.shortcuts])
        action.setCheckable(spec.checkable or spec.checked_when is not None)
        action.setToolTip(spec.tip or spec.text)
        if spec.text_when is not None:     # its toolbar button keeps one width: the short text
            action.setIconText(spec.text.replace("&", "").rstrip("…"))
        if spec.icon:
            action.setIcon(QIcon.fromTheme(spec.icon))
        if spec.scope == "window":
            action.setShortcutContext(Qt.WindowShortcut)
            self._parent.addAction(action)
        else:
            action.setShortcutContext(Qt.WidgetShortcut)
            for widget in self.scope_widgets[spec.scope]:
                widget.addAction(action)
        action.triggered.connect(lambda _checked=False, s=spec: self.run(s.id))
        self.specs[spec.id], self.actions[spec.id] = spec, action
        return action

    def attach_scope(self, scope: str, widget: QWidget) -> None:
        """Make the keys of every *scope* action work while *widget* has the focus."""
        self.scope_widgets[scope].append(widget)
        for sid, spec in self.specs.items():
            if spec.scope == scope:
                widget.addAction(self.actions[sid])

    def build_menus(self, menubar: QMenuBar, extra: dict[str, QMenu] | None = None) -> dict[str, QMenu]:
        """One menu per MENUS entry, actions in registration order; *extra* maps an action
        id to a submenu inserted right after that action (e.g. Open Recent)."""
        menus = {name: menubar.addMenu("&" + name) for name in MENUS}
        submenus: dict[tuple[str, str], QMenu] = {}
        for sid, spec in self.specs.items():
            menu = menus[spec.menu]
            if spec.separator:
                menu.addSeparator()
            if spec.submenu:
                key = (spec.menu, spec.submenu)
                if key not in submenus:
                    submenus[key] = menu.addMenu(spec.submenu)
                submenus[key].addAction(self.actions[sid])
                continue
            menu.addAction(self.actions[sid])
            if extra and sid in extra:
                menu.addMenu(extra[sid])
        return menus

    def build_toolbar(self, toolbar: QToolBar) -> None:
        for sid, spec in self.specs.items():
            if spec.toolbar:
                toolbar.addAction(self.actions[sid])

    # ----- running -----------------------------------------------------------------
    def action(self, action_id: str) -> QAction:
        return self.actions[action_id]

    def run(self, action_id: str) -> None:
        """Run an action's handler; errors become a message, never a traceback."""
        spec = self.specs[action_id]
        try:
            spec.handler()
        except ReasonmapError as exc:
            self._report(_title(spec), str(exc), spec.errors == "dialog")
        except Exception as exc:  # a bug: keep working, say what happened, log the details
            traceback.print_exc(file=sys.stderr)
            self._report(_title(spec), f"Something went wrong ({type(exc).__name__}: {exc}). "
                         "Nothing was changed.", True)
        self.refresh()

    def refresh(self) -> None:
        """Update every action's enabled state, text and check mark."""
        for sid, spec in self.specs.items():
            action = self.actions[sid]
            if spec.enabled_when is not None:
                action.setEnabled(_safely(spec.enabled_when, False))
            if spec.text_when is not None:
                action.setText(_safely(spec.text_when, spec.text))
                if not spec.tip:           # the toolbar's short text; the full one on hover
                    action.setToolTip(action.text().replace("&", ""))
            if spec.checked_when is not None:
                action.setChecked(_safely(spec.checked_when, False))

    # ----- listing -----------------------------------------------------------------
    def shortcut_sheet(self) -> list[tuple[str, str, str]]:
        """(menu, text, keys) for every action, in menu order, for the shortcut sheet."""
        rows = []
        for menu in MENUS:
            for spec in self.specs.values():
                if spec.menu != menu:
                    continue
                keys = ", ".join(QKeySequence(s).toString(QKeySequence.NativeText)
                                 for s in spec.shortcuts)
                if keys and spec.scope != "window":
                    keys += f"  ({spec.scope})"
                rows.append((menu, spec.text.replace("&", "").rstrip("…"), keys))
        return rows

    def shortcut_conflicts(self) -> list[tuple[str, str, str]]:
        """(key, action id, action id) for every key given to two actions."""
        seen: dict[str, str] = {}
        clashes = []
        for sid, spec in self.specs.items():
            for key in spec.shortcuts:
                norm = QKeySequence(key).toString(QKeySequence.PortableText)
                if norm in seen:
                    clashes.append((norm, seen[norm], sid))
                seen.setdefault(norm, sid)
        return clashes


def _title(spec: ActionSpec) -> str:
    return spec.text.replace("&", "").rstrip("…").split(" (")[0]


def _safely(func: Callable, default):
    try:
        return func()
    except Exception:  # a view not ready yet: show the safe state
        return default


# ----- the window's actions ----------------------------------------------------------
def window_actions(w) -> list[ActionSpec]:
    """Every action of the main window *w* (which offers .doc, .canvas, .outline, .findbar,
    .file_ops and .registry)."""
    return (file_actions(w) + edit_actions(w) + map_actions(w) + view_actions(w)
            + filter_actions(w) + help_actions(w))


def _has_doc(w) -> Callable[[], bool]:
    return lambda: w.doc is not None and not w.doc.read_only


def _has_selection(w) -> Callable[[], bool]:
    return lambda: w.doc is not None and bool(w.doc.selection.nodes or w.doc.selection.edges)


def _empty_map(w) -> bool:
    """A writable map without cards (Insert then adds the first claim)."""
    return w.doc is not None and not w.doc.read_only and not w.doc.map.nodes


def _has_node(w) -> Callable[[], bool]:
    return lambda: w.doc is not None and w.doc.selection.current_node is not None


def file_actions(w) -> list[ActionSpec]:
    f = w.file_ops
    d = dict(menu="File", errors="dialog")
    return [
        ActionSpec("file.new", "&New map…", handler=f.new_map, shortcuts=("Ctrl+N",),
                   icon="document-new", toolbar=True, **d),
        ActionSpec("file.open", "&Open…", handler=f.open_map, shortcuts=("Ctrl+O",),
                   icon="document-open", toolbar=True,
                   tip="Open a map, or import a map from another program into a new map file", **d),
        ActionSpec("file.open_example", "Open the e&xample map", handler=f.open_example, **d),
        ActionSpec("file.save_as", "Save a &copy as…", handler=f.save_as, shortcuts=("Ctrl+Shift+S",),
                   enabled_when=lambda: w.doc is not None, separator=True,
                   tip="Every change is already saved; this writes a backup copy", **d),
        ActionSpec("file.import", "&Import…", handler=f.import_map, shortcuts=("Ctrl+I",), **d),
        ActionSpec("file.export", "&Export…", handler=f.export, shortcuts=("Ctrl+E",),
                   enabled_when=lambda: w.doc is not None, icon="document-export", **d),
        ActionSpec("file.close", "&Close", handler=w.close, shortcuts=("Ctrl+W",), separator=True, **d),
        ActionSpec("file.quit", "&Quit", handler=f.quit, shortcuts=("Ctrl+Q",), **d),
    ]


def edit_actions(w) -> list[ActionSpec]:
    d = dict(menu="Edit")
    doc = lambda: w.doc  # noqa: E731 - the document changes when another map is opened
    return [
        ActionSpec("edit.undo", "&Undo", handler=lambda: doc().undo(), shortcuts=("Ctrl+Z",),
                   enabled_when=lambda: doc() is not None and doc().can_undo,
                   text_when=lambda: _step("Undo", doc() and doc().undo_label),
                   icon="edit-undo", toolbar=True, **d),
        ActionSpec("edit.redo", "&Redo", handler=lambda: doc().redo(),
                   shortcuts=("Ctrl+Shift+Z", "Ctrl+Y"),
                   enabled_when=lambda: doc() is not None and doc().can_redo,
                   text_when=lambda: _step("Redo", doc() and doc().redo_label),
                   icon="edit-redo", toolbar=True, **d),
        ActionSpec("edit.copy", "&Copy", handler=lambda: w.canvas.copy_selection(),
                   shortcuts=("Ctrl+C",), scope="map", enabled_when=_has_selection(w), separator=True, **d),
        ActionSpec("edit.paste", "&Paste", handler=lambda: w.canvas.paste(), shortcuts=("Ctrl+V",),
                   scope="map", enabled_when=_has_doc(w), **d),
        ActionSpec("edit.delete", "&Delete", handler=lambda: w.canvas.delete_selection(),
                   shortcuts=("Delete", "Backspace"), scope="map", enabled_when=_has_selection(w), **d),
        ActionSpec("edit.ask_delete", "Ask again before deleting reasons", handler=_forget_delete_choice,
                   enabled_when=_delete_choice_remembered,
                   tip="Deleting a card with reasons below it asks again what happens to them", **d),
        ActionSpec("edit.select_all", "Select &all", handler=lambda: _select_all(w),
                   shortcuts=("Ctrl+A",), scope="map", enabled_when=lambda: w.doc is not None, **d),
        ActionSpec("edit.find", "&Find…", handler=lambda: w.findbar.open(), shortcuts=("Ctrl+F",),
                   enabled_when=lambda: w.doc is not None, separator=True, **d),
        ActionSpec("edit.find_next", "Find &next", handler=lambda: w.findbar.next(),
                   shortcuts=("F3",), enabled_when=lambda: w.doc is not None, **d),
        ActionSpec("edit.find_previous", "Find pre&vious", handler=lambda: w.findbar.previous(),
                   shortcuts=("Shift+F3",), enabled_when=lambda: w.doc is not None, **d),
    ]


def _forget_delete_choice() -> None:
    from . import dialogs
    dialogs.forget_delete_choice()


def _delete_choice_remembered() -> bool:
    from . import dialogs
    return dialogs.remembered_delete_choice() is not None


def _step(verb: str, label: str | None) -> str:
    return f"{verb} {label}" if label else verb


def _select_all(w) -> None:
    w.doc.selection.set(tuple(w.doc.map.nodes), (), origin="select-all")


def map_actions(w) -> list[ActionSpec]:
    d = dict(menu="Map", enabled_when=_has_node(w))
    c = lambda: w.canvas  # noqa: E731 - the canvas is created after the actions' owner
    specs = [
        ActionSpec("map.add_reason", "Add &reason", handler=lambda: c().add_reason(),
                   shortcuts=("Ctrl+R", "Insert"), scope="map", toolbar=True,
                   tip="Add a reason supporting the selected card (on an empty map: a first claim)",
                   **{**d, "enabled_when": lambda: _has_node(w)() or _empty_map(w)}),
        ActionSpec("map.add_objection", "Add &objection", handler=lambda: c().add_objection(),
                   shortcuts=("Ctrl+Shift+R",), scope="map", toolbar=True,
                   tip="Add an objection attacking the selected card", **d),
        ActionSpec("map.add_sibling", "Add &sibling", handler=lambda: c().add_sibling(),
                   shortcuts=("Ctrl+Return",), scope="map",
                   tip="Add a card beside the selected one, under the same parent", **d),
        ActionSpec("map.edit_title", "&Edit title", handler=lambda: _edit_title(w),
                   shortcuts=("F2", "Return", "Enter"), scope="map", separator=True,
                   text_when=lambda: _enter_text(w), **d),
        ActionSpec("map.collapse", "Collapse or e&xpand", handler=lambda: c().toggle_collapse(),
                   shortcuts=("Ctrl+Space",), scope="map", **d),
        ActionSpec("map.focus", "&Focus on the neighbourhood", handler=lambda: _focus(w),
                   shortcuts=("Ctrl+Shift+F",), checkable=True, menu="Map",
                   enabled_when=lambda: w.doc is not None,
                   checked_when=lambda: w.canvas.filter_kind == "focus",
                   tip="Show only the cards near the selected one (again to show all)"),
        ActionSpec("map.relayout", "Auto &layout", handler=lambda: c().relayout(),
                   shortcuts=("Ctrl+L",), menu="Map", enabled_when=_has_doc(w), separator=True),
    ]
    for direction, key, words in (("up", "Up", "the card above"), ("down", "Down", "the card below"),
                                  ("left", "Left", "the card to the left"),
                                  ("right", "Right", "the card to the right")):
        specs.append(ActionSpec(f"map.select_{direction}", f"Select {words}",
                                handler=lambda dn=direction: c().select_neighbour(dn),
                                shortcuts=(key,), scope="canvas", submenu="Move the selection",
                                menu="Map", enabled_when=lambda: w.doc is not None))
    return specs


def _connecting(w) -> bool:
    connector = getattr(w, "connector", None)      # keyboard connecting (app.ui.keyboard_edit)
    return connector is not None and connector.active


def _enter_text(w) -> str:
    return "Connect here as a reason" if _connecting(w) else "&Edit title"


def _edit_title(w) -> None:
    if _connecting(w):                 # Enter picks the target of a keyboard connection
        return w.connector.finish("support")
    if w.outline.has_focus():
        w.outline.edit_current()
    else:
        w.canvas.edit_title()


def _focus(w) -> None:
    on = w.registry.action("map.focus").isChecked()
    w.canvas.set_focus(2 if on else None)


def view_actions(w) -> list[ActionSpec]:
    c = lambda: w.canvas  # noqa: E731
    d = dict(menu="View", enabled_when=lambda: w.doc is not None)
    return [
        ActionSpec("view.zoom_in", "Zoom &in", handler=lambda: c().zoom_in(),
                   shortcuts=("Ctrl+=", "Ctrl++"), icon="zoom-in", **d),
        ActionSpec("view.zoom_out", "Zoom &out", handler=lambda: c().zoom_out(),
                   shortcuts=("Ctrl+-",), icon="zoom-out", **d),
        ActionSpec("view.zoom_reset", "&Actual size", handler=lambda: c().zoom_reset(),
                   shortcuts=("Ctrl+1",), **d),
        ActionSpec("view.fit_all", "&Fit the map", handler=lambda: c().fit_all(),
                   shortcuts=("Ctrl+0",), icon="zoom-fit-best", toolbar=True, **d),
        ActionSpec("view.fit_selection", "Fit the &selection", handler=lambda: c().fit_selection(),
                   shortcuts=("Ctrl+2",), **d),
    ]


def filter_actions(w) -> list[ActionSpec]:
    """Showing one strategy's case, and the whole map again (the canvas's banner says which)."""
    c = lambda: w.canvas  # noqa: E731
    return [
        ActionSpec("view.strategy_case", "Show this strategy's &case", "View",
                   handler=lambda: c().show_case(), shortcuts=("Ctrl+Shift+E",), checkable=True,
                   checked_when=lambda: c().filter_kind == "case",
                   enabled_when=lambda: w.doc is not None and (
                       w.doc.selection.current_node is not None or c().filter_kind == "case"),
                   tip="Show only the selected strategy and every argument bearing on it "
                       "(again to show the whole map)", separator=True),
        ActionSpec("view.whole_map", "Show the &whole map", "View",
                   handler=lambda: c().show_whole_map(),
                   enabled_when=lambda: w.doc is not None and bool(c().filter_kind),
                   tip="End a strategy's case or focus mode"),
    ]


def help_actions(w) -> list[ActionSpec]:
    from . import dialogs
    return [
        ActionSpec("help.shortcuts", "&Keyboard shortcuts", menu="Help", shortcuts=("F1",),
                   handler=lambda: _shortcut_sheet(w)),
        ActionSpec("help.about", "&About Reasonmap", menu="Help",
                   handler=lambda: dialogs.show_about(w)),
    ]


def _shortcut_sheet(w) -> None:
    from .shortcut_sheet import show_sheet
    show_sheet(w)


def _toggle_panel(action, dock) -> None:
    """Show or hide *dock*; a panel that is open but behind another tab is brought to the
    front instead of hidden (Alt+2 on a laptop, where the inspector shares its place)."""
    behind = dock.window().isVisible() and dock.visibleRegion().isEmpty()   # Qt moves it off
    if not action.isChecked() and not dock.isHidden() and behind:
        action.setChecked(True)
        dock.raise_()
        return
    dock.setVisible(action.isChecked())
    if action.isChecked():
        dock.raise_()


def panel_action(registry: ActionRegistry, dock, title: str, index: int) -> ActionSpec:
    """A View-menu toggle for a docked panel (Alt+1 … Alt+9 in the order panels are added)."""
    keys = (f"Alt+{index}",) if index <= 9 else ()
    spec = ActionSpec(f"view.panel.{dock.objectName()}", f"Show {title.lower()}", menu="View",
                      handler=lambda: _toggle_panel(registry.action(spec.id), dock),
                      shortcuts=keys, checked_when=lambda: not dock.isHidden(),
                      separator=index == 1)
    registry.add(spec)
    return spec
