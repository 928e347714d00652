"""MapCanvas: the QGraphicsView showing a document's map, with zoom, pan, selection sync,
mouse interaction (drag to move, drag from the handle to connect) and keys."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QPixmapCache
from PySide6.QtWidgets import QApplication, QGraphicsView

from ...model import ReasonmapError
from ...render.geometry import measure_nodes, place_missing
from ...render.style import LOD_TITLE, OVERVIEW_ZOOM
from .binding import MapScene
from .commands import LayoutNodes
from .banner import Banner
from .editing import EditingMixin
from .filters import FilterMixin
from .gestures import Gesture, MoveDrag, start_gesture
from .items import CardItem, EdgeItem, paint_edge_lines
from .lazy_routing import first_paint_done, shape_edges_in
from .navigation import NavigationMixin

ZOOM_MIN, ZOOM_MAX, ZOOM_STEP = 0.03, 4.0, 1.25
MARGIN = 30.0          # room kept around the map when it is fitted
# Qt keeps each card's picture (its item cache) in QPixmapCache, 10 MB by default: a few
# windows full of cards at 100 % (3.5 MB each at 1600 x 1000, four times that on a 2x screen).
# Beyond it the oldest are dropped, and panning back to them drew each afresh (0.1-0.3 ms a
# card). 64 MB keeps about eighteen windows' worth, four or five on a 2x screen.
CARD_PICTURES_KB = 64 * 1024


class MapCanvas(EditingMixin, NavigationMixin, FilterMixin, QGraphicsView):
    """The canvas: cards and relations of the open document's map."""

    message = Signal(str)
    view_changed = Signal()        # what the canvas shows changed (a filter began or ended)

    def __init__(self, doc=None, parent=None) -> None:
        super().__init__(parent)
        if QPixmapCache.cacheLimit() < CARD_PICTURES_KB:
            QPixmapCache.setCacheLimit(CARD_PICTURES_KB)
        self.map_scene = MapScene(self)
        self.setScene(self.map_scene)
        self.setRenderHints(QPainter.Antialiasing | QPainter.TextAntialiasing)
        self.setDragMode(QGraphicsView.RubberBandDrag)
        self.setTransformationAnchor(QGraphicsView.AnchorUnderMouse)
        self.setViewportUpdateMode(QGraphicsView.SmartViewportUpdate)
        self.setBackgroundBrush(QColor("#FAFAF7"))
        self.setFocusPolicy(Qt.StrongFocus)
        self.setAccessibleName("Map canvas")
        self.connect_mode_attack = False
        self.doc = None
        self._unsubscribe: list = []
        self._syncing = False
        self._current: str | None = None
        self._gesture: Gesture | None = None     # the mouse gesture under way
        self.pan_armed = False                   # Space is held: a left drag pans
        self._fitted = False
        self.banner = Banner(self)
        self._init_editing()
        self._init_filters()
        self._init_navigation()
        self.map_scene.selectionChanged.connect(self._scene_selection_changed)
        self.set_document(doc)

    # ----- document ------------------------------------------------------------------
    def set_document(self, doc) -> None:
        """Show *doc* (or nothing): rebuild the scene and follow the document's signals."""
        for unsubscribe in self._unsubscribe:
            unsubscribe()
        self._unsubscribe = []
        self._close_editor()
        self._reset_navigation()
        self.doc = doc
        self._current = None
        self.map_scene.weighing = None if doc is None else doc.weighing
        if doc is None:
            self.map_scene.build(None)
            return
        fallback = self._place_unpositioned(doc)
        self.map_scene.build(doc.map, fallback)
        self._unsubscribe = [doc.changed.subscribe(self._on_changed),
                             doc.weighing.changed.subscribe(self._on_weighing),
                             doc.selection.changed.subscribe(self._on_doc_selection),
                             doc.previewed.subscribe(self.map_scene.set_preview)]
        self._fitted = False
        if self.isVisible():        # else when shown (a hidden view's size means nothing yet)
            self.show_start()
        if doc.selection.nodes or doc.selection.edges:
            self._select_items(doc.selection.nodes, doc.selection.edges, centre=True)

    def _place_unpositioned(self, doc) -> dict:
        """Store positions for nodes lacking them (one undo step); read-only: keep in view."""
        if all(n.x is not None and n.y is not None for n in doc.map.nodes.values()):
            return {}
        sizes = {n: m.size for n, m in measure_nodes(doc.map).items()}
        positions = place_missing(doc.map, sizes)
        if not positions:
            return {}
        try:
            doc.execute(LayoutNodes(positions))
            return {}
        except ReasonmapError:
            return positions

    def _on_changed(self, event) -> None:
        if event.changeset is None:
            return self.set_document(self.doc)
        self.map_scene.apply(event.changeset)
        self._follow_filter(event.changeset)
        if self._editor is not None and self._editor.node_id not in self.map_scene.cards:
            self._close_editor()
        self._reselect_shown()

    def _reselect_shown(self) -> None:
        """Select again the document's selected cards and relations that an edit shows
        again (a card chosen in the outline while a collapsed card hid it here, then
        expanded): Qt selects no hidden item."""
        s, sel = self.map_scene, self.doc.selection
        shown = {n for n in sel.nodes if n in s.cards and s.cards[n].isVisible()}
        shown_edges = {e for e in sel.edges if e in s.edges and s.edges[e].isVisible()}
        if shown != set(self.selected_node_ids()) or shown_edges != set(self.selected_edge_ids()):
            self._select_items(sel.nodes, sel.edges)

    # ----- selection -----------------------------------------------------------------
    def selected_node_ids(self) -> list[str]:
        """Selected nodes, the current one last."""
        ids = [i.node_id for i in self.map_scene.selectedItems() if isinstance(i, CardItem)]
        if self._current in ids:
            ids.remove(self._current)
            ids.append(self._current)
        return ids

    def selected_edge_ids(self) -> list[str]:
        return [i.edge_id for i in self.map_scene.selectedItems() if isinstance(i, EdgeItem)]

    def current_node(self) -> str | None:
        ids = self.selected_node_ids()
        return ids[-1] if ids else None

    def _scene_selection_changed(self) -> None:
        if self._syncing or self.doc is None:
            return
        self.doc.selection.set(self.selected_node_ids(), self.selected_edge_ids(), origin=self)

    def _on_doc_selection(self, selection, origin) -> None:
        if origin is self:
            return
        self._select_items(selection.nodes, selection.edges, centre=True)

    def _select_items(self, nodes, edges=(), centre=False) -> None:
        s = self.map_scene
        self._syncing = True
        try:
            with s.emphasis_held():
                s.clearSelection()
                for nid in nodes:
                    if nid in s.cards:
                        s.cards[nid].setSelected(True)
                for eid in edges:
                    if eid in s.edges:
                        s.edges[eid].setSelected(True)
        finally:
            self._syncing = False
        self._current = nodes[-1] if nodes else None
        if centre and self._current in s.cards:
            self._reveal(s.cards[self._current])

    def select_node(self, nid: str, centre: bool = True) -> None:
        """Select just *nid* here and in the document."""
        self._select_items([nid], centre=centre)
        self._scene_selection_changed()

    def _reveal(self, card) -> None:
        """Bring *card* well inside the view: nothing if it is; the least scroll if it is
        near, less than half a view beyond an edge (what is on screen stays, mostly, where
        it was, as a text editor scrolls for a cursor moved just off screen); centred if it
        is further away."""
        vp = self.viewport().rect()
        r = card.scene_card_rect()
        if self.mapToScene(vp.adjusted(40, 40, -40, -40)).boundingRect().contains(r):
            return
        w, h = vp.width() // 2, vp.height() // 2
        if self.mapToScene(vp.adjusted(-w, -h, w, h)).boundingRect().contains(r):
            self.ensureVisible(r, 40, 40)
        else:
            self.centerOn(card)

    # ----- zoom ----------------------------------------------------------------------
    def zoom_level(self) -> float:
        return self.transform().m11()

    def set_zoom(self, level: float) -> None:
        level = max(ZOOM_MIN, min(ZOOM_MAX, level))
        self.scale(level / self.zoom_level(), level / self.zoom_level())
        self.map_scene.lod = self.zoom_level()
        # far out, antialiasing costs much and shows little
        self.setRenderHint(QPainter.Antialiasing, self.map_scene.lod >= LOD_TITLE)
        self.map_scene.set_batch_edges(self.map_scene.lod < LOD_TITLE)
        self._feed_shown()

    def viewportEvent(self, event) -> bool:
        """The viewport's layout requests (posted when the in-place editor on it is shown
        or hidden) go no further: nothing lays out the viewport's children, and the scroll
        area answered them by laying out and repainting both its scroll bars."""
        if event.type() == QEvent.LayoutRequest:
            return True
        return super().viewportEvent(event)

    def focusInEvent(self, event) -> None:
        """Tell the scene, without QWidget's repaint of the whole canvas: the canvas shows
        no focus, and that repaint (its frame and both scroll bars, Fusion's scroll bars
        costing a millisecond each) came twice with every in-place edit."""
        if self.scene() is not None:
            QApplication.sendEvent(self.scene(), event)

    def focusOutEvent(self, event) -> None:
        """As :meth:`focusInEvent`."""
        if self.scene() is not None:
            QApplication.sendEvent(self.scene(), event)

    def paintEvent(self, event) -> None:
        """Edges of a big map not shaped yet get their shape when first about to show; the
        relations are told which parts of the scene are repainted (a relation whose line
        reaches none of them is not drawn). Stale emphasis (a big map's selection started or
        ended) is fed to the items about to be painted first."""
        exposed = self.mapToScene(event.rect()).boundingRect()
        shape_edges_in(self.map_scene, exposed)
        self.map_scene.emphasis_in(exposed)
        EdgeItem.exposed = tuple(self.mapToScene(r.adjusted(-1, -1, 1, 1)).boundingRect()
                                 for r in event.region())
        try:
            super().paintEvent(event)
        finally:
            EdgeItem.exposed = ()
        first_paint_done(self.map_scene)

    def drawBackground(self, painter, rect) -> None:
        super().drawBackground(painter, rect)
        if self.map_scene.batch_edges and self.map_scene.amap is not None:
            paint_edge_lines(painter, self.map_scene.edge_batch())

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom_level() * ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom_level() / ZOOM_STEP)

    def zoom_reset(self) -> None:
        self.set_zoom(1.0)

    def fit_all(self) -> None:
        """Fit the map: the whole map if its titles stay readable that way, else the least
        readable zoom at the map's top (a wide map then scrolls sideways)."""
        rects = self._shown_rects()
        if rects:
            self._fit_readable(rects, whole=True)

    def _shown_rects(self) -> list[tuple[float, float, float, float]]:
        """(left, top, width, height) of every shown card, from the map's positions (plain
        numbers: a big map has many)."""
        s = self.map_scene
        if s.amap is None:
            return []
        shown, cards, nodes = s.shown_test(), s.cards, s.amap.nodes
        out = []
        for nid, m in s.metrics.items():
            if not shown(nid) or nid not in cards:
                continue
            node = nodes[nid]
            x, y = (node.x, node.y) if node.x is not None and node.y is not None else s.position_of(nid)
            out.append((x - m.width / 2, y - m.height / 2, m.width, m.height))
        return out

    def visible_node_ids(self) -> list[str]:
        """Ids of the cards at least partly inside the view (for "export the visible area")."""
        view = self.mapToScene(self.viewport().rect()).boundingRect()
        return [nid for nid, card in self.map_scene.cards.items()
                if card.isVisible() and view.intersects(card.scene_card_rect())]

    def show_start(self) -> None:
        """The opening view: the map fitted to the window's width, never smaller than the
        zoom at which its titles read (then at its top, where the question and strategies
        are; the rest a sideways scroll away) and never larger than actual size. An empty
        map opens at actual size."""
        rects = self._shown_rects()
        if not rects:
            self.set_zoom(1.0)
            self.centerOn(0.0, 0.0)
            return
        self._fit_readable(rects, whole=False)

    def _fit_readable(self, rects, whole: bool) -> None:
        """Fit *rects* to the view (to its width only unless *whole*), between the overview
        zoom and actual size; when the map is cut, show its top, centred on its top card."""
        r = _bounds(rects).adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)
        vw, vh = max(1, self.viewport().width()), max(1, self.viewport().height())
        fit = vw / r.width() if not whole else min(vw / r.width(), vh / r.height())
        zoom = max(OVERVIEW_ZOOM, min(fit, 1.0 if not whole else 1.2))
        self.set_zoom(zoom)
        if r.width() * zoom <= vw + 1 and r.height() * zoom <= vh + 1:
            return self.centerOn(r.center())
        mid = r.center().x()
        left, _top, width, _h = min(rects, key=lambda c: (round(c[1]), abs(c[0] + c[2] / 2 - mid)))
        x = left + width / 2 if r.width() * zoom > vw + 1 else mid
        self.centerOn(x, r.top() + vh / zoom / 2)
        if whole and fit < OVERVIEW_ZOOM:
            self.message.emit("Too wide to read at once: scroll sideways, "
                              "or zoom out further (Ctrl+-)")

    def fit_selection(self) -> None:
        items = self.map_scene.selectedItems()
        self._fit([i.sceneBoundingRect() for i in items]) if items else self.fit_all()

    def _fit(self, rects) -> None:
        if not rects:
            return
        r = _united(rects).adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)
        vw, vh = max(1, self.viewport().width()), max(1, self.viewport().height())
        self.set_zoom(min(vw / r.width(), vh / r.height(), 1.2))
        self.centerOn(r.center())

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._fitted:
            self._fitted = True
            QTimer.singleShot(0, self.show_start)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.banner.place()
        self._feed_shown()

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        super().scrollContentsBy(dx, dy)
        self._feed_shown()

    def _feed_shown(self) -> None:
        """The view shows another part of the scene: its stale items (a big map's selection
        started or ended elsewhere) are fed now, before the repaint this asked for, so that
        the cards' new opacity joins that repaint instead of asking for a second one (fed
        while painted, a jump into such a part painted it twice: 32 + 55 ms at 10,000)."""
        self.map_scene.emphasis_in(self.mapToScene(self.viewport().rect()).boundingRect())

    def wheelEvent(self, event) -> None:
        dy = event.angleDelta().y()
        if dy == 0:
            return super().wheelEvent(event)
        self.set_zoom(self.zoom_level() * (1.0015 ** dy))
        event.accept()

    # ----- mouse ---------------------------------------------------------------------
    def _card_at(self, view_pos) -> CardItem | None:
        for item in self.items(view_pos.toPoint()):
            if isinstance(item, CardItem):
                return item
        return None

    def mousePressEvent(self, event) -> None:
        gesture = start_gesture(self, event)
        if gesture is not None:
            self._gesture = gesture
            return event.accept()
        if event.button() == Qt.LeftButton:
            card = self._card_at(event.position())
            if card is not None and not event.modifiers() & Qt.ControlModifier:
                self._current = card.node_id
        with self.map_scene.emphasis_held():     # a click clears, then selects
            super().mousePressEvent(event)
        self._gesture = MoveDrag(self)

    def mouseMoveEvent(self, event) -> None:
        if self._gesture is not None and self._gesture.move(self, event):
            return event.accept()
        super().mouseMoveEvent(event)
        if self._gesture is not None:
            self._gesture.moved(self)

    def mouseReleaseEvent(self, event) -> None:
        gesture, self._gesture = self._gesture, None
        if gesture is not None and gesture.release(self, event):
            return event.accept()
        super().mouseReleaseEvent(event)
        if gesture is not None:
            gesture.finish(self, event)

    def mouseDoubleClickEvent(self, event) -> None:
        card = self._card_at(event.position())
        if card is None:
            return super().mouseDoubleClickEvent(event)
        self.select_node(card.node_id, centre=False)
        self.edit_title()

    def _attack_wanted(self, modifiers) -> bool:
        return bool(self.connect_mode_attack or modifiers & (Qt.ShiftModifier | Qt.AltModifier))

    # ----- keys ----------------------------------------------------------------------
    def event(self, event) -> bool:
        if event.type() == event.Type.KeyPress and event.key() in (Qt.Key_Tab, Qt.Key_Backtab) \
                and self._editor is None:
            self.add_objection() if event.key() == Qt.Key_Backtab else self.add_reason()
            return True
        return super().event(event)

    def keyPressEvent(self, event) -> None:
        if self._handle_key(event):
            return event.accept()
        super().keyPressEvent(event)

    def keyReleaseEvent(self, event) -> None:
        if event.key() == Qt.Key_Space and not event.isAutoRepeat():
            self.pan_armed = False
            self.viewport().unsetCursor()
            return event.accept()
        super().keyReleaseEvent(event)


def _bounds(boxes) -> QRectF:
    """The rectangle around (left, top, width, height) *boxes*."""
    left, top = min(b[0] for b in boxes), min(b[1] for b in boxes)
    return QRectF(left, top, max(b[0] + b[2] for b in boxes) - left, max(b[1] + b[3] for b in boxes) - top)


def _united(rects):
    r = rects[0]
    for other in rects[1:]:
        r = r.united(other)
    return r
