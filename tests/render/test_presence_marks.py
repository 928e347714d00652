"""Presence marks on a card: each person's dot in their colour at the card's top-right
corner, far out as well as close up; at most four dots, the rest summed up."""

from collections import Counter

import pytest
from PySide6.QtGui import QColor, QImage, QPainter

from app.render.cards import CardState, card_rect, measure_card, paint_card
from app.render.presence_marks import MARK_R, MAX_MARKS, grow, mark_centres


@pytest.fixture
def card(qapp):
    return measure_card("A claim", "with some text", 220)


def painted(m, marks, lod=1.0):
    rect = card_rect(m)
    image = QImage(int(rect.width()) + 80, int(rect.height()) + 80, QImage.Format_ARGB32)
    image.fill(QColor("#FFFFFF"))
    p = QPainter(image)
    p.translate(image.width() / 2, image.height() / 2)
    paint_card(p, "claim", 0.5, m, CardState(presence=tuple(marks)), lod)
    p.end()
    return image, rect


def colour_at(image, rect, centre, lod=1.0):
    """The colour filling most of the dot at *centre* (its letter and rim aside)."""
    r = MARK_R * grow(lod) * 0.8
    cx, cy = image.width() / 2 + centre.x(), image.height() / 2 + centre.y()
    seen = Counter(image.pixelColor(int(cx + dx), int(cy + dy)).name().upper()
                   for dx in range(-int(r), int(r) + 1) for dy in range(-int(r), int(r) + 1)
                   if dx * dx + dy * dy <= r * r)
    return seen.most_common(1)[0][0]


@pytest.mark.parametrize("lod", [1.0, 0.2])
def test_each_person_on_a_card_gets_a_dot_in_their_colour(card, lod):
    marks = [("A", "#0072B2"), ("B", "#D55E00")]
    image, rect = painted(card, marks, lod)
    centres = mark_centres(rect, 2, lod)
    assert [colour_at(image, rect, c, lod) for c in centres] == ["#0072B2", "#D55E00"]
    bare, _ = painted(card, [], lod)
    assert colour_at(bare, rect, centres[0], lod) not in ("#0072B2", "#D55E00")


def test_more_people_than_dots_are_summed_up(card):
    marks = [(str(i), "#009E73") for i in range(MAX_MARKS + 3)]
    image, rect = painted(card, marks)
    centres = mark_centres(rect, len(marks))
    assert len(centres) == MAX_MARKS
    assert colour_at(image, rect, centres[-1]) == "#7A7A7A"       # the "+N" dot
    assert all(colour_at(image, rect, c) == "#009E73" for c in centres[:-1])


def test_zoomed_out_the_dots_grow_but_stay_on_the_card(card):
    rect = card_rect(card)
    near, far = mark_centres(rect, 4, 1.0), mark_centres(rect, 4, 0.3)
    assert far[0].x() < near[0].x()                      # a larger dot, further in
    assert all(rect.left() < c.x() < rect.right() for c in far)
    assert len(far) <= len(near)
