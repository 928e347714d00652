"""Editing without the mouse: connect two existing cards, and change a card's kind.

Connecting: select the source card, press Ctrl+K ("Connect from this card"), move the
selection to the card it bears on (arrow keys, Find, the outline), then Enter makes it a
reason for that card and Shift+Enter an objection; Escape cancels. A banner above the canvas
says what is going on for as long as it lasts, and the source card wears a dashed ring (the
canvas's emphasis keeps it lit while the selection moves). The relation is one undo step.

Kind: Map ▸ Kind lists the kinds with Ctrl+Shift+1 … 5; the current card's kind is checked.

Map ▸ Title and description shows the map's own page in the inspector (also where the inspector
shares its place with the weighing panel as a tab).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from ..model import Connect, ReasonmapError, SetKind
from ..model.entities import NODE_KINDS
from ..model.kinds import PLURAL
from .actions import ActionSpec

BANNER_STYLE = ("QLabel#connectBanner { background: #FFF4D6; color: #3d3000; "
                "border-bottom: 1px solid #E0C878; padding: 5px 10px; }")


def _short(title: str, limit: int = 60) -> str:
    return title if len(title) <= limit else title[:limit - 1] + "…"


class KeyboardConnect:
    """The "connect from" state of one window: which card the new relation starts from."""

    def __init__(self, window) -> None:
        self.w = window
        self.doc = None
        self.source: str | None = None
        self._unsubscribe = None
        self.banner = QLabel()
        self.banner.setObjectName("connectBanner")
        self.banner.setTextFormat(Qt.PlainText)        # card titles are the user's text
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(BANNER_STYLE)
        self.banner.setAccessibleName("Connecting")
        self.banner.hide()

    @property
    def active(self) -> bool:
        """True while a source is picked in the window's current document."""
        return (self.source is not None and self.doc is self.w.doc and self.doc is not None
                and self.source in self.doc.map.nodes)

    def start(self) -> None:
        """Take the selected card as the source of a new relation."""
        doc = self.w.doc
        nid = doc.selection.current_node if doc is not None else None
        if nid is None:
            raise ReasonmapError("Select the card to connect from first")
        self.cancel()
        self.doc, self.source = doc, nid
        self._unsubscribe = doc.changed.subscribe(lambda _e: self._check_source())
        title = _short(doc.map.nodes[nid].label)
        self.banner.setText(f"Connecting from \u201c{title}\u201d: select the card it bears on "
                            "(arrow keys or Ctrl+F), then press Enter to make it a reason or "
                            "Shift+Enter an objection. Escape cancels.")
        self.banner.show()
        self.w.canvas.map_scene.set_marked(nid)
        self.w.show_message(f"Connecting from \u201c{title}\u201d")

    def finish(self, relation: str) -> None:
        """Connect the source to the selected card as a reason ('support') or objection ('attack')."""
        if not self.active:
            self.cancel()
            raise ReasonmapError("Nothing to connect: press Ctrl+K on the card to start from")
        target = self.doc.selection.current_node
        if target is None or target == self.source:
            raise ReasonmapError("Select the card this one bears on, then press Enter "
                                 "(Escape cancels)")
        source = self.source
        self.doc.execute(Connect(source, target, relation))
        amap = self.doc.map
        word = "supports" if relation == "support" else "objects to"
        self.cancel()
        self.w.show_message(f"Connected: \u201c{_short(amap.nodes[source].label, 40)}\u201d now "
                            f"{word} \u201c{_short(amap.nodes[target].label, 40)}\u201d")

    def cancel(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
        self._unsubscribe, self.source, self.doc = None, None, None
        self.banner.hide()
        self.w.canvas.map_scene.set_marked(None)

    def _check_source(self) -> None:
        if not self.active:          # the source card was deleted (or undone away)
            self.cancel()


def set_kind(window, kind: str) -> None:
    """Give every selected card *kind* (one undo step)."""
    doc = window.doc
    nid = doc.selection.current_node if doc is not None else None
    if nid is None:
        raise ReasonmapError("Select a card first")
    chosen = [n for n in doc.selection.nodes if n in doc.map.nodes]
    doc.execute(SetKind(tuple(chosen if nid in chosen else [nid]), kind))


def _current_kind(window) -> str | None:
    doc = window.doc
    nid = doc.selection.current_node if doc is not None else None
    return doc.map.nodes[nid].kind if nid in (doc.map.nodes if doc else ()) else None


def show_map_page(window) -> None:
    """Clear the selection and bring the inspector, which then shows the map itself, forward."""
    window.doc.selection.clear(origin="map-page")
    dock = window.docks["inspectorDock"]
    dock.show()
    dock.raise_()
    window.inspector.map_description.setFocus()


def keyboard_actions(w) -> list[ActionSpec]:
    """The Map menu's "Connect" and "Kind" entries of window *w* (which has .connector)."""
    writable_node = lambda: (w.doc is not None and not w.doc.read_only  # noqa: E731
                             and w.doc.selection.current_node is not None)
    connecting = lambda: w.connector.active  # noqa: E731
    specs = [
        ActionSpec("map.connect_from", "Connect from this card…", menu="Map",
                   handler=lambda: w.connector.start(), shortcuts=("Ctrl+K",), scope="map",
                   enabled_when=writable_node, separator=True, submenu="Connect",
                   tip="Start a relation from the selected card; pick the other card with the "
                       "keyboard, then Enter (reason) or Shift+Enter (objection)"),
        ActionSpec("map.connect_objection", "Connect here as an objection", menu="Map",
                   handler=lambda: w.connector.finish("attack"),
                   shortcuts=("Shift+Return", "Shift+Enter"), scope="map", enabled_when=connecting,
                   submenu="Connect"),
        ActionSpec("map.connect_cancel", "Cancel connecting", menu="Map",
                   handler=lambda: w.connector.cancel(), shortcuts=("Escape",), scope="map",
                   enabled_when=connecting, submenu="Connect"),
    ]
    specs.append(ActionSpec("map.describe", "Title and description…", menu="Map",
                            handler=lambda: show_map_page(w), enabled_when=lambda: w.doc is not None,
                            tip="Show the map's title and description (how its scores were chosen)"))
    for i, kind in enumerate(NODE_KINDS, start=1):
        specs.append(ActionSpec(f"map.kind_{kind}", kind.capitalize(), menu="Map", submenu="Kind",
                                handler=lambda k=kind: set_kind(w, k), shortcuts=(f"Ctrl+Shift+{i}",),
                                scope="map", enabled_when=writable_node,
                                checked_when=lambda k=kind: _current_kind(w) == k,
                                tip=f"Make the selected cards {PLURAL[kind]}"))
    return specs

