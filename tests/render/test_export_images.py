"""Image export: PNG size and content, SVG text, PDF pages, caps and bad input."""

import re

import pytest
from defusedxml import ElementTree
from PySide6.QtGui import QColor, QImage

from app.layout import count_overlaps
from app.model import Edge, Node
from app.model.build import build_map
from app.render import ExportError, card_sizes, ensure_layout, export_image


@pytest.fixture
def two_far_cards():
    """Two unconnected cards 1,000 px apart, with an empty gap between them."""
    nodes = [Node(id="a", title="Left card", x=0.0, y=0.0), Node(id="b", title="Right card", x=1000.0, y=0.0)]
    return build_map(nodes, [])


@pytest.fixture
def titled_map():
    nodes = [Node(id=f"n{i}", title=f"Title number {i}", text="Some words " * i) for i in range(6)]
    nodes.append(Node(id="odd", title="<b>not bold</b> & 'quotes'"))
    edges = [Edge(id=f"e{i}", source=f"n{i}", target="n0", relation="attack" if i % 2 else "support")
             for i in range(1, 6)] + [Edge(id="eo", source="odd", target="n1")]
    return build_map(nodes, edges)


def _ink_columns(image: QImage, row: int) -> list[int]:
    white = QColor("white").rgb()
    return [x for x in range(image.width()) if image.pixel(x, row) != white]


def test_png_size_follows_scale_and_cards_are_drawn(tmp_path, two_far_cards):
    one = QImage(str(export_image(two_far_cards, tmp_path / "one.png")))
    two = QImage(str(export_image(two_far_cards, tmp_path / "two.png", scale=2.0)))
    assert one.width() > 1000
    assert abs(two.width() - 2 * one.width()) <= 2 and abs(two.height() - 2 * one.height()) <= 2
    ink = _ink_columns(one, one.height() // 2)
    assert ink and max(ink) - min(ink) >= 1000          # both cards are there ...
    middle = [x for x in ink if min(ink) + 300 < x < max(ink) - 300]
    assert middle == []                                  # ... and nothing between them


def test_png_dpi_and_transparency(tmp_path, two_far_cards):
    plain = QImage(str(export_image(two_far_cards, tmp_path / "p.png")))
    hi = QImage(str(export_image(two_far_cards, tmp_path / "hi.png", dpi=192, transparent=True)))
    assert abs(hi.width() - 2 * plain.width()) <= 2
    assert round(hi.dotsPerMeterX() * 0.0254) == 192
    assert hi.pixelColor(0, 0).alpha() == 0 and plain.pixelColor(0, 0) == QColor("white")


def test_png_is_capped_with_a_note(tmp_path, two_far_cards):
    notes = []
    image = QImage(str(export_image(two_far_cards, tmp_path / "big.png", scale=10, max_pixels=1_000_000,
                                    notes=notes)))
    assert image.width() * image.height() <= 1_000_000 + image.width() + image.height()
    assert len(notes) == 1 and "scaled down" in notes[0]


def test_svg_parses_and_keeps_titles_as_text(tmp_path, titled_map):
    path = export_image(titled_map, tmp_path / "map.svg", legend=True,
                        ranking=[("Title number 0", 0.6)], strengths={"n0": 0.6})
    root = ElementTree.parse(str(path)).getroot()
    texts = " ".join("".join(el.itertext()) for el in root.iter() if el.tag.endswith("text"))
    for node in titled_map.nodes.values():
        assert node.title in texts
    assert "Legend" in texts and "Ranking" in texts


def test_svg_of_a_selection_has_only_those_nodes(tmp_path, titled_map):
    path = export_image(titled_map, tmp_path / "part.svg", node_ids={"n0", "n2"})
    text = path.read_text(encoding="utf-8")
    assert "Title number 2" in text and "Title number 3" not in text


def _pages(path) -> int:
    return len(re.findall(rb"/Type\s*/Page(?!s)", path.read_bytes()))


def test_pdf_fits_one_page(tmp_path, titled_map):
    path = export_image(titled_map, tmp_path / "map.pdf")
    assert path.read_bytes().startswith(b"%PDF")
    assert _pages(path) == 1


def test_pdf_actual_size_of_a_large_map_spans_pages(tmp_path):
    nodes = [Node(id=f"n{i}", title=f"Card {i}", x=400.0 * (i % 10), y=300.0 * (i // 10)) for i in range(60)]
    amap = build_map(nodes, [])
    fit = export_image(amap, tmp_path / "fit.pdf")
    tiled = export_image(amap, tmp_path / "tiled.pdf", fit_to_page=False, page_size="A4", landscape=False)
    assert _pages(fit) == 1
    assert _pages(tiled) > 1


def test_bad_requests_give_one_clear_error_and_write_nothing(tmp_path, titled_map):
    for kwargs, name in (({}, "map.gif"), ({"scale": 0}, "a.png"), ({"dpi": 5}, "b.png"),
                         ({"page_size": "B99"}, "c.pdf")):
        with pytest.raises(ExportError) as info:
            export_image(titled_map, tmp_path / name, **kwargs)
        assert str(info.value)
        assert not (tmp_path / name).exists()
    with pytest.raises(ExportError):
        export_image(titled_map, tmp_path / "missing" / "x.png")


def test_card_sizes_and_ensure_layout(titled_map):
    sizes = card_sizes(titled_map)
    assert set(sizes) == set(titled_map.nodes)
    assert sizes["n5"][1] > sizes["n0"][1]               # more text, taller card
    positions = ensure_layout(titled_map)
    assert set(positions) == set(titled_map.nodes)
    assert count_overlaps(positions, sizes) == 0
    assert positions["n1"][1] > positions["n0"][1]       # reasons below their conclusion
