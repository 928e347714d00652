"""The outline: the map as a tree, in sync with the shared selection (and what screen readers see).

Roots are the cards that support, attack or answer nothing; under each card come its reasons
and objections. A card with several parents appears under each of them: once in full (with
its own reasons and objections below it), under the parent nearest a root, the first met going
down the tree level by level; every other occurrence is marked as a link and not expanded
again, so cycles cannot loop. (Placed by the first occurrence going depth first, as it once
was, the full rows of a generated map of 10,000 cards with cross-links hung 201 levels deep on
average and 402 at most; level by level, 26 and 61.) Edits keep rows where they are: a new
relation between two shown cards adds a link, it does not move a full row.
"""

from __future__ import annotations

import json
from collections import deque
from itertools import islice

from PySide6.QtCore import (QEvent, QItemSelection, QItemSelectionModel, QMimeData, QModelIndex,
                            QPersistentModelIndex, QRect, Qt, QTimer, Signal)
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QStyle, QStyledItemDelegate,
                               QStyleOptionViewItem, QTreeView, QVBoxLayout, QWidget)

from ..model import ReasonmapError
from ..model.changes import Added, Removed, Updated
from ..model.commands import Connect, EditNode, Reconnect
from ..model.entities import Edge, Node
from .gc_guard import hold_survivors
from .outline_rows import (EDGE_ROLE, LINK_ROLE, NODE_ROLE, ORDER_ROLE, TITLE_ROLE, RowKeeper,
                           child_order, cycle_tops, plain_structure)
from .plain import plain_tip

__all__ = ["EDGE_ROLE", "LINK_ROLE", "MIME", "NODE_ROLE", "OutlineModel", "OutlinePanel",
           "TITLE_ROLE"]
MIME = "application/x-reasonmap-outline-row"
RELATION_GLYPHS = {"support": "+", "attack": "−", "answer": "→", "relates": "~"}
RELATION_WORDS = {"support": "Reason", "attack": "Objection", "answer": "Answer", "relates": "Related"}
KIND_GLYPHS = {"claim": "•", "strategy": "◆", "question": "?", "evidence": "▪", "note": "✎"}
EXPAND_ALL_BELOW = 800
FILL_LATER_ABOVE = 3000     # a map with more cards opens with its outline filled after the first paint
ROWS_PER_TURN = 250         # rows made per event-loop turn meanwhile
FILL_WAIT_MS = 300          # when a hidden outline begins (a shown one: after its first paint)


class OutlineModel(QStandardItemModel):
    """Rows of cards; renaming and dropping are turned into requests, never stored directly.

    A row's text is what it shows (glyph, title, link mark), made when the row is made or its
    card changes; the bare title is in TITLE_ROLE, which the in-place editor starts from. (A
    Python ``data`` composing the text was asked ten roles for every shown row at every
    repaint: 3.4 ms of each added reason's 20-odd at 1,000 cards.)"""

    rename_requested = Signal(str, str)             # node id, new title
    reparent_requested = Signal(str, str, str)      # node id, edge id ('' for a root), new parent

    def setData(self, index, value, role=Qt.EditRole):
        node_id = index.data(NODE_ROLE)
        if role == Qt.EditRole and node_id:
            self.rename_requested.emit(node_id, str(value).strip())
            return False        # the document's change event updates the row
        return super().setData(index, value, role)

    # flags: QStandardItem's defaults are what rows need (select, edit, drag, drop) and the
    # invisible root accepts drops only, so no Python override is asked for every shown row.

    def mimeTypes(self):
        return [MIME]

    def mimeData(self, indexes):
        index = next((i for i in indexes if i.isValid()), None)
        data = QMimeData()
        if index is not None:
            row = {"node": index.data(NODE_ROLE), "edge": index.data(EDGE_ROLE) or ""}
            data.setData(MIME, json.dumps(row).encode("utf-8"))
        return data

    def supportedDropActions(self):
        return Qt.MoveAction

    def dropMimeData(self, data, action, row, column, parent):
        """A drop onto a row (or between its children) makes that row's card the new parent.

        The request is queued, so the tree is rebuilt only after the drag has finished; the
        drop itself always reports False so Qt never removes the dragged row on its own.
        """
        if not data.hasFormat(MIME) or not parent.isValid():
            return False
        dragged = json.loads(bytes(data.data(MIME)).decode("utf-8"))
        target = parent.data(NODE_ROLE)
        if target and dragged.get("node") and target != dragged["node"]:
            self.reparent_requested.emit(dragged["node"], dragged.get("edge", ""), target)
        return False


class OutlinePanel(QWidget):
    """The tree view of the current document."""

    message = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = None
        self._unsubscribe: list = []
        self._items: dict[str, list[QStandardItem]] = {}   # node id → its rows, the full one first
        self._rows = RowKeeper(self)
        self.rebuilds = 0            # how often the whole tree was built (for tests)
        self.row_total = 0
        self._filling = None         # the rows still to make of a big map just opened
        self._fill_chain = False     # event-loop turns are making them
        self._roots_open = 0         # top rows expanded so far while they are made
        self._syncing = False
        self._revealed: list = []    # rows opened to show a selected card, outermost first
        self.model = OutlineModel(self)
        self.model.setSortRole(ORDER_ROLE)      # siblings put back in order after a move
        self.model.rename_requested.connect(self._rename)
        self.model.reparent_requested.connect(self._reparent, Qt.QueuedConnection)
        self.view = _tree_view(self.model)
        self.view.selectionModel().selectionChanged.connect(self._view_selection_changed)
        self.view.expanded.connect(self._user_opened)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self.setFocusProxy(self.view)

    # ----- document ----------------------------------------------------------------
    def set_document(self, doc) -> None:
        for unsubscribe in self._unsubscribe:
            unsubscribe()
        self.doc = doc
        self._unsubscribe = []
        if doc is not None:
            self._unsubscribe = [doc.changed.subscribe(self._document_changed),
                                 doc.selection.changed.subscribe(self._selection_changed)]
        self.rebuild(later=doc is not None and len(doc.map.nodes) > FILL_LATER_ABOVE)

    def rebuild(self, later: bool = False) -> None:
        """Build the whole tree again, keeping which cards were expanded and selected;
        *later*: a few hundred rows per event-loop turn, starting after the window paints
        (whatever needs the rows before they are all made makes the rest at once)."""
        self._filling = None
        expanded = self._expanded_ids() if self._items else None
        self.rebuilds += 1
        self._syncing = True
        self.model.clear()
        self._items, self.row_total = {}, 0
        self._syncing = False
        if self.doc is None:
            return self._restore_expansion(expanded)
        if later:                    # after the outline's first paint, or soon if it is hidden
            self._filling, self._roots_open = self._rows_of(self.doc.map), 0
            self.view.viewport().installEventFilter(self)
            QTimer.singleShot(FILL_WAIT_MS, self._begin_filling)
        else:
            self._fill(self._rows_of(self.doc.map), expanded)

    def _fill(self, steps, expanded=None) -> None:
        """Make every row *steps* has left to make, then expand and select as before."""
        self._syncing = True
        for _ in steps:
            pass
        self._filling = None
        self._restore_expansion(expanded)
        self._syncing = False
        self._selection_changed(self.doc.selection, None)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Paint and watched is self.view.viewport():
            QTimer.singleShot(0, self._begin_filling)
        return False

    def _begin_filling(self) -> None:
        self.view.viewport().removeEventFilter(self)
        if self._filling is not None and not self._fill_chain:
            self._fill_chain = True
            self._fill_some()

    def _fill_some(self) -> None:
        """Make the next ROWS_PER_TURN rows, and ask for another turn if some are left."""
        steps = self._filling
        if steps is None:
            self._fill_chain = False
            return
        self._syncing = True
        made = sum(1 for _ in islice(steps, ROWS_PER_TURN))
        self._open_new_roots()
        self._syncing = False
        if made < ROWS_PER_TURN:
            self._fill_chain = False
            self._fill(steps)        # all made: expand and select
            hold_survivors(collect=False)   # the rows live as long as the map: see app.ui.gc_guard
        else:
            QTimer.singleShot(0, self._fill_some)

    def _open_new_roots(self) -> None:
        """Expand the top rows made since the last turn (as the full outline will be)."""
        roots = self.model.rowCount()
        for row in range(self._roots_open, roots):
            self.view.setExpanded(self.model.index(row, 0), True)
        self._roots_open = roots

    def _complete(self) -> None:
        """Make at once the rows a big map's outline has not made yet."""
        if self._filling is not None:
            self._fill(self._filling)

    def _rows_of(self, amap):
        """Make the rows of *amap*, one per step (a generator): every root's, then those of
        the cards no root reaches, below a top row for each cycle they point into."""
        top = self.model.invisibleRootItem()
        roots = [nid for nid in amap.nodes if not amap.outgoing(nid)]
        yield from self._add_levels(amap, [(top, nid, None) for nid in roots])
        rest = [nid for nid in amap.nodes if not self._items.get(nid)]
        if rest:
            tops = cycle_tops(amap, rest)
            yield from self._add_levels(amap, [(top, nid, None) for nid in tops])

    def _add_levels(self, amap, starts):
        """Rows for the (parent row, card, relation) *starts* and everything below them,
        level by level, so a card's first row, its full one, is the nearest to the top (a
        card that has a row already gets a link); one row per step (a generator). Building
        the outline and inserting a subtree after an edit both make their rows here."""
        queue = deque(starts)
        while queue:
            parent_item, nid, edge = queue.popleft()
            link = bool(self._items.get(nid))
            item = self._make_item(amap.nodes[nid], edge, link)
            parent_item.appendRow(item)
            yield
            if not link:
                queue.extend((item, e.source, e) for e in self._children(amap, nid))

    @staticmethod
    def _children(amap, nid: str) -> list[Edge]:
        return sorted(amap.incoming(nid), key=lambda e: child_order(amap, e))

    def _expand_new(self, item: QStandardItem) -> None:
        """Open a new row's subtree as a freshly built outline would."""
        if item.rowCount() and self.row_total <= EXPAND_ALL_BELOW:
            self.view.expandRecursively(item.index())

    def _make_item(self, node: Node, edge: Edge | None, link: bool) -> QStandardItem:
        item = QStandardItem()
        item.setData(node.id, NODE_ROLE)
        item.setData(edge.id if edge else "", EDGE_ROLE)
        item.setData(link, LINK_ROLE)
        self._describe(item, node, edge, link)
        if link:
            font = QFont()
            font.setItalic(True)
            item.setFont(font)
        self._items.setdefault(node.id, []).append(item)
        self.row_total += 1
        return item

    @staticmethod
    def _describe(item: QStandardItem, node: Node, edge: Edge | None, link: bool = False) -> None:
        glyph = RELATION_GLYPHS.get(edge.relation, "~") if edge else KIND_GLYPHS.get(node.kind, "•")
        role = RELATION_WORDS.get(edge.relation, "Related") if edge else node.kind.capitalize()
        item.setText(f"{glyph}  {node.title or '(untitled)'}{'  ↪' if link else ''}")
        item.setData(node.title, TITLE_ROLE)
        item.setData(f"{role}: {node.label}", Qt.AccessibleTextRole)
        item.setData(f"{node.kind}, base score {node.base_score:.2f}", Qt.AccessibleDescriptionRole)
        item.setToolTip(plain_tip(f"{node.label}\n{role} ({node.kind}), base score {node.base_score:.2f}"
                                   + ("\nShown in full at its first place in the outline" if link else "")))

    # ----- following the document --------------------------------------------------
    def _document_changed(self, event) -> None:
        if self._filling is not None:    # the map changed under the rows being made: begin
            self._items = {}                 # again from the map as it is now, still in turns
            return self.rebuild(later=True)
        cs = event.changeset
        if cs is None or (_is_structural(cs) and not self._update_rows(cs)):
            self.rebuild()
            return
        for nid in {c.key for c in cs.changes if isinstance(c, Updated) and c.collection == "nodes"
                    and c.field in ("title", "text", "kind", "base_score")}:
            self._refresh_rows(nid)
        placed = {c.key for c in cs.changes if isinstance(c, Updated) and c.collection == "nodes"
                  and c.field in ("x", "title") and c.key in self.doc.map.nodes}
        if placed:          # siblings go left to right (then by title), as a new outline has them
            self._syncing = True
            try:
                self._rows.reorder(self.doc.map, placed)
            finally:
                self._syncing = False

    def _update_rows(self, cs) -> bool:
        """Insert and remove the rows of an added or removed subtree; False: build again."""
        parts = plain_structure(cs)
        if parts is None:
            return False
        added, added_edges, removed, removed_edges = parts
        amap = self.doc.map
        cycles = self._rows.cycle_roots(amap, added_edges, removed_edges)   # as they were
        if not (_hanging(added, added_edges) and _hanging(removed, removed_edges)):
            # a card shown under a cycle's top row that now supports or attacks another
            # card may bring that cycle within a root's reach (the card it now points to
            # reaches it): its rows move, so the outline is built again
            ends = removed | {e.source for e in added_edges} | \
                {n for e in removed_edges for n in (e.source, e.target)}
            # and a root that now points into such a cycle joins it: which of the cycle's
            # cards is then its top row depends on the map's order
            ends |= {e.target for e in added_edges if _was_root(amap, e.source, added, added_edges)}
            if self._rows.under_cycle_root(amap, ends, cycles):
                return False
        self._syncing = True
        try:
            ok = self._rows.remove(amap, removed, removed_edges) and \
                self._rows.add(amap, added, added_edges)
        finally:
            self._syncing = False
        if ok:    # lay the rows out now, not on Qt's timer, whose layout repaints them again
            self.view.executeDelayedItemsLayout()
        return ok and self._rows.cycle_roots(amap) == cycles - removed

    def _refresh_rows(self, nid: str) -> None:
        node = self.doc.map.nodes.get(nid)
        for item in self._items.get(nid, []) if node else []:
            edge = self.doc.map.edges.get(item.data(EDGE_ROLE) or "")
            self._describe(item, node, edge, bool(item.data(LINK_ROLE)))

    def _selection_changed(self, selection, origin) -> None:
        if origin is self or self.doc is None or self._filling is not None:
            return                   # (a big outline being filled selects once it is full)
        chosen = QItemSelection()
        for nid in selection.nodes:
            items = self._items.get(nid)
            if items:
                index = items[0].index()
                chosen.select(index, index)
        self._syncing = True
        sm = self.view.selectionModel()
        sm.select(chosen, QItemSelectionModel.ClearAndSelect)
        current = self._items.get(selection.current_node or "")
        if current:
            index = current[0].index()
            above = _rows_above(index)
            closed = [row for row in above if not self.view.isExpanded(row)]
            sm.setCurrentIndex(index, QItemSelectionModel.NoUpdate)    # (Qt opens them)
            self._reveal(index, above, closed)
        self._syncing = False

    def _reveal(self, index, above: list, closed: list) -> None:
        """Show *index*, whose rows *above* (innermost first) were *closed* before Qt opened
        them. Rows that an earlier reveal opened and this one does not need close again (the
        user's own openings stay open): a big outline followed through many selections would
        otherwise end with hundreds of rows open, and Qt's work for each removed row grows
        with the open rows (4.4 ms per removed row at 10,000 cards with 860 open, 0.01 ms
        with the top rows open)."""
        keep = set(map(QPersistentModelIndex, above))
        for row in reversed(self._revealed):              # the deepest first
            if row.isValid() and row not in keep:
                self.view.collapse(QModelIndex(row))
        self._revealed = list(dict.fromkeys(        # (a kept row the user closed comes again)
            [row for row in self._revealed if row in keep]
            + [QPersistentModelIndex(row) for row in reversed(closed)]))
        self.view.scrollTo(index)

    def _user_opened(self, index) -> None:
        """A row the user opened is theirs: neither it nor the rows above it close again."""
        if self._syncing:
            return
        while index.isValid():
            row = QPersistentModelIndex(index)
            if row in self._revealed:
                self._revealed.remove(row)
            index = index.parent()

    def _view_selection_changed(self, *_args) -> None:
        if self._syncing or self.doc is None:
            return
        rows = self.view.selectionModel().selectedRows()
        nodes = [i.data(NODE_ROLE) for i in rows]
        current = self.view.currentIndex().data(NODE_ROLE)
        if current in nodes:                 # the row last clicked is the one inspected
            nodes.remove(current)
            nodes.append(current)
        self.doc.selection.set(nodes, (), origin=self)

    # ----- edits -------------------------------------------------------------------
    def _rename(self, node_id: str, title: str) -> None:
        self._execute(EditNode(node_id, {"title": title}))

    def _reparent(self, node_id: str, edge_id: str, target: str) -> None:
        if self.doc is None:
            return
        if edge_id and edge_id in self.doc.map.edges:
            self._execute(Reconnect(edge_id, target))
        else:
            self._execute(Connect(node_id, target))

    def _execute(self, command) -> None:
        try:
            self.doc.execute(command)
        except ReasonmapError as exc:
            self.message.emit(str(exc))

    # ----- helpers for actions -------------------------------------------------------
    def has_focus(self) -> bool:
        return self.view.hasFocus()

    def edit_current(self) -> None:
        """Start renaming the current row in place."""
        index = self.view.currentIndex()
        if index.isValid():
            self.view.edit(index)

    def items_for(self, node_id: str) -> list[QStandardItem]:
        """Every row showing *node_id* (the first is the full one, the rest are links)."""
        self._complete()
        return list(self._items.get(node_id, []))

    def _expanded_ids(self) -> set[str]:
        return {nid for nid, items in self._items.items()
                if items and self.view.isExpanded(items[0].index())}

    def _restore_expansion(self, expanded: set[str] | None) -> None:
        if expanded is None:
            if self.row_total <= EXPAND_ALL_BELOW:
                self.view.expandAll()
            else:
                self.view.expandToDepth(0)
            return
        for nid in expanded:
            items = self._items.get(nid)
            if items:
                self.view.setExpanded(items[0].index(), True)


class _TitleDelegate(QStyledItemDelegate):
    """Renaming in place starts from the card's bare title, not the row's shown text."""

    def setEditorData(self, editor, index) -> None:
        editor.setText(index.data(TITLE_ROLE) or "")


def _rows_above(index) -> list:
    """The rows above *index*, its parent first."""
    above, parent = [], index.parent()
    while parent.isValid():
        above.append(parent)
        parent = parent.parent()
    return above


STYLE_PROPERTY = "reasonmapStyle"   # the app's style, set by make_application
DEEP = 16       # rows more levels in than this draw their own branch only


class _OutlineTree(QTreeView):
    """The outline's tree. With Fusion (the style that draws no branch lines) a row more
    than DEEP levels in gets only its own open/closed arrow: Qt asks the style about every
    level above the row too, which draws nothing there and cost 80 % of repainting an
    outline opened ~350 levels deep on a big map (8 ms a repaint; each level goes through
    the style sheet, PySide's type lookups and Fusion's colours). Shallower rows keep Qt's
    drawing, as quick as this there (every row's call now passes through Python: 0.4 ms
    more per repaint of a shallow outline)."""

    def __init__(self) -> None:
        super().__init__()
        app = QApplication.instance()
        self._own_branch_only = "fusion" in (app.style().name().lower(), app.property(STYLE_PROPERTY))
        self._opt = QStyleOptionViewItem()

    def drawBranches(self, painter, rect, index) -> None:
        indent = self.indentation()
        if not self._own_branch_only or rect.width() <= DEEP * indent:
            super().drawBranches(painter, rect, index)      # (as quick for a shallow row)
            return
        model = self.model()
        if not model.hasChildren(index):
            return                                          # Fusion draws no arrow there
        opt = self._opt
        opt.initFrom(self)
        opt.rect = QRect(rect.right() + 1 - indent, rect.top(), indent, rect.height())
        state = QStyle.State_Item | QStyle.State_Children
        if self.isEnabled():
            state |= QStyle.State_Enabled
        if self.hasFocus():
            state |= QStyle.State_Active
        if model.rowCount(index.parent()) - 1 > index.row():
            state |= QStyle.State_Sibling
        if self.isExpanded(index):
            state |= QStyle.State_Open
        opt.state = state
        self.style().drawPrimitive(QStyle.PE_IndicatorBranch, opt, painter, self)


def _tree_view(model: OutlineModel) -> QTreeView:
    view = _OutlineTree()
    view.setModel(model)
    view.setItemDelegate(_TitleDelegate(view))
    view.setHeaderHidden(True)
    view.setUniformRowHeights(True)
    view.setSelectionMode(QAbstractItemView.ExtendedSelection)
    view.setEditTriggers(QAbstractItemView.EditKeyPressed | QAbstractItemView.SelectedClicked)
    view.setDragDropMode(QAbstractItemView.DragDrop)
    view.setDefaultDropAction(Qt.MoveAction)
    view.setDragEnabled(True)
    view.setAcceptDrops(True)
    view.setDropIndicatorShown(True)
    view.setAnimated(False)
    view.setAccessibleName("Map outline")
    view.setAccessibleDescription("The map as a tree: each card with its reasons and objections below it")
    return view


def _hanging(cards: set[str], edges) -> bool:
    """True if the *cards* added or removed (with *edges*) only hang below the rest: every
    relation added or removed with them starts at one of them, so nothing outside them
    supports or attacks them. Their rows then sit inside their own subtrees, so adding or
    removing them moves no other card's row (wherever a cycle puts it). A relation between
    two other cards does not hang: it can bring a cycle that no root reached within a root's
    reach, which moves the cycle's rows under that root."""
    return all(e.source in cards for e in edges)


def _was_root(amap, nid: str, added: set[str], added_edges) -> bool:
    """True if *nid*, not added now, pointed nowhere before the relations *added_edges*."""
    return nid not in added and len(amap.outgoing(nid)) == sum(1 for e in added_edges if e.source == nid)


def _is_structural(cs) -> bool:
    """True if *cs* adds or removes nodes or edges, or changes what a relation means."""
    for c in cs.changes:
        if isinstance(c, (Added, Removed)) and isinstance(c.record, (Node, Edge)):
            return True
        if isinstance(c, Updated) and c.collection == "edges" and c.field == "relation":
            return True
    return False
