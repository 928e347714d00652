"""The contributions table: strategies as columns, considerations as rows.

Each cell holds one consideration's contribution to one strategy's strength (see
:mod:`app.reasoning.compare`): a signed number and a small bar from the cell's middle,
rightwards and blue for what helps the strategy, leftwards and vermillion for what hurts it
(sign, direction and colour all say it), nothing where the consideration does not bear on
the strategy. The column heads show each strategy's title, strength and rank.
"""

from __future__ import annotations

import textwrap

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (QAbstractItemView, QHeaderView, QStyle, QStyledItemDelegate,
                               QTableWidget, QTableWidgetItem)

from ..weighing.names import signed

HELPS, HURTS = "#0072B2", "#D55E00"       # Okabe–Ito blue and vermillion, as on the canvas
VALUE = Qt.UserRole                        # a cell's contribution (float) or None
ROW_ID = Qt.UserRole + 1                   # the consideration's node id (first column)
SCALE = Qt.UserRole + 2                    # the largest |contribution| in the table
HEAD_CHARS = 13                            # a column head wraps at about this many characters
HEAD_LINES = 6                             # … over at most this many lines (a long title is cut)
MIN_TITLE, MAX_TITLE, MIN_CELL, MAX_CELL = 150, 320, 86, 140   # column widths (px)


def head_text(title: str, strength: float | None, rank: int) -> str:
    """A column head: the title wrapped over short lines, then strength and rank.

    >>> head_text("Prosocial drives everywhere", 0.5523, 2)
    'Prosocial\\ndrives\\neverywhere\\n0.552 \u00b7 rank 2'
    """
    number = "not settled" if strength is None else f"{strength:.3f}"
    # a long title is cut; the whole title is the head's tooltip
    return f"{wrapped(title, HEAD_CHARS, HEAD_LINES)}\n{number} \u00b7 rank {rank}"


def wrapped(text: str, width: int = HEAD_CHARS, max_lines: int | None = None) -> str:
    """*text* over lines of about *width* characters, for a column head (cut with an ellipsis
    after *max_lines* lines, when given)."""
    lines = textwrap.wrap(text, width, break_long_words=True) or [""]
    if max_lines is not None and len(lines) > max_lines:
        lines = lines[:max_lines - 1] + [lines[max_lines - 1].rstrip(" ,;:-") + "\u2026"]
    return "\n".join(lines)


class CellDelegate(QStyledItemDelegate):
    """Paints a contribution as a signed number beside a bar grown from the cell's middle."""

    def paint(self, painter: QPainter, option, index) -> None:
        value = index.data(VALUE)
        if value is None:
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else None
        option.text = ""
        if style is not None:
            style.drawControl(QStyle.CE_ItemViewItem, option, painter, option.widget)
        painter.save()
        painter.setRenderHint(QPainter.Antialiasing, True)
        r = QRectF(option.rect).adjusted(5, 4, -5, -4)
        text_w = option.fontMetrics.horizontalAdvance("\u22120.000") + 4
        bar_w = max(16.0, r.width() - text_w - 4)
        mid = r.left() + bar_w / 2
        scale = index.data(SCALE) or 1.0
        length = bar_w / 2 * min(1.0, abs(value) / scale)
        colour = QColor(HELPS if value >= 0 else HURTS)
        painter.setPen(QColor("#B0B0B0"))
        painter.drawLine(mid, r.top() + 2, mid, r.bottom() - 2)
        bar = QRectF(mid if value >= 0 else mid - length, r.center().y() - 4, length, 8)
        painter.fillRect(bar, colour)
        painter.setPen(colour.darker(130))
        text_rect = QRectF(r.right() - text_w, r.top(), text_w, r.height())
        painter.drawText(text_rect, Qt.AlignRight | Qt.AlignVCenter, signed(value))
        painter.restore()


class ContributionTable(QTableWidget):
    """The table itself; ``row_clicked(node_id)`` when the user picks a consideration."""

    row_clicked = Signal(str)
    row_activated = Signal(str)      # Enter or a double click: show it on the map

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("contributionTable")
        self.setItemDelegate(CellDelegate(self))
        self.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.setSelectionMode(QAbstractItemView.SingleSelection)
        self.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.setWordWrap(False)
        self.verticalHeader().setVisible(False)
        self.horizontalHeader().setDefaultAlignment(Qt.AlignCenter)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.Interactive)
        self.strategies: list[str] = []
        self.row_ids: list[str] = []
        self.itemSelectionChanged.connect(self._selected)
        self.activated.connect(lambda index: self.row_activated.emit(self.row_ids[index.row()]))
        self._quiet = False

    def fill(self, table, rows, title_of) -> None:
        """Show *table*'s columns and the *rows* given (already sorted)."""
        self._quiet = True
        self.clear()
        self.strategies = [c.id for c in table.columns]
        self.row_ids = [r.id for r in rows]
        self.setColumnCount(1 + len(self.strategies))
        self.setRowCount(len(rows))
        scale = max((abs(v) for r in rows for v in r.contributions.values()), default=0.0) or 1.0
        self.relabel(table, title_of)
        for i, row in enumerate(rows):
            first = QTableWidgetItem(title_of(row.id))
            first.setData(ROW_ID, row.id)
            first.setToolTip(title_of(row.id))
            self.setItem(i, 0, first)
            for j, sid in enumerate(self.strategies, 1):
                self.setItem(i, j, _cell(row.contributions.get(sid), scale, title_of(sid)))
        self._size_columns()
        self._quiet = False

    def relabel(self, table, title_of, strength_of=None) -> None:
        """New titles (and strengths) in the heads and the first column; nothing recomputed."""
        heads = ["Consideration"]
        for c in table.columns:
            strength = strength_of(c.id) if strength_of else c.strength
            heads.append(head_text(title_of(c.id), strength, c.rank))
        self.setHorizontalHeaderLabels(heads)
        for j, c in enumerate(table.columns, 1):
            self.horizontalHeaderItem(j).setToolTip(title_of(c.id))
        for i, nid in enumerate(self.row_ids):
            item = self.item(i, 0)
            if item is not None and item.text() != title_of(nid):
                item.setText(title_of(nid))
                item.setToolTip(title_of(nid))

    def select_node(self, node_id: str | None) -> None:
        """Highlight the row of *node_id* (the canvas selected it), or none."""
        self._quiet = True
        if node_id in self.row_ids:
            self.selectRow(self.row_ids.index(node_id))
            self.scrollToItem(self.item(self.row_ids.index(node_id), 0))
        else:
            self.clearSelection()
        self._quiet = False

    def _selected(self) -> None:
        rows = self.selectionModel().selectedRows()
        if not self._quiet and rows:
            self.row_clicked.emit(self.row_ids[rows[0].row()])

    def _size_columns(self) -> None:
        """The consideration column wants its widest title (MIN_TITLE to MAX_TITLE px); the
        strategy columns share the rest, each MIN_CELL to MAX_CELL px; the consideration
        column takes what is left over. Narrower screens scroll sideways."""
        n = self.columnCount() - 1
        if n < 1:
            return
        header = self.horizontalHeader()
        avail = self.viewport().width()
        fm = self.fontMetrics()
        widest = max((fm.horizontalAdvance(self.item(i, 0).text()) for i in range(self.rowCount())
                      if self.item(i, 0) is not None), default=0)
        wanted = max(MIN_TITLE, min(MAX_TITLE, widest + 16))
        per = int(max(MIN_CELL, min(MAX_CELL, (avail - wanted) / n)))
        for j in range(n + 1):
            header.setSectionResizeMode(j, QHeaderView.Fixed if j else QHeaderView.Interactive)
        for j in range(1, n + 1):
            self.setColumnWidth(j, per)
        self.setColumnWidth(0, max(MIN_TITLE, avail - per * n))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._size_columns()


def _cell(value: float | None, scale: float, strategy: str) -> QTableWidgetItem:
    item = QTableWidgetItem("" if value is None else signed(value))
    item.setData(VALUE, value)
    item.setData(SCALE, scale)
    item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
    if value is None:
        item.setToolTip(f"Does not bear on \u201c{strategy}\u201d.")
    else:
        item.setToolTip(f"{'Adds' if value >= 0 else 'Takes away'} {abs(value):.3f}: without "
                        f"this consideration (and its relations) \u201c{strategy}\u201d would be "
                        f"{'weaker' if value >= 0 else 'stronger'} by that much.")
        item.setForeground(QColor(HELPS if value >= 0 else HURTS))
    return item
