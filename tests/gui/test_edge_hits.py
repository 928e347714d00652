"""A relation is hit (hovered, clicked, caught by a rubber band, found under the pointer
after a scroll) where its line is, half the hit width either side, tested on its cubics
(EdgeItem.collidesWithPath) instead of Qt stroking its whole line into a shape each time it
asks: scrolling with the pointer over the canvas strokes no relation."""

import random

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainterPath
from PySide6.QtTest import QTest

from app.ui.canvas.items import HIT_WIDTH, EdgeItem


def _square(x, y, half):
    path = QPainterPath()
    path.addRect(QRectF(x - half, y - half, 2 * half, 2 * half))
    return path


def _gap(geom, x, y):
    """Distance from (x, y) to the relation's line (its densely cut pieces)."""
    from app.render.edges import _flat_cubics
    pts = _flat_cubics(*geom.curve, 0.05)
    best = float("inf")
    for (ax, ay), (bx, by) in zip(pts, pts[1:]):
        dx, dy = bx - ax, by - ay
        t = 0.0 if dx == dy == 0 else max(0.0, min(1.0, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)))
        best = min(best, ((ax + t * dx - x) ** 2 + (ay + t * dy - y) ** 2) ** 0.5)
    return best


def _gap_to_square(geom, x, y, half):
    """Distance from the square of *half* side around (x, y) to the line (0 if they meet)."""
    return _gap_to_box(geom, (x - half, y - half, x + half, y + half))


def _gap_to_box(geom, box):
    """Distance from the box (left, top, right, bottom) to the line (0 if they meet)."""
    from app.render.edges import _flat_cubics, _segment_meets
    pts = _flat_cubics(*geom.curve, 0.05)
    if any(_segment_meets(a, b, box) for a, b in zip(pts, pts[1:])):
        return 0.0
    best = float("inf")
    for px, py in pts:
        dx, dy = max(box[0] - px, 0, px - box[2]), max(box[1] - py, 0, py - box[3])
        best = min(best, (dx * dx + dy * dy) ** 0.5)
    return best


def test_a_relation_is_hit_where_its_stroked_shape_is(shipped):
    """At points and in rectangles around the shipped map's longest relations, the hit test
    agrees with Qt's own (the line stroked HIT_WIDTH wide) wherever the line is not within a
    unit of the shape's edge, and a polygon that is not a rectangle still gets Qt's answer."""
    scene = shipped.canvas.map_scene
    longest = sorted(scene.edges.values(), key=lambda e: -e.geom.path.length())[:6]
    rng, agreed = random.Random(7), 0
    for item in longest:
        bounds = item.boundingRect()
        shape = item.shape()
        for _ in range(150):
            x, y = rng.uniform(bounds.left(), bounds.right()), rng.uniform(bounds.top(), bounds.bottom())
            d = _gap(item.geom, x, y)
            if abs(d - HIT_WIDTH / 2) < 1.5:
                continue                        # on the shape's edge: either answer is fair
            point = QPointF(x, y)
            assert item.contains(point) == shape.contains(point) == (d < HIT_WIDTH / 2), (item.edge_id, x, y, d)
            square = _square(x, y, 12)
            if abs(_gap_to_square(item.geom, x, y, 12) - HIT_WIDTH / 2) > 1:
                assert item.collidesWithPath(square) == square.intersects(shape), (item.edge_id, x, y, d)
            agreed += 1
        triangle = QPainterPath()
        mid = item.geom.mid
        triangle.moveTo(mid + QPointF(-20, -20))
        triangle.lineTo(mid + QPointF(20, -20))
        triangle.lineTo(mid + QPointF(0, 20))
        triangle.closeSubpath()
        assert item.collidesWithPath(triangle)          # Qt's answer for a polygon
    assert agreed > 500
    some = longest[0]
    under = scene.items(QRectF(some.geom.mid, some.geom.mid).adjusted(-2, -2, 2, 2), Qt.IntersectsItemShape)
    assert some in under


def test_scrolling_with_the_pointer_over_the_canvas_strokes_no_relation(shipped, monkeypatch):
    """Qt replays the last mouse move after a scroll to find what is under the pointer; it
    asks each relation whose box holds the pointer. Before, each of those stroked its line."""
    canvas, scene = shipped.canvas, shipped.canvas.map_scene
    stroked = []
    shape = EdgeItem.shape
    monkeypatch.setattr(EdgeItem, "shape", lambda self: (stroked.append(self.edge_id), shape(self))[1])
    canvas.set_zoom(1.0)
    QTest.mouseMove(canvas.viewport(), canvas.viewport().rect().center())
    cards = sorted(scene.cards)
    for nid in random.Random(3).sample(cards, 10):
        canvas.centerOn(scene.cards[nid])
        QTest.mouseMove(canvas.viewport(), canvas.viewport().rect().center() + QPointF(7, 3).toPoint())
    assert stroked == [], stroked[:5]


def test_a_rubber_band_catches_the_relations_it_meets(shipped):
    """Dragged with the mouse from an empty spot, the band selects the cards it meets and the
    relations whose lines (hit width included) it meets, as Qt's stroked shapes would."""
    canvas, scene = shipped.canvas, shipped.canvas.map_scene
    canvas.set_zoom(0.6)
    vp = canvas.viewport()
    centre = scene.cards[sorted(scene.cards)[5]]
    canvas.centerOn(centre)
    middle = vp.rect().center() - QPointF(210, 150).toPoint()
    spots = sorted((QPointF(x, y).toPoint() for y in range(10, vp.height() // 2, 9)
                    for x in range(10, vp.width() // 2, 9)),
                   key=lambda q: (q - middle).manhattanLength())
    start = next(q for q in spots if not canvas.items(q))
    end = start + QPointF(420, 300).toPoint()
    QTest.mousePress(vp, Qt.LeftButton, Qt.NoModifier, start)
    for k in range(1, 6):
        QTest.mouseMove(vp, start + (end - start) * k / 5)
    QTest.mouseRelease(vp, Qt.LeftButton, Qt.NoModifier, end)
    band = canvas.mapToScene(QRectF(start, end).toRect()).boundingRect()
    box = (band.left(), band.top(), band.right(), band.bottom())
    path = QPainterPath()
    path.addRect(band)
    chosen = {e for e, item in scene.edges.items() if item.isSelected()}
    assert chosen, "the band should meet some relation"
    fair = 0
    for eid, item in scene.edges.items():
        if not item.isVisible() or abs(_gap_to_box(item.geom, box) - HIT_WIDTH / 2) < 1:
            continue
        assert (eid in chosen) == path.intersects(item.shape()), eid
        fair += 1
    assert fair > 20
    assert {n for n, c in scene.cards.items() if c.isSelected()} == \
        {n for n, c in scene.cards.items() if c.isVisible() and c.sceneBoundingRect().intersects(band)}
