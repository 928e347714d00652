"""The pages of the compare view besides the table: head to head, leader changes and the
ranking under every semantics. Each page is filled by the view from ``doc.weighing``; the
searches (which single input reverses a pair or changes the leader) run on workers."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel,
                               QSplitter, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from ...model import SEMANTICS
from ...reasoning import ahead, leader_changes, pair_flips, separation
from ...reasoning.ranking import level
from .flips import FlipList
from .table import HEAD_LINES, ROW_ID, SCALE, VALUE, CellDelegate, wrapped

ORDINAL = {1: "1st", 2: "2nd", 3: "3rd"}


def plain_label(name: str, style: str = "") -> QLabel:
    label = QLabel(objectName=name)
    label.setTextFormat(Qt.PlainText)
    label.setWordWrap(True)
    if style:
        label.setStyleSheet(style)
    return label


def quoted(text: str) -> str:
    return f"\u201c{text}\u201d"


class HeadToHeadPage(QWidget):
    """Two strategies chosen freely: what separates them, and what alone would reverse them."""

    picked = Signal(str)          # a consideration or input to select on the canvas

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        box = QVBoxLayout(self)
        row = QHBoxLayout()
        self.first = QComboBox(objectName="duelFirst")
        self.second = QComboBox(objectName="duelSecond")
        for combo in (self.first, self.second):
            combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(14)
            combo.activated.connect(lambda _i: self.update_pair())
        row.addWidget(QLabel("Compare"))
        row.addWidget(self.first, 1)
        row.addWidget(QLabel("with"))
        row.addWidget(self.second, 1)
        box.addLayout(row)
        self.summary = plain_label("duelSummary")
        box.addWidget(self.summary)
        split = QSplitter(Qt.Vertical)
        self.separating = QTableWidget(objectName="separatingTable")
        self.separating.setItemDelegate(CellDelegate(self.separating))
        self.separating.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.separating.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.separating.verticalHeader().setVisible(False)
        self.separating.cellClicked.connect(
            lambda r, _c: self.picked.emit(self.separating.item(r, 0).data(ROW_ID)))
        self.flips = FlipList("pairFlips")
        self.flips.picked.connect(self.picked)
        split.addWidget(self.separating)
        split.addWidget(self.flips)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        box.addWidget(split, 1)
        self.weighing = None
        self.pair: tuple[str, str] | None = None

    # ----- filling -----------------------------------------------------------------
    def show_weighing(self, weighing, search: bool) -> None:
        """Fill the choices from the ranking (keeping the chosen pair if it still exists)."""
        self.weighing = weighing
        ids = [e.id for e in weighing.ranking]
        keep = self.pair if self.pair and all(s in ids for s in self.pair) else tuple(ids[:2])
        for combo, chosen in zip((self.first, self.second), keep or (None, None)):
            combo.clear()
            for sid in ids:
                combo.addItem(weighing.title(sid), sid)
            combo.setCurrentIndex(max(0, combo.findData(chosen)))
        self.update_pair(search)

    def relabel(self, weighing) -> None:
        for combo in (self.first, self.second):
            for i in range(combo.count()):
                combo.setItemText(i, weighing.title(combo.itemData(i)))
        self.update_pair(search=False)

    def choose(self, a: str, b: str) -> None:
        """Set the pair (as the combo boxes would) and compare them."""
        self.first.setCurrentIndex(self.first.findData(a))
        self.second.setCurrentIndex(self.second.findData(b))
        self.update_pair()

    def update_pair(self, search: bool = True) -> None:
        w = self.weighing
        a, b = self.first.currentData(), self.second.currentData()
        self.separating.setRowCount(0)
        if w is None or a is None or b is None or a == b:
            self.pair = None
            self.flips.stop()
            self.summary.setText("Choose two different strategies." if w and len(w.ranking) > 1
                                 else "There must be two strategies to compare.")
            self.flips.title.setText("")
            self.flips.list.clear()
            return
        changed = (a, b) != self.pair
        self.pair = (a, b)
        table = w.comparison()
        first, second = ahead(table, a, b)
        self._summary(w, first, second)
        bears = {r.id: r.contributions for r in table.rows}
        self._fill_separating(w, separation(table, first, second), (first, second), bears)
        if search and (changed or self.flips.result is None):
            self._search(w, first, second)

    def _summary(self, w, first: str, second: str) -> None:
        sa, sb = w.strength(first), w.strength(second)
        if sa is None or sb is None:
            self.summary.setText("Their strengths did not settle: nothing to compare yet.")
            return
        if level(sa, sb):
            self.summary.setText(f"{quoted(w.title(first))} and {quoted(w.title(second))} are level "
                                 f"at {sa:.3f}; the ranking lists {quoted(w.title(first))} first "
                                 "only by its title, so the least change below reverses them.")
            return
        self.summary.setText(f"{quoted(w.title(first))} is ahead of {quoted(w.title(second))} "
                             f"by {sa - sb:.3f} ({sa:.3f} against {sb:.3f}).")

    def _fill_separating(self, w, seps, pair: tuple[str, str], bears) -> None:
        """One row per separating consideration: its contribution to each (blank where it
        does not bear) and the difference."""
        first, second = pair
        t = self.separating
        t.setColumnCount(4)
        t.setHorizontalHeaderLabels(["Separating them most", wrapped(f"to {w.title(first)}", max_lines=HEAD_LINES),
                                     wrapped(f"to {w.title(second)}", max_lines=HEAD_LINES),
                                     "difference\n(+ favours the first)"])
        t.horizontalHeaderItem(1).setToolTip(w.title(first))
        t.horizontalHeaderItem(2).setToolTip(w.title(second))
        t.setRowCount(len(seps))
        scale = max((abs(x) for s in seps for x in (s.a, s.b, s.difference)), default=1.0) or 1.0
        for i, s in enumerate(seps):
            item = QTableWidgetItem(w.title(s.id))
            item.setData(ROW_ID, s.id)
            item.setToolTip(w.title(s.id))
            t.setItem(i, 0, item)
            a = s.a if first in bears.get(s.id, {}) else None
            b = s.b if second in bears.get(s.id, {}) else None
            for j, value in enumerate((a, b, s.difference), 1):
                cell = QTableWidgetItem()
                cell.setData(VALUE, value)
                cell.setData(SCALE, scale)
                t.setItem(i, j, cell)
        header = t.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.Stretch)
        fm = header.fontMetrics()
        for j in range(1, 4):
            header.setSectionResizeMode(j, QHeaderView.Fixed)
            lines = t.horizontalHeaderItem(j).text().split("\n")       # the head shows whole
            t.setColumnWidth(j, max(118, max(fm.horizontalAdvance(x) for x in lines) + 20))

    def _search(self, w, first: str, second: str) -> None:
        version, fw, semantics = w.snapshot()
        base = w.evaluation
        job = lambda stop, progress: pair_flips(fw, semantics, first, second, base=base,  # noqa: E731
                                                should_stop=stop, progress=progress)
        self.flips.search(job, lambda flips, result: self._show_flips(w, result))

    def _show_flips(self, w, result) -> None:
        first, second = result.top
        heading = f"What alone would put {quoted(w.title(second))} ahead of {quoted(w.title(first))}:"
        if result.searched and not result.flips and not result.tied:
            heading = f"No single base score or weight can put {quoted(w.title(second))} ahead."
        if result.tied:
            heading = f"{quoted(w.title(first))} and {quoted(w.title(second))} tie now:"
        self.flips.fill(heading, w.doc.map, result.flips, result.caveats())


class LeaderPage(QWidget):
    """Every input whose change alone puts another strategy first."""

    picked = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        box = QVBoxLayout(self)
        self.flips = FlipList("leaderFlips")
        self.flips.picked.connect(self.picked)
        box.addWidget(self.flips)

    def search(self, w) -> None:
        if len(w.ranking) < 2:
            self.flips.stop()
            self.flips.title.setText("There must be two strategies to compare.")
            self.flips.list.clear()
            return
        version, fw, semantics = w.snapshot()
        base = w.evaluation
        job = lambda stop, progress: leader_changes(fw, semantics, base=base,  # noqa: E731
                                                    should_stop=stop, progress=progress)
        self.flips.search(job, lambda flips, result: self._show(w, result))

    def _show(self, w, result) -> None:
        leader = quoted(w.title(result.top[0]))
        heading = f"Each of these alone would put another strategy than {leader} first:"
        if result.searched and not result.flips and not result.tied:
            heading = f"No single base score or weight can take the lead from {leader}."
        if result.tied:
            heading = f"{leader} leads only by title: it ties with {quoted(w.title(result.top[1]))}."
        self.flips.fill(heading, w.doc.map, result.flips, result.caveats(),
                        then=lambda f: f"  \u2192 {quoted(w.title(f.leader))} leads")


class SemanticsPage(QWidget):
    """The ranking under all four semantics side by side, with one plain sentence."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        box = QVBoxLayout(self)
        self.table = QTableWidget(objectName="semanticsTable")
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.NoSelection)
        note = plain_label("semanticsNote", "color: #4A4A4A;")
        note.setText("Each cell: the strategy's place and strength under that semantics, from "
                     "the same values. Choose the semantics in the weighing panel.")
        box.addWidget(self.table, 1)
        box.addWidget(note)

    def show_weighing(self, w) -> None:
        robust = w.robustness()
        ids = [e.id for e in w.ranking]
        t = self.table
        t.setColumnCount(len(SEMANTICS))
        t.setRowCount(len(ids))
        t.setHorizontalHeaderLabels([wrapped(name, 14) + ("\n(chosen)" if sem == w.semantics else "")
                                     for sem, name in SEMANTICS.items()])
        t.setVerticalHeaderLabels([wrapped(w.title(s), 40) for s in ids])   # long titles wrap
        for j, sem in enumerate(SEMANTICS):
            order = robust.rankings.get(sem, [])
            for i, sid in enumerate(ids):
                place = order.index(sid) + 1 if sid in order else 0
                strength = robust.strengths.get(sem, {}).get(sid)
                text = f"{ORDINAL.get(place, f'{place}th')}   {strength:.3f}" if strength is not None else "\u2014"
                if not robust.converged.get(sem, True):
                    text += " (not settled)"
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignCenter)
                if place == 1:
                    f = item.font()
                    f.setBold(True)
                    item.setFont(f)
                t.setItem(i, j, item)
        t.horizontalHeader().setSectionResizeMode(QHeaderView.Stretch)
        t.resizeRowsToContents()

    def relabel(self, w) -> None:
        if self.table.rowCount():
            self.show_weighing(w)     # cached numbers, new titles: nothing is evaluated
