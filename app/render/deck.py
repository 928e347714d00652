"""Writing slides (see :mod:`app.render.slides`): one multi-page 16:9 PDF, or numbered PNGs
(``deck.png`` becomes ``deck-01.png``, ``deck-02.png``, …).

Every page or image is painted and checked in memory before anything is written; each file
is then written all-or-nothing (``writing.write_file``).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF, QSizeF
from PySide6.QtGui import QColor, QImage, QPageLayout, QPageSize, QPdfWriter

from ..safefile import real_target
from .devices import _begin, _buffer, _end, _whole
from .errors import ExportError
from .qtapp import ensure_gui_app
from .writing import check_target, write_file

PNG_SIZE = (1920, 1080)
PAGE_MM = (254.0, 142.875)         # 10 × 5.625 inches: 16:9, as presentation software uses


def numbered(path: Path, count: int) -> list[Path]:
    """The PNG names of a deck of *count* slides written as *path*.

    >>> [p.name for p in numbered(Path("deck.png"), 2)]
    ['deck-01.png', 'deck-02.png']
    """
    digits = max(2, len(str(count)))
    return [path.with_name(f"{path.stem}-{i:0{digits}d}{path.suffix}") for i in range(1, count + 1)]


def export_slides(amap, path, *, ranking, strengths, caption: str, fmt: str | None = None) -> list[Path]:
    """Write the deck of *amap* (see ``slides.plan_slides``) as PDF or PNGs; returns the files."""
    from .slides import plan_slides
    path = real_target(path)
    kind = (fmt or path.suffix.lstrip(".")).lower()
    if kind not in ("pdf", "png"):
        raise ExportError(f"Slides are written as .pdf or .png, not {kind or 'a file without suffix'!r}")
    if not path.parent.is_dir():
        raise ExportError(f"The folder {str(path.parent)!r} does not exist")
    ensure_gui_app()
    slides = plan_slides(amap, ranking, strengths, caption)
    if kind == "pdf":
        check_target(path)
        return [write_file(path, _pdf(slides, amap.meta.get("title", "")))]
    targets = numbered(path, len(slides))
    for target in targets:
        check_target(target)
    images = [_png(slide, n, len(slides)) for n, slide in enumerate(slides, 1)]
    return [write_file(target, data) for target, data in zip(targets, images)]


def _pdf(slides, title: str) -> bytes:
    from .slides import H, W, paint_slide
    data, buf = _buffer()
    writer = QPdfWriter(buf)
    writer.setResolution(300)
    writer.setTitle(str(title or "Argument map"))
    writer.setCreator("Reasonmap")
    size = QPageSize(QSizeF(*PAGE_MM), QPageSize.Millimeter, "Slide 16:9", QPageSize.ExactMatch)
    writer.setPageLayout(QPageLayout(size, QPageLayout.Portrait, QMarginsF(0, 0, 0, 0),
                                     QPageLayout.Millimeter))
    page = writer.pageLayout().paintRectPixels(writer.resolution())
    p = _begin(writer)
    for n, slide in enumerate(slides, 1):
        if n > 1:
            writer.newPage()
        p.save()
        p.scale(page.width() / W, page.height() / H)
        paint_slide(p, slide, n, len(slides))
        p.restore()
    _end(p, "slides")
    del writer
    buf.close()
    return _whole(bytes(data.data()), "pdf")


def _png(slide, number: int, total: int) -> bytes:
    from .slides import H, W, paint_slide
    image = QImage(*PNG_SIZE, QImage.Format_RGB32)
    if image.isNull():
        raise ExportError("Not enough memory for the slide images")
    image.fill(QColor("white"))
    p = _begin(image)
    p.scale(PNG_SIZE[0] / W, PNG_SIZE[1] / H)
    paint_slide(p, slide, number, total)
    _end(p, "slide")
    data, buf = _buffer()
    if not image.save(buf, "PNG"):
        raise ExportError("The PNG encoder failed; nothing was written")
    buf.close()
    return _whole(bytes(data.data()), "png")
