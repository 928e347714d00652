"""Chart labels of the weighing panel: titles wrap or shorten between words, never inside
one, and axis labels keep clear of the ticks, of each other and of the plot."""

import pytest
from PySide6.QtCore import QEvent, QObject, QRectF
from PySide6.QtWidgets import QApplication

from app.ui.weighing.charts import GAP, RankingBars, SweepChart, word_fit, word_lines

TITLE = "Keep internal AI corrigible and give outward-facing AI prosocial drives"


def _whole_words(lines, text):
    words = set(text.split())
    for line in lines:
        for word in line.rstrip("\u2026").split():
            assert word in words, (word, lines)


@pytest.mark.parametrize("width", [60, 90, 140, 200, 400])
def test_word_lines_cut_only_between_words(qtbot, width):
    fm = SweepChart().fontMetrics()
    lines = word_lines(fm, TITLE, width)
    assert 1 <= len(lines) <= 2
    assert all(fm.horizontalAdvance(line) <= width for line in lines)
    _whole_words(lines, TITLE)
    if " ".join(lines) != TITLE:
        assert lines[-1].endswith("\u2026")
    single = word_fit(fm, TITLE, width)
    _whole_words([single], TITLE)


def test_ranking_bars_wrap_long_titles_instead_of_cutting(qtbot):
    bars = RankingBars()
    qtbot.addWidget(bars)
    bars.resize(260, 100)
    bars.set_rows([("a", TITLE, 0.6), ("b", "Short", 0.4)])
    assert bars.title_lines() == 2
    assert bars.height() == 2 * bars.row_h + 4
    bars.resize(2000, bars.height())
    assert bars.title_lines() == 1
    assert bars.row_at(bars.row_h * 1.5) == "b"


@pytest.mark.parametrize("size", [(260, 200), (300, 250), (500, 320)])
def test_axis_labels_clear_of_ticks_and_each_other(qtbot, size):
    chart = SweepChart()
    qtbot.addWidget(chart)
    chart.resize(*size)
    chart.set_data([(x / 10, 0.6, x / 10) for x in range(11)], (TITLE, "Prosocial drives later"),
                   "weight of Good citizen thesis \u2192 Prosocial drives everywhere", 0.5, 0.6)
    labels = chart.axis_labels()
    boxes = [box for box, _ in labels]
    for tick in chart.ticks():
        tick_box = QRectF(tick.p1(), tick.p2()).normalized().adjusted(-GAP + 1, -GAP + 1, GAP - 1, GAP - 1)
        assert not any(box.intersects(tick_box) for box in boxes)
    for i, a in enumerate(boxes):
        assert chart.rect().adjusted(0, 0, 1, 1).contains(a.toRect()), labels[i]
        assert not a.intersects(chart.plot_rect()), labels[i]
        for b in boxes[i + 1:]:
            assert not a.intersects(b), (labels[i], b)
    _whole_words([t for _, t in labels if t.startswith("value of") or "\u2192" in t or "Prosocial" in t],
                 "value of: weight of Good citizen thesis \u2192 Prosocial drives everywhere")


def test_many_strategies_scroll_instead_of_making_the_window_taller(composed, tmp_path, documents, errors):
    """A map with twelve strategies fits a 1366 x 768 laptop screen: the ranking bars scroll
    inside the weighing panel instead of pushing the window's minimum height past the screen."""
    from mapgen import generate_map

    from app.document import Document
    from app.render.export import with_layout
    doc = Document.new(tmp_path / "twelve.rmap", with_layout(generate_map(600, strategies=12)))
    win = composed(doc, 1366, 740)
    bars = win.findChild(RankingBars, "rankingBars")
    assert len(bars.rows) == 12
    assert win.minimumSizeHint().height() <= 740
    assert win.height() <= 740
    area = bars.parentWidget().parentWidget()          # the viewport's scroll area
    assert area.height() < bars.height()                # some rows are scrolled to
    area.verticalScrollBar().setValue(area.verticalScrollBar().maximum())
    assert area.verticalScrollBar().value() > 0
    win.close()
    doc.close()


def test_ranking_bars_repaint_only_when_what_they_show_changes(qtbot):
    bars = RankingBars()
    qtbot.addWidget(bars)
    bars.resize(300, 100)
    bars.show()
    qtbot.waitExposed(bars)
    painted = []

    class Counter(QObject):
        def eventFilter(self, _obj, event):
            if event.type() == QEvent.Paint:
                painted.append(1)
            return False
    counter = Counter()
    bars.installEventFilter(counter)
    bars.set_rows([("a", "First", 0.61234), ("b", "Second", 0.4)])
    qtbot.waitUntil(lambda: len(painted) == 1)
    bars.set_rows([("a", "First", 0.61211), ("b", "Second", 0.4)])   # 0.612 either way
    QApplication.processEvents()
    assert len(painted) == 1 and bars.rows[0][2] == 0.61211
    bars.set_rows([("a", "First", 0.6131), ("b", "Second", 0.4)])    # 0.613: shown
    qtbot.waitUntil(lambda: len(painted) == 2)
    bars.set_rows([("a", "First", 0.6131), ("b", "Second", 0.4)], current="b")
    qtbot.waitUntil(lambda: len(painted) == 3)
