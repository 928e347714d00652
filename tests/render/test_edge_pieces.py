"""Relations drawn on screen as straight pieces look as Qt's own stroke of the curve, and a
small repaint draws only the pieces near it; vector output keeps the curve."""

import math

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QPainter, QPainterPath, QPdfWriter

from app.render import edges as E


def _picture(draw, scale: float = 1.0) -> QImage:
    img = QImage(int(520 * scale), int(420 * scale), QImage.Format_ARGB32_Premultiplied)
    img.fill(Qt.white)
    p = QPainter(img)
    p.setRenderHint(QPainter.Antialiasing)
    p.scale(scale, scale)
    draw(p)
    p.end()
    return img


def _ink(img: QImage) -> list[int]:
    """How much ink each pixel holds (255 less its green)."""
    return [255 - (img.pixel(x, y) >> 8 & 0xFF) for y in range(img.height()) for x in range(img.width())]


def _geometry():
    return E.route_edge(QRectF(40, 320, 160, 60), QRectF(300, 20, 160, 60),
                        waypoints=[(250, 200)])


def test_pieces_draw_the_curve_and_its_dashes_as_qt_strokes_them():
    for relation in ("support", "attack"):
        for scale in (1.0, 2.5):
            geom = _geometry()
            pen, solid, dashes = E._pens(relation, 1.0, False, False)

            def by_qt(p):
                p.setPen(pen)
                p.drawPath(geom.path)

            def by_pieces(p):
                p.setPen(solid)
                p.drawLines(geom.pieces(scale, dashes))
            qt, ours = _ink(_picture(by_qt, scale)), _ink(_picture(by_pieces, scale))
            assert sum(qt) > 50_000 * scale
            # the same ink in the same pixels, up to antialiasing at the strokes' edges
            moved = sum(abs(a - b) for a, b in zip(qt, ours))
            assert moved <= 0.08 * sum(qt), (relation, scale, moved / sum(qt))
            assert abs(sum(ours) - sum(qt)) <= 0.05 * sum(qt), (relation, scale)


def test_pieces_follow_the_curve_within_a_quarter_pixel():
    geom = _geometry()
    for scale in (1.0, 4.0):
        lines = geom.pieces(scale)
        # consecutive, from the start of the curve to its end
        assert lines[0].p1() == geom.path.pointAtPercent(0)
        assert lines[-1].p2() == geom.path.pointAtPercent(1)
        assert all(a.p2() == b.p1() for a, b in zip(lines, lines[1:]))
        length = sum(line.length() for line in lines)
        assert math.isclose(length, geom.path.length(), rel_tol=0.002)
        # every piece's middle lies within a quarter of a device pixel of the curve
        along = 0.0
        for line in lines:
            mid, along = line.center(), along + line.length()
            at = along - line.length() / 2
            probe = [geom.path.pointAtPercent(geom.path.percentAtLength(min(max(at + d / 100, 0),
                                                                             geom.path.length())))
                     for d in range(-200, 201)]
            gap = min(math.hypot(mid.x() - q.x(), mid.y() - q.y()) for q in probe)
            assert gap * scale <= 0.25, (scale, gap)


def test_dashes_keep_their_place_across_the_pieces():
    path = QPainterPath()
    path.moveTo(0, 0)
    for x in range(3, 31, 3):               # a straight line of 30 in ten pieces of 3
        path.lineTo(x, 0)
    geom = E.EdgeGeometry(path, path.currentPosition(), (1.0, 0.0), path.pointAtPercent(0.5))
    got = [(round(line.x1(), 6), round(line.x2(), 6)) for line in geom.pieces(1.0, (4.0, 2.5))]
    # dashes 0-4, 6.5-10.5, 13-17, 19.5-23.5, 26-30: cut at the pieces' ends, joined up again
    joined: list[list[float]] = []
    for a, b in got:
        if joined and math.isclose(joined[-1][1], a):
            joined[-1][1] = b
        else:
            joined.append([a, b])
    assert [(round(a, 6), round(b, 6)) for a, b in joined] == [
        (0, 4), (6.5, 10.5), (13, 17), (19.5, 23.5), (26, 30)]


def test_a_small_repaint_draws_only_the_pieces_near_it():
    geom = _geometry()
    everything = geom.pieces(1.0, (10.0, 6.25))
    start = geom.path.pointAtPercent(0)     # the start of the line, at the source card
    corner = QRectF(start.x() - 20, start.y() - 20, 40, 40)
    near = geom.pieces(1.0, (10.0, 6.25), within=corner)
    assert 0 < len(near) < len(everything) / 2
    assert set(map(id, near)) <= set(map(id, everything))
    grown = corner.adjusted(-8, -8, 8, 8)
    assert any(grown.contains(line.p1()) for line in near)


def test_vector_output_keeps_the_curve(tmp_path):
    """In a PDF the relation stays a curve: it is never cut into pieces."""
    geom = _geometry()
    writer = QPdfWriter(str(tmp_path / "edge.pdf"))
    p = QPainter(writer)
    E.paint_edge(p, "attack", 1.0, "", geom, lod=1.0)
    p.end()
    pdf = (tmp_path / "edge.pdf").read_bytes()
    assert pdf.startswith(b"%PDF")
    assert geom._flat[0] == 0.0          # never flattened into pieces


def test_pieces_are_kept_for_a_bounded_number_of_relations(monkeypatch):
    monkeypatch.setattr(E, "KEEP_PIECES", 3)
    monkeypatch.setattr(E, "_KEPT", E.OrderedDict())
    geoms = [_geometry() for _ in range(5)]
    for g in geoms:
        g.pieces(1.0)
    assert [g._flat[0] for g in geoms] == [0.0, 0.0, 2.0, 2.0, 2.0]   # the first two let go
    assert len(geoms[0].pieces(1.0)) == len(geoms[4].pieces(1.0))     # and made again on demand
    assert geoms[1]._flat[0] == 0.0 and geoms[2]._flat[0] == 0.0     # the next oldest let go


def test_a_relation_is_cut_into_pieces_when_drawn_again_at_a_zoom():
    """Its first drawing at a fineness takes Qt's curve; pieces are made from the second."""
    geom = _geometry()
    assert geom.pieces(1.0, again_only=True) is None
    assert geom._flat[0] == 0.0                               # nothing flattened yet
    lines = geom.pieces(1.0, again_only=True)
    assert lines and lines == geom.pieces(1.0)
    assert geom.pieces(3.0, again_only=True) is None          # a finer zoom: first time again
    assert geom.pieces(1.0, again_only=True) is not None      # (still kept for the first)


def test_the_canvas_draws_a_relation_as_pieces_from_its_second_repaint():
    geom = _geometry()
    img = QImage(520, 420, QImage.Format_ARGB32_Premultiplied)
    for expect_flat in (0.0, 2.0):
        img.fill(Qt.white)
        p = QPainter(img)
        E.paint_edge(p, "support", 1.0, "", geom, lod=1.0)
        p.end()
        assert geom._flat[0] == expect_flat


def test_a_dimmed_relation_is_drawn_faint_by_its_colours_as_under_the_painters_opacity():
    """Dimmed relations take colours with the dim's alpha (Qt blends pixels under a painter
    opacity by a slower path); each part is drawn once, so the picture is the same, line,
    dashes, arrowhead, glyph and label alike, thin and wide (a selected one's halo to within
    rounding)."""
    cases = [(relation, False, scale, max_px) for relation in ("support", "attack", "relates")
             for scale, max_px in ((0.5, 1.0), (1.0, None), (1.6, None))]
    cases += [("support", True, 0.5, 1.0), ("support", True, 1.0, None)]   # selected: a halo too
    for relation, selected, scale, max_px in cases:
        for again in (False, True):     # the first drawing (a curve), then pieces
            def drawn(paint):
                geom = _geometry()
                if again:
                    _picture(lambda p: paint(p, geom), scale)
                return _picture(lambda p: paint(p, geom), scale)

            def under_opacity(p, geom):
                p.setOpacity(E.DIM_OPACITY)
                E._paint_edge(p, relation, 0.8, "because", geom, scale, selected, False, max_px,
                              None)

            def faint(p, geom):
                assert p.opacity() == 1.0
                E.paint_edge(p, relation, 0.8, "because", geom, lod=scale, emphasis="dim",
                             selected=selected, max_px=max_px)

            def full(p, geom):
                E.paint_edge(p, relation, 0.8, "because", geom, lod=scale, selected=selected,
                             max_px=max_px)
            a, b = drawn(under_opacity), drawn(faint)
            if selected:        # the halo's wide fill: rounding apart, by one level at most
                pa, pb = bytes(a.constBits()), bytes(b.constBits())
                assert max(abs(x - y) for x, y in zip(pa, pb)) <= 1, (relation, scale, again)
            else:
                assert a == b, (relation, scale, again)
            assert a != drawn(full)


def test_a_relation_crosses_the_boxes_its_line_passes_over_and_no_others():
    """``crosses`` follows the line itself: a box the curve passes over, not one that its
    pieces' boxes or its bounding box merely reach; the segment test clips segments."""
    geom = _geometry()
    points = E._flat_cubics(*geom.curve, 0.25)
    on = points[len(points) // 3]
    assert geom.crosses(QRectF(on[0] - 2, on[1] - 2, 4, 4))
    bounds = geom.path.boundingRect()
    corner = QRectF(bounds.right() - 6, bounds.bottom() - 6, 5, 5)   # in its box, off its line
    assert bounds.contains(corner) and not geom.crosses(corner)
    assert not geom.crosses(QRectF(1000, 1000, 50, 50))
    box = (0.0, 0.0, 10.0, 10.0)
    meets = {((-5, 5), (15, 5)): True, ((-5, -5), (-1, 20)): False, ((5, 5), (6, 6)): True,
             ((-5, 12), (15, 12)): False, ((-5, -5), (15, 15)): True, ((11, -1), (20, 5)): False,
             ((12, 5), (12, 6)): False, ((5, -3), (5, -1)): False, ((10, 10), (20, 20)): True}
    assert {seg: E._segment_meets(*seg, box) for seg in meets} == meets


def test_crosses_follows_the_line_within_its_tolerance_for_small_and_large_boxes():
    """A square meets the line when the line comes within its half side of its centre (in
    the largest of the two distances along the axes): ``crosses`` says so for every square
    clearly in or clearly out, halving only the cubics near it, at a fine and a coarse
    tolerance."""
    import random
    geom = E.route_edge(QRectF(40, 620, 160, 60), QRectF(700, 20, 160, 60),
                        waypoints=[(250, 480), (520, 300), (600, 160)])
    dense = E._flat_cubics(*geom.curve, 0.005)
    bounds = geom.path.boundingRect().adjusted(-30, -30, 30, 30)
    rng = random.Random(4)

    def gap(x, y):          # L-infinity distance from (x, y) to the dense polyline's points
        return min(max(abs(x - px), abs(y - py)) for px, py in dense)
    checked = 0
    for tol in (0.5, 4.0):
        for half in (0.5, 5.5, 25.0):
            for _ in range(300):
                x = rng.uniform(bounds.left(), bounds.right())
                y = rng.uniform(bounds.top(), bounds.bottom())
                d = gap(x, y)
                hit = geom.crosses(QRectF(x - half, y - half, 2 * half, 2 * half), tol)
                if d <= half - tol - 0.1:
                    assert hit, (tol, half, x, y, d)
                    checked += 1
                elif d >= half + tol + 0.1:
                    assert not hit, (tol, half, x, y, d)
                    checked += 1
    assert checked > 1500
