"""Map ▸ Workshop ▸ Snapshots…: keep named snapshots and compare any two.

A snapshot keeps the map, its assessments and its rankings (document/snapshots.py) and is an
undoable step like any edit. The comparison lists, in groups, the cards and relations added,
removed or changed, the values that moved, and how each strategy's rank and strength moved
on the map's values and for the group.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (QComboBox, QDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton,
                               QTreeWidget, QTreeWidgetItem, QVBoxLayout)

from ...document.snapshots import compare, take_snapshot
from ...model import ReasonmapError
from ..plain import plain_tip
from .history_panel import local_time

UP, DOWN = QColor("#006B4E"), QColor("#A33B00")


def _num(v) -> str:
    return "\u2014" if v is None else f"{v:.2f}"


def _rank(r) -> str:
    return "\u2014" if r is None else f"#{r}"


class SnapshotsDialog(QDialog):
    def __init__(self, doc, parent=None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.setWindowTitle("Snapshots")
        self.resize(820, 640)
        take = QHBoxLayout()
        self.name = QLineEdit(objectName="snapshotName", placeholderText="Name, e.g. \u201cbefore discussion\u201d")
        self.name.returnPressed.connect(self.take)
        button = QPushButton("Take snapshot", objectName="take")
        button.setAutoDefault(False)
        button.clicked.connect(self.take)
        take.addWidget(self.name, 1)
        take.addWidget(button)
        pick = QHBoxLayout()
        self.before, self.after = QComboBox(objectName="before"), QComboBox(objectName="after")
        pick.addWidget(QLabel("Compare"))
        pick.addWidget(self.before, 1)
        pick.addWidget(QLabel("with"))
        pick.addWidget(self.after, 1)
        self.message = QLabel(objectName="message")
        self.message.setTextFormat(Qt.PlainText)
        self.message.setWordWrap(True)
        self.view = QTreeWidget(objectName="comparison")
        self.view.setColumnCount(2)
        self.view.setHeaderLabels(["What", "Before \u2192 after"])
        self.view.setColumnWidth(0, 520)
        box = QVBoxLayout(self)
        box.addLayout(take)
        box.addLayout(pick)
        box.addWidget(self.message)
        box.addWidget(self.view, 1)
        self.before.currentIndexChanged.connect(lambda _i: self.show_comparison())
        self.after.currentIndexChanged.connect(lambda _i: self.show_comparison())
        self.refill()

    def snapshots(self):
        return list(self.doc.map.snapshots.values())      # in the order they were taken

    def refill(self) -> None:
        items = self.snapshots()
        for combo in (self.before, self.after):
            combo.blockSignals(True)
            combo.clear()
            for s in items:
                combo.addItem(f"{s.name}  ({local_time(s.created)})", s.id)
            combo.blockSignals(False)
        if len(items) >= 2:
            self.before.setCurrentIndex(len(items) - 2)
            self.after.setCurrentIndex(len(items) - 1)
        self.message.setText("" if len(items) >= 2 else
                             "Take two snapshots (e.g. before and after a round) to compare them.")
        self.show_comparison()

    def take(self) -> None:
        try:
            take_snapshot(self.doc, self.name.text())
        except ReasonmapError as exc:
            self.message.setText(str(exc))
            return
        self.name.clear()
        self.refill()

    def show_comparison(self) -> None:
        self.view.clear()
        a, b = (self.doc.map.snapshots.get(c.currentData()) for c in (self.before, self.after))
        if a is None or b is None:
            return
        c = compare(a, b)
        self._group("Ranking on the map's values", [self._rank_row(r) for r in c.ranking])
        self._group("Group ranking (median of inputs)", [self._rank_row(r) for r in c.group_ranking])
        self._group("Values moved", [(n, f"{_num(x)} \u2192 {_num(y)}", _colour(x, y)) for n, x, y in c.values])
        self._group("Cards added", [(t, "", None) for t in c.nodes_added])
        self._group("Cards removed", [(t, "", None) for t in c.nodes_removed])
        self._group("Cards changed", [(t, ", ".join(f), None) for t, f in c.nodes_changed])
        self._group("Relations added", [(t, "", None) for t in c.edges_added])
        self._group("Relations removed", [(t, "", None) for t in c.edges_removed])
        self._group("Relations changed", [(t, ", ".join(f), None) for t, f in c.edges_changed])
        if c.same:
            self._group("No differences", [])

    @staticmethod
    def _rank_row(r):
        title, ra, rb, sa, sb = r
        better = None if ra is None or rb is None or ra == rb else (UP if rb < ra else DOWN)
        return (title, f"{_rank(ra)} \u2192 {_rank(rb)}   ({_num(sa)} \u2192 {_num(sb)})", better)

    def _group(self, title: str, rows) -> None:
        if not rows and title != "No differences":
            return
        head = QTreeWidgetItem([f"{title} ({len(rows)})" if rows else title, ""])
        bold = QFont(head.font(0))
        bold.setBold(True)
        head.setFont(0, bold)
        self.view.addTopLevelItem(head)
        for text, change, colour in rows:
            item = QTreeWidgetItem([text, change])
            item.setToolTip(0, plain_tip(text))
            if colour is not None:
                item.setForeground(1, QBrush(colour))
            head.addChild(item)
        head.setExpanded(True)


def _colour(before, after):
    if before is None or after is None or before == after:
        return None
    return UP if after > before else DOWN
