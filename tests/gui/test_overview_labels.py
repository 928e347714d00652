"""Acceptability labels at overview zoom: a titles-only card keeps its badge (astride its top
edge, as large on screen as at full detail) and explains it on hover, as at full detail."""

from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QImage, QPainter

from app.render import style as S
from app.render.cards import CardState, label_badge_rect, measure_card, paint_card


def _picture(label, lod):
    """A card painted at scale *lod* with *label*; (image, painter origin, metrics)."""
    m = measure_card("Prosocial drives later", "A statement long enough to wrap once.", 220)
    img = QImage(400, 300, QImage.Format_ARGB32)
    img.fill(QColor("#FFFFFF"))
    p = QPainter(img)
    p.translate(200, 150)
    p.scale(lod, lod)
    paint_card(p, "strategy", 0.5, m, CardState(label=label), lod)
    p.end()
    return img, m


def _colour_in(img, rect, lod, colour) -> int:
    """Pixels of *colour* inside the scene rect *rect* of the picture painted by _picture."""
    want = QColor(colour)
    x0, y0 = int(200 + rect.left() * lod), int(150 + rect.top() * lod)
    x1, y1 = int(200 + rect.right() * lod), int(150 + rect.bottom() * lod)
    return sum(img.pixelColor(x, y) == want for x in range(x0, x1) for y in range(y0, y1))


def test_titles_only_card_draws_its_badge_astride_its_top_edge(qapp):
    lod = 0.4
    img, m = _picture("out", lod)
    box = label_badge_rect(m, "out", lod)
    assert box.top() < -m.height / 2 < box.bottom()          # astride the top edge
    assert 10 <= box.height() * lod <= 16                    # screen size of the full badge
    assert _colour_in(img, box, lod, S.LABEL_COLOURS["out"]) > 0.4 * box.width() * box.height() * lod * lod
    plain, _ = _picture(None, lod)
    assert _colour_in(plain, box, lod, S.LABEL_COLOURS["out"]) == 0
    assert label_badge_rect(m, "out", 1.0).bottom() < -m.height / 2 + 30   # full detail: header


def test_overview_badge_explains_itself_on_hover(qtbot, shipped):
    win = shipped
    canvas, w = win.canvas, win.doc.weighing
    win.registry.run("view.labels")
    top = w.ranking[0].id
    card = canvas.map_scene.cards[top]
    canvas.set_zoom(0.45)
    canvas.centerOn(card)
    qtbot.waitUntil(lambda: card.last_lod == "titles")
    tip = card.fed["label_tip"]
    assert tip.startswith("out: ")
    badge = label_badge_rect(card.metrics, "out", card.lod)
    assert badge.top() < card.card_rect().top()              # the compact place, not the header's
    qtbot.mouseMove(canvas.viewport(), canvas.mapFromScene(badge.center() + card.pos()))
    qtbot.waitUntil(lambda: card.toolTip() == tip)
    qtbot.mouseMove(canvas.viewport(), canvas.mapFromScene(card.pos()) + QPoint(0, 5))
    qtbot.waitUntil(lambda: card.toolTip() == "")
