"""Map ▸ Workshop ▸ Rounds…: open, run and close rounds, and see how they moved.

The list shows every round (number, name, status, scope, who has finished). Buttons open a
new round, start answering (the time box starts), open the assessment round for it and
close it. Below: the round-to-round chart (each strategy's group strength per round beside
the inputs' mean spread), the group ranking of each round, and for the selected round each
input's median, spread, assessor count and "no opinion" count, with the inputs that
converged or stayed contested. Only group numbers are shown here, never a person's answer.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (QDialog, QHBoxLayout, QHeaderView, QLabel, QListWidget,
                               QListWidgetItem, QPushButton, QSplitter, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from ...document.rounds import all_results, mean_spread, movement, strength_series
from ...model import ReasonmapError
from ...model.round_commands import SetRoundStatus, current_round, rounds_in_order
from ...model.rounds import SCOPES
from ...render.round_chart import ChartData, paint_round_chart
from .round_row import statement

COLUMNS = ("Input", "Median", "Spread", "Assessors", "No opinion", "Since first round")


class RoundChart(QWidget):
    """The round-to-round chart (render/round_chart.py) as a widget."""

    def __init__(self) -> None:
        super().__init__(objectName="roundChart")
        self.data = ChartData([], [], [])
        self.setMinimumHeight(200)

    def sizeHint(self) -> QSize:
        return QSize(760, 240)

    def set_data(self, data: ChartData) -> None:
        self.data = data
        self.update()

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), Qt.white)
        if self.data.rounds:
            paint_round_chart(p, QRectF(self.rect()).adjusted(8, 6, -8, -4), self.data)
        p.end()


def _cell(text: str, align_right: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemIsEnabled | Qt.ItemIsSelectable)
    if align_right:
        item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
    return item


class RoundsDialog(QDialog):
    def __init__(self, doc, parent=None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.new_dialog = self.answers_dialog = None
        self.setWindowTitle("Rounds")
        self.resize(900, 680)
        self.list = QListWidget(objectName="rounds")
        self.list.currentRowChanged.connect(lambda _r: self._show_selected())
        buttons = QHBoxLayout()
        self.buttons = {}
        for name, text, slot in (("newRound", "New round\u2026", self.new_round),
                                 ("startAnswering", "Start answering", self.start_answering),
                                 ("answer", "Answer\u2026", self.answer),
                                 ("closeRound", "Close round", self.close_round)):
            b = QPushButton(text, objectName=name)
            b.setAutoDefault(False)
            b.clicked.connect(slot)
            buttons.addWidget(b)
            self.buttons[name] = b
        buttons.addStretch(1)
        self.message = QLabel(objectName="message")
        self.message.setTextFormat(Qt.PlainText)
        self.message.setWordWrap(True)
        self.chart = RoundChart()
        self.rankings = QLabel(objectName="rankings")
        self.rankings.setTextFormat(Qt.PlainText)
        self.rankings.setWordWrap(True)
        self.moved = QLabel(objectName="moved")
        self.moved.setTextFormat(Qt.PlainText)
        self.moved.setWordWrap(True)
        self.table = QTableWidget(0, len(COLUMNS), objectName="inputs")
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.Stretch)
        for c in range(1, len(COLUMNS)):
            self.table.horizontalHeader().setSectionResizeMode(c, QHeaderView.ResizeToContents)
        top = QWidget()
        tbox = QVBoxLayout(top)
        tbox.setContentsMargins(0, 0, 0, 0)
        tbox.addWidget(self.list)
        tbox.addLayout(buttons)
        tbox.addWidget(self.message)
        split = QSplitter(Qt.Vertical)
        split.addWidget(top)
        split.addWidget(self.chart)
        split.addWidget(self.table)
        split.setSizes([110, 240, 260])
        box = QVBoxLayout(self)
        box.addWidget(split, 1)
        box.addWidget(self.rankings)
        box.addWidget(self.moved)
        self._unsubscribe = doc.changed.subscribe(lambda _e: self.refresh())
        self.finished.connect(lambda _r: self._unsubscribe())
        self.refresh()

    # ----- state ---------------------------------------------------------------------
    def refresh(self, select: str | None = None) -> None:
        amap = self.doc.map
        self.results = all_results(amap, self.doc.weighing.semantics)
        keep = select or (self.list.currentItem().data(Qt.UserRole) if self.list.currentItem() else None)
        self.list.blockSignals(True)
        self.list.clear()
        people = len(amap.participants)
        for r in self.results:
            rnd = r.round
            text = (f"{rnd.title}  \u2014  {rnd.status}  \u2014  {SCOPES[rnd.scope]}, {len(rnd.targets)} inputs"
                    f"  \u2014  {len(r.finished)} of {people} finished")
            if rnd.time_box:
                text += f"  \u2014  time box {rnd.time_box // 60} min"
            item = QListWidgetItem(text)
            item.setData(Qt.UserRole, rnd.id)
            self.list.addItem(item)
            if rnd.id == keep or (keep is None and rnd.status != "closed"):
                self.list.setCurrentItem(item)
        if self.list.currentRow() < 0 and self.list.count():
            self.list.setCurrentRow(self.list.count() - 1)
        self.list.blockSignals(False)
        self._update_buttons()
        self._show_chart()
        self._show_selected()

    def _update_buttons(self) -> None:
        cur = current_round(self.doc.map)
        editable = not self.doc.read_only
        self.buttons["newRound"].setEnabled(editable and cur is None and bool(self.doc.map.participants))
        self.buttons["startAnswering"].setEnabled(editable and cur is not None and cur.status == "open")
        self.buttons["answer"].setEnabled(editable and cur is not None)
        self.buttons["closeRound"].setEnabled(editable and cur is not None)
        if not self.results:
            self.message.setText("No rounds yet. A round asks everyone the same inputs; from round 2 on "
                                 "each person sees the group's answer of the last round and may revise.")
        elif cur is None:
            self.message.setText("All rounds are closed. Open a new round to let people revise.")
        else:
            self.message.setText(f"{cur.title} is {cur.status}.")

    def _show_chart(self) -> None:
        series = strength_series(self.results, self.doc.map)
        fw = self.doc.weighing.framework
        last = self.results[-1].ranking if self.results else []
        order = [e.id for e in last] + [s for s in series if s not in {e.id for e in last}]
        self.chart.set_data(ChartData([f"R{r.round.number}" for r in self.results],
                                      [(fw.titles.get(s, s), series[s]) for s in order if s in series],
                                      [mean_spread(r) for r in self.results]))
        lines = [f"{r.round.title}: " + (", ".join(f"{i}. {e.title} {e.strength:.2f}"
                                                   for i, e in enumerate(r.ranking, 1)) or "no answers yet")
                 for r in self.results]
        self.rankings.setText("Group ranking (median of inputs, then evaluate)\n" + "\n".join(lines)
                              if lines else "")
        moved = movement(self.results)
        names = lambda kind: ", ".join(statement(self.doc.map, t)[0] for t, k in moved.items()  # noqa: E731
                                       if k == kind and self.doc.map.contains(t)) or "none"
        self.moved.setText(f"Converged: {names('converged')}\nStill contested: {names('contested')}"
                           if self.results else "")

    def _show_selected(self) -> None:
        item = self.list.currentItem()
        result = next((r for r in self.results if item and r.round.id == item.data(Qt.UserRole)), None)
        self.table.setRowCount(0)
        if result is None:
            return
        self.table.setRowCount(len(result.stats))
        for row, (t, s) in enumerate(result.stats.items()):
            name = statement(self.doc.map, t)[0] if self.doc.map.contains(t) else f"(deleted {t})"
            spread = "\u2014" if s.spread is None else f"{s.spread:.2f}"
            if s.spread is None and s.assessors == 1:
                spread = "no spread (1)"
            since = self._since(result, t)
            values = (name, "\u2014" if s.median is None else f"{s.median:.2f}", spread, str(s.assessors),
                      str(s.no_opinion), since)
            for col, text in enumerate(values):
                self.table.setItem(row, col, _cell(text, 0 < col < 5))

    def _since(self, result, target: str) -> str:
        """'spread 0.30 → 0.05' from the first round that asked *target* to *result*."""
        now = result.stats[target].spread
        first = next((r.stats[target].spread for r in self.results
                      if target in r.stats and r.stats[target].spread is not None), None)
        if first is None or now is None or self.results.index(result) == 0:
            return ""
        return f"spread {first:.2f} \u2192 {now:.2f}"

    def selected_id(self) -> str | None:
        item = self.list.currentItem()
        return item.data(Qt.UserRole) if item else None

    # ----- actions -------------------------------------------------------------------
    def _run(self, command) -> bool:
        try:
            self.doc.execute(command)
        except ReasonmapError as exc:
            self.message.setText(str(exc))
            return False
        return True

    def new_round(self) -> None:
        from .new_round import NewRoundDialog
        self.new_dialog = NewRoundDialog(self.doc, self)
        self.new_dialog.open()

    def start_answering(self) -> None:
        cur = current_round(self.doc.map)
        if cur is not None:
            self._run(SetRoundStatus(cur.id, "answering"))

    def answer(self) -> None:
        from .round import AssessmentRound
        self.answers_dialog = AssessmentRound(self.doc, self)
        self.answers_dialog.open()

    def close_round(self) -> None:
        cur = current_round(self.doc.map)
        if cur is not None:
            self._run(SetRoundStatus(cur.id, "closed"))


__all__ = ["RoundsDialog", "rounds_in_order"]
