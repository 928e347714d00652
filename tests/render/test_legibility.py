"""Legibility of the drawn shipped map (app.render.legibility on the exports' own routed
geometry): arrowheads never crowd each other, and the counters count what they say."""

from __future__ import annotations

from pathlib import Path

from app.io import import_file
from app.render.edges import arrowhead_width
from app.render.export import with_layout
from app.render.legibility import (arrowhead_clashes, bezier_polyline, closest_ratio,
                                   drawn_crossings, picture_figures)
from app.render.picture import MapPicture

SHIPPED = Path(__file__).resolve().parents[2] / "argument_maps" / "prosocial-drives.argdown"


def shipped_picture() -> MapPicture:
    return MapPicture(with_layout(import_file(SHIPPED).map))


def test_no_two_arrowheads_on_the_shipped_map_are_closer_than_their_width():
    pic = shipped_picture()
    heads = [((g.tip.x(), g.tip.y()), arrowhead_width(e.weight)) for e, g in pic.edges]
    assert len(heads) == len(pic.amap.edges) == 86
    assert arrowhead_clashes(heads) == []
    assert closest_ratio(heads) >= 1.0
    # the strategies gather most relations; theirs are spread along the whole side
    strategy = next(n for n, node in pic.amap.nodes.items() if node.title == "Best of both worlds")
    tips = sorted(g.tip.x() for e, g in pic.edges if e.target == strategy)
    rect = pic.rect_of(strategy)
    assert len(tips) >= 10
    assert tips[-1] - tips[0] > 0.7 * rect.width()


def test_the_figures_of_the_shipped_map_are_consistent():
    fig = picture_figures(shipped_picture())
    assert fig["relations"] == 86 and fig["clashes"] == 0 and fig["closest"] >= 1.0
    assert 0 < fig["crossings"]


def test_clashes_are_found_and_measured():
    heads = [((0.0, 0.0), 13.0), ((12.0, 0.0), 13.0), ((0.0, 30.0), 13.0), ((5.0, 35.0), 4.0)]
    assert arrowhead_clashes(heads) == [(0, 1, 12.0), (2, 3, 7.071)]
    assert closest_ratio(heads) == round(7.0710678 / 13.0, 3)


def test_crossings_count_points_not_pairs_of_bundled_lines():
    trunk = [(0.0, 0.0), (0.0, 100.0)]
    a = trunk + [(-50.0, 150.0)]
    b = trunk + [(50.0, 150.0)]
    across = [(-20.0, 50.0), (20.0, 50.0)]
    assert drawn_crossings([a, across]) == 1
    assert drawn_crossings([a, b, across]) == 1     # one point where the bundle is crossed
    # lines ending together at a shared card do not cross there
    assert drawn_crossings([[(0.0, 0.0), (10.0, 10.0)], [(20.0, 0.0), (10.0, 10.0)]]) == 0


def test_bezier_polyline_passes_through_the_piece_ends():
    pts = [(0.0, 0.0), (0.0, 10.0), (10.0, 10.0), (10.0, 0.0), (10.0, -10.0), (20.0, -10.0), (20.0, 0.0)]
    line = bezier_polyline(pts, steps=4)
    assert len(line) == 9 and line[0] == (0.0, 0.0) and line[4] == (10.0, 0.0) and line[-1] == (20.0, 0.0)
