"""Image export: PNG and PDF drawn straight onto the paint device with the canvas's own card
and edge painting functions; SVG written without Qt by ``app.drawing.export`` (the same
geometry, colours and fonts).

``export_image(amap, "map.svg", legend=True)`` writes the whole map with a legend beside it.
The picture is made and checked in memory, then written to a temporary file beside the
target and renamed over it (``writing.write_file``), so a failure leaves no partial file.
"""

from __future__ import annotations

import math
from pathlib import Path

from ..drawing.errors import ExportError
from ..drawing.export import weighed, weighed_strategies  # noqa: F401  (callers import them here)
from ..drawing.writing import check_target, write_file
from ..safefile import real_target
from .qtapp import ensure_gui_app

FORMATS = ("png", "svg", "pdf")
PANEL_GAP = 24.0


def card_sizes(amap) -> dict[str, tuple[float, float]]:
    """Every card's (width, height), measured with the real fonts (for the layout)."""
    ensure_gui_app()
    from .geometry import measure_nodes
    return {n: m.size for n, m in measure_nodes(amap).items()}


def ensure_layout(amap) -> dict[str, tuple[float, float]]:
    """Centre positions for the nodes that have none (the map is not changed)."""
    from .geometry import place_missing
    return place_missing(amap, card_sizes(amap))


def with_layout(amap):
    """*amap* itself if every card has a position, else a copy in which the missing ones are
    laid out (imports, so the window and the exports show the same picture)."""
    if all(n.x is not None and n.y is not None for n in amap.nodes.values()):
        return amap
    from ..model.build import with_positions
    return with_positions(amap, ensure_layout(amap))


MAX_EXTENT = 1_000_000.0     # pixels across: far beyond any real map, well inside Qt's ints


def _check_extent(rect, scale: float) -> None:
    """ExportError for a picture no device can hold (cards at absurd positions)."""
    w, h = rect.width() * scale, rect.height() * scale
    if not (math.isfinite(w) and math.isfinite(h) and w <= MAX_EXTENT and h <= MAX_EXTENT):
        raise ExportError("The map spreads over more than a million pixels (some cards have "
                          "absurd positions); use Auto layout, then export again")


def _format_of(path: Path, fmt: str | None) -> str:
    name = (fmt or path.suffix.lstrip(".")).lower()
    if name not in FORMATS:
        raise ExportError(f"Cannot export an image as {name or 'a file without suffix'!r}: "
                          "use .png, .svg or .pdf")
    return name


class _Composition:
    """The map picture plus the optional legend and ranking panels beside it."""

    def __init__(self, amap, node_ids, strengths, legend, ranking, labels=None, caption=None,
                 values=None):
        from .picture import MapPicture
        self.picture = MapPicture(amap, node_ids, strengths, labels, values)
        self.legend, self.ranking, self.caption = legend, list(ranking or []), caption
        self.map_rect = self.picture.bounds()
        self.rect = self.map_rect
        if legend or self.ranking:
            from .legend import PANEL_W, LegendUse, legend_height, ranking_height
            pic = self.picture
            self.use = LegendUse.of(amap, pic.ids, [e for e, _ in pic.edges], pic.roles, pic.labels)
            h = (legend_height(self.use) if legend else 0) + (ranking_height(self.ranking, caption) + 12 if self.ranking else 0)
            r = self.map_rect
            self.rect = r.adjusted(0, 0, PANEL_W + PANEL_GAP, max(0.0, h + 48 - r.height()))

    def paint(self, p) -> None:
        self.picture.paint(p)
        if self.legend or self.ranking:
            self._paint_panels(p)

    def _paint_panels(self, p) -> None:
        from PySide6.QtCore import QPointF
        from .legend import paint_legend, paint_ranking
        x, y = self.map_rect.right() + PANEL_GAP / 2, self.map_rect.top() + 24
        if self.ranking:
            y = paint_ranking(p, QPointF(x, y), self.ranking, self.caption).bottom() + 12
        if self.legend:
            paint_legend(p, QPointF(x, y), self.use)


def export_image(amap, path, *, fmt=None, scale=1.0, dpi=None, transparent=False,
                 node_ids=None, legend=False, ranking=None, strengths=None, labels=None,
                 ranking_caption=None, page_size="A4", landscape=True, fit_to_page=True,
                 max_pixels=60_000_000, notes: list | None = None, poster=False,
                 values=None) -> Path:
    """Write the map (or the nodes *node_ids* and the edges among them) as PNG, SVG or PDF.
    SVG is drawn without Qt (``app.drawing.export``).

    PNG: *scale* (or *dpi*, 96 dpi being scale 1) sets the size, capped at *max_pixels*
    (the picture is scaled down and a note appended to *notes*). PDF: one page of
    *page_size* when *fit_to_page*, else actual size across as many pages as needed; a
    *poster* is the map at actual size on overlapping pages of *page_size* with marks, after
    a guide page (PDF only). *values*: the base scores of the perspective whose
    *strengths* are shown ({node id: value} over the map's own), so each card's base score
    is that perspective's too.
    """
    kind = _format_of(Path(path), fmt)
    if poster and (kind != "pdf" or page_size is None):
        raise ExportError("A poster is a PDF on pages of a given size (A4, A3, letter, \u2026)")
    if kind == "svg":                                      # drawn without Qt
        from ..drawing.export import export_svg
        return export_svg(amap, path, scale=scale, transparent=transparent, node_ids=node_ids,
                          strengths=strengths, labels=labels, values=values, legend=legend,
                          ranking=ranking, ranking_caption=ranking_caption)
    path = real_target(path)
    if not (isinstance(scale, (int, float)) and 0 < scale <= 50):
        raise ExportError(f"The scale must be a number above 0 and at most 50, not {scale!r}")
    if dpi is not None and not (isinstance(dpi, (int, float)) and 10 <= dpi <= 2400):
        raise ExportError(f"The resolution must be between 10 and 2400 dpi, not {dpi!r}")
    if not path.parent.is_dir():
        raise ExportError(f"The folder {str(path.parent)!r} does not exist")
    check_target(path)
    ensure_gui_app()
    from . import devices
    if kind == "pdf" and page_size is not None:   # None: one page as large as the map
        devices.page_size_of(page_size)
    comp = _Composition(amap, node_ids, strengths, legend, ranking, labels, ranking_caption,
                        values)
    _check_extent(comp.rect, scale)
    notes = notes if notes is not None else []
    if kind == "png":
        data = devices.png_bytes(comp, scale * (dpi / 96.0 if dpi else 1.0), dpi, transparent,
                                 max_pixels, notes)
    else:
        data = devices.pdf_bytes(comp, page_size, landscape, fit_to_page, amap.meta.get("title", ""),
                                 poster=poster)
    return write_file(path, data)
