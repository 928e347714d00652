"""A poster: the whole map at a legible scale (actual size: 14 px titles print at about
10.5 pt) split across pages that overlap, so the printed sheets can be trimmed and taped.

The first page is a guide: the whole map shrunk onto one page with the grid of sheets drawn
over it and numbered. Sheets with nothing on them are not printed; the printed ones are
numbered 1, 2, … in reading order, on the guide and on the sheets alike. Every sheet shows
its number, row and column in a strip at the top; where the next sheet to the right (or
below) is printed, a dashed line marks where it starts, the band beyond it is printed again
on that sheet, and the strip names it.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPathStroker, QPen

from . import style as S

OVERLAP_MM = 12.0
STRIP_MM = 8.0


def grid(width: float, height: float, tile_w: float, tile_h: float, overlap: float) -> tuple[int, int]:
    """Columns and rows of sheets of tile_w × tile_h that cover width × height when
    neighbouring sheets share *overlap*.

    >>> grid(1000, 500, 400, 600, 50)
    (3, 1)
    """
    step_w, step_h = tile_w - overlap, tile_h - overlap
    cols = max(1, math.ceil((width - overlap) / step_w - 1e-9))
    rows = max(1, math.ceil((height - overlap) / step_h - 1e-9))
    return cols, rows


def _font(px: float, bold: bool = False) -> QFont:
    f = QFont(S.FONT_FAMILY)
    f.setPixelSize(max(6, int(px)))
    f.setBold(bold)
    return f


def paint_poster(p: QPainter, writer, comp, page_w: float, page_h: float, dpi: float,
                 scale: float) -> int:
    """Paint the guide page and every sheet (device pixels *page_w* × *page_h* at *dpi*;
    *scale* device pixels per map pixel); returns the number of sheets."""
    mm = dpi / 25.4
    strip, overlap = STRIP_MM * mm, OVERLAP_MM * mm
    tile_w, tile_h = page_w, page_h - strip
    rect = comp.rect
    cols, rows = grid(rect.width() * scale, rect.height() * scale, tile_w, tile_h, overlap)
    blank = {(r, c) for r in range(rows) for c in range(cols)
             if is_blank(comp, _cell(rect, r, c, (tile_w, tile_h, overlap), scale))}
    numbers = sheet_numbers(rows, cols, blank)
    _paint_guide(p, comp, page_w, page_h, cols, rows, scale, (tile_w, tile_h, overlap), mm, numbers)
    for at in numbers:
        writer.newPage()
        _paint_sheet(p, comp, at, numbers, (tile_w, tile_h, overlap), strip, scale, mm)
    return len(numbers)


def sheet_numbers(rows: int, cols: int, blank=frozenset()) -> dict[tuple[int, int], int]:
    """(row, column) → number of each printed sheet, 1, 2, … in reading order; the *blank*
    ones are left out (and get no number).

    >>> sheet_numbers(2, 2, {(0, 1)})
    {(0, 0): 1, (1, 0): 2, (1, 1): 3}
    """
    cells = [(r, c) for r in range(rows) for c in range(cols) if (r, c) not in blank]
    return {at: i for i, at in enumerate(cells, 1)}


def sheet_caption(at: tuple[int, int], numbers: dict[tuple[int, int], int]) -> str:
    """The strip of sheet *at*: its number of all printed, row and column, and the printed
    sheets that continue it to the right and below (a blank neighbour is not named).

    >>> sheet_caption((0, 0), sheet_numbers(2, 2, {(0, 1)}))
    'Sheet 1 of 3: row 1, column 1  \u2014  sheet 2 continues below'
    """
    (r, c), total = at, len(numbers)
    words = f"Sheet {numbers[at]} of {total}: row {r + 1}, column {c + 1}"
    if (r, c + 1) in numbers:
        words += f"  \u2014  sheet {numbers[(r, c + 1)]} continues to the right"
    if (r + 1, c) in numbers:
        words += f"  \u2014  sheet {numbers[(r + 1, c)]} continues below"
    return words


def _cell(rect: QRectF, r: int, c: int, tile, scale: float) -> QRectF:
    """The part of the map (map pixels) that sheet (r, c) shows."""
    tile_w, tile_h, overlap = tile
    return QRectF(rect.left() + c * (tile_w - overlap) / scale, rect.top() + r * (tile_h - overlap) / scale,
                  tile_w / scale, tile_h / scale)


def is_blank(comp, cell: QRectF) -> bool:
    """True when nothing of the map is drawn inside *cell* (no card, no relation's line, no
    panel): such a sheet is not printed."""
    pic = getattr(comp, "picture", None)
    if pic is None:
        return False
    if comp.rect != comp.map_rect:
        panels = QRectF(comp.map_rect.right(), comp.rect.top(),
                        comp.rect.right() - comp.map_rect.right(), comp.rect.height())
        if panels.intersects(cell):
            return False
    if any(pic.rect_of(n).adjusted(-4, -4, 4, 26).intersects(cell) for n in pic.ids):
        return False
    stroker = QPainterPathStroker()
    stroker.setWidth(24.0)             # the line with its arrowhead and its ⊕/⊖ badge
    return not any(geom.bounds().adjusted(-12, -12, 12, 12).intersects(cell)   # cheap test first
                   and stroker.createStroke(geom.path).intersects(cell) for _, geom in pic.edges)


def _paint_guide(p, comp, page_w, page_h, cols, rows, scale, tile, mm, numbers) -> None:
    tile_w, tile_h, overlap = tile
    rect = comp.rect
    head = 18 * mm
    printed = len(numbers)
    p.setFont(_font(6 * mm, True))
    p.setPen(QColor(S.INK))
    p.drawText(QRectF(0, 0, page_w, 8 * mm), Qt.AlignLeft | Qt.AlignVCenter,
               f"Poster: {printed} sheet{'s' if printed != 1 else ''} ({rows} \u00d7 {cols}), "
               "the map at actual size")
    p.setFont(_font(3.6 * mm))
    skipped = rows * cols - printed
    p.drawText(QRectF(0, 8 * mm, page_w, 9.5 * mm), Qt.AlignLeft | Qt.AlignTop | Qt.TextWordWrap,
               f"Neighbouring sheets overlap by {OVERLAP_MM:g} mm: trim each sheet along its dashed "
               "line and lay it over the next one. The numbers below are the sheets' numbers."
               + (f" {skipped} blank part{'s' if skipped != 1 else ''} (\u2013) not printed."
                  if skipped else ""))
    span_w = ((cols - 1) * (tile_w - overlap) + tile_w) / scale     # the sheets, in map px
    span_h = ((rows - 1) * (tile_h - overlap) + tile_h) / scale
    s = min(page_w / span_w, (page_h - head) / span_h)
    p.save()
    p.translate(0, head)
    p.scale(s, s)
    p.translate(-rect.topLeft())
    comp.paint(p)
    p.restore()
    k = s / scale                 # guide pixels per device pixel of a sheet
    p.setPen(QPen(QColor(S.VERMILLION), max(1.0, 0.4 * mm)))
    p.setFont(_font(8 * mm, True))
    for r in range(rows):
        for c in range(cols):
            cell = QRectF(c * (tile_w - overlap) * k, head + r * (tile_h - overlap) * k,
                          tile_w * k, tile_h * k)
            p.setBrush(Qt.NoBrush)
            p.drawRect(cell)
            p.drawText(cell, Qt.AlignCenter, str(numbers.get((r, c), "\u2013")))


def _paint_sheet(p, comp, at, numbers, tile, strip, scale, mm) -> None:
    r, c = at
    tile_w, tile_h, overlap = tile
    rect = comp.rect
    p.setFont(_font(3.4 * mm))
    p.setPen(QColor(S.SOFT_INK))
    p.drawText(QRectF(0, 0, tile_w, strip), Qt.AlignLeft | Qt.AlignVCenter, sheet_caption(at, numbers))
    p.save()
    p.translate(0, strip)
    p.setClipRect(QRectF(0, 0, tile_w, tile_h))
    p.translate(-c * (tile_w - overlap), -r * (tile_h - overlap))
    p.scale(scale, scale)
    p.translate(-rect.topLeft())
    comp.paint(p)
    p.restore()
    pen = QPen(QColor(S.GREY), max(1.0, 0.3 * mm), Qt.DashLine)
    p.setPen(pen)
    if (r, c + 1) in numbers:
        x = tile_w - overlap
        p.drawLine(QPointF(x, strip), QPointF(x, strip + tile_h))
    if (r + 1, c) in numbers:
        y = strip + tile_h - overlap
        p.drawLine(QPointF(0, y), QPointF(tile_w, y))
