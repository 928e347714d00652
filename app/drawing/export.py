"""The SVG export without Qt: ``export_svg(amap, "map.svg")`` measures, places, routes and
writes the map as the Qt-painted exports draw it (``app.render.export`` keeps PNG and PDF,
and SVG with a legend or ranking panel). The file is written whole or not at all
(``writing.write_file``).
"""

from __future__ import annotations

from pathlib import Path

from ..safefile import real_target
from .errors import ExportError
from .writing import check_target, write_file

MAX_EXTENT = 1_000_000.0     # pixels across: far beyond any real map


def check_request(path, scale) -> Path:
    """The real target of an image export, or ExportError for a bad scale or folder."""
    path = real_target(path)
    if not (isinstance(scale, (int, float)) and 0 < scale <= 50):
        raise ExportError(f"The scale must be a number above 0 and at most 50, not {scale!r}")
    if not path.parent.is_dir():
        raise ExportError(f"The folder {str(path.parent)!r} does not exist")
    check_target(path)
    return path


def check_extent(width: float, height: float) -> None:
    """ExportError for a picture no device can hold (cards at absurd positions)."""
    import math
    if not (math.isfinite(width) and math.isfinite(height) and width <= MAX_EXTENT
            and height <= MAX_EXTENT):
        raise ExportError("The map spreads over more than a million pixels (some cards have "
                          "absurd positions); use Auto layout, then export again")


def export_svg(amap, path, *, scale=1.0, transparent=False, node_ids=None, strengths=None,
               labels=None, values=None, legend=False, ranking=None, ranking_caption=None) -> Path:
    """Write the map (or the nodes *node_ids* and the edges among them) as SVG at *scale*,
    with *strengths* on the cards, acceptability *labels* if given, the base scores
    *values* of the perspective shown ({node id: value} over the map's own), and beside
    it the strategy *ranking* [(title, strength)] under *ranking_caption* and a *legend*
    if asked."""
    from .scene import Scene
    from .svg import scene_svg
    path = check_request(path, scale)
    scene = Scene(amap, node_ids, strengths, labels, values)
    extra = None
    if legend or ranking:
        from .svg_panels import with_panels
        extra = with_panels(scene, legend, list(ranking or []), ranking_caption)
    left, top, right, bottom = extra[0] if extra else scene.bounds()
    check_extent((right - left) * scale, (bottom - top) * scale)
    data = scene_svg(scene, scale, transparent, amap.meta.get("title", ""), extra)
    return write_file(path, data)


def weighed(amap, overrides=None, whose: str = ""):
    """(strengths, ranking, caption) for an export: the settled strengths under the map's
    semantics with *overrides* (a participant's or the group's values) over the map's own,
    the strategy ranking as (title, strength), and a caption naming the semantics and
    *whose* values they are (by default the map's own)."""
    from ..model.rules import MAPS_OWN_VALUES, SEMANTICS
    from ..reasoning import evaluate, framework_from_map, rank_strategies
    semantics = amap.meta.get("semantics", "dfquad")
    fw = framework_from_map(amap, overrides)
    ev = evaluate(fw, semantics)
    strengths = {n: v for n, v in ev.strengths.items() if n not in ev.unconverged}
    ranking = [(e.title, e.strength) for e in rank_strategies(fw, ev)]
    return strengths, ranking, f"{SEMANTICS.get(semantics, semantics)}, {whose or MAPS_OWN_VALUES}"


def weighed_strategies(amap, overrides=None, whose: str = ""):
    """As :func:`weighed`, with the ranking as (id, title, strength or None if unsettled)."""
    from ..model.rules import MAPS_OWN_VALUES, SEMANTICS
    from ..reasoning import evaluate, framework_from_map, rank_strategies
    semantics = amap.meta.get("semantics", "dfquad")
    fw = framework_from_map(amap, overrides)
    ev = evaluate(fw, semantics)
    strengths = {n: v for n, v in ev.strengths.items() if n not in ev.unconverged}
    ranking = [(e.id, e.title, strengths.get(e.id)) for e in rank_strategies(fw, ev)]
    return strengths, ranking, f"{SEMANTICS.get(semantics, semantics)}, {whose or MAPS_OWN_VALUES}"
