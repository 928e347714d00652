"""SVG exports share style classes (app.render.svg_compact) and still draw the same picture."""

import re
import sys
from pathlib import Path

from defusedxml import ElementTree
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from app.render import export_image
from app.render.svg_compact import compact_svg_chunks, compact_svg_text

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from mapgen import generate_map  # noqa: E402


def _render(path, box) -> QImage:
    image = QImage(600, 400, QImage.Format_RGB32)
    image.fill(QColor("white"))
    renderer = QSvgRenderer(str(path))
    assert renderer.isValid()
    renderer.setViewBox(box)
    p = QPainter(image)
    renderer.render(p)
    p.end()
    return image


def test_compact_svg_draws_what_qt_wrote_in_far_fewer_bytes(tmp_path, monkeypatch):
    """(An SVG with a legend is still painted by Qt; without one, see test_svg_qtfree.py.)"""
    amap = generate_map(60, seed=2)
    monkeypatch.setattr("app.render.devices.compact_svg_chunks", lambda pieces: "".join(pieces))
    plain = export_image(amap, tmp_path / "plain.svg", legend=True)
    monkeypatch.undo()
    small = export_image(amap, tmp_path / "small.svg", legend=True)
    assert small.stat().st_size < 0.5 * plain.stat().st_size
    text = small.read_text(encoding="utf-8")
    groups = re.findall(r"<g\b[^>]*>", text)
    assert "stroke-linecap" in groups[0]                          # the root group
    assert not any("stroke" in g or "font" in g for g in groups[1:])   # the rest: classes
    tags = lambda p: sorted(el.tag for el in ElementTree.parse(str(p)).getroot().iter()  # noqa: E731
                            if not el.tag.endswith(("g", "style")))
    assert tags(small) == tags(plain)                  # every shape and text is still there
    texts = lambda p: [t for el in ElementTree.parse(str(p)).getroot().iter()  # noqa: E731
                       if el.tag.endswith("text") for t in el.itertext()]
    assert texts(small) == texts(plain)
    box = QRectF(0, 0, 700, 470)
    a, b = _render(plain, box), _render(small, box)
    differing = sum(a.pixel(x, y) != b.pixel(x, y) for y in range(0, 400, 4) for x in range(0, 600, 4))
    assert differing < 0.01 * 150 * 100


def test_compacting_keeps_tricky_text_and_order():
    svg = ('<?xml version="1.0"?><svg version="1.2" baseProfile="tiny"><g fill="none" fill-rule="evenodd">'
           '<g fill="#000" transform="matrix(1,0,0,1,0,0)"><text fill="#000" xml:space="preserve" x="1"'
           ' font-family="A &quot;B&quot;"> a &lt;b&gt; &amp; </text></g>'
           '<g fill="#111"></g><g fill="#000"><rect x="2"/></g></g></svg>')
    out = compact_svg_text(svg)
    root = ElementTree.fromstring(out.split("?>", 1)[1])
    assert "".join(root.itertext()).count(" a <b> & ") == 1
    assert out.index(" a &lt;b&gt; &amp; ") < out.index('<rect x="2"/>')
    assert out.split("</style>")[1].count("<g") == 3      # the empty group is dropped
    assert 'font-family:"A \\"B\\""' in out


def test_compacting_in_pieces_gives_what_compacting_the_whole_text_gives(tmp_path, monkeypatch):
    """The export reads Qt's text in pieces; wherever they are cut, the result is the same."""
    amap = generate_map(40, seed=3)
    monkeypatch.setattr("app.render.devices.compact_svg_chunks", lambda pieces: "".join(pieces))
    plain = export_image(amap, tmp_path / "plain.svg", ranking=[("A", 0.5)]).read_text(encoding="utf-8")
    whole = compact_svg_text(plain)
    for step in (1, 7, 100, 4096):
        pieces = [plain[i:i + step] for i in range(0, len(plain), step)]
        assert compact_svg_chunks(pieces) == whole


def test_a_map_painted_in_parts_draws_what_one_painting_draws(tmp_path, monkeypatch):
    """Big maps are painted into the SVG in parts (Qt's generator holds one part at a time):
    every shape and text is there once, in the same order, and the picture is the same."""
    amap = generate_map(60, seed=2)
    whole = export_image(amap, tmp_path / "whole.svg", legend=True, ranking=[("A", 0.5)])
    monkeypatch.setattr("app.render.devices.SVG_PART", 7)
    parted = export_image(amap, tmp_path / "parted.svg", legend=True, ranking=[("A", 0.5)])
    shapes = lambda p: [(el.tag, sorted(el.attrib.get(k, "") for k in ("x", "y", "d", "points")))  # noqa: E731
                        for el in ElementTree.parse(str(p)).getroot().iter()
                        if not el.tag.endswith(("}g", "}style"))]
    assert shapes(parted) == shapes(whole)
    texts = lambda p: [t for el in ElementTree.parse(str(p)).getroot().iter()  # noqa: E731
                       if el.tag.endswith("text") for t in el.itertext()]
    assert texts(parted) == texts(whole)
    box = QRectF(0, 0, 700, 470)
    a, b = _render(whole, box), _render(parted, box)
    assert all(a.pixel(x, y) == b.pixel(x, y) for y in range(0, 400, 2) for x in range(0, 600, 2))
