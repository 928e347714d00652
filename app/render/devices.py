"""Paint a composed map into the bytes of a PNG or a PDF, and check them (SVG is written
without Qt: ``app.drawing.svg``).

Every writer paints into memory and raises ExportError unless the painter, the device and
the encoder all finished and the result is a whole file of its kind; ``writing.write_file``
then puts the bytes on disk. Nothing here touches the file system.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSize, QSizeF
from PySide6.QtGui import QColor, QImage, QPageLayout, QPageSize, QPainter, QPdfWriter

from .errors import ExportError

SCREEN_DPI = 96.0
_PAGE_SIZES = {"a3": QPageSize.A3, "a4": QPageSize.A4, "a5": QPageSize.A5,
               "letter": QPageSize.Letter, "legal": QPageSize.Legal, "tabloid": QPageSize.Tabloid}
_PNG_START, _PNG_END = b"\x89PNG\r\n\x1a\n", b"IEND\xaeB`\x82"


def _begin(device) -> QPainter:
    p = QPainter()
    if not p.begin(device):
        raise ExportError("Could not start drawing the picture")
    p.setRenderHint(QPainter.Antialiasing, True)
    p.setRenderHint(QPainter.TextAntialiasing, True)
    return p


def _end(p: QPainter, what: str) -> None:
    if not p.end():
        raise ExportError(f"Drawing the {what} did not finish; nothing was written")


def _buffer() -> tuple[QByteArray, QBuffer]:
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.WriteOnly)
    return data, buf


def _whole(data: bytes, kind: str) -> bytes:
    """*data* if it is a complete file of *kind*, else ExportError."""
    if kind == "png":
        ok = data.startswith(_PNG_START) and data.endswith(_PNG_END)
    else:
        ok = data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    if not ok:
        raise ExportError(f"The {kind.upper()} came out incomplete; nothing was written")
    return data


def png_bytes(comp, scale: float, dpi, transparent: bool, max_pixels: int, notes: list) -> bytes:
    """The composition as a PNG, scaled down (with a note) to stay under *max_pixels*."""
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
    _end(p, "picture")
    data, buf = _buffer()
    if not image.save(buf, "PNG"):
        raise ExportError("The PNG encoder failed; nothing was written")
    buf.close()
    return _whole(bytes(data.data()), "png")


def page_size_of(name) -> QPageSize:
    """A QPageSize from a name such as 'A4' or 'letter'."""
    key = str(name).strip().lower()
    if key not in _PAGE_SIZES:
        raise ExportError(f"Unknown page size {name!r} (known: {', '.join(s.upper() if s[0] == 'a' else s for s in _PAGE_SIZES)})")
    return QPageSize(_PAGE_SIZES[key])


def _page_layout(comp, page_size, landscape: bool) -> QPageLayout:
    """The page of a PDF: *page_size* by name, or (None) one page the size of the map."""
    rect = comp.rect
    if page_size is None:
        mm = 25.4 / SCREEN_DPI
        size = QPageSize(QSizeF(rect.width() * mm + 20, rect.height() * mm + 20), QPageSize.Millimeter,
                         "Map", QPageSize.ExactMatch)
        landscape = False
    else:
        size = page_size_of(page_size)
    return QPageLayout(size, QPageLayout.Landscape if landscape else QPageLayout.Portrait,
                       QMarginsF(10, 10, 10, 10), QPageLayout.Millimeter)


def pdf_bytes(comp, page_size, landscape: bool, fit: bool, title: str, poster: bool = False) -> bytes:
    """The composition as a PDF: shrunk onto one page when *fit* (always for a page the size
    of the map), else at actual size across as many pages as needed; a *poster* (on pages
    of *page_size*) is a guide page, then overlapping sheets with marks (see ``poster``)."""
    data, buf = _buffer()
    writer = QPdfWriter(buf)
    writer.setResolution(300)
    writer.setTitle(str(title or "Argument map"))
    writer.setCreator("Reasonmap")
    writer.setPageLayout(_page_layout(comp, page_size, landscape))
    fit = (fit or page_size is None) and not poster
    rect = comp.rect
    page = writer.pageLayout().paintRectPixels(writer.resolution())
    pw, ph = float(page.width()), float(page.height())
    actual = writer.resolution() / SCREEN_DPI
    p = _begin(writer)
    if poster:
        from .poster import paint_poster
        paint_poster(p, writer, comp, pw, ph, writer.resolution(), actual)
    elif fit:
        s = min(pw / rect.width(), ph / rect.height(), actual * 1.5)
        p.translate((pw - rect.width() * s) / 2, (ph - rect.height() * s) / 2)
        p.scale(s, s)
        p.translate(-rect.topLeft())
        comp.paint(p)
    else:
        _paint_tiles(p, writer, comp, pw / actual, ph / actual, actual)
    _end(p, "PDF")
    del writer                       # the writer finishes the file when it goes
    buf.close()
    return _whole(bytes(data.data()), "pdf")


def pages_needed(width: float, height: float, page_w: float, page_h: float) -> tuple[int, int]:
    """Columns and rows of pages needed to show width×height at actual size.

    >>> pages_needed(1000, 500, 400, 600)
    (3, 1)
    """
    return max(1, math.ceil(width / page_w - 1e-9)), max(1, math.ceil(height / page_h - 1e-9))


def _paint_tiles(p: QPainter, writer, comp, tile_w: float, tile_h: float, actual: float) -> None:
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
