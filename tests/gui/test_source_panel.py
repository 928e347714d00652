"""The source panel with real widgets: claims from passages, highlights, edits, key points."""

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor

from app.document import Document
from app.model import EditNode, Node
from app.model.build import build_map
from app.model.entities import Source
from app.ui.source_panel import SourcePanel
from app.ui.source_view import Offsets, load_source_file

ROOT = Path(__file__).resolve().parents[2]
TEXT = ("Executive summary: cities should act on traffic.\n"
        "1. Cars clog the centres and the air is bad for everyone.\n"
        "2. Some cities ban cars from the centre on Sundays.\n"
        "3. Others charge a toll at the edge of the centre.\n")
QUOTE = "the air is bad for everyone"


def anchor(quote, text=TEXT, source="src"):
    start = text.index(quote)
    return {"source": source, "start": start, "end": start + len(quote), "quote": quote}


@pytest.fixture
def src_doc(tmp_path):
    nodes = [Node(id="air", title="Air", anchor=anchor(QUOTE)),
             Node(id="toll", title="Toll", anchor=anchor("Others charge a toll")),
             Node(id="ban", title="Bans", source_ref="key point 2"),
             Node(id="free", title="Unlinked")]
    amap = build_map(nodes, [], sources=[Source("src", "Traffic notes", TEXT),
                                         Source("other", "Second source", "Another text.")])
    document = Document.new(tmp_path / "sources.rmap", amap)
    yield document
    document.close()


@pytest.fixture
def panel(qtbot, src_doc):
    widget = SourcePanel()
    qtbot.addWidget(widget)
    widget.resize(500, 400)
    widget.set_document(src_doc)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def select_text(view, start, end):
    cursor = view.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.KeepAnchor)
    view.setTextCursor(cursor)


def highlighted(view):
    return [(s.cursor.selectionStart(), s.cursor.selectionEnd()) for s in view.extraSelections()]


def test_passage_and_key_make_one_anchored_claim(qtbot, panel, src_doc):
    start = TEXT.index("Some cities ban")
    end = TEXT.index("\n", start)
    select_text(panel.view, start, end + 1)          # a trailing line break is trimmed
    panel.view.setFocus()
    before = set(src_doc.map.nodes)
    steps = len(src_doc.history.done)
    qtbot.keyClick(panel.view, Qt.Key_N, Qt.ControlModifier | Qt.ShiftModifier)
    (new_id,) = set(src_doc.map.nodes) - before
    node = src_doc.map.node(new_id)
    assert node.text == TEXT[start:end]
    assert node.anchor == {"source": "src", "start": start, "end": end, "quote": TEXT[start:end]}
    assert len(node.title) <= 60 and TEXT[start:end].startswith(node.title.rstrip("…"))
    assert len(src_doc.history.done) == steps + 1
    assert src_doc.selection.nodes == (new_id,)
    assert (start, end) in highlighted(panel.view)
    src_doc.undo()
    assert new_id not in src_doc.map.nodes


def test_no_selection_makes_no_claim(panel, src_doc):
    select_text(panel.view, 5, 5)
    assert panel.new_claim_from_selection() is None
    assert len(src_doc.history.done) == 0
    assert panel.hint.text()


def test_selecting_an_anchored_node_highlights_its_passage(panel, src_doc):
    assert highlighted(panel.view) == []
    src_doc.selection.set(["air"])
    start = TEXT.index(QUOTE)
    assert highlighted(panel.view) == [(start, start + len(QUOTE))]
    src_doc.selection.set(["free"])
    assert highlighted(panel.view) == []


def test_key_point_reference_highlights_its_numbered_line(panel, src_doc):
    src_doc.selection.set(["ban"])
    line = "2. Some cities ban cars from the centre on Sundays."
    start = TEXT.index(line)
    assert highlighted(panel.view) == [(start, start + len(line))]


def test_editing_the_source_reanchors_in_one_step_and_lists_the_lost(qtbot, panel, src_doc):
    panel.edit_button.click()
    assert panel.editing and not panel.view.isReadOnly()
    new_text = "A new first line.\n" + TEXT.replace("3. Others charge a toll at the edge of the centre.\n",
                                                    "3. Nothing about money.\n")
    panel.view.setPlainText(new_text)
    steps = len(src_doc.history.done)
    panel.edit_button.click()
    assert not panel.editing and panel.view.isReadOnly()
    assert len(src_doc.history.done) == steps + 1
    assert src_doc.map.sources["src"].text == new_text
    air = src_doc.map.node("air").anchor
    assert new_text[air["start"]:air["end"]] == QUOTE
    assert src_doc.map.node("toll").anchor["lost"] is True
    assert not panel.lost_list.isHidden()
    assert [panel.lost_list.item(i).text() for i in range(panel.lost_list.count())] == ["Toll"]
    panel.lost_list.itemClicked.emit(panel.lost_list.item(0))
    assert src_doc.selection.nodes == ("toll",)
    src_doc.undo()
    assert src_doc.map.sources["src"].text == TEXT
    assert src_doc.map.node("air").anchor == anchor(QUOTE)
    assert "lost" not in src_doc.map.node("toll").anchor
    assert panel.lost_list.isHidden()
    assert panel.view.toPlainText() == TEXT


def test_done_without_changes_adds_no_step(panel, src_doc):
    panel.edit_button.click()
    panel.edit_button.click()
    assert src_doc.history.done == []


def test_margin_mark_click_selects_the_node(qtbot, panel, src_doc):
    rects = panel.view.mark_rects()
    by_ids = {ids: rect for rect, ids in rects}
    assert set(by_ids) == {("air",), ("ban",), ("toll",)}
    rect = by_ids[("toll",)]
    qtbot.mouseClick(panel.view.margin, Qt.LeftButton, pos=rect.center())
    assert src_doc.selection.nodes == ("toll",)


def test_picker_lists_sources_and_selection_switches_to_the_right_one(panel, src_doc):
    assert panel.picker.count() == 2 and not panel.picker.isHidden()
    panel.picker.setCurrentIndex(panel.picker.findData("other"))
    assert panel.view.toPlainText() == "Another text."
    src_doc.selection.set(["air"])
    assert panel.source_id == "src" and highlighted(panel.view)


def test_add_source_from_a_markdown_file(tmp_path, panel, src_doc):
    path = tmp_path / "road_notes.md"
    path.write_text("# Roads\r\n\r\n*Plain* text.\r\n", encoding="utf-8")
    title, text = load_source_file(path)
    assert (title, text) == ("road notes", "# Roads\n\n*Plain* text.\n")
    sid = panel.add_source(title, text)
    assert src_doc.map.sources[sid].text == text
    assert panel.source_id == sid and panel.view.toPlainText() == text
    src_doc.undo()
    assert sid not in src_doc.map.sources and panel.source_id in src_doc.map.sources


def test_empty_source_is_refused(panel, src_doc, errors):
    assert panel.add_source("Empty", "  \n") is None
    assert errors and src_doc.history.done == []


def test_node_edit_elsewhere_updates_marks(panel, src_doc):
    src_doc.execute(EditNode("free", {"source_ref": "key point 3"}))
    assert ("free",) in {ids for _r, ids in panel.view.mark_rects()}


def test_helpers():
    offsets = Offsets("a\U0001F600b\r\nc")
    assert [offsets.to_qt(i) for i in range(7)] == [0, 1, 3, 4, 4, 5, 6]
    assert offsets.from_qt(3) == 2 and offsets.from_qt(5) == 5
    assert Offsets("a\r\nb").to_qt(3) == 2 and Offsets("plain").identity


def test_shipped_map_links_every_key_point(panel, tmp_path):
    io = pytest.importorskip("app.io.argdown", reason="the Argdown importer is not there yet")
    from app.document.anchors import key_point_spans, linked_passages
    from app.io import import_file
    assert io
    amap = import_file(ROOT / "argument_maps" / "prosocial-drives.argdown").map
    (source,) = amap.sources.values()
    spans = key_point_spans(source.text)
    linked = {(s, e) for s, e, _ids in linked_passages(amap, source.id)}
    for n in range(1, 16):
        assert spans[f"key point {n}"] in linked, n
    assert spans["executive summary"] in linked


def test_positions_after_wide_characters_are_python_indexes(panel, src_doc):
    text = "Smiles 😀😀 first.\r\nThen the passage we want."
    sid = panel.add_source("Wide", text)
    shown = panel.view.toPlainText()
    qs = shown.encode("utf-16-le").find("the passage".encode("utf-16-le")) // 2
    select_text(panel.view, qs, qs + len("the passage"))
    node = src_doc.map.node(panel.new_claim_from_selection())
    stored = src_doc.map.sources[sid].text
    assert stored == text.replace("\r\n", "\n")
    start = stored.index("the passage")
    assert node.anchor == {"source": sid, "start": start, "end": start + 11, "quote": "the passage"}
    assert highlighted(panel.view) == [(qs, qs + 11)]


def test_installs_as_a_dock_of_the_main_window(window, doc):
    from app.ui.source_panel import install_source_panel
    panel = install_source_panel(window, doc)
    assert window.docks["sourcesDock"].widget() is panel
    assert panel.doc is doc and panel.source_id is None
    assert not panel.edit_button.isEnabled() and not panel.new_claim_button.isEnabled()
    sid = panel.add_source("Notes", "1. A first point.\n")
    assert panel.source_id == sid and panel.edit_button.isEnabled()
