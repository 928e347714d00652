"""Editing from the canvas: add reasons/objections/siblings, edit titles in place, delete,
copy and paste, collapse, connect and automatic layout. Each action is one undo step through
``Document.execute``; errors go to the ``message`` signal, never raise."""

from __future__ import annotations

import json
from dataclasses import asdict

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QProgressDialog

from ...layout import LayoutCancelled
from ...model import (AddNode, AddSubgraph, Connect, DeleteEdges, DeleteNodes, Edge, EditNode,
                      Node, ReasonmapError)
from ...render.cards import measure_card
from ...render.geometry import free_spot, full_layout, wrap_width
from .title_editor import TitleEditor

CLIP_FORMAT = "reasonmap-clip"
V_GAP = 70.0


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
        """Add a node (under *parent*) at a free spot whose top is near *near_top*; edit it."""
        m = measure_card("", "", wrap_width(self.doc.map)) if self.doc else None
        if m is None:
            return self.message.emit("No map is open")
        near = (near_top[0], near_top[1] + m.height / 2)
        x, y = free_spot(self.map_scene.occupancy(), m.size, near)
        cs = self._run(AddNode(kind=kind, parent=parent, relation=relation, x=x, y=y))
        if cs:
            nid = cs.changes[0].record.id
            self.select_node(nid)
            self.edit_title()

    def _connect_nodes(self, source: str, target: str, relation: str) -> None:
        if self._run(Connect(source, target, relation)):
            word = "objects to" if relation == "attack" else "supports"
            self.message.emit(f"Connected: the dragged card now {word} the other")

    # ----- in-place title editing ----------------------------------------------------
    def edit_title(self) -> None:
        """Open the in-place editor over the selected card's title."""
        nid = self.current_node()
        if nid is None or self.doc is None:
            return self.message.emit("Select a card to edit its title")
        self._close_editor()
        card = self.map_scene.cards[nid]
        self._reveal(card)
        r = card.scene_card_rect()
        top = QRectF(r.left() + 6, r.top() + 20, r.width() - 12, 26)
        box = self.mapFromScene(top).boundingRect()
        ed = TitleEditor(self.viewport(), nid, self.doc.map.nodes[nid].title, self.zoom_level())
        ed.setGeometry(box.left(), box.top(), max(box.width(), 160), max(box.height(), ed.sizeHint().height()))
        ed.committed.connect(self._commit_title)
        ed.cancelled.connect(self._close_editor)
        self._editor = ed
        ed.show()
        ed.setFocus(Qt.OtherFocusReason)

    def _commit_title(self, nid: str, text: str) -> None:
        self._close_editor()
        if self.doc is not None and nid in self.doc.map.nodes and self.doc.map.nodes[nid].title != text:
            self._run(EditNode(nid, {"title": text}))

    def _close_editor(self) -> None:
        ed, self._editor = getattr(self, "_editor", None), None
        if ed is not None:
            ed._done = True
            ed.hide()
            ed.deleteLater()
            self.setFocus(Qt.OtherFocusReason)

    # ----- deleting, copying, pasting ------------------------------------------------
    def delete_selection(self) -> None:
        """Delete the selected nodes with their relations, or the selected relations."""
        nodes, edges = self.selected_node_ids(), self.selected_edge_ids()
        if nodes:
            self._run(DeleteNodes(tuple(nodes), tuple(edges)))
        elif edges:
            self._run(DeleteEdges(tuple(edges)))
        else:
            self.message.emit("Nothing selected to delete")

    def copy_selection(self) -> None:
        """Put the selected nodes and the relations among them on the clipboard (JSON)."""
        ids = set(self.selected_node_ids())
        if not ids:
            return self.message.emit("Select cards to copy")
        amap = self.doc.map
        nodes = [_plain(asdict(amap.nodes[n])) for n in ids]
        edges = [asdict(e) for e in amap.edges.values() if e.source in ids and e.target in ids]
        text = json.dumps({"format": CLIP_FORMAT, "nodes": nodes, "edges": edges}, ensure_ascii=False)
        QGuiApplication.clipboard().setText(text)
        self.message.emit(f"Copied {len(nodes)} card(s)")

    def paste(self) -> None:
        """Paste cards copied from a map, with fresh ids, offset so they do not overlap."""
        try:
            data = json.loads(QGuiApplication.clipboard().text() or "null")
            if not isinstance(data, dict) or data.get("format") != CLIP_FORMAT:
                raise ValueError
            nodes = tuple(Node(**{**d, "tags": tuple(d.get("tags", ()))}).validate() for d in data["nodes"])
            edges = tuple(Edge(**d).validate() for d in data["edges"])
        except (ValueError, TypeError, KeyError, ReasonmapError):
            return self.message.emit("The clipboard holds no cards to paste")
        cs = self._run(AddSubgraph(nodes, edges, offset=self._paste_offset(nodes)))
        if cs:
            self._select_items([c.record.id for c in cs.changes if isinstance(c.record, Node)])
            self._scene_selection_changed()

    def _paste_offset(self, nodes) -> tuple[float, float]:
        xs = [n.x for n in nodes if n.x is not None]
        ys = [n.y for n in nodes if n.y is not None]
        if not xs:
            return (0.0, 0.0)
        view = self.mapToScene(self.viewport().rect()).boundingRect()
        cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
        if view.contains(cx, cy):
            return (40.0, 40.0)
        return (view.center().x() - cx, view.center().y() - cy)

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


def _progress_hooks(dialog) -> dict:
    if dialog is None:
        return {}

    def progress(value: float) -> None:
        dialog.setValue(int(value * 100))
        QApplication.processEvents()
    return {"progress": progress, "cancelled": dialog.wasCanceled}


def _plain(d: dict) -> dict:
    d["tags"] = list(d.get("tags", ()))
    return d
