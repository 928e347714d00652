"""Editing from the canvas: add reasons/objections/siblings, edit titles in place, delete,
copy and paste, collapse, connect and automatic layout. Each action is one undo step through
``Document.execute``; errors go to the ``message`` signal, never raise."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QRectF, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QProgressDialog

from ...layout import LayoutCancelled
from ...model import (AddNode, AddSubgraph, Connect, DeleteEdges, DeleteNodes, EditNode, Node,
                      ReasonmapError)
from ...render.cards import measure_card
from ...render.geometry import free_spot, full_layout, wrap_width
from .. import dialogs
from .clipboard import CLIP_MIME, below, block_box, clip_text, read_clip, titles_text
from .title_editor import TitleEditor

V_GAP = 70.0
MIN_LINK = 48.0      # closer cards would show a relation as a stub: arrowhead and glyph need room


class EditingMixin:
    """Mixed into MapCanvas (needs doc, map_scene, message, selection helpers)."""

    def _init_editing(self) -> None:
        self._editor: TitleEditor | None = None

    def _run(self, command):
        """Execute *command* on the document; report errors; the change set or None."""
        if self.doc is None:
            self.message.emit("No map is open")
            return None
        try:
            return self.doc.execute(command)
        except ReasonmapError as exc:
            self.message.emit(str(exc))
            return None

    # ----- adding --------------------------------------------------------------------
    def add_claim(self, kind: str = "claim") -> None:
        """A new unconnected card in a free spot near the view's centre."""
        c = self.mapToScene(self.viewport().rect().center())
        self._add_near(None, "support", (c.x(), c.y()), kind)

    def add_reason(self) -> None:
        """A new reason for the selected node (a new claim when nothing is selected)."""
        self._add_child("support")

    def add_objection(self) -> None:
        """A new objection to the selected node."""
        self._add_child("attack")

    def _add_child(self, relation: str) -> None:
        parent = self.current_node()
        if parent is None:
            if relation == "attack":
                return self.message.emit("Select the card to object to first")
            return self.add_claim()
        r = self.map_scene.cards[parent].scene_card_rect()
        self._add_near(parent, relation, (r.center().x(), r.bottom() + V_GAP))

    def add_sibling(self) -> None:
        """A new card beside the selected one, related to the same target in the same way."""
        nid = self.current_node()
        if nid is None:
            return self.add_claim()
        outs = self.doc.map.outgoing(nid)
        r = self.map_scene.cards[nid].scene_card_rect()
        near = (r.right() + 40 + r.width() / 2, r.top())
        if outs:
            self._add_near(outs[0].target, outs[0].relation, near)
        else:
            self._add_near(None, "support", near, self.doc.map.nodes[nid].kind)

    def _add_near(self, parent, relation, near_top, kind="claim") -> None:
        """Add a node (under *parent*) at a free spot whose top is near *near_top*, then edit
        its title; a card left without a title is taken away again (see ``_end_title``)."""
        m = measure_card("", "", wrap_width(self.doc.map)) if self.doc else None
        if m is None:
            return self.message.emit("No map is open")
        near = (near_top[0], near_top[1] + m.height / 2)
        x, y = free_spot(self.map_scene.occupancy(), m.size, near)
        cs = self._run(AddNode(kind=kind, parent=parent, relation=relation, x=x, y=y))
        if cs:
            nid = cs.changes[0].record.id
            self.select_node(nid)
            self.edit_title(fresh_under=parent or "")

    def _connect_nodes(self, source: str, target: str, relation: str) -> None:
        """Connect by a drag; a source card too close to the target for the relation to show
        moves to a free spot below it, in the same undo step."""
        spot = self._readable_spot(source, target)
        if self._run(Connect(source, target, relation, source_at=spot)):
            word = "objects to" if relation == "attack" else "supports"
            moved = "; it moved below the other so the link shows" if spot else ""
            self.message.emit(f"Connected: the dragged card now {word} the other{moved}")

    def _readable_spot(self, source: str, target: str) -> tuple[float, float] | None:
        """None if the cards are far enough apart, else a free spot below *target*."""
        cards = self.map_scene.cards
        s, t = cards[source].scene_card_rect(), cards[target].scene_card_rect()
        dx = max(0.0, t.left() - s.right(), s.left() - t.right())
        dy = max(0.0, t.top() - s.bottom(), s.top() - t.bottom())
        if (dx * dx + dy * dy) ** 0.5 >= MIN_LINK:
            return None
        near = (t.center().x(), t.bottom() + V_GAP + s.height() / 2)
        return free_spot(self.map_scene.occupancy(exclude={source}), (s.width(), s.height()), near)

    # ----- in-place title editing ----------------------------------------------------
    def edit_title(self, fresh_under: str | None = None) -> None:
        """Open the in-place editor over the selected card's title. *fresh_under* (the parent
        id, or "" for none) marks a card just added: it goes again if it gets no title."""
        self._close_editor()            # first: finishing it may take a blank new card away
        nid = self.current_node()
        if nid is None or self.doc is None or nid not in self.map_scene.cards:
            return self.message.emit("Select a card to edit its title")
        card = self.map_scene.cards[nid]
        self._reveal(card)
        r = card.scene_card_rect()
        top = QRectF(r.left() + 6, r.top() + 20, r.width() - 12, 26)
        box = self.mapFromScene(top).boundingRect()
        ed = TitleEditor(self.viewport(), nid, self.doc.map.nodes[nid].title, self.zoom_level())
        ed.setGeometry(box.left(), box.top(), max(box.width(), 160), max(box.height(), ed.sizeHint().height()))
        ed.committed.connect(lambda _nid, text: self._end_title(ed, text))
        ed.cancelled.connect(lambda: self._end_title(ed, None))
        ed.fresh_under, ed.unwatch = fresh_under, None
        if fresh_under is not None:     # any other change meanwhile: the card is no longer "just added"
            ed.unwatch = self.doc.changed.subscribe(lambda _e: setattr(ed, "fresh_under", None))
        self._editor = ed
        ed.show()
        ed.setFocus(Qt.OtherFocusReason)

    def _end_title(self, ed: TitleEditor, text: str | None) -> None:
        """The editor *ed* finished with *text* (None: cancelled). A card just added that ends
        without a title is removed by undoing its addition, so no blank card stays unseen."""
        self._hide_editor(ed)
        doc, nid = self.doc, ed.node_id
        if doc is None or nid not in doc.map.nodes:
            return
        if ed.fresh_under is not None and not (text or "").strip() and not doc.map.nodes[nid].title:
            return self._drop_fresh(ed.fresh_under)
        if text is not None and not text.strip() and doc.map.nodes[nid].title:
            return self.message.emit("A card needs a title; the old one was kept")
        if text is not None and doc.map.nodes[nid].title != text:
            self._run(EditNode(nid, {"title": text}))

    def _drop_fresh(self, parent: str) -> None:
        try:
            self.doc.undo()
        except ReasonmapError as exc:
            return self.message.emit(str(exc))
        if parent in self.map_scene.cards:
            self.select_node(parent, centre=False)
        self.message.emit("The new card got no title, so it was not added")

    def _close_editor(self) -> None:
        """Finish an open title editor as if it lost the focus (what was typed is kept)."""
        ed = getattr(self, "_editor", None)
        if ed is not None and not ed._done:
            ed.commit()
        elif ed is not None:
            self._hide_editor(ed)

    def _hide_editor(self, ed: TitleEditor) -> None:
        ed._done = True
        if ed.unwatch is not None:
            ed.unwatch()
            ed.unwatch = None
        if self._editor is ed:
            self._editor = None
            # the focus first: a focused editor that hides hands the focus to the next widget
            # in the chain (the outline), which repaints all its rows twice on the way
            self.setFocus(Qt.OtherFocusReason)
            ed.hide()
            ed.deleteLater()

    # ----- deleting, copying, pasting ------------------------------------------------
    def delete_selection(self) -> None:
        """Delete the selected nodes with their relations, or the selected relations. Cards
        with reasons or objections below them: ask (or use the remembered answer) whether
        those go too or stay as loose cards. Either way one undo step brings all back."""
        nodes, edges = self.selected_node_ids(), self.selected_edge_ids()
        if not nodes:
            return self._run(DeleteEdges(tuple(edges))) if edges else \
                self.message.emit("Nothing selected to delete")
        under = below(self.doc.map, nodes)
        choice = "keep"
        if under:
            choice = dialogs.remembered_delete_choice() or dialogs.ask_delete_reasons(
                self.window(), [self.doc.map.nodes[n].title for n in nodes], len(under))
        if choice is None:
            return self.message.emit("Nothing was deleted")
        gone = nodes + under if choice == "subtree" else nodes
        if self._run(DeleteNodes(tuple(gone), tuple(edges))) and under:
            kept = "deleted with it" if choice == "subtree" else "kept as loose cards"
            self.message.emit(f"Deleted {len(nodes)} card(s); the {len(under)} below were {kept}")

    def copy_selection(self) -> None:
        """Put the selected cards with their subtree (and the relations among them) on the
        clipboard."""
        ids = self.selected_node_ids()
        if not ids:
            return self.message.emit("Select cards to copy")
        text, count = clip_text(self.doc.map, ids)
        data = QMimeData()
        data.setData(CLIP_MIME, text.encode("utf-8"))
        data.setText(titles_text(text))
        QGuiApplication.clipboard().setMimeData(data)
        _clear_at_exit_when_headless()
        extra = count - len(ids)
        self.message.emit(f"Copied {len(ids)} card(s)" + (f" with {extra} below" if extra else ""))

    def paste(self) -> None:
        """Paste copied cards with fresh ids (one undo step): under the selected card, connected
        to it as the copied ones were to theirs, or unconnected when nothing is selected;
        always in a free spot, never over other cards."""
        if self.doc is None:
            return self.message.emit("No map is open")
        try:
            clip = read_clip(_clipboard_cards())
        except ValueError as exc:
            return self.message.emit(str(exc))
        parent = self.current_node()
        cx, cy, w, h = block_box(clip.nodes, wrap_width(self.doc.map))
        near = self._paste_near(parent, (cx, cy), h)
        spot = free_spot(self.map_scene.occupancy(), (w, h), near, step_x=min(w, 400.0) + 40)
        cs = self._run(AddSubgraph(clip.nodes, clip.edges, offset=(spot[0] - cx, spot[1] - cy),
                                   attach_to=parent, roots=clip.roots if parent else {}))
        if cs:
            self._select_items([c.record.id for c in cs.changes if isinstance(c.record, Node)])
            self._scene_selection_changed()
            where = f" under \u201c{self.doc.map.nodes[parent].label}\u201d" if parent else ""
            self.message.emit(f"Pasted {len(clip.nodes)} card(s){where}")

    def _paste_near(self, parent, centre, height) -> tuple[float, float]:
        """Where the pasted block's centre should go: below *parent*; else beside where it was
        copied from if that is in view; else the middle of the view."""
        if parent is not None:
            r = self.map_scene.cards[parent].scene_card_rect()
            return (r.center().x(), r.bottom() + V_GAP + height / 2)
        view = self.mapToScene(self.viewport().rect()).boundingRect()
        if view.contains(*centre):
            return (centre[0] + 40.0, centre[1] + 40.0)
        return (view.center().x(), view.center().y())

    # ----- collapse and layout -------------------------------------------------------
    def toggle_collapse(self) -> None:
        """Hide or show the reasons and objections below the selected card."""
        nid = self.current_node()
        if nid is None:
            return self.message.emit("Select a card to collapse or expand")
        node = self.doc.map.nodes[nid]
        if not node.collapsed and not self.doc.map.incoming(nid):
            return self.message.emit("This card has no reasons or objections to hide")
        self._run(EditNode(nid, {"collapsed": not node.collapsed}))

    def relayout(self) -> None:
        """Lay out the whole map automatically (one undo step)."""
        if self.doc is None or not self.doc.map.nodes:
            return
        from .commands import LayoutNodes
        sizes = {n: m.size for n, m in self.map_scene.metrics.items()}
        dialog = self._progress_dialog(len(sizes))
        try:
            positions = full_layout(self.doc.map, sizes, **_progress_hooks(dialog))
        except LayoutCancelled:
            return self.message.emit("Layout cancelled")
        finally:
            if dialog is not None:
                dialog.close()
        if self._run(LayoutNodes(positions)):
            self.fit_all()

    def _progress_dialog(self, n: int):
        if n < 1500:
            return None
        dialog = QProgressDialog("Laying out the map\u2026", "Cancel", 0, 100, self)
        dialog.setWindowModality(Qt.WindowModal)
        dialog.setMinimumDuration(300)
        return dialog


_EXIT_HOOK: list = []


def _clear_at_exit_when_headless() -> None:
    """On the offscreen platform (tests, headless runs) a clipboard still holding data made
    in Python crashes the interpreter as it exits (PySide 6.8-6.11), so empty it first. A real
    display keeps the clipboard, so a clipboard manager can still take the cards over."""
    if _EXIT_HOOK or QGuiApplication.platformName() != "offscreen":
        return
    import atexit

    def clear() -> None:
        board = QGuiApplication.clipboard() if QGuiApplication.instance() else None
        if board is not None:
            board.clear()
    _EXIT_HOOK.append(clear)
    atexit.register(clear)


def _clipboard_cards() -> str:
    """The copied cards on the clipboard (our own format, or JSON text of it), or ''."""
    data = QGuiApplication.clipboard().mimeData()
    if data is not None and data.hasFormat(CLIP_MIME):
        return bytes(data.data(CLIP_MIME)).decode("utf-8", "replace")
    return QGuiApplication.clipboard().text()


def _progress_hooks(dialog) -> dict:
    if dialog is None:
        return {}

    def progress(value: float) -> None:
        dialog.setValue(int(value * 100))
        QApplication.processEvents()
    return {"progress": progress, "cancelled": dialog.wasCanceled}


