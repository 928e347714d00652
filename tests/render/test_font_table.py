"""The Qt-free card font metrics (app/drawing/fonttable.py, made by build/make_font_table.py)
are Qt's: the table matches what Qt measures now, and cards measured and wrapped without Qt
are the cards the window measures with Qt."""

import importlib.util
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QFont, QFontMetricsF

from app.drawing import fonttable
from app.drawing.cards import measure_card as measure_without_qt
from app.drawing.fontmetrics import metrics
from app.io import import_file
from app.render import ensure_gui_app
from app.render import style as S
from app.render.cards import measure_card as measure_with_qt

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))
from mapgen import generate_links_map, generate_map  # noqa: E402

SHIPPED = ROOT / "argument_maps" / "prosocial-drives.argdown"


@pytest.fixture(scope="module")
def qt_metrics():
    ensure_gui_app()
    italic = QFont(S.font("small"))
    italic.setItalic(True)
    return {"title": S.metrics("title"), "text": S.metrics("text"), "small": S.metrics("small"),
            "small_italic": QFontMetricsF(italic)}


def _maker():
    spec = importlib.util.spec_from_file_location("make_font_table", ROOT / "build" / "make_font_table.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_committed_table_is_what_qt_measures_now(qt_metrics):
    ensure_gui_app()
    maker = _maker()
    assert fonttable.CHARS == maker.CHARS
    for role, font in maker.fonts().items():
        fresh, kept = maker.table_of(font), fonttable.FONTS[role]
        assert tuple(fresh["adv"][c] for c in maker.CHARS) == kept["advances"], role
        assert (fresh["pairs"], fresh["triples"]) == (kept["pairs"], kept["triples"]), role
        assert (fresh["ascent"], fresh["line"], fresh["height"]) == \
            (kept["ascent"], kept["line"], kept["height"]), role


def _real_texts() -> list[str]:
    texts = []
    for amap in (import_file(SHIPPED).map, generate_map(150, seed=1), generate_links_map(150, seed=2)):
        for n in amap.nodes.values():
            texts += [n.title, n.text, n.source_ref, *n.text.split()]
    return [t for t in texts if t]


def test_advances_of_real_texts_are_qts(qt_metrics):
    texts = _real_texts() + ["Office affluent fjord \u201cquoted\u201d \u2014 na\u00efve caf\u00e9 \u00c5ngstr\u00f6m"]
    for role, fm in qt_metrics.items():
        ours = metrics(role)
        wrong = [t for t in texts if ours.horizontalAdvance(t) != fm.horizontalAdvance(t)]
        assert not wrong, (role, wrong[:3])
        assert (ours.ascent(), ours.lineSpacing(), ours.height()) == \
            (fm.ascent(), fm.lineSpacing(), fm.height())


@pytest.mark.parametrize("width", [240, 160, 400])
def test_cards_wrap_and_measure_as_the_window_measures_them(qt_metrics, width):
    amaps = [import_file(SHIPPED).map, generate_map(120, seed=4)]
    for amap in amaps:
        for n in amap.nodes.values():
            a, b = measure_without_qt(n.title, n.text, width), measure_with_qt(n.title, n.text, width)
            assert (a.title_lines, a.text_lines, a.size) == (b.title_lines, b.text_lines, b.size), n.title


def test_over_long_words_and_cut_texts_wrap_alike(qt_metrics):
    cases = [("Antidisestablishmentarianism" * 3, "word " * 200),
             ("A title " * 30, "Supercalifragilistic" * 10 + " end")]
    for title, text in cases:
        a, b = measure_without_qt(title, text, 200), measure_with_qt(title, text, 200)
        assert (a.title_lines, a.text_lines, a.size) == (b.title_lines, b.text_lines, b.size)
