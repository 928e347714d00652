"""Paint a composed map onto a QImage (PNG), a QSvgGenerator (SVG) or a QPdfWriter (PDF)."""

from __future__ import annotations

import math
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QColor, QImage, QPageLayout, QPageSize, QPainter, QPdfWriter

from .errors import ExportError

SCREEN_DPI = 96.0
_PAGE_SIZES = {"a3": QPageSize.A3, "a4": QPageSize.A4, "a5": QPageSize.A5,
               "letter": QPageSize.Letter, "legal": QPageSize.Legal, "tabloid": QPageSize.Tabloid}


def _begin(device) -> QPainter:
    p = QPainter()
    if not p.begin(device):
        raise ExportError("Could not start drawing the image (is the file writable?)")
    p.setRenderHint(QPainter.Antialiasing, True)
    p.setRenderHint(QPainter.TextAntialiasing, True)
    return p


def write_png(comp, path: Path, scale: float, dpi, transparent: bool, max_pixels: int,
              notes: list) -> None:
    rect = comp.rect
    w, h = rect.width() * scale, rect.height() * scale
    if w * h > max_pixels:
        shrink = math.sqrt(max_pixels / (w * h))
        scale *= shrink
        notes.append(f"The picture would have been {int(w)}\u00d7{int(h)} pixels; it was scaled "
                     f"down to {int(w * shrink)}\u00d7{int(h * shrink)} to stay under "
                     f"{max_pixels:,} pixels.")
    size = QSize(max(1, math.ceil(rect.width() * scale)), max(1, math.ceil(rect.height() * scale)))
    # opaque pictures as RGB32: the PNG encoder (the slow part on big pictures) has less to do
    image = QImage(size, QImage.Format_ARGB32_Premultiplied if transparent else QImage.Format_RGB32)
    if image.isNull():
        raise ExportError("Not enough memory for a picture that large; use a smaller scale")
    image.fill(QColor(0, 0, 0, 0) if transparent else QColor("white"))
    if dpi:
        image.setDotsPerMeterX(round(dpi / 0.0254))
        image.setDotsPerMeterY(round(dpi / 0.0254))
    p = _begin(image)
    p.scale(scale, scale)
    p.translate(-rect.topLeft())
    comp.paint(p)
    p.end()
    if not image.save(str(path), "PNG"):
        raise ExportError(f"Could not write {path.name}")


def write_svg(comp, path: Path, scale: float, transparent: bool, title: str) -> None:
    from PySide6.QtSvg import QSvgGenerator
    rect = comp.rect
    gen = QSvgGenerator()
    gen.setFileName(str(path))
    w, h = math.ceil(rect.width() * scale), math.ceil(rect.height() * scale)
    gen.setSize(QSize(w, h))
    gen.setViewBox(QRectF(0, 0, w, h))
    gen.setResolution(int(SCREEN_DPI))
    gen.setTitle(str(title or "Argument map"))
    gen.setDescription("Drawn by Reasonmap")
    p = _begin(gen)
    if not transparent:
        p.fillRect(QRectF(0, 0, w, h), QColor("white"))
    p.scale(scale, scale)
    p.translate(-rect.topLeft())
    comp.paint(p)
    p.end()
    from .svg_compact import compact_svg_file
    compact_svg_file(path)          # shared style classes instead of Qt's repeated attributes


def page_size_of(name) -> QPageSize:
    """A QPageSize from a name such as 'A4' or 'letter'."""
    key = str(name).strip().lower()
    if key not in _PAGE_SIZES:
        raise ExportError(f"Unknown page size {name!r} (known: {', '.join(s.upper() if s[0] == 'a' else s for s in _PAGE_SIZES)})")
    return QPageSize(_PAGE_SIZES[key])


def write_pdf(comp, path: Path, page_size, landscape: bool, fit: bool, title: str) -> None:
    writer = QPdfWriter(str(path))
    writer.setResolution(300)
    writer.setTitle(str(title or "Argument map"))
    writer.setCreator("Reasonmap")
    rect = comp.rect
    if page_size is None:   # a single page the size of the map at 100 %
        mm = 25.4 / SCREEN_DPI
        size = QPageSize(QSizeF(rect.width() * mm + 20, rect.height() * mm + 20), QPageSize.Millimeter,
                         "Map", QPageSize.ExactMatch)
        landscape, fit = False, True
    else:
        size = page_size_of(page_size)
    layout = QPageLayout(size, QPageLayout.Landscape if landscape else QPageLayout.Portrait,
                         QMarginsF(10, 10, 10, 10), QPageLayout.Millimeter)
    writer.setPageLayout(layout)
    page = writer.pageLayout().paintRectPixels(writer.resolution())
    pw, ph = float(page.width()), float(page.height())
    actual = writer.resolution() / SCREEN_DPI
    p = _begin(writer)
    if fit:
        s = min(pw / rect.width(), ph / rect.height(), actual * 1.5)
        p.translate((pw - rect.width() * s) / 2, (ph - rect.height() * s) / 2)
        p.scale(s, s)
        p.translate(-rect.topLeft())
        comp.paint(p)
    else:
        _paint_tiles(p, writer, comp, pw / actual, ph / actual, actual)
    p.end()


def _paint_tiles(p: QPainter, writer, comp, tile_w: float, tile_h: float, actual: float) -> None:
    from .export import pages_needed
    rect = comp.rect
    cols, rows = pages_needed(rect.width(), rect.height(), tile_w, tile_h)
    for r in range(rows):
        for c in range(cols):
            if r or c:
                writer.newPage()
            p.save()
            p.setClipRect(QRectF(0, 0, tile_w * actual, tile_h * actual))
            p.scale(actual, actual)
            p.translate(-rect.left() - c * tile_w, -rect.top() - r * tile_h)
            comp.paint(p)
            p.restore()
