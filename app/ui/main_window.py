"""The main window: composes the canvas, the docked panels, menus and status bar.

It owns no logic: actions live in ``actions``, file handling in ``file_ops``, and each panel
is its own class that talks to the Document only. Later panels are added with
``add_panel(widget, title, area, object_name)``; a panel with ``set_document(doc)`` is given
every document the window shows, and one with a ``message`` signal speaks in the status bar.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QToolBar, QVBoxLayout, QWidget

from . import dialogs
from .actions import ActionRegistry, panel_action, window_actions
from .canvas import MapCanvas
from .file_ops import FileOps
from .empty_hint import EmptyMapHint
from .findbar import FindBar
from .gc_guard import hold_document
from .hover_tips import RationaleTips
from .inspector import InspectorPanel
from .keyboard_edit import KeyboardConnect, keyboard_actions
from .outline import OutlinePanel
from .plain import plain_tip

MESSAGE_MS = 6000
TABBED_AREAS = {"left"}     # later left panels become tabs beside the outline; right ones stack
AREAS = {"left": Qt.LeftDockWidgetArea, "right": Qt.RightDockWidgetArea,
         "bottom": Qt.BottomDockWidgetArea, "top": Qt.TopDockWidgetArea}


class MainWindow(QMainWindow):
    """One map on screen: canvas in the middle, outline left, inspector right."""

    def __init__(self) -> None:
        super().__init__()
        self.doc = None
        self._unsubscribe: list = []
        self.panels: list[QWidget] = []
        self.docks: dict[str, QDockWidget] = {}
        self.setObjectName("mainWindow")
        self.setWindowTitle("Reasonmap")
        self.canvas = MapCanvas()
        self.canvas.setAccessibleName("Map canvas")
        self.canvas.message.connect(self.show_message)
        self.canvas.view_changed.connect(lambda: self.registry.refresh())
        self.findbar = FindBar(self.canvas)
        self.rationale_tips = RationaleTips(self.canvas)
        self.connector = KeyboardConnect(self)
        self.empty_hint = EmptyMapHint(self.canvas)
        self.setCentralWidget(_stacked(self.findbar, self.connector.banner, self.canvas))
        self.outline = OutlinePanel()
        self.inspector = InspectorPanel()
        self.file_ops = FileOps(self)
        self.registry = ActionRegistry(self, self.report)
        self.registry.attach_scope("map", self.canvas)
        self.registry.attach_scope("map", self.outline.view)
        self.registry.attach_scope("canvas", self.canvas)
        for spec in window_actions(self) + keyboard_actions(self):
            self.registry.add(spec)
        self.menus = self.registry.build_menus(self.menuBar(), {"file.open": self.file_ops.recent_menu})
        self._toolbar()
        self.add_panel(self.outline, "Outline", "left", "outlineDock")
        self.add_panel(self.inspector, "Inspector", "right", "inspectorDock")
        self.saved = QLabel()
        self.saved.setObjectName("savedLabel")
        self.saved.setTextFormat(Qt.PlainText)      # the file name is the user's text
        self.statusBar().addPermanentWidget(self.saved)
        self.restore_layout()
        self.registry.refresh()

    def _toolbar(self) -> None:
        bar = QToolBar("Main toolbar")
        bar.setObjectName("mainToolbar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonTextBesideIcon)
        self.registry.build_toolbar(bar)
        self.addToolBar(Qt.TopToolBarArea, bar)

    # ----- composing ---------------------------------------------------------------
    def add_panel(self, widget: QWidget, title: str, area: str, object_name: str,
                  tab_with: str | None = None) -> QDockWidget:
        """Dock *widget* on the left/right/bottom, optionally as a tab beside the dock named
        *tab_with*; the View menu gets a toggle for it."""
        dock = QDockWidget(title, self)
        dock.setObjectName(object_name)
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetClosable | QDockWidget.DockWidgetMovable
                         | QDockWidget.DockWidgetFloatable)
        self.addDockWidget(AREAS[area], dock)
        tab_with = tab_with or (self._first_dock_in(area) if area in TABBED_AREAS else None)
        if tab_with in self.docks:
            self.tabifyDockWidget(self.docks[tab_with], dock)
        self.docks[object_name] = dock
        self.panels.append(widget)
        spec = panel_action(self.registry, dock, title, len(self.docks))
        if spec.separator:
            self.menus["View"].addSeparator()
        self.menus["View"].addAction(self.registry.action(spec.id))
        dock.visibilityChanged.connect(lambda _v: self.registry.refresh())
        if hasattr(widget, "message"):
            widget.message.connect(self.show_message)
        if hasattr(widget, "set_document"):
            widget.set_document(self.doc)
        return dock

    def _first_dock_in(self, area: str) -> str | None:
        return next((name for name, d in self.docks.items() if self.dockWidgetArea(d) == AREAS[area]), None)

    # ----- the document ------------------------------------------------------------
    def set_document(self, doc) -> None:
        """Show *doc* in every view; the previous document is closed."""
        old = self.doc
        for unsubscribe in self._unsubscribe:
            unsubscribe()
        self.connector.cancel()
        self.doc = doc
        self.canvas.set_document(doc)
        self.empty_hint.set_document(doc)
        for panel in self.panels:
            if hasattr(panel, "set_document"):
                panel.set_document(doc)
        self._unsubscribe = [doc.changed.subscribe(self._document_changed),
                             doc.selection.changed.subscribe(lambda *_: self.registry.refresh())]
        if old is not None and old is not doc:
            old.close()
        del old
        self._document_changed(None)
        hold_document(doc)

    def _document_changed(self, _event) -> None:
        doc = self.doc
        self.setWindowTitle(f"{doc.title} — Reasonmap")
        self.setWindowFilePath(str(doc.path))
        state = "Read-only" if doc.read_only else "All changes saved in"
        self.saved.setText(f"{state} {doc.path.name}")
        self.saved.setToolTip(plain_tip(str(doc.path)))
        self.registry.refresh()

    # ----- messages ----------------------------------------------------------------
    def show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, MESSAGE_MS)

    def report(self, title: str, message: str, as_dialog: bool) -> None:
        """Show an error from an action: a dialog for file work, the status bar otherwise."""
        if as_dialog:
            dialogs.show_error(self, title, message)
        else:
            self.show_message(message)

    # ----- layout persistence --------------------------------------------------------
    def restore_layout(self) -> None:
        settings = QSettings()
        geometry, state = settings.value("window/geometry"), settings.value("window/state")
        screen = self.screen().availableGeometry()
        if geometry is None or not self.restoreGeometry(geometry):
            self.default_layout(screen.width(), screen.height())
        if state is not None:
            self.restoreState(state)
        self._fit_screen(screen)

    def _fit_screen(self, screen) -> None:
        """Cut the window down to *screen* (its available part) and move it onto it as far
        as it fits: a layout saved on a bigger screen (a desk monitor, now a projector) kept
        its size and position, its bottom and status line below the screen's edge. (Before
        the window is first shown its frame is not known: a window manager that adds one
        keeps the window on the screen itself.)"""
        frame = self.frameGeometry()
        extra_w, extra_h = frame.width() - self.width(), frame.height() - self.height()
        if self.height() + extra_h > screen.height() or self.width() + extra_w > screen.width():
            self._fit_short_screen(screen.height())
            self.resize(min(self.width(), screen.width() - extra_w),
                        min(self.height(), screen.height() - extra_h))
        frame = self.frameGeometry()
        x = max(screen.left(), min(frame.left(), screen.right() + 1 - frame.width()))
        y = max(screen.top(), min(frame.top(), screen.bottom() + 1 - frame.height()))
        if (x, y) != (frame.left(), frame.top()):
            self.move(x, y)

    def default_layout(self, screen_w: int, screen_h: int) -> None:
        """The first-start size and dock widths for a screen of *screen_w* × *screen_h*."""
        self._fit_short_screen(screen_h)    # first: stacked docks would make the window taller
        width, height = first_size(screen_w, screen_h)
        self.resize(width, height)
        left, right = side_widths(width)
        right_docks = [d for d in self.docks.values() if self.dockWidgetArea(d) == Qt.RightDockWidgetArea]
        docks = [self.docks["outlineDock"]] + right_docks[:1]
        self.resizeDocks(docks, [left, right][:len(docks)], Qt.Horizontal)

    def _fit_short_screen(self, height: int) -> None:
        """On a laptop or projector screen (under 900 px high) the inspector and the weighing
        panel share one place as tabs, so their stacked minimum heights never push the
        window past the screen; the weighing panel is shown first."""
        inspector, weighing = self.docks.get("inspectorDock"), self.docks.get("weighingDock")
        if height < 900 and inspector is not None and weighing is not None:
            self.tabifyDockWidget(inspector, weighing)
            weighing.raise_()

    def closeEvent(self, event) -> None:
        settings = QSettings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/state", self.saveState())
        for unsubscribe in self._unsubscribe:
            unsubscribe()
        self._unsubscribe = []
        self.connector.cancel()
        if self.doc is not None:
            for panel in [self.canvas, self.empty_hint] + self.panels:
                if hasattr(panel, "set_document"):
                    _detach(panel)
            self.doc.close()
            self.doc = None
        super().closeEvent(event)


def first_size(screen_w: int, screen_h: int) -> tuple[int, int]:
    """The window's size on first start: most of the screen, never more than it.

    >>> first_size(1920, 1080), first_size(1366, 768), first_size(1280, 720)
    ((1766, 972), (1311, 714), (1228, 669))
    """
    share = 0.92 if screen_w >= 1600 else 0.96
    return (min(screen_w, max(1000, int(screen_w * share))),
            min(screen_h, max(640, int(screen_h * (0.9 if screen_h >= 900 else 0.93)))))


def side_widths(width: int) -> tuple[int, int]:
    """Widths of the left and right docks, so the canvas keeps more than half the window.

    >>> side_widths(1766), side_widths(1311), side_widths(1228)
    ((317, 340), (235, 320), (221, 320))
    """
    return (int(min(340, max(220, width * 0.18))), int(min(340, max(320, width * 0.23))))


def build_main_window() -> MainWindow:
    """The full window: the core panels plus the source panel (a tab beside the outline), the
    weighing panel (below the inspector) and the compare view (a tab beside the map), with the
    saved layout restored."""
    from .compare import install_compare
    from .source_panel import install_source_panel
    from .live import install_live
    from .weighing import install_weighing
    from .workshop.method import install_method
    window = MainWindow()
    window.sources = install_source_panel(window, None)
    window.weighing = install_weighing(window)
    window.compare = install_compare(window)
    window.live = install_live(window)
    window.method = install_method(window)
    window.docks["outlineDock"].raise_()
    window.restore_layout()
    return window


def _detach(panel) -> None:
    try:
        panel.set_document(None)
    except Exception:  # a panel that needs a document: it goes away with the window anyway
        pass


def _stacked(*widgets: QWidget) -> QWidget:
    """*widgets* one above the other; the last one (the canvas) takes the spare height."""
    box = QWidget()
    box.setObjectName("centre")
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    for widget in widgets[:-1]:
        layout.addWidget(widget)
    layout.addWidget(widgets[-1], 1)
    return box
