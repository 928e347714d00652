"""The group tab: each participant's ranking side by side, and the cruxes."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QAbstractItemView, QHeaderView, QLabel, QListWidget,
                               QListWidgetItem, QTableWidget, QTableWidgetItem, QVBoxLayout,
                               QWidget)

from .names import input_name


class GroupView(QWidget):
    """A table (strategies × group and participants: rank and strength) and the cruxes."""

    node_clicked = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        box = QVBoxLayout(self)
        self.note = QLabel(objectName="groupNote")
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.PlainText)
        self.table = QTableWidget(objectName="groupTable")
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.NoSelection)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.table.cellClicked.connect(self._cell_clicked)
        crux_title = QLabel("Cruxes: where people disagree and it changes the winner")
        crux_title.setWordWrap(True)
        crux_title.setStyleSheet("font-weight: bold;")
        self.cruxes = QListWidget(objectName="cruxList")
        self.cruxes.setWordWrap(True)
        self.cruxes.itemClicked.connect(lambda item: self.node_clicked.emit(item.data(Qt.UserRole)))
        box.addWidget(self.note)
        box.addWidget(self.table, 2)
        box.addWidget(crux_title)
        box.addWidget(self.cruxes, 1)
        self._row_ids: list[str] = []

    def show_report(self, weighing) -> None:
        """Fill the table and the crux list from *weighing*'s group report."""
        amap = weighing.doc.map
        people = sorted(amap.participants.values(), key=lambda p: weighing.name_of(p.id).lower())
        self.table.clear()
        self.cruxes.clear()
        if not people:
            self.note.setText("No participants yet. Add them under Map \u25b8 Workshop \u25b8 "
                              "Participants, then run an assessment round.")
            self.table.setRowCount(0)
            self.table.setColumnCount(0)
            return
        report = weighing.group()
        self.note.setText("Rank and strength of each strategy, for the group (median of "
                          "everyone's assessments) and for each participant.")
        self._row_ids = [e.id for e in report.group]
        columns = [("Group", None, report.group)] + [
            (weighing.name_of(p.id), p.colour, report.participants[p.id]) for p in people]
        self.table.setRowCount(len(self._row_ids))
        self.table.setColumnCount(len(columns))
        self.table.setVerticalHeaderLabels([_short(e.title) for e in report.group])
        for col, (name, colour, ranking) in enumerate(columns):
            head = QTableWidgetItem(name)
            if colour:
                head.setForeground(QBrush(QColor(colour)))
            self.table.setHorizontalHeaderItem(col, head)
            place = {e.id: (i + 1, e.strength) for i, e in enumerate(ranking)}
            for row, sid in enumerate(self._row_ids):
                rank, strength = place[sid]
                cell = QTableWidgetItem(f"{rank}. {strength:.2f}")
                cell.setTextAlignment(Qt.AlignCenter)
                if rank == 1:
                    cell.setBackground(QBrush(QColor("#FFE9B8")))
                self.table.setItem(row, col, cell)
        self.table.resizeColumnsToContents()
        self._fill_cruxes(amap, report)

    def _fill_cruxes(self, amap, report) -> None:
        if not report.cruxes:
            self.cruxes.addItem("None: no input on which people disagree widely would "
                                "change which strategy leads.")
            return
        for key in report.cruxes:
            item = QListWidgetItem(f"{input_name(amap, key)}   spread {report.spread[key]:.2f}, "
                                   f"median {report.medians[key]:.2f}")
            item.setData(Qt.UserRole, key)
            self.cruxes.addItem(item)

    def _cell_clicked(self, row: int, _col: int) -> None:
        if 0 <= row < len(self._row_ids):
            self.node_clicked.emit(self._row_ids[row])

    def cell_text(self, row: int, col: int) -> str:
        item = self.table.item(row, col)
        return item.text() if item else ""


def _short(text: str, limit: int = 28) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "\u2026"
