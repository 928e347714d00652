"""Small QPainter-drawn charts of the weighing panel: ranking bars and the sweep chart."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ...render.style import BLUE, GREY, INK, ORANGE, SOFT_INK, VERMILLION

ROW_H = 38
NOT_SETTLED = "not settled"


class RankingBars(QWidget):
    """Strategies as horizontal bars, strongest first, each with its number.

    ``rows`` are (id, title, strength or None); None is drawn as "not settled", never as a
    number. Clicking a row emits ``clicked(id)``.
    """

    clicked = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[tuple[str, str, float | None]] = []
        self.current: str | None = None
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
        self.setMinimumWidth(220)
        self.setCursor(Qt.PointingHandCursor)

    @property
    def row_h(self) -> int:
        """One row: a title line, the bar and some air (grows with the font)."""
        return max(ROW_H, self.fontMetrics().height() + 22)

    def set_rows(self, rows, current: str | None = None) -> None:
        self.rows, self.current = list(rows), current
        self.setFixedHeight(self.row_h * max(1, len(self.rows)) + 4)
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(300, self.row_h * max(1, len(self.rows)) + 4)

    def row_at(self, y: float) -> str | None:
        i = int(y // self.row_h)
        return self.rows[i][0] if 0 <= i < len(self.rows) else None

    def mousePressEvent(self, event) -> None:
        node = self.row_at(event.position().y())
        if node is not None:
            self.clicked.emit(node)

    def paintEvent(self, _event) -> None:
        with QPainter(self) as p:   # ended before returning, whatever happens
            self._paint_on(p)

    def _paint_on(self, p) -> None:
        p.setRenderHint(QPainter.Antialiasing)
        if not self.rows:
            p.setPen(QColor(SOFT_INK))
            p.drawText(self.rect(), Qt.AlignCenter, "No strategies in this map yet")
            return
        width, row_h, line = self.width() - 8, self.row_h, self.fontMetrics().height()
        number_w = self.fontMetrics().horizontalAdvance(NOT_SETTLED) + 8
        for i, (nid, title, value) in enumerate(self.rows):
            top = i * row_h + 2
            if nid == self.current:
                p.fillRect(QRectF(0, top, self.width(), row_h - 2), QColor("#E8F2FA"))
            p.setPen(QColor(INK))
            p.setFont(self.font())
            elided = p.fontMetrics().elidedText(f"{i + 1}. {title}", Qt.ElideRight, width - 8)
            p.drawText(QRectF(4, top, width - 8, line + 2), Qt.AlignLeft | Qt.AlignVCenter, elided)
            bar = QRectF(4, top + line + 4, width - number_w - 8, 12)
            p.fillRect(bar, QColor("#EDEDED"))
            text = NOT_SETTLED if value is None else f"{value:.3f}"
            if value is not None:
                p.fillRect(QRectF(bar.left(), bar.top(), bar.width() * value, bar.height()),
                           QColor(ORANGE if i == 0 else BLUE))
            else:
                p.setPen(QPen(QColor(GREY), 1, Qt.DashLine))
                p.drawRect(bar)
            p.setPen(QColor(INK if value is not None else VERMILLION))
            p.drawText(QRectF(bar.right() + 4, bar.top() - line, number_w, line * 2),
                       Qt.AlignRight | Qt.AlignVCenter, text)


class SweepChart(QWidget):
    """σ of the top two strategies as one input moves from 0 to 1.

    Axes with ticks and labels, both curves, the input's current value (dashed line) and the
    crossing (a ring with its value).
    """

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[tuple[float, float, float]] = []
        self.names = ("", "")
        self.input_name = ""
        self.current: float | None = None
        self.crossing: float | None = None
        self.setMinimumSize(260, 200)

    def set_data(self, rows, names, input_name: str, current: float | None,
                 crossing: float | None) -> None:
        self.rows, self.names, self.input_name = list(rows), tuple(names), input_name
        self.current, self.crossing = current, crossing
        self.update()

    def clear(self) -> None:
        self.set_data([], ("", ""), "", None, None)

    def sizeHint(self) -> QSize:
        return QSize(320, 230)

    def plot_rect(self) -> QRectF:
        """The area inside the axes."""
        fm = self.fontMetrics()
        left = fm.horizontalAdvance("0.00") + 12
        top = 10 + 2 * fm.height()
        return QRectF(left, top, self.width() - left - 14,
                      self.height() - top - 2 * fm.height() - 16)

    def to_point(self, x: float, y: float) -> QPointF:
        r = self.plot_rect()
        return QPointF(r.left() + x * r.width(), r.bottom() - y * r.height())

    def paintEvent(self, _event) -> None:
        with QPainter(self) as p:   # ended before returning, whatever happens
            self._paint_on(p)

    def _paint_on(self, p) -> None:
        p.setRenderHint(QPainter.Antialiasing)
        p.fillRect(self.rect(), QColor("white"))
        if not self.rows:
            p.setPen(QColor(SOFT_INK))
            p.drawText(self.rect(), Qt.AlignCenter | Qt.TextWordWrap,
                       "Pick an input above to see how the two leading strategies\n"
                       "respond as it moves from 0 to 1.")
            return
        self._axes(p)
        self._curves(p)
        self._marks(p)
        self._legend(p)

    def _axes(self, p: QPainter) -> None:
        r, fm = self.plot_rect(), self.fontMetrics()
        p.setPen(QPen(QColor("#DDDDDD"), 1))
        for k in range(1, 5):
            p.drawLine(self.to_point(0, k / 4), self.to_point(1, k / 4))
        p.setPen(QPen(QColor(INK), 1))
        p.drawLine(r.bottomLeft(), r.bottomRight())
        p.drawLine(r.bottomLeft(), r.topLeft())
        for k in range(5):
            v = k / 4
            bx, ly = self.to_point(v, 0), self.to_point(0, v)
            p.drawLine(bx, bx + QPointF(0, 4))
            p.drawLine(ly, ly - QPointF(4, 0))
            p.drawText(QRectF(bx.x() - 20, bx.y() + 5, 40, fm.height()), Qt.AlignCenter, f"{v:.2f}")
            p.drawText(QRectF(0, ly.y() - fm.height() / 2, r.left() - 6, fm.height()),
                       Qt.AlignRight | Qt.AlignVCenter, f"{v:.2f}")
        label = fm.elidedText(f"value of: {self.input_name}", Qt.ElideMiddle, int(r.width()))
        p.drawText(QRectF(r.left(), r.bottom() + fm.height() + 6, r.width(), fm.height()),
                   Qt.AlignCenter, label)
        p.drawText(QRectF(0, r.top() - fm.height() - 4, r.left() + 40, fm.height()),
                   Qt.AlignLeft, "strength")

    def _curves(self, p: QPainter) -> None:
        for col, colour, style in ((1, ORANGE, Qt.SolidLine), (2, BLUE, Qt.DashLine)):
            path, pen_down = QPainterPath(), False
            for row in self.rows:
                if math.isnan(row[col]):
                    pen_down = False
                    continue
                pt = self.to_point(row[0], row[col])
                path.lineTo(pt) if pen_down else path.moveTo(pt)
                pen_down = True
            p.setPen(QPen(QColor(colour), 2.2, style))
            p.drawPath(path)

    def _marks(self, p: QPainter) -> None:
        fm = self.fontMetrics()
        r = self.plot_rect()
        if self.current is not None:
            p.setPen(QPen(QColor(SOFT_INK), 1, Qt.DotLine))
            p.drawLine(self.to_point(self.current, 0), self.to_point(self.current, 1))
            pt = self.to_point(self.current, 1)
            p.drawText(QRectF(pt.x() - 50, r.top() - fm.height() - 2, 100, fm.height()),
                       Qt.AlignCenter, f"now {self.current:.2f}")
        if self.crossing is not None:
            y = _value_at(self.rows, self.crossing)
            pt = self.to_point(self.crossing, y)
            p.setPen(QPen(QColor(VERMILLION), 2))
            p.setBrush(Qt.NoBrush)
            p.drawEllipse(pt, 6, 6)
            text = f"swap at {self.crossing:.3f}"
            right = pt.x() + 8 + fm.horizontalAdvance(text) > r.right()
            box = QRectF(pt.x() - 8 - fm.horizontalAdvance(text) if right else pt.x() + 8,
                         pt.y() - fm.height() - 4, fm.horizontalAdvance(text) + 2, fm.height())
            p.drawText(box, Qt.AlignLeft, text)

    def _legend(self, p: QPainter) -> None:
        fm = self.fontMetrics()
        x, y = self.plot_rect().left(), 4
        for (name, colour, style) in ((self.names[0], ORANGE, Qt.SolidLine),
                                      (self.names[1], BLUE, Qt.DashLine)):
            p.setPen(QPen(QColor(colour), 2.2, style))
            p.drawLine(QPointF(x, y + fm.height() / 2), QPointF(x + 18, y + fm.height() / 2))
            p.setPen(QColor(INK))
            half = (self.width() - self.plot_rect().left()) / 2 - 26
            p.drawText(QRectF(x + 22, y, half, fm.height()), Qt.AlignLeft,
                       fm.elidedText(name, Qt.ElideRight, int(half)))
            x += half + 26


def _value_at(rows, x: float) -> float:
    """σ of the first strategy at x, interpolated between the sweep's samples."""
    for (x0, a0, _), (x1, a1, _) in zip(rows, rows[1:]):
        if x0 <= x <= x1 and not (math.isnan(a0) or math.isnan(a1)):
            t = 0.0 if x1 == x0 else (x - x0) / (x1 - x0)
            return a0 + t * (a1 - a0)
    return 0.5
