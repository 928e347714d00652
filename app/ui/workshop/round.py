"""The assessment round: one participant at a time gives their own values, keyboard first.

The inputs that matter for the ranking come first (those whose change alone would swap the
two leading strategies), then every other base score and weight that can reach a strategy,
each group shuffled with a seed made from the participant's id. Keys: Up/Down move between
items, 0–9 set 0.0–0.9, '=' or '+' sets 1.0, Left/Right nudge by 0.05, N means "no opinion".
Every answer is an ordinary undoable Assess step.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QFrame, QHBoxLayout, QLabel,
                               QPushButton, QScrollArea, QSlider, QStackedWidget, QVBoxLayout,
                               QWidget)

from ...document.weighing import assessment_inputs
from ...model import Assess, ReasonmapError
from ..weighing.names import input_name

DIGITS = {getattr(Qt, f"Key_{d}"): d / 10 for d in range(10)}


class AssessRow(QFrame):
    """One input: its question, a slider with the value and a 'no opinion' box."""

    def __init__(self, dialog: "AssessmentRound", target: str, field: str, index: int) -> None:
        super().__init__()
        self.dialog, self.target, self.field = dialog, target, field
        amap = dialog.doc.map
        self.setObjectName(f"row{index}")
        self.setFrameShape(QFrame.StyledPanel)
        box = QVBoxLayout(self)
        title = QLabel(f"{index + 1}. {input_name(amap, target)}")
        title.setTextFormat(Qt.PlainText)
        title.setWordWrap(True)
        title.setStyleSheet("font-weight: bold;")
        ask = ("How much does the first bear on the second?" if field == "weight"
               else "How likely is this to be true, on its own?")
        hint = QLabel(f"{ask}  (map value {dialog.map_value(target):.2f})")
        hint.setStyleSheet("color: #4A4A4A;")
        row = QHBoxLayout()
        self.slider = QSlider(Qt.Horizontal)
        self.slider.setRange(0, 100)
        self.slider.setTracking(False)      # one Assess step when the drag ends
        self.slider.setFocusPolicy(Qt.NoFocus)
        self.slider.valueChanged.connect(lambda v: self.dialog.answer(self.target, v / 100))
        self.value = QLabel()
        self.value.setMinimumWidth(80)
        self.none = QCheckBox("No opinion")
        self.none.setFocusPolicy(Qt.NoFocus)
        self.none.clicked.connect(lambda on: self.dialog.answer(self.target, None) if on
                                  else self.dialog.answer(self.target, self.slider.value() / 100))
        row.addWidget(self.slider, 1)
        row.addWidget(self.value)
        row.addWidget(self.none)
        for w in (title, hint):
            box.addWidget(w)
        box.addLayout(row)

    def show_state(self, value: float | None, answered: bool, current: bool) -> None:
        shown = value if value is not None else self.dialog.map_value(self.target)
        self.slider.blockSignals(True)
        self.slider.setValue(round(shown * 100))
        self.slider.blockSignals(False)
        self.slider.setEnabled(not (answered and value is None))
        self.none.setChecked(answered and value is None)
        self.value.setText("no opinion" if answered and value is None else
                           f"{shown:.2f}" if answered else "\u2014")
        self.setStyleSheet("AssessRow { border: 2px solid #0072B2; background: #EEF5FB; }"
                           if current else "")


class AssessmentRound(QDialog):
    """Pick a participant, then answer the inputs one by one."""

    def __init__(self, doc, parent=None) -> None:
        super().__init__(parent)
        self.doc, self.weighing = doc, doc.weighing
        self.participant: str | None = None
        self.items: list[tuple[str, str]] = []
        self.rows: list[AssessRow] = []
        self.no_opinion: set[str] = set()
        self.current = 0
        self.setWindowTitle("Assessment round")
        self.resize(560, 640)
        self.stack = QStackedWidget(self)
        QVBoxLayout(self).addWidget(self.stack)
        self.stack.addWidget(self._choose_page())
        self.stack.addWidget(self._answer_page())

    # ----- pages -------------------------------------------------------------------
    def _choose_page(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        text = QLabel("Who is assessing now? Each person gives their own values; the map's "
                      "values stay as they are.")
        text.setWordWrap(True)
        self.who = QComboBox(objectName="who")
        for p in sorted(self.doc.map.participants.values(), key=lambda q: q.name.lower()):
            self.who.addItem(p.name, p.id)
        self.decisive = QCheckBox("Only the inputs that could change which strategy leads "
                                  "(a short round)", objectName="decisiveOnly")
        start = QPushButton("Start", objectName="start")
        start.setDefault(True)
        start.clicked.connect(lambda: self.start(self.who.currentData()))
        empty = QLabel("" if self.who.count() else "Add participants first (Participants…).")
        for w in (text, self.who, self.decisive, start, empty):
            box.addWidget(w)
        box.addStretch(1)
        return page

    def _answer_page(self) -> QWidget:
        self.page = QWidget(objectName="answers")
        self.page.setFocusPolicy(Qt.StrongFocus)
        self.page.keyPressEvent = self._key
        box = QVBoxLayout(self.page)
        self.heading = QLabel(objectName="heading")
        self.heading.setTextFormat(Qt.PlainText)
        self.heading.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.progress = QLabel(objectName="progress")
        self.progress.setTextFormat(Qt.PlainText)
        keys = QLabel("\u2191\u2193 move   0\u20139 set 0.0\u20130.9   = sets 1.0   "
                      "\u2190\u2192 nudge   N no opinion   Esc done")
        keys.setStyleSheet("color: #4A4A4A;")
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFocusPolicy(Qt.NoFocus)
        self.holder = QWidget()
        self.list_box = QVBoxLayout(self.holder)
        self.scroll.setWidget(self.holder)
        done = QPushButton("Done", objectName="done")
        done.setFocusPolicy(Qt.NoFocus)
        done.clicked.connect(self.accept)
        for w in (self.heading, self.progress, keys, self.scroll, done):
            box.addWidget(w)
        return self.page

    def start(self, participant_id: str | None) -> None:
        """Show the inputs for *participant_id* in their own shuffled order."""
        if participant_id not in self.doc.map.participants:
            return
        self.items = assessment_inputs(self.weighing, participant_id,
                                       decisive_only=self.decisive.isChecked())
        self.participant, self.no_opinion, self.current = participant_id, set(), 0
        self.heading.setText(f"Assessing as {self.doc.map.participants[participant_id].name}")
        self.rows = [AssessRow(self, t, f, i) for i, (t, f) in enumerate(self.items)]
        for row in self.rows:
            self.list_box.addWidget(row)
        self.list_box.addStretch(1)
        self.stack.setCurrentIndex(1)
        self.page.setFocus()
        self.refresh()

    # ----- answering ---------------------------------------------------------------
    def map_value(self, target: str) -> float:
        amap = self.doc.map
        return amap.nodes[target].base_score if target in amap.nodes else amap.edges[target].weight

    def value_of(self, target: str) -> float | None:
        a = self.doc.map.assessments.get((self.participant, target))
        return a.value if a else None

    def answered(self) -> int:
        return sum(1 for t, _ in self.items
                   if t in self.no_opinion or self.value_of(t) is not None)

    def answer(self, target: str, value: float | None) -> bool:
        """Record the participant's value (None: no opinion) as one undoable step; False
        (and the reason in the progress label) if it could not be recorded."""
        try:
            self.doc.execute(Assess(self.participant, target, value))
        except ReasonmapError as exc:
            self.progress.setText(str(exc))
            return False
        if value is None:
            self.no_opinion.add(target)
        else:
            self.no_opinion.discard(target)
        self.refresh()
        return True

    def refresh(self) -> None:
        for i, (row, (t, _)) in enumerate(zip(self.rows, self.items)):
            row.show_state(self.value_of(t), t in self.no_opinion or self.value_of(t) is not None,
                           i == self.current)
        self.progress.setText(f"{self.answered()} of {len(self.items)} answered")
        if self.rows:
            self.scroll.ensureWidgetVisible(self.rows[self.current], 10, 40)

    def move(self, step: int) -> None:
        if self.rows:
            self.current = max(0, min(len(self.rows) - 1, self.current + step))
            self.refresh()

    def _key(self, event) -> None:
        if not self.rows:
            return
        key, text = event.key(), event.text()
        target = self.items[self.current][0]
        if key in (Qt.Key_Down, Qt.Key_Up):
            self.move(1 if key == Qt.Key_Down else -1)
        elif key in DIGITS and text.isdigit():
            if self.answer(target, DIGITS[key]):      # a refusal stays on screen
                self.move(1)
        elif text in ("=", "+"):
            if self.answer(target, 1.0):
                self.move(1)
        elif key in (Qt.Key_Left, Qt.Key_Right):
            base = self.value_of(target)
            base = self.map_value(target) if base is None else base
            self.answer(target, round(min(1.0, max(0.0, base + (0.05 if key == Qt.Key_Right else -0.05))), 2))
        elif key == Qt.Key_N:
            if self.answer(target, None):
                self.move(1)
        elif key in (Qt.Key_Return, Qt.Key_Enter):
            self.move(1)
        else:
            QWidget.keyPressEvent(self.page, event)
