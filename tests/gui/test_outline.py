"""The outline: tree shape, selection in both directions, re-parenting and renaming."""

import json

import pytest

from PySide6.QtCore import QItemSelectionModel, QMimeData, Qt
from PySide6.QtWidgets import QLineEdit

from app.document import Document
from app.model import Edge, Node
from app.model.build import build_map
from app.model.commands import Connect
from app.ui.outline import EDGE_ROLE, LINK_ROLE, MIME, NODE_ROLE, TITLE_ROLE, OutlinePanel


def _rows(model, parent=None):
    """(node id, is link, children) for every row under *parent*."""
    from PySide6.QtCore import QModelIndex
    parent = parent or QModelIndex()
    out = []
    for r in range(model.rowCount(parent)):
        index = model.index(r, 0, parent)
        out.append((index.data(NODE_ROLE), bool(index.data(LINK_ROLE)), _rows(model, index)))
    return out


def test_roots_are_cards_that_point_nowhere_with_reasons_below(window):
    tree = _rows(window.outline.model)
    assert sorted(n for n, _link, _kids in tree) == ["s1", "s2"]
    s1 = next(kids for n, _l, kids in tree if n == "s1")
    assert sorted(n for n, _l, _k in s1) == ["o1", "r1"]
    texts = {i.data(NODE_ROLE): i.data(Qt.DisplayRole) for i in _indexes(window.outline.model)}
    assert texts["o1"].startswith("−") and texts["r1"].startswith("+")
    assert window.outline.model.index(0, 0).data(Qt.AccessibleTextRole).startswith("Strategy: ")


def _indexes(model, parent=None):
    from PySide6.QtCore import QModelIndex
    parent = parent or QModelIndex()
    for r in range(model.rowCount(parent)):
        index = model.index(r, 0, parent)
        yield index
        yield from _indexes(model, index)


def test_a_card_with_two_parents_appears_twice_and_cycles_end(qtbot, tmp_path):
    nodes = [Node(id=i, title=i.upper()) for i in "abcd"]
    edges = [Edge(id="e1", source="b", target="a"), Edge(id="e2", source="c", target="a"),
             Edge(id="e3", source="d", target="b"), Edge(id="e4", source="d", target="c"),
             Edge(id="e5", source="c", target="d", relation="attack")]
    doc = Document.new(tmp_path / "cycle.rmap", build_map(nodes, edges))
    panel = OutlinePanel()
    qtbot.addWidget(panel)
    panel.set_document(doc)
    d_rows = panel.items_for("d")
    assert len(d_rows) == 2
    assert [bool(i.data(LINK_ROLE)) for i in d_rows] == [False, True]
    assert d_rows[1].rowCount() == 0
    assert "↪" in d_rows[1].index().data(Qt.DisplayRole)
    doc.close()


def _outline_of(qtbot, tmp_path, nodes, edges):
    """A new document of *nodes* and *edges*, and an outline showing it."""
    doc = Document.new(tmp_path / "m.rmap", build_map(nodes, edges))
    panel = OutlinePanel()
    qtbot.addWidget(panel)
    panel.set_document(doc)
    return doc, panel


def _below(panel, nid):
    """The cards of the rows under *nid*'s full row, in order."""
    row = panel.items_for(nid)[0]
    return [row.child(i).data(NODE_ROLE) for i in range(row.rowCount())]


def test_a_card_is_shown_in_full_under_its_parent_nearest_the_top(qtbot, tmp_path):
    """x supports c, at the end of a chain r <- a <- b <- c, and p, right under r: going
    depth first x came in full four levels down; its full row is under p, two levels down."""
    nodes = [Node(id=i, title=i, x=float(k)) for k, i in enumerate(["r", "a", "b", "c", "p", "x", "y"])]
    edges = [Edge(id="ea", source="a", target="r"), Edge(id="eb", source="b", target="a"),
             Edge(id="ec", source="c", target="b"), Edge(id="ep", source="p", target="r"),
             Edge(id="xc", source="x", target="c"), Edge(id="xp", source="x", target="p"),
             Edge(id="ey", source="y", target="x")]
    doc, panel = _outline_of(qtbot, tmp_path, nodes, edges)
    full, link = panel.items_for("x")
    assert not full.data(LINK_ROLE) and link.data(LINK_ROLE)
    assert full.parent().data(NODE_ROLE) == "p" and link.parent().data(NODE_ROLE) == "c"
    assert full.child(0).data(NODE_ROLE) == "y" and link.rowCount() == 0
    assert [r[0] for r in _rows(panel.model)[0][2]] == ["a", "p"]    # siblings keep their order
    doc.close()


def test_a_card_that_loses_its_full_row_gets_one_among_its_links(qtbot, tmp_path):
    """x supports p1, p2 and p3, and is shown in full under p1; deleting p1 makes its link
    nearest the top its full row (with a link left over, it was once made a link again)."""
    from app.model import DeleteNodes
    nodes = [Node(id=i, title=i, x=float(k)) for k, i in enumerate(["r", "p1", "q", "p2", "p3", "x"])]
    edges = [Edge(id="e1", source="p1", target="r"), Edge(id="eq", source="q", target="r"),
             Edge(id="e2", source="p2", target="q"), Edge(id="e3", source="p3", target="r")]
    edges += [Edge(id=f"x{p}", source="x", target=p) for p in ("p1", "p2", "p3")]
    doc, panel = _outline_of(qtbot, tmp_path, nodes, edges)
    assert panel.items_for("x")[0].parent().data(NODE_ROLE) == "p1"
    built = panel.rebuilds
    doc.execute(DeleteNodes(("p1",)))
    rows = panel.items_for("x")
    assert [bool(r.data(LINK_ROLE)) for r in rows] == [False, True]
    assert rows[0].parent().data(NODE_ROLE) == "p3"        # one level up from p2's
    assert panel.rebuilds == built
    doc.undo()
    fresh = OutlinePanel()
    qtbot.addWidget(fresh)
    fresh.set_document(doc)
    assert _shape(panel) == _shape(fresh)
    doc.close()


def test_selecting_on_the_map_selects_the_row_and_back(window, doc):
    doc.selection.set(["o1"], origin="canvas-test")
    selected = window.outline.view.selectionModel().selectedRows()
    assert [i.data(NODE_ROLE) for i in selected] == ["o1"]
    row = window.outline.items_for("r2")[0].index()
    window.outline.view.selectionModel().select(row, QItemSelectionModel.ClearAndSelect)
    assert doc.selection.nodes == ("r2",)
    assert window.inspector.title.text() == "Reason two"


def test_dropping_a_row_onto_another_reconnects_in_one_step(qtbot, window, doc):
    item = window.outline.items_for("r2")[0]
    mime = window.outline.model.mimeData([item.index()])
    assert json.loads(bytes(mime.data(MIME)).decode()) == {"node": "r2", "edge": "e2"}
    target = window.outline.items_for("s1")[0].index()
    window.outline.model.dropMimeData(mime, Qt.MoveAction, -1, 0, target)
    qtbot.waitUntil(lambda: len(doc.history.done) == 1)
    assert doc.history.undo_label == "Reconnect"
    assert doc.map.edge_between("r2", "s1") is not None
    assert doc.map.edge_between("r2", "s2") is None
    assert window.outline.items_for("r2")[0].parent().data(NODE_ROLE) == "s1"
    doc.undo()
    assert doc.map.edge_between("r2", "s2") is not None
    assert window.outline.items_for("r2")[0].parent().data(NODE_ROLE) == "s2"


def test_a_refused_drop_says_why_and_changes_nothing(qtbot, window, doc):
    doc.execute(Connect("r1", "s2"))                    # r1 now has two parents
    before = dict(doc.map.edges)
    mime = QMimeData()
    mime.setData(MIME, json.dumps({"node": "r1", "edge": "e1"}).encode())
    window.outline.model.dropMimeData(mime, Qt.MoveAction, -1, 0, window.outline.items_for("s2")[0].index())
    qtbot.waitUntil(lambda: "already connected" in window.statusBar().currentMessage())
    assert doc.map.edges == before
    assert len(doc.history.done) == 1


def test_inline_rename_is_one_undo_step(window, doc):
    index = window.outline.items_for("r1")[0].index()
    assert window.outline.model.setData(index, "Renamed reason", Qt.EditRole) is False
    assert doc.map.nodes["r1"].title == "Renamed reason"
    assert doc.history.undo_label == "Edit title" and len(doc.history.done) == 1
    assert window.outline.items_for("r1")[0].index().data(Qt.DisplayRole).endswith("Renamed reason")
    doc.undo()
    assert window.outline.items_for("r1")[0].data(TITLE_ROLE) == "Reason one"


def test_rename_through_the_editor(qtbot, window, doc):
    view = window.outline.view
    index = window.outline.items_for("r2")[0].index()
    view.setCurrentIndex(index)
    view.setFocus()
    window.outline.edit_current()
    editor = view.findChildren(QLineEdit)[0]
    assert editor.text() == doc.map.nodes["r2"].title      # the bare title, not the row's glyph
    editor.selectAll()
    qtbot.keyClicks(editor, "Typed title")
    qtbot.keyClick(editor, Qt.Key_Return)      # the delegate commits on the next event turn
    qtbot.waitUntil(lambda: doc.map.nodes["r2"].title == "Typed title")
    assert len(doc.history.done) == 1


def test_large_map_builds(qtbot, tmp_path):
    nodes = [Node(id=f"n{i}", title=f"Claim {i}") for i in range(5000)]
    edges = [Edge(id=f"e{i}", source=f"n{i}", target=f"n{(i - 1) // 3}") for i in range(1, 5000)]
    doc = Document.new(tmp_path / "big.rmap", build_map(nodes, edges))
    panel = OutlinePanel()
    qtbot.addWidget(panel)
    panel.set_document(doc)      # a big map's rows are made over a few event-loop turns
    qtbot.waitUntil(lambda: sum(1 for _ in _indexes(panel.model)) == 5000)
    assert panel.items_for("n4999")[0].data(EDGE_ROLE) == "e4999"
    doc.close()


def _shape(panel):
    """(node, edge, link) of every row, sorted; and the children edges of every full row."""
    rows, below = [], {}
    for index in _indexes(panel.model):
        node, edge, link = index.data(NODE_ROLE), index.data(EDGE_ROLE) or "", bool(index.data(LINK_ROLE))
        rows.append((node, edge))
        kids = [panel.model.index(r, 0, index).data(EDGE_ROLE) for r in range(panel.model.rowCount(index))]
        if link:
            assert not kids, f"the link row of {node} has children"
        else:
            assert node not in below, f"{node} has two full rows"
            below[node] = kids
    return sorted(rows), below


def _subtree(amap, nid, limit):
    seen, todo = [nid], [nid]
    while todo and len(seen) < limit:
        for e in amap.incoming(todo.pop()):
            if e.source not in seen:
                seen.append(e.source)
                todo.append(e.source)
    return seen


@pytest.mark.parametrize("kind", ["tree", "tree with cycles", "links"])
def test_edits_insert_and_remove_rows_without_building_the_tree_again(qtbot, tmp_path, kind):
    import random

    from mapgen import generate_links_map, generate_map

    from app.model import AddNode, DeleteNodes
    amap = (generate_links_map(150, seed=4, extra=0.6) if kind == "links" else
            generate_map(150, seed=4, cycles=kind == "tree with cycles"))
    doc = Document.new(tmp_path / "big.rmap", amap)
    panel = OutlinePanel()
    qtbot.addWidget(panel)
    panel.set_document(doc)
    rng, built = random.Random(2), panel.rebuilds
    for step in range(60):
        nodes = list(doc.map.nodes)             # in map order: the same run every time
        if step % 3 == 0:
            doc.execute(AddNode(title=f"New {step}", parent=rng.choice(nodes),
                                relation=rng.choice(["support", "attack"])))
        elif step % 3 == 1:                 # a card with everything below it
            doc.execute(DeleteNodes(tuple(_subtree(doc.map, rng.choice(nodes[10:]), 12))))
        elif step % 5 == 2:                 # a relation between two cards already shown
            a, b = rng.sample(nodes, 2)
            if not doc.map.graph.has_edge(a, b) and not doc.map.graph.has_edge(b, a):
                doc.execute(Connect(a, b))
        else:
            doc.undo() if rng.random() < 0.6 else doc.redo()
        fresh = OutlinePanel()
        qtbot.addWidget(fresh)
        fresh.set_document(doc)
        (rows, below), (fresh_rows, fresh_below) = _shape(panel), _shape(fresh)
        assert rows == fresh_rows and below == fresh_below     # children in the same order
        assert all(set(below[n]) == {e.id for e in doc.map.incoming(n)} for n in doc.map.nodes)
        fresh.set_document(None)
    assert doc.changed.errors == []
    import shiboken6                        # rows inserted later belong to the model, like built ones
    assert not any(shiboken6.ownedByPython(row) for rows in panel._items.values() for row in rows)
    # every edit was rows in and out, also inside a cycle that no root reaches: a new card,
    # a deleted subtree and their undo only hang below the rest, so no other row moves
    assert panel.rebuilds == built
    doc.close()


@pytest.mark.parametrize("seed", range(12))
def test_random_edits_keep_the_rows_a_fresh_outline_makes(qtbot, tmp_path, seed):
    """Added and deleted cards, relations made, deleted and given a new target, cards moved,
    undo and redo, at random on small maps with cycles and many cards of two parents: after
    each, the outline has the rows a new outline of the map has, in the same order, and every
    card its full row first. (This found a card left with links only, a relation's row made
    twice, cycles brought within a root's reach or left out of it while their rows stayed
    where they were, and rows left in their order after their cards moved.)"""
    import random

    from mapgen import generate_links_map, generate_map

    from app.model import AddNode, DeleteNodes, ModelError, MoveNodes
    from app.model.commands import DeleteEdges, Reconnect
    rng = random.Random(seed)
    amap = generate_links_map(40, seed=seed, extra=0.7) if seed % 2 else generate_map(40, seed=seed)
    doc = Document.new(tmp_path / "f.rmap", amap)
    panel = OutlinePanel()
    qtbot.addWidget(panel)
    panel.set_document(doc)
    for step in range(120):
        nodes, edges, pick = list(doc.map.nodes), list(doc.map.edges), rng.random()
        try:
            if pick < 0.2:
                doc.execute(AddNode(title=f"New {step}", parent=rng.choice(nodes),
                                    relation=rng.choice(["support", "attack"])))
            elif pick < 0.35:
                doc.execute(DeleteNodes(tuple(rng.sample(nodes, rng.randint(1, 3)))))
            elif pick < 0.6:
                doc.execute(Connect(*rng.sample(nodes, 2), relation=rng.choice(["support", "attack"])))
            elif pick < 0.7:
                doc.execute(DeleteEdges((rng.choice(edges),)))
            elif pick < 0.78:
                doc.execute(Reconnect(rng.choice(edges), rng.choice(nodes)))
            elif pick < 0.84:
                doc.execute(MoveNodes({rng.choice(nodes): (rng.uniform(-500, 3000), 0.0)}))
            else:
                doc.undo() if rng.random() < 0.6 else doc.redo()
        except ModelError:          # (already connected, a card with itself, nothing to undo)
            continue
        fresh = OutlinePanel()
        qtbot.addWidget(fresh)
        fresh.set_document(doc)
        assert _shape(panel) == _shape(fresh), f"after step {step}"
        assert all(not panel.items_for(n)[0].data(LINK_ROLE) for n in doc.map.nodes)
        fresh.set_document(None)
    assert doc.changed.errors == []
    doc.close()


def test_moving_a_card_puts_its_row_in_order_keeping_what_is_open_below_it(qtbot, tmp_path):
    """Siblings go left to right: a card moved past its neighbour on the map moves past it
    in the outline too (as a new outline would have it), its own row staying open and the
    selected row selected."""
    from app.model import MoveNodes
    nodes = [Node(id="p", title="P", x=100.0, y=0.0), Node(id="a", title="A", x=0.0, y=100.0),
             Node(id="b", title="B", x=200.0, y=100.0), Node(id="c", title="C", x=0.0, y=200.0)]
    edges = [Edge(id="ea", source="a", target="p"), Edge(id="eb", source="b", target="p"),
             Edge(id="ec", source="c", target="a")]
    doc, panel = _outline_of(qtbot, tmp_path, nodes, edges)
    row = panel.items_for("p")[0]
    assert _below(panel, "p") == ["a", "b"]
    panel.view.collapseAll()
    panel.view.expand(row.index())
    panel.view.expand(panel.items_for("a")[0].index())
    doc.selection.set(["c"], ())
    built = panel.rebuilds
    doc.execute(MoveNodes({"a": (400.0, 100.0)}))
    assert _below(panel, "p") == ["b", "a"] and panel.rebuilds == built
    assert panel.view.isExpanded(panel.items_for("a")[0].index())
    assert [i.data(NODE_ROLE) for i in panel.view.selectionModel().selectedIndexes()] == ["c"]
    doc.undo()
    assert _below(panel, "p") == ["a", "b"]
    doc.close()


def test_putting_rows_in_order_leaves_the_rows_below_them_as_they_are(qtbot, tmp_path):
    """Qt sorts every level below a sorted row too: rows ordered by an earlier move, then
    joined by a new one, keep their order when a row above them is put in order."""
    from app.model import MoveNodes
    nodes = [Node(id=i, title=i.upper(), x=x, y=0.0)
             for i, x in (("p", 100.0), ("a", 0.0), ("b", 200.0), ("c", 0.0), ("d", 200.0), ("f", -300.0))]
    edges = [Edge(id="ea", source="a", target="p"), Edge(id="eb", source="b", target="p"),
             Edge(id="ec", source="c", target="a"), Edge(id="ed", source="d", target="a")]
    doc, panel = _outline_of(qtbot, tmp_path, nodes, edges)
    doc.execute(MoveNodes({"d": (-100.0, 0.0)}))
    assert _below(panel, "a") == ["d", "c"]
    doc.execute(Connect("f", "a"))                  # a new row, first by its place
    assert _below(panel, "a") == ["f", "d", "c"]
    doc.execute(MoveNodes({"b": (-50.0, 0.0)}))     # p's rows put in order, a's below it
    assert _below(panel, "p") == ["b", "a"] and _below(panel, "a") == ["f", "d", "c"]
    doc.close()


def test_cards_below_a_cycle_no_root_reaches_hang_under_its_top_row(qtbot, tmp_path):
    """a and b support each other and nothing else; c supports a. Only the cycle gets a
    top row (its first card in map order), c hangs below a."""
    nodes = [Node(id=i, title=i) for i in ("r", "d", "c", "a", "b")]
    edges = [Edge(id="ed", source="d", target="r"), Edge(id="ab", source="a", target="b"),
             Edge(id="ba", source="b", target="a"), Edge(id="ca", source="c", target="a")]
    doc, panel = _outline_of(qtbot, tmp_path, nodes, edges)
    assert [(n, link) for n, link, _kids in _rows(panel.model)] == [("r", False), ("a", False)]
    assert sorted(n for n, _link, _kids in _rows(panel.model)[1][2]) == ["b", "c"]
    doc.close()


def test_a_big_outline_closes_what_it_opened_to_show_a_selection(qtbot, tmp_path, monkeypatch):
    """Rows opened to show the selected card close again when the selection moves elsewhere
    (a big outline would otherwise gather open rows, and Qt's work per removed row with
    them); rows the user opened stay open."""
    import app.ui.outline as outline
    monkeypatch.setattr(outline, "EXPAND_ALL_BELOW", 4)     # a big outline: top rows open
    chain = [f"a{i}" for i in range(6)] + [f"b{i}" for i in range(6)]
    nodes = [Node(id=n, title=n) for n in chain]
    edges = [Edge(id=f"e{p}{i}", source=f"{p}{i}", target=f"{p}{i - 1}")
             for p in "ab" for i in range(1, 6)]
    doc = Document.new(tmp_path / "deep.rmap", build_map(nodes, edges))
    panel = OutlinePanel()
    qtbot.addWidget(panel)
    panel.set_document(doc)
    view = panel.view

    def is_open(nid):
        return view.isExpanded(panel.items_for(nid)[0].index())
    assert [is_open(n) for n in ("a0", "a1", "b0", "b1")] == [True, False, True, False]
    doc.selection.set(["a5"], ())
    assert all(is_open(f"a{i}") for i in range(5))            # the way to a5 is open
    doc.selection.set(["b4"], ())
    assert all(is_open(f"b{i}") for i in range(4))
    assert is_open("a0") and not any(is_open(f"a{i}") for i in range(1, 5))   # closed again
    view.collapse(panel.items_for("b3")[0].index())
    view.expand(panel.items_for("b3")[0].index())              # the user opens b3
    doc.selection.set(["a3"], ())
    assert is_open("b3") and is_open("b2") and is_open("b1")   # kept: the user opened b3
    assert all(is_open(f"a{i}") for i in range(3))
    doc.close()


def test_the_outline_draws_each_rows_branch_as_qt_does_without_asking_for_the_levels_above(qtbot):
    """Under Fusion a row more than DEEP levels in gets only its own open/closed arrow (Qt asks the style about
    every level above it as well, which draws nothing there): the tree looks exactly as
    Qt's own, deep rows, closed and open ones and a selected one included."""
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QTreeView

    from app.ui.app import make_application
    from app.ui.outline import _OutlineTree

    make_application()
    model = QStandardItemModel()

    def grow(parent, depth):
        for i in range(3):
            item = QStandardItem(f"card {depth}.{i}")
            parent.appendRow(item)
            if i == 2 and depth < 24 or i == 0 and depth in (1, 20):
                grow(item, depth + 1)
    grow(model.invisibleRootItem(), 0)

    def row(*path):
        index = model.index(path[0], 0)
        for r in path[1:]:
            index = model.index(r, 0, index)
        return index
    views = []
    for kind in (QTreeView, _OutlineTree):
        view = kind()
        qtbot.addWidget(view)
        view.setModel(model)
        view.expandAll()
        view.collapse(row(*[2] * 20, 0))                  # a closed row with children, 21 in
        view.collapse(row(0))                             # and one at the left
        view.resize(420, 640)
        view.show()
        view.setCurrentIndex(row(*[2] * 18))              # selected, open, 18 levels in
        views.append(view)
    assert views[1]._own_branch_only
    qtbot.wait(20)
    ours, qts = (v.viewport().grab().toImage() for v in reversed(views))
    assert ours == qts
