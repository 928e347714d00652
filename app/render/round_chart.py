"""The round-to-round chart: each strategy's group strength per round (lines, named at their
right end) beside the mean spread of the inputs per round (bars). QtGui only, so the round
results dialog and an export can both paint it.

Labels are measured with the real font and the plot shrinks to make room for them; names
longer than ``MAX_NAME`` pixels are shortened with an ellipsis, never clipped by the edge.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPainter, QPen

from . import style as S
from .wrap import elide

LINE_COLOURS = (S.BLUE, S.VERMILLION, S.GREEN, S.PURPLE, S.ORANGE, S.SKY, S.GREY)
MAX_NAME = 190.0
MAX_LINES = 6


@dataclass(frozen=True)
class ChartData:
    rounds: list[str]                                  # "R1", "R2", ...
    series: list[tuple[str, list[float | None]]]      # (strategy title, strength per round)
    spreads: list[float | None]                        # mean spread per round


def _text(p: QPainter, x: float, y: float, text: str, colour: str = S.INK, right: bool = False) -> None:
    fm = QFontMetricsF(p.font())
    if right:
        x -= fm.horizontalAdvance(text)
    p.setPen(S.colour(colour))
    p.drawText(QPointF(x, y + fm.ascent() / 2 - 1), text)


def _spaced(ys: list[float], gap: float, low: float, high: float) -> list[float]:
    """*ys* moved apart to at least *gap*, kept within [low, high], order kept."""
    order = sorted(range(len(ys)), key=lambda i: ys[i])
    out = list(ys)
    for a, b in zip(order, order[1:]):
        out[b] = max(out[b], out[a] + gap)
    overflow = out[order[-1]] - high if order else 0
    if overflow > 0:
        for i in order:
            out[i] = max(low, out[i] - overflow)
        for a, b in zip(order, order[1:]):
            out[b] = max(out[b], out[a] + gap)
    return out


def paint_round_chart(p: QPainter, rect: QRectF, data: ChartData) -> None:
    """Paint both panels into *rect* (the left two thirds strengths, the rest spreads)."""
    p.save()
    p.setRenderHint(QPainter.Antialiasing)
    p.setFont(S.font("small"))
    split = rect.left() + rect.width() * 0.66
    _strengths(p, QRectF(rect.left(), rect.top(), split - rect.left() - 12, rect.height()), data)
    _spreads(p, QRectF(split, rect.top(), rect.right() - split, rect.height()), data)
    p.restore()


def _frame(p: QPainter, rect: QRectF, title: str, left_pad: float, right_pad: float) -> QRectF:
    fm = QFontMetricsF(p.font())
    _text(p, rect.left(), rect.top() + fm.height() / 2, title, S.SOFT_INK)
    plot = QRectF(rect.left() + left_pad, rect.top() + fm.height() * 1.8,
                  max(20.0, rect.width() - left_pad - right_pad), max(20.0, rect.height() - fm.height() * 3.6))
    p.setPen(QPen(S.colour("#BDBDBD"), 1))
    for v in (0.0, 0.5, 1.0):
        y = plot.bottom() - v * plot.height()
        p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        _text(p, plot.left() - 6, y, f"{v:.1f}", S.SOFT_INK, right=True)
    return plot


def _x(plot: QRectF, i: int, n: int) -> float:
    return plot.center().x() if n <= 1 else plot.left() + 10 + i * (plot.width() - 20) / (n - 1)


def _strengths(p: QPainter, rect: QRectF, data: ChartData) -> None:
    fm = QFontMetricsF(p.font())
    series = data.series[:MAX_LINES]
    names = [elide(f"{title}", fm, MAX_NAME) for title, _ in series]
    label_w = max((fm.horizontalAdvance(n) for n in names), default=0) + 40
    plot = _frame(p, rect, "Group strength per round", fm.horizontalAdvance("0.0") + 10,
                  min(label_w, rect.width() * 0.55))
    n = len(data.rounds)
    for i, name in enumerate(data.rounds):
        _text(p, _x(plot, i, n) - fm.horizontalAdvance(name) / 2, plot.bottom() + fm.height(), name, S.SOFT_INK)
    ends = []
    for k, (_, values) in enumerate(series):
        colour = LINE_COLOURS[k % len(LINE_COLOURS)]
        p.setPen(QPen(S.colour(colour), 2.2, Qt.SolidLine if k < 4 else Qt.DashLine))
        points = [QPointF(_x(plot, i, n), plot.bottom() - v * plot.height())
                  for i, v in enumerate(values) if v is not None]
        for a, b in zip(points, points[1:]):
            p.drawLine(a, b)
        p.setBrush(S.colour(colour))
        for pt in points:
            p.drawEllipse(pt, 3.2, 3.2)
        last = next((v for v in reversed(values) if v is not None), None)
        ends.append(plot.bottom() - (last if last is not None else 0) * plot.height())
    spaced = _spaced(ends, fm.height(), plot.top(), plot.bottom() + fm.height())
    for k, (name, (_, values)) in enumerate(zip(names, series)):
        last = next((v for v in reversed(values) if v is not None), None)
        word = f"{name}  {last:.2f}" if last is not None else f"{name}  \u2014"
        word = elide(word, fm, rect.right() - plot.right() - 10)
        _text(p, plot.right() + 8, spaced[k], word, LINE_COLOURS[k % len(LINE_COLOURS)])


def _spreads(p: QPainter, rect: QRectF, data: ChartData) -> None:
    fm = QFontMetricsF(p.font())
    plot = _frame(p, rect, "Mean spread (IQR) of the inputs", fm.horizontalAdvance("0.0") + 10, 6)
    n = max(1, len(data.rounds))
    slot = plot.width() / n
    for i, (name, spread) in enumerate(zip(data.rounds, data.spreads)):
        cx = plot.left() + slot * (i + 0.5)
        _text(p, cx - fm.horizontalAdvance(name) / 2, plot.bottom() + fm.height(), name, S.SOFT_INK)
        if spread is None:
            _text(p, cx - fm.horizontalAdvance("no spread") / 2, plot.bottom() - fm.height(), "no spread", S.SOFT_INK)
            continue
        h = spread * plot.height()
        bar = QRectF(cx - min(18.0, slot * 0.3), plot.bottom() - h, min(36.0, slot * 0.6), h)
        p.fillRect(bar, S.colour(S.SKY))
        label = f"{spread:.2f}"
        _text(p, cx - fm.horizontalAdvance(label) / 2, bar.top() - fm.height() * 0.7, label)
