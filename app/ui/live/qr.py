"""A QR code of the join code, drawn as plain pixels (segno makes the matrix)."""

from __future__ import annotations

import segno
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPixmap

QUIET = 4          # modules of white border the standard asks for


def qr_pixmap(text: str, module: int = 6) -> QPixmap:
    """*text* as a QR code, each module *module* pixels square, black on white."""
    matrix = segno.make(text, error="m", micro=False).matrix
    size = len(matrix) + 2 * QUIET
    image = QImage(size, size, QImage.Format_RGB32)
    image.fill(QColor("white"))
    black = QColor("black").rgb()
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                image.setPixel(x + QUIET, y + QUIET, black)
    return QPixmap.fromImage(image.scaled(size * module, size * module, Qt.IgnoreAspectRatio,
                                          Qt.FastTransformation))
