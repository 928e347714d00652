"""User text that looks like HTML is shown literally everywhere, never interpreted."""

import xml.etree.ElementTree as ET

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from app.document import Document
from app.model import Edge, Node
from app.model.build import build_map
from app.ui.outline import TITLE_ROLE

TRICKY = "<b>Bold</b> & <i>slanted</i> <img src=x>"


def test_html_like_titles_stay_literal(window, tmp_path, qtbot):
    amap = build_map([Node(id="a", kind="strategy", title=TRICKY, text=TRICKY, x=0.0, y=0.0),
                      Node(id="b", title="Plain reason", x=0.0, y=200.0)],
                     [Edge(id="e", source="b", target="a")], meta={"title": TRICKY})
    doc = Document.new(tmp_path / "tricky.rmap", amap)
    window.set_document(doc)
    window.show()
    doc.selection.set(["a"])
    qtbot.wait(50)
    for label in window.findChildren(QLabel):
        if "<b>" in label.text():
            assert label.textFormat() == Qt.PlainText, label.objectName() or label.text()
    (item,) = window.outline.items_for("a")
    assert "&lt;b&gt;" in item.toolTip() and "<b>" not in item.toolTip()
    assert item.data(TITLE_ROLE) == TRICKY and item.text().endswith(TRICKY)   # kept literal
    out = tmp_path / "tricky.svg"
    from app.render.export import export_image
    export_image(doc.map, out)
    assert "<b>Bold</b>" in " ".join(ET.parse(out).getroot().itertext())
