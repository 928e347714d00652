"""Measuring cards with remembered word widths gives exactly the cards Qt's metrics give."""

import random
from pathlib import Path

from app.drawing.cards import measure_with
from app.io import import_file
from app.render import cards as C
from app.render import style as S
from app.render.wrap import QuickMetrics, elide

SHIPPED = Path(__file__).resolve().parents[2] / "argument_maps" / "prosocial-drives.argdown"


def _texts():
    texts = [(n.title, n.text) for n in import_file(SHIPPED).map.nodes.values()]
    words = [w for t, x in texts for w in f"{t} {x}".split()] + ["Ünïcode", "naïve", "—", "x" * 70]
    rng = random.Random(5)
    for _ in range(600):
        texts.append((" ".join(rng.choice(words) for _ in range(rng.randint(1, 30))),
                      " ".join(rng.choice(words) for _ in range(rng.randint(0, 60)))))
    return texts


def test_cards_measured_quickly_are_the_cards_qt_measures(qapp):
    texts = _texts()
    for width in (120, 220, 340):
        for title, text in texts:
            assert C.measure_card(title, text, width) == measure_with(
                title, text, width, S.metrics("title"), S.metrics("text"), elide), (title, width)


def test_quick_metrics_ask_qt_once_per_word(qapp):
    calls = []

    class Counting:
        def __init__(self, fm):
            self.fm, self.lineSpacing, self.elidedText, self.height = fm, fm.lineSpacing, fm.elidedText, fm.height

        def horizontalAdvance(self, text):
            calls.append(text)
            return self.fm.horizontalAdvance(text)
    quick = QuickMetrics(Counting(S.metrics("title")))
    text = "the same few words again and again " * 12
    measure_with(text, "", 200, quick, quick, elide)
    first = len(calls)
    measure_with(text + "and", "", 200, quick, quick, elide)
    assert len(calls) - first <= 3       # the whole text and its lines, not its words again
