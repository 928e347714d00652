"""Small QPainter-drawn charts of the weighing panel: ranking bars and the sweep chart."""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QLineF, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QFrame, QScrollArea, QSizePolicy, QWidget

from ...render.style import BLUE, GREY, INK, ORANGE, SOFT_INK, VERMILLION

ROW_H = 38
NOT_SETTLED = "not settled"
TICK = 4          # tick length in pixels
GAP = 4           # between a tick's end and its label
ELLIPSIS = "\u2026"


def word_lines(fm, text: str, width: float, max_lines: int = 2) -> list[str]:
    """*text* wrapped at spaces into at most *max_lines* lines of *width* pixels; a text that
    needs more ends its last line with "…" after a whole word. Only a single word wider than
    the whole line is cut inside (there is nothing else to do with it)."""
    words, lines, line = text.split(), [], ""
    for i, word in enumerate(words):
        trial = f"{line} {word}" if line else word
        if fm.horizontalAdvance(trial) <= width or not line:
            line = trial
            continue
        lines.append(line)
        line = word
        if len(lines) == max_lines:
            break
    else:
        lines.append(line)
        return [_fit(fm, x, width) for x in lines]
    last = lines[-1]
    while " " in last and fm.horizontalAdvance(last + ELLIPSIS) > width:
        last = last.rsplit(" ", 1)[0]
    lines[-1] = _fit(fm, last.rstrip(" ,;:") + ELLIPSIS, width)
    return lines


def word_fit(fm, text: str, width: float) -> str:
    """*text* on one line, shortened at a word boundary with "…" when it is too wide."""
    return word_lines(fm, text, width, 1)[0] if text else ""


def _shown(rows) -> list:
    return [(n, t, None if v is None else round(v, 3)) for n, t, v in rows]


def _fit(fm, line: str, width: float) -> str:
    return line if fm.horizontalAdvance(line) <= width else fm.elidedText(line, Qt.ElideRight, int(width))


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
        self._wrapped: tuple = (None, [])      # (titles, width, font) → their lines, kept
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
        self.setMinimumWidth(220)
        self.setCursor(Qt.PointingHandCursor)

    @property
    def row_h(self) -> int:
        """One row: its title lines (two when a title needs them), the bar and some air."""
        return max(ROW_H, self.title_lines() * self.fontMetrics().height() + 22)

    def _titles(self) -> list[list[str]]:
        """Every row's title lines, wrapped again only when a title, the width or the font
        changed (a repaint asked for them three times, and each edit repaints)."""
        width = max(40, self.width() - 16)
        key = (tuple(title for _n, title, _v in self.rows), width, self.font().key())
        if self._wrapped[0] != key:
            fm = self.fontMetrics()
            self._wrapped = (key, [word_lines(fm, f"{i + 1}. {title}", width)
                                   for i, title in enumerate(key[0])])
        return self._wrapped[1]

    def title_lines(self) -> int:
        return max((len(lines) for lines in self._titles()), default=1)

    def set_rows(self, rows, current: str | None = None) -> None:
        """Show *rows*; repainted only if what is drawn changes (numbers to three decimals,
        as shown: a smaller move shifts a bar by a tenth of a pixel)."""
        rows = list(rows)
        if current == self.current and _shown(rows) == _shown(self.rows):
            self.rows = rows
            return
        self.rows, self.current = rows, current
        self._fit_height()
        self.update()

    def _fit_height(self) -> None:
        self.setFixedHeight(self.row_h * max(1, len(self.rows)) + 4)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_height()            # a narrower panel may need a second title line

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
            p.drawText(self.rect(), Qt.AlignCenter, "No strategies to rank yet")
            return
        width, row_h, line = self.width() - 8, self.row_h, self.fontMetrics().height()
        number_w = self.fontMetrics().horizontalAdvance(NOT_SETTLED) + 8
        titles, n_lines = self._titles(), self.title_lines()
        for i, (nid, title, value) in enumerate(self.rows):
            top = i * row_h + 2
            if nid == self.current:
                p.fillRect(QRectF(0, top, self.width(), row_h - 2), QColor("#E8F2FA"))
            p.setPen(QColor(INK))
            p.setFont(self.font())
            for k, text in enumerate(titles[i]):
                p.drawText(QRectF(4, top + k * line, width - 8, line + 2), Qt.AlignLeft | Qt.AlignVCenter, text)
            bar = QRectF(4, top + n_lines * line + 4, width - number_w - 8, 12)
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


class BarsArea(QScrollArea):
    """The ranking bars, scrolling when there are more strategies than fit: never taller
    than the bars themselves, and never forcing the window taller than the screen (a map
    with a dozen strategies on a 768-pixel laptop screen)."""

    def __init__(self, bars: RankingBars, parent=None) -> None:
        super().__init__(parent)
        self.bars = bars
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Preferred)
        self.setWidget(bars)
        bars.installEventFilter(self)
        self._follow()

    def eventFilter(self, watched, event) -> bool:
        if watched is self.bars and event.type() == QEvent.Resize:
            self._follow()
        return False

    def _follow(self) -> None:
        self.setMaximumHeight(self.bars.height())
        self.updateGeometry()

    def minimumSizeHint(self) -> QSize:
        return QSize(220, min(self.bars.height(), 3 * ROW_H))

    def sizeHint(self) -> QSize:
        return QSize(300, self.bars.height())


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
        return QSize(320, 250)

    def plot_rect(self) -> QRectF:
        """The area inside the axes: below the legend (one line per strategy) and the axis
        title, above the tick labels and the input's name (up to two lines)."""
        fm = self.fontMetrics()
        line = fm.height()
        left = fm.horizontalAdvance("0.00") + TICK + GAP + 6
        top = 4 + 2 * line + 6 + line + line / 2 + GAP
        bottom = TICK + GAP + line + 6 + 2 * line + 4
        return QRectF(left, top, self.width() - left - 16, self.height() - top - bottom)

    def title_y(self) -> float:
        """Top of the line above the plot ("strength", "now …"), clear of the top tick label."""
        line = self.fontMetrics().height()
        return self.plot_rect().top() - line / 2 - GAP - line

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

    def ticks(self) -> list[QLineF]:
        """The tick marks of both axes."""
        out = []
        for k in range(5):
            bx, ly = self.to_point(k / 4, 0), self.to_point(0, k / 4)
            out += [QLineF(bx, bx + QPointF(0, TICK)), QLineF(ly, ly - QPointF(TICK, 0))]
        return out

    def axis_labels(self) -> list[tuple[QRectF, str]]:
        """Each axis text with the box its letters take: tick values kept GAP pixels clear of
        their ticks, the axis titles, and the name of the input (two lines at most, cut only
        between words)."""
        r, fm = self.plot_rect(), self.fontMetrics()
        line, out = fm.height(), []
        for k in range(5):
            text = f"{k / 4:.2f}"
            w = fm.horizontalAdvance(text)
            bx, ly = self.to_point(k / 4, 0), self.to_point(0, k / 4)
            out.append((QRectF(bx.x() - w / 2, bx.y() + TICK + GAP, w, line), text))
            out.append((QRectF(r.left() - TICK - GAP - w, ly.y() - line / 2, w, line), text))
        top = r.bottom() + TICK + GAP + line + 6
        for k, text in enumerate(word_lines(fm, f"value of: {self.input_name}", self.width() - 8)):
            w = fm.horizontalAdvance(text)
            out.append((QRectF((self.width() - w) / 2, top + k * line, w, line), text))
        out.append((QRectF(4, self.title_y(), fm.horizontalAdvance("strength"), line), "strength"))
        return out

    def _axes(self, p: QPainter) -> None:
        r = self.plot_rect()
        p.setPen(QPen(QColor("#DDDDDD"), 1))
        for k in range(1, 5):
            p.drawLine(self.to_point(0, k / 4), self.to_point(1, k / 4))
        p.setPen(QPen(QColor(INK), 1))
        p.drawLine(r.bottomLeft(), r.bottomRight())
        p.drawLine(r.bottomLeft(), r.topLeft())
        for tick in self.ticks():
            p.drawLine(tick)
        for box, text in self.axis_labels():
            p.drawText(box.adjusted(-1, 0, 1, 0), Qt.AlignCenter, text)

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
            text = f"now {self.current:.2f}"
            half = fm.horizontalAdvance(text) / 2 + 2
            x = min(max(pt.x(), fm.horizontalAdvance("strength") + 12 + half), self.width() - half - 2)
            p.drawText(QRectF(x - half, self.title_y(), 2 * half, fm.height()),
                       Qt.AlignCenter, text)
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
        """One line per strategy: its line style, then its name (cut only between words)."""
        fm = self.fontMetrics()
        x, y = 8, 4
        for (name, colour, style) in ((self.names[0], ORANGE, Qt.SolidLine),
                                      (self.names[1], BLUE, Qt.DashLine)):
            p.setPen(QPen(QColor(colour), 2.2, style))
            p.drawLine(QPointF(x, y + fm.height() / 2), QPointF(x + 22, y + fm.height() / 2))
            p.setPen(QColor(INK))
            width = self.width() - x - 30 - 4
            p.drawText(QRectF(x + 30, y, width, fm.height()), Qt.AlignLeft, word_fit(fm, name, width))
            y += fm.height()


def _value_at(rows, x: float) -> float:
    """σ of the first strategy at x, interpolated between the sweep's samples."""
    for (x0, a0, _), (x1, a1, _) in zip(rows, rows[1:]):
        if x0 <= x <= x1 and not (math.isnan(a0) or math.isnan(a1)):
            t = 0.0 if x1 == x0 else (x - x0) / (x1 - x0)
            return a0 + t * (a1 - a0)
    return 0.5
