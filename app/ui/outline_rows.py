"""Keeping the outline's rows up to date after an edit, without building the tree again.

The outline shows one row per root (a card that points nowhere) and one row per relation,
under the *full* row of its target; each card has exactly one full row (with its reasons and
objections below it), every other row of it is a link without children. Added and removed
cards and relations (a new reason, a deleted subtree, a connection, their undo) keep that shape
by inserting and removing rows; what cannot (a cycle no root reaches, a relation that changes
its meaning) returns False and the outline is built again.
"""

from __future__ import annotations

from PySide6.QtCore import Qt

from ..model.changes import Added, Removed, Updated
from ..model.entities import Edge, Node
from ..reasoning.order import components

NODE_ROLE, EDGE_ROLE, TITLE_ROLE, LINK_ROLE, ORDER_ROLE = (Qt.UserRole + i for i in range(1, 6))


def child_order(amap, edge: Edge):
    """Reasons before objections, then left to right, then by title."""
    node = amap.nodes[edge.source]
    return (edge.relation != "support", node.x if node.x is not None else 0.0, node.title)


def plain_structure(cs) -> tuple[set[str], list[Edge], set[str], list[Edge]] | None:
    """(added node ids, added edges, removed node ids, removed edges) of *cs*, or None when it
    also changes what a relation means (rows would have to move)."""
    added, added_edges, removed, removed_edges = set(), [], set(), []
    for c in cs.changes:
        rec = getattr(c, "record", None)
        if isinstance(c, Added) and isinstance(rec, Node):
            added.add(rec.id)
        elif isinstance(c, Added) and isinstance(rec, Edge):
            added_edges.append(rec)
        elif isinstance(c, Removed) and isinstance(rec, Node):
            removed.add(rec.id)
        elif isinstance(c, Removed) and isinstance(rec, Edge):
            removed_edges.append(rec)
        elif isinstance(c, Updated) and c.collection == "edges" and c.field == "relation":
            return None
    return added, added_edges, removed, removed_edges


def cycle_tops(amap, rest: list[str]) -> list[str]:
    """The cards, among *rest* (those no root reaches, in map order), whose rows go at the
    top: one per cycle that points only into itself (its first card in map order). Each of
    *rest* points, through cards of *rest* alone, into one of these cycles, so its rows hang
    below them; the cards merely below a cycle get no top row of their own."""
    inside = set(rest)
    targets = {n: [e.target for e in amap.outgoing(n) if e.target in inside] for n in rest}
    comp = {}
    for k, item in enumerate(components(rest, targets)):
        for n in item if item.__class__ is tuple else (item,):
            comp[n] = k
    leads_out = {comp[v] for v in rest for t in targets[v] if comp[t] != comp[v]}
    tops, done = [], set()
    for v in rest:
        if comp[v] not in leads_out and comp[v] not in done:
            done.add(comp[v])
            tops.append(v)
    return tops


class RowKeeper:
    """Inserts and removes the rows of one OutlinePanel (which owns ``_items`` and the model)."""

    def __init__(self, panel) -> None:
        self.panel = panel
        self.lost: set[str] = set()    # cards that lost a row in the current removal

    def cycle_roots(self, amap, added_edges=(), removed_edges=()) -> set[str]:
        """The top rows of cards that point somewhere: cycles that no root reaches, each
        shown from one of its cards. With the relations a change added and removed: the
        top rows of cards that pointed somewhere before it (a card whose last relation
        out was removed was such a top row, and is now a root that may reach other ones)."""
        root = self.panel.model.invisibleRootItem()
        tops = (root.child(i).data(NODE_ROLE) for i in range(root.rowCount()))
        added_from: dict[str, int] = {}
        for e in added_edges:
            added_from[e.source] = added_from.get(e.source, 0) + 1
        removed_from = {e.source for e in removed_edges}
        return {n for n in tops if n in removed_from or n not in amap.nodes
                or len(amap.outgoing(n)) > added_from.get(n, 0)}

    def under_cycle_root(self, amap, ids, cycle_roots: set[str]) -> bool:
        """True if the full row of a card of *ids* hangs under a cycle's top row: where such
        rows go depends on the whole tree, so the outline is built again."""
        if not cycle_roots:
            return False
        items = self.panel._items
        for nid in ids:
            row = items[nid][0] if items.get(nid) else None
            while row is not None and row.parent() is not None:
                row = row.parent()
            if row is not None and row.data(NODE_ROLE) in cycle_roots:
                return True
        return False

    # ----- additions ---------------------------------------------------------------
    def add(self, amap, added: set[str], edges: list[Edge]) -> bool:
        """Rows for new cards and new relations. A card that was a root and now points
        somewhere loses its root row first; its subtree goes where its first new relation
        puts it. False if the shape cannot be kept (a cycle): build again."""
        items, self.lost = self.panel._items, set()
        root = self.panel.model.invisibleRootItem()
        for e in edges:
            if e.source not in added:
                self._unroot(amap, e.source)
        for e in edges:
            if e.target not in added:
                if not items.get(e.target):
                    return False
                target_row = items[e.target][0]
                if target_row.data(LINK_ROLE):   # its full row went with a card unrooted
                    return False                 # above (a cycle closed): build again
                # (a removal in the same change may have made the target's subtree again
                # from the map as it is now, this relation's row included)
                if not any(target_row.child(i).data(EDGE_ROLE) == e.id
                           for i in range(target_row.rowCount())):
                    self.insert(amap, target_row, e.source, e)
        for nid in [n for n in amap.nodes if n in added]:
            if not items.get(nid):
                if amap.outgoing(nid):
                    return False          # only reachable through a cycle of new cards
                self.insert(amap, root, nid, None)
        return self._give_full_rows(amap)

    def _unroot(self, amap, nid: str) -> None:
        if not amap.outgoing(nid):
            return
        for row in self._live_rows(nid):
            if row.parent() is None:
                self._drop(self.panel.model.invisibleRootItem(), row.row())

    def insert(self, amap, parent_item, nid: str, edge: Edge | None, full: bool | None = None) -> None:
        """A row for *nid* under *parent_item* (in the outline's order): its full row with its
        subtree if it has no row yet or *full* says so, else a link. The subtree is made level
        by level, as the whole outline is (a card already shown below it becomes a link)."""
        panel, items = self.panel, self.panel._items
        full = not items.get(nid) if full is None else full
        row = panel._make_item(amap.nodes[nid], edge, not full)
        parent_item.insertRow(self._position(amap, parent_item, edge), [row])   # the list form hands the row to Qt
        if full:
            rows = items[nid]
            rows.insert(0, rows.pop())          # the full row first
        if full:
            for _ in panel._add_levels(amap, [(row, e.source, e) for e in panel._children(amap, nid)]):
                pass
        panel._expand_new(row)

    @staticmethod
    def _position(amap, parent_item, edge: Edge | None) -> int:
        if edge is None:
            return parent_item.rowCount()
        key = child_order(amap, edge)
        for i in range(parent_item.rowCount()):
            other = amap.edges.get(parent_item.child(i).data(EDGE_ROLE) or "")
            if other is not None and other.id != edge.id and child_order(amap, other) > key:
                return i
        return parent_item.rowCount()

    # ----- order -------------------------------------------------------------------
    def reorder(self, amap, ids) -> None:
        """Put the rows beside those of the cards *ids* (moved or renamed) back in the
        outline's order: reasons before objections, then left to right, then by title. Qt
        sorts them in place (by ORDER_ROLE, the model's sort role), so the rows keep what is
        open and selected below them. The top rows keep the map's order."""
        parents = {}
        for nid in ids:
            for row in self.panel._items.get(nid, []):
                parent = row.parent()
                if parent is not None:
                    parents[id(parent)] = parent
        for parent in parents.values():
            kids = [parent.child(i) for i in range(parent.rowCount())]
            keys = [child_order(amap, amap.edges[k.data(EDGE_ROLE)]) for k in kids]
            order = sorted(range(len(kids)), key=keys.__getitem__)
            if order != list(range(len(kids))):
                for rank, i in enumerate(order):
                    kids[i].setData(rank, ORDER_ROLE)
                parent.sortChildren(0)
                for kid in kids:       # Qt sorts every level below as well (a stable sort):
                    kid.setData(None, ORDER_ROLE)   # rows without a rank keep their order

    # ----- removals ----------------------------------------------------------------
    def remove(self, amap, removed: set[str], edges: list[Edge]) -> bool:
        """Take away the rows of removed relations and cards; a card that lost its full row
        gets another (one of its links becomes full, or it becomes a root)."""
        items, self.lost = self.panel._items, set(removed)
        gone = {e.id for e in edges}
        for nid in {e.target for e in edges} | removed:
            for row in self._live_rows(nid):
                for i in reversed(range(row.rowCount())):
                    if row.child(i).data(EDGE_ROLE) in gone:
                        self._drop(row, i)
        for nid in removed:
            for row in self._live_rows(nid):
                self._drop(row.parent() or self.panel.model.invisibleRootItem(), row.row())
        return self._give_full_rows(amap)

    def _live_rows(self, nid: str):
        """The rows of *nid*, skipping any that an earlier drop took away meanwhile."""
        rows = self.panel._items.get(nid, [])
        for row in list(rows):
            if row in rows:
                yield row

    def _drop(self, parent_item, i: int) -> None:
        """Remove row *i* of *parent_item* with everything below it from the bookkeeping."""
        items, stack = self.panel._items, [parent_item.child(i)]
        while stack:
            item = stack.pop()
            nid = item.data(NODE_ROLE)
            rows = items.get(nid, [])
            if item in rows:
                rows.remove(item)
                self.lost.add(nid)
                self.panel.row_total -= 1
            stack.extend(item.child(k) for k in range(item.rowCount()))
        parent_item.removeRow(i)

    def _give_full_rows(self, amap) -> bool:
        """Every card that lost rows gets one full row again: a link of it becomes full, or
        it becomes a root. A card with neither waits for a card above it to get its full row
        (which brings the subtree back); False if some never do (a cycle no root reaches)."""
        items = self.panel._items
        for nid in [n for n in self.lost if n not in amap.nodes]:
            if items.pop(nid, None):
                return False
        pending = [n for n in self.lost if n in amap.nodes]
        while pending:
            waiting = [n for n in pending if not self._full_row_for(amap, n)]
            if len(waiting) == len(pending):
                return False
            pending = waiting
        return True

    def _full_row_for(self, amap, nid: str) -> bool:
        """Make sure *nid* has a full row first among its rows; False if it has no row at
        all and points somewhere (it must wait)."""
        rows = self.panel._items.get(nid, [])
        if any(not r.data(LINK_ROLE) for r in rows):
            rows.sort(key=lambda r: bool(r.data(LINK_ROLE)))
        elif rows:                         # its link nearest the top becomes the full row
            link = min(rows, key=_depth)
            parent = link.parent() or self.panel.model.invisibleRootItem()
            edge = amap.edges.get(link.data(EDGE_ROLE) or "")
            self._drop(parent, link.row())
            self.insert(amap, parent, nid, edge, full=True)
        elif not amap.outgoing(nid):
            self.insert(amap, self.panel.model.invisibleRootItem(), nid, None)
        else:
            return False
        return True


def _depth(row) -> int:
    """How many rows *row* hangs below (0 for a top row)."""
    depth, parent = 0, row.parent()
    while parent is not None:
        depth, parent = depth + 1, parent.parent()
    return depth
