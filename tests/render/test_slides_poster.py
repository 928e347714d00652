"""Slides (16:9 PDF pages and numbered PNGs), the poster across pages, and the ranking box
that wraps long titles instead of cutting them."""

import re

import pytest
from defusedxml import ElementTree
from PySide6.QtGui import QColor, QImage

from app.model import Edge, Node
from app.model.build import build_map
from app.render import ExportError, export_image
from app.render.deck import export_slides
from app.render.poster import OVERLAP_MM, STRIP_MM, grid
from app.render.slides import plan_slides


def pages(path) -> int:
    return len(re.findall(rb"/Type\s*/Page(?!s)", path.read_bytes()))


def media_boxes(path) -> list[tuple[float, float]]:
    boxes = re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", path.read_bytes())
    return [(float(w), float(h)) for w, h in boxes]


@pytest.fixture
def deck_map():
    """s1 has two reasons and an objection; s2 has nothing; a note comments on s1."""
    nodes = [Node(id="s1", kind="strategy", title="Go now", text="Start this year."),
             Node(id="s2", kind="strategy", title="Wait"),
             Node(id="r1", title="Cheap now", base_score=0.4),
             Node(id="r2", title="Team ready", base_score=0.9),
             Node(id="o1", title="Untested", base_score=0.5),
             Node(id="n", kind="note", title="Ask finance")]
    edges = [Edge(id="a", source="r1", target="s1"), Edge(id="b", source="r2", target="s1"),
             Edge(id="c", source="o1", target="s1", relation="attack"),
             Edge(id="d", source="n", target="s1", relation="relates")]
    return build_map(nodes, edges, meta={"title": "Launch"})


RANKING = [("s1", "Go now", 0.7), ("s2", "Wait", 0.5)]
STRENGTHS = {"r1": 0.4, "r2": 0.9, "o1": 0.5, "s1": 0.7, "s2": 0.5}


def test_the_plan_is_a_title_slide_then_one_slide_per_strategy(deck_map):
    slides = plan_slides(deck_map, RANKING, STRENGTHS, "DF-QuAD, Ann's values")
    assert [s.heading for s in slides] == ["Launch", "Go now", "Wait"]
    assert slides[0].caption == "Ranking \u2014 DF-QuAD, Ann's values"
    assert slides[0].ranking == [("Go now", 0.7), ("Wait", 0.5)]
    go = slides[1]
    assert go.focus.title == "Go now" and go.focus.text == "Start this year."
    assert go.focus.role == "Strategy \u00b7 rank 1 of 2"
    # reasons first (strongest first), then objections; the note is left out
    assert [(c.role, c.title, c.strength) for c in go.cards] == [
        ("Reason", "Team ready", "strength 0.90"), ("Reason", "Cheap now", "strength 0.40"),
        ("Objection", "Untested", "strength 0.50")]
    assert slides[2].cards == []


def test_a_strategy_with_many_cards_continues_on_another_slide():
    nodes = [Node(id="s", kind="strategy", title="Crowded")]
    nodes += [Node(id=f"c{i}", title=f"Card {i:02d}") for i in range(15)]
    edges = [Edge(id=f"e{i}", source=f"c{i}", target="s") for i in range(15)]
    slides = plan_slides(build_map(nodes, edges), [("s", "Crowded", 0.9)], {}, "DF-QuAD")
    assert [len(s.cards) for s in slides[1:]] == [12, 3]
    assert slides[2].focus.role == "Strategy \u00b7 rank 1 of 1 (continued, 2 of 2)"
    assert [c.title for s in slides[1:] for c in s.cards] == [f"Card {i:02d}" for i in range(15)]


def test_slides_as_a_pdf_of_16_9_pages(tmp_path, deck_map):
    [path] = export_slides(deck_map, tmp_path / "deck.pdf", ranking=RANKING, strengths=STRENGTHS,
                           caption="DF-QuAD, the map's own values")
    assert pages(path) == 3
    boxes = media_boxes(path)
    assert boxes and all(abs(w / h - 16 / 9) < 0.01 for w, h in boxes)


def _count(image: QImage, colour: str) -> int:
    rgb = QColor(colour).rgb()
    return sum(image.pixel(x, y) == rgb for x in range(0, image.width(), 2)
               for y in range(0, image.height(), 2))


def test_slides_as_numbered_pngs(tmp_path, deck_map):
    written = export_slides(deck_map, tmp_path / "deck.png", ranking=RANKING, strengths=STRENGTHS,
                            caption="DF-QuAD, the map's own values")
    assert [p.name for p in written] == ["deck-01.png", "deck-02.png", "deck-03.png"]
    images = [QImage(str(p)) for p in written]
    assert all((i.width(), i.height()) == (1920, 1080) for i in images)
    assert not (tmp_path / "deck.png").exists()
    # slide 2: reasons framed in blue, the objection in vermillion; slide 3 has no cards
    assert _count(images[1], "#0072B2") > 500 and _count(images[1], "#D55E00") > 200
    assert _count(images[2], "#0072B2") == 0 and _count(images[2], "#D55E00") == 0


def test_slides_refuse_other_formats_and_write_nothing(tmp_path, deck_map):
    with pytest.raises(ExportError, match=".pdf or .png"):
        export_slides(deck_map, tmp_path / "deck.svg", ranking=RANKING, strengths=STRENGTHS, caption="x")
    assert list(tmp_path.iterdir()) == []


def test_poster_has_a_guide_and_overlapping_sheets(tmp_path):
    from app.render.picture import MapPicture
    from app.render.qtapp import ensure_gui_app
    ensure_gui_app()
    nodes = [Node(id=f"n{i}", title=f"Card {i}", x=400.0 * (i % 10), y=300.0 * (i // 10)) for i in range(60)]
    amap = build_map(nodes, [])
    path = export_image(amap, tmp_path / "poster.pdf", poster=True, page_size="A4")
    rect = MapPicture(amap).bounds()
    mm = 25.4 / 96
    cols, rows = grid(rect.width() * mm, rect.height() * mm, 297 - 20, 210 - 20 - STRIP_MM, OVERLAP_MM)
    assert cols * rows > 1 and pages(path) == 1 + cols * rows
    tiled = export_image(amap, tmp_path / "tiled.pdf", fit_to_page=False, page_size="A4")
    assert pages(tiled) < pages(path)          # the overlap costs sheets
    small = export_image(build_map([Node(id="a", title="Alone", x=0.0, y=0.0)], []),
                         tmp_path / "one.pdf", poster=True, page_size="A3")
    assert pages(small) == 2
    with pytest.raises(ExportError, match="poster is a PDF"):
        export_image(amap, tmp_path / "poster.png", poster=True)


def test_the_ranking_box_wraps_long_titles(tmp_path):
    long = "A strategy whose title is much longer than the ranking panel is wide, every word kept"
    amap = build_map([Node(id="s", kind="strategy", title=long, x=0.0, y=0.0)], [])
    path = export_image(amap, tmp_path / "r.svg", ranking=[(long, 0.5), ("Short", 0.4)],
                        ranking_caption="DF-QuAD, the group's values (medians) and a long tail to wrap")
    root = ElementTree.parse(str(path)).getroot()
    texts = [" ".join("".join(el.itertext()).split()) for el in root.iter() if el.tag.endswith("text")]
    words = " ".join(texts)
    assert "\u2026" not in words
    start = texts.index("Ranking")
    box = " ".join(texts[start:])
    assert f"1. {long}" in box and "2. Short" in box and "a long tail to wrap" in box


def test_each_card_says_where_it_comes_from():
    nodes = [Node(id="s", kind="strategy", title="Go", source_ref="Key  point 13"),
             Node(id="r", title="Cheap", source_ref="key point 7"),
             Node(id="a", title="Anchored", anchor={"source": "src", "start": 0, "end": 4}),
             Node(id="o", title="Risky")]
    edges = [Edge(id="e1", source="r", target="s"), Edge(id="e2", source="a", target="s"),
             Edge(id="e3", source="o", target="s", relation="attack")]
    [_, go] = plan_slides(build_map(nodes, edges), [("s", "Go", 0.6)], {}, "DF-QuAD")
    assert go.focus.origin == "Key point 13"
    assert [(c.title, c.origin) for c in go.cards] == [
        ("Anchored", "from the source"), ("Cheap", "key point 7"),
        ("Risky", "added by the map's author")]
    # a map that cites no source at all does not call every card the author's
    plain = build_map([Node(id="s", kind="strategy", title="Go"), Node(id="o", title="Risky")],
                      [Edge(id="e", source="o", target="s", relation="attack")])
    [_, go] = plan_slides(plain, [("s", "Go", 0.6)], {}, "DF-QuAD")
    assert go.focus.origin == "" and go.cards[0].origin == ""


def _painted(slide) -> QImage:
    from PySide6.QtGui import QPainter
    from app.render.qtapp import ensure_gui_app
    from app.render.slides import H, W, paint_slide
    ensure_gui_app()
    image = QImage(int(W), int(H), QImage.Format_RGB32)
    p = QPainter(image)
    paint_slide(p, slide, 1, 1)
    p.end()
    return image


def test_the_provenance_is_drawn_on_the_card_s_role_line():
    from dataclasses import replace
    nodes = [Node(id="s", kind="strategy", title="Go"), Node(id="r", title="Cheap", source_ref="key point 7")]
    [_, go] = plan_slides(build_map(nodes, [Edge(id="e", source="r", target="s")]),
                          [("s", "Go", 0.6)], {}, "DF-QuAD")
    bare = replace(go, cards=[replace(go.cards[0], origin="")], focus=replace(go.focus, origin=""))
    shown, plain = _painted(go), _painted(bare)
    differs = [x for x in range(0, 1600, 2) for y in range(0, 900, 2)
               if shown.pixel(x, y) != plain.pixel(x, y)]
    # right-aligned: at the right end of the strategy's card and of the reason's (half width)
    assert differs and min(differs) > 400
    assert any(x < 800 for x in differs) and any(x > 1300 for x in differs)


def test_a_lone_reason_keeps_a_card_s_height_and_an_empty_map_ranks_nothing():
    nodes = [Node(id="s", kind="strategy", title="Go"), Node(id="r", title="Cheap")]
    amap = build_map(nodes, [Edge(id="e", source="r", target="s")])
    title, go = plan_slides(amap, [("s", "Go", 0.6)], {"r": 0.5}, "DF-QuAD")
    image = _painted(go)
    blue = [y for y in range(0, 900, 2) for x in (62, 63, 64) if image.pixel(x, y) == QColor("#0072B2").rgb()]
    assert blue and max(blue) - min(blue) < 260          # not stretched down the whole slide
    [empty] = plan_slides(build_map([Node(id="c", title="Claim")], []), [], {}, "DF-QuAD")
    assert _count(_painted(empty), "#D55E00") == 0       # no "1." row saying "not settled"


def test_a_poster_leaves_out_the_sheets_with_nothing_on_them(tmp_path):
    from app.render.export import _Composition
    from app.render.poster import is_blank
    from app.render.qtapp import ensure_gui_app
    ensure_gui_app()
    far = build_map([Node(id="a", title="Top left", x=0.0, y=0.0),
                     Node(id="b", title="Bottom right", x=3000.0, y=2000.0)], [])
    path = export_image(far, tmp_path / "far.pdf", poster=True, page_size="A4")
    comp = _Composition(far, None, {}, False, None)
    rect = comp.rect
    mm = 25.4 / 96
    cols, rows = grid(rect.width() * mm, rect.height() * mm, 297 - 20, 210 - 20 - STRIP_MM, OVERLAP_MM)
    assert cols * rows >= 9
    # the guide, then only the sheets the two corner cards reach (a card may lie across two)
    assert 1 + 2 <= pages(path) <= 1 + 4 < 1 + cols * rows
    # a relation's line across the empty middle keeps the sheets it crosses
    joined = build_map(list(far.nodes.values()), [Edge(id="e", source="a", target="b")])
    assert pages(export_image(joined, tmp_path / "joined.pdf", poster=True, page_size="A4")) > 3
    middle = comp.rect.center()
    from PySide6.QtCore import QRectF
    assert is_blank(comp, QRectF(middle.x() - 50, middle.y() - 50, 100, 100))
    assert not is_blank(comp, comp.picture.rect_of("a"))


def test_a_long_strategy_title_is_drawn_whole(monkeypatch):
    from app.render import slides
    long = ("Adopt a comprehensive phased national programme that gradually replaces every coal "
            "power station with a mix of offshore wind, solar farms and grid-scale batteries while "
            "retraining affected workers over fifteen years")
    amap = build_map([Node(id="s", kind="strategy", title=long)], [])
    [_, slide] = plan_slides(amap, [("s", long, 0.8)], {}, "DF-QuAD")
    drawn = []
    real = slides._lines
    monkeypatch.setattr(slides, "_lines", lambda p, lines, *a: (drawn.extend(lines), real(p, lines, *a))[1])
    _painted(slide)
    assert " ".join(drawn).count(long) == 1 and not any("\u2026" in line for line in drawn)


def test_the_ranking_box_keeps_a_very_long_title_whole(tmp_path):
    long = ("Adopt a comprehensive phased national programme that gradually replaces every coal "
            "power station with a mix of offshore wind, solar farms and grid-scale batteries while "
            "retraining affected workers over fifteen years")
    amap = build_map([Node(id="s", kind="strategy", title=long, x=0.0, y=0.0)], [])
    path = export_image(amap, tmp_path / "r.svg", ranking=[(long, 0.5)], ranking_caption="DF-QuAD")
    root = ElementTree.parse(str(path)).getroot()
    texts = [" ".join("".join(el.itertext()).split()) for el in root.iter() if el.tag.endswith("text")]
    box = " ".join(texts[texts.index("Ranking"):])
    assert f"1. {long}" in box and "\u2026" not in box


def test_a_long_ranking_continues_on_more_title_slides_inside_the_slide(monkeypatch):
    from app.render import slides
    nodes = [Node(id=f"s{i}", kind="strategy", title=f"Strategy number {i} with a moderately long title")
             for i in range(30)]
    ranking = [(n.id, n.title, 0.9 - i / 100) for i, n in enumerate(nodes)]
    deck = plan_slides(build_map(nodes, []), ranking, {}, "DF-QuAD")
    titles = [s for s in deck if s.focus is None]
    assert [len(s.ranking) for s in titles] == [8, 8, 8, 6] and [s.first for s in titles] == [1, 9, 17, 25]
    assert titles[3].caption == "Ranking \u2014 DF-QuAD (continued, 4 of 4)"
    assert len(deck) == 4 + 30
    drawn = []
    real = slides._lines
    monkeypatch.setattr(slides, "_lines", lambda p, lines, font, colour, x, y:
                        (drawn.append((lines, y + len(lines) * QFontMetricsF(font).lineSpacing())),
                         real(p, lines, font, colour, x, y))[1])
    from PySide6.QtGui import QFontMetricsF
    _painted(titles[1])
    rows = [(lines, bottom) for lines, bottom in drawn if lines and re.match(r"\d+\. ", lines[0])]
    assert rows[0][0][0].startswith("9. ") and rows[-1][0][0].startswith("16. ")
    assert max(bottom for _, bottom in rows) <= slides.H - slides.MARGIN
    assert QFontMetricsF(slides._font(22)).lineSpacing() <= min(b2 - b1 for (_, b1), (_, b2) in zip(rows, rows[1:]))


def test_poster_sheets_are_numbered_as_printed_and_name_only_printed_neighbours(tmp_path, monkeypatch):
    """Two cards in far corners: most parts of the grid are blank and left out. The strips
    must count the printed sheets (as the guide numbers them) and name only printed ones."""
    from PySide6.QtGui import QPainter
    from app.render import devices
    drawn = []

    class Recording(QPainter):
        def drawText(self, *args):
            drawn.append(next(a for a in args if isinstance(a, str)))
            return super().drawText(*args)

    def begin(device):
        p = Recording()
        assert p.begin(device)
        return p
    monkeypatch.setattr(devices, "_begin", begin)
    far = build_map([Node(id="a", title="Top left", x=0.0, y=0.0),
                     Node(id="b", title="Bottom right", x=3000.0, y=2000.0)], [])
    path = export_image(far, tmp_path / "far.pdf", poster=True, page_size="A4")
    printed = pages(path) - 1
    strips = [t for t in drawn if t.startswith("Sheet ")]
    assert len(strips) == printed
    assert [int(re.match(r"Sheet (\d+) of (\d+):", t).group(1)) for t in strips] == \
        list(range(1, printed + 1))
    assert all(f" of {printed}:" in t for t in strips)
    named = [int(n) for t in strips for n in re.findall(r"sheet (\d+) continues", t)]
    assert all(1 <= n <= printed for n in named)
    assert "continues" not in strips[0]               # the top-left card's neighbours are blank
    guide = [t for t in drawn if t.isdigit()]          # the numbers in the guide's grid
    assert guide == [str(n) for n in range(1, printed + 1)]
    assert any("not printed" in t for t in drawn)
