"""A relation's curve cut into pieces, so that a view repaints only the part it needs."""

import math

from PySide6.QtCore import QRectF

from app.render.edges import PIECE_LEN, route_edge


def _ends(path):
    first, last = path.elementAt(0), path.elementAt(path.elementCount() - 1)
    return (first.x, first.y), (last.x, last.y)


def test_the_pieces_follow_the_curve_end_to_end_and_count_its_length():
    # a long relation through two waypoints, from a card far below to one far to the left
    geom = route_edge(QRectF(2400, 1800, 250, 90), QRectF(0, 0, 250, 90), [(1800, 1200), (600, 600)])
    pieces = geom.pieces()
    assert len(pieces) > 5 and geom.pieces() is pieces        # cut once
    assert _ends(pieces[0][0])[0] == _ends(geom.path)[0]
    assert _ends(pieces[-1][0])[1] == _ends(geom.path)[1]
    for (a, _before, _box), (b, _next, _box2) in zip(pieces, pieces[1:]):
        assert _ends(a)[1] == _ends(b)[0]                       # no gap, no overlap
    for piece, before, box in pieces:
        assert piece.length() <= PIECE_LEN * 1.01
        assert box.contains(piece.boundingRect())
        mid = piece.pointAtPercent(0.5)      # on the whole curve, as far along as it says
        at = geom.path.pointAtPercent(geom.path.percentAtLength(before + piece.length() / 2))
        assert math.dist((mid.x(), mid.y()), (at.x(), at.y())) < 0.03 * PIECE_LEN
    total = pieces[-1][1] + pieces[-1][0].length()
    assert abs(total - geom.path.length()) < 0.5


def test_a_short_relation_is_one_piece():
    geom = route_edge(QRectF(0, 200, 250, 90), QRectF(0, 0, 250, 90))
    assert [before for _p, before, _b in geom.pieces()] == [0.0]
    assert _ends(geom.pieces()[0][0]) == _ends(geom.path)
