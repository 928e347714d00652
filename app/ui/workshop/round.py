"""The assessment round: one participant at a time gives their own values, keyboard first.

While a round is open (Map ▸ Workshop ▸ Rounds…) the dialog answers within it: it asks the
round's inputs, keeps every answer in that round (never overwriting an earlier round), takes
"no opinion" as an explicit answer, and from round 2 on shows beside each input the group's
median, spread and count of the previous round and the person's own previous answer; a short
written reason can go with each answer. With no round open, answers go straight to the
person's current values (outside rounds), as before rounds existed.

The inputs come in an order shuffled with a seed made from the participant's id. Keys:
Up/Down move, 0–9 set 0.0–0.9, '=' or '+' sets 1.0, Left/Right nudge by 0.05, N "no
opinion", K keeps last round's answer, R writes the reason, Esc leaves.
"""

from __future__ import annotations

import random
from datetime import datetime, timezone

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QHBoxLayout, QLabel, QPushButton,
                               QScrollArea, QStackedWidget, QVBoxLayout, QWidget)

from ...document.rounds import input_stats, previous_round
from ...document.weighing import GROUP, MAP, assessment_inputs
from ...model import Assess, ReasonmapError
from ...model.round_commands import AnswerInRound, current_round
from .round_row import AssessRow, feedback_text

DIGITS = {getattr(Qt, f"Key_{d}"): d / 10 for d in range(10)}


def _plain(text: str = "", name: str = "", style: str = "") -> QLabel:
    label = QLabel(text, objectName=name)
    label.setTextFormat(Qt.PlainText)
    label.setWordWrap(True)
    if style:
        label.setStyleSheet(style)
    return label


def time_left(rnd, now: datetime | None = None) -> int | None:
    """Seconds left in *rnd*'s time box (negative when over), or None without one."""
    if rnd is None or rnd.time_box is None or not rnd.started:
        return None
    start = datetime.fromisoformat(rnd.started)
    now = now or datetime.now(timezone.utc)
    return int(rnd.time_box - (now - start).total_seconds())


def clock(seconds: int) -> str:
    return "Time is up" if seconds <= 0 else f"Time left {seconds // 60:02d}:{seconds % 60:02d}"


class AssessmentRound(QDialog):
    """Pick a participant, then answer the inputs one by one."""

    def __init__(self, doc, parent=None) -> None:
        super().__init__(parent)
        self.doc, self.weighing = doc, doc.weighing
        self.round = current_round(doc.map)
        self.participant: str | None = None
        self.items: list[tuple[str, str]] = []
        self.rows: list[AssessRow] = []
        self.no_opinion: set[str] = set()
        self.current = 0
        self.setWindowTitle(f"Assessment \u2014 {self.round.title}" if self.round else "Assessment round")
        self.resize(640, 700)
        self.stack = QStackedWidget(self)
        QVBoxLayout(self).addWidget(self.stack)
        self.stack.addWidget(self._choose_page())
        self.stack.addWidget(self._answer_page())
        self.timer = QTimer(self, interval=1000)
        self.timer.timeout.connect(self._tick)
        self.timer.start()
        self._tick()
        self._fill_who()

    @property
    def in_round(self) -> bool:
        return self.round is not None

    # ----- pages -------------------------------------------------------------------
    def _choose_page(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        intro = ("Answering in {}. Each person answers alone; others' answers are never shown, "
                 "only the group's from the last round.".format(self.round.title) if self.round else
                 "No round is open, so answers become each person's current values. Open a "
                 "round under Map \u25b8 Workshop \u25b8 Rounds\u2026 to keep answers per round.")
        self.who = QComboBox(objectName="who")
        self.decisive = QCheckBox("Only the inputs that could change which strategy leads "
                                  "(a short round)", objectName="decisiveOnly")
        self.decisive.setVisible(not self.round)
        self.show_map = QCheckBox("Show the map's own values (they may anchor answers)",
                                  objectName="showMapValues")
        start = QPushButton("Start", objectName="start")
        start.setDefault(True)
        start.clicked.connect(lambda: self.start(self.who.currentData()))
        close = QPushButton("Close", objectName="close")
        close.setAutoDefault(False)
        close.clicked.connect(self.accept)
        self.finished_label = _plain(name="finished")
        self.clock_choose = _plain(name="clockChoose", style="font-weight: bold;")
        buttons = QHBoxLayout()
        buttons.addWidget(start)
        buttons.addWidget(close)
        buttons.addStretch(1)
        for w in (_plain(intro), self.clock_choose, _plain("Who is answering now?"), self.who,
                  self.decisive, self.show_map):
            box.addWidget(w)
        box.addLayout(buttons)
        box.addWidget(self.finished_label)
        box.addStretch(1)
        return page

    def _answer_page(self) -> QWidget:
        self.page = QWidget(objectName="answers")
        self.page.setFocusPolicy(Qt.StrongFocus)
        self.page.keyPressEvent = self._key
        box = QVBoxLayout(self.page)
        self.heading = _plain(name="heading", style="font-size: 15px; font-weight: bold;")
        self.progress = _plain(name="progress")
        self.clock = _plain(name="clock", style="font-weight: bold;")
        keys = _plain("\u2191\u2193 move   0\u20139 set 0.0\u20130.9   = sets 1.0   \u2190\u2192 nudge   "
                      "N no opinion" + ("   K keep last round's   R reason" if self.round else "")
                      + "   Esc done", style="color: #4A4A4A;")
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFocusPolicy(Qt.NoFocus)
        self.holder = QWidget()
        self.list_box = QVBoxLayout(self.holder)
        self.scroll.setWidget(self.holder)
        done = QPushButton("Done", objectName="done")
        done.setFocusPolicy(Qt.NoFocus)
        done.clicked.connect(self.finish)
        for w in (self.heading, self.progress, self.clock, keys, self.scroll, done):
            box.addWidget(w)
        return self.page

    # ----- who answers ---------------------------------------------------------------
    def finished(self) -> list[str]:
        """Ids of the participants who have answered every input of the round."""
        if not self.round:
            return []
        asked = set(self.round.targets)
        return [pid for pid in self.doc.map.participants
                if asked <= {a.target for a in self.doc.map.answers.values()
                             if a.round == self.round.id and a.participant == pid}]

    def _fill_who(self) -> None:
        people = sorted(self.doc.map.participants.values(), key=lambda q: q.name.lower())
        done = set(self.finished())
        self.who.clear()
        for p in people:
            self.who.addItem(p.name + ("  (finished)" if p.id in done else ""), p.id)
        chosen = self.weighing.perspective
        if chosen in (MAP, GROUP) or chosen in done or chosen not in self.doc.map.participants:
            chosen = next((p.id for p in people if p.id not in done), people[0].id if people else None)
        if chosen is not None:
            self.who.setCurrentIndex(self.who.findData(chosen))
        if not people:
            self.finished_label.setText("Add participants first (Participants\u2026).")
        elif self.round:
            names = [p.name for p in people if p.id in done]
            waiting = [p.name for p in people if p.id not in done]
            self.finished_label.setText(
                ("Everyone has finished this round." if not waiting else
                 f"Finished: {', '.join(names) or 'nobody yet'}.  Still to answer: {', '.join(waiting)}."))

    def start(self, participant_id: str | None) -> None:
        """Show the inputs for *participant_id* in their own shuffled order."""
        if participant_id not in self.doc.map.participants:
            return
        if self.round:
            self.items = self._round_items(participant_id)
        else:
            self.items = assessment_inputs(self.weighing, participant_id,
                                           decisive_only=self.decisive.isChecked())
        self.participant, self.current = participant_id, 0
        self.no_opinion = {t for t, _ in self.items if self._answer(t) and self._answer(t).value is None}
        name = self.doc.map.participants[participant_id].name
        self.heading.setText(f"{self.round.title} \u2014 {name}" if self.round else f"Assessing as {name}")
        for row in self.rows:
            row.setParent(None)
            row.deleteLater()
        while self.list_box.count():
            self.list_box.takeAt(0)
        self.rows = [AssessRow(self, t, f, i, self._feedback(t)) for i, (t, f) in enumerate(self.items)]
        for row in self.rows:
            self.list_box.addWidget(row)
        self.list_box.addStretch(1)
        self.stack.setCurrentIndex(1)
        self.page.setFocus()
        self.refresh()

    def _round_items(self, pid: str) -> list[tuple[str, str]]:
        targets = [t for t in self.round.targets if self.doc.map.contains(t)]
        random.Random(f"reasonmap:{pid}").shuffle(targets)
        return [(t, "weight" if t in self.doc.map.edges else "base_score") for t in targets]

    def finish(self) -> None:
        """Back to choosing who answers next (the next one who has not finished)."""
        self.stack.setCurrentIndex(0)
        self._fill_who()

    # ----- feedback ----------------------------------------------------------------
    def _feedback(self, target: str) -> str:
        before = previous_round(self.doc.map, self.round) if self.round else None
        if before is None or not before.asks(target):
            return ""
        stats = input_stats(self.doc.map, before).get(target)
        own = self.doc.map.answers.get((before.id, self.participant, target))
        return feedback_text(stats, own)

    def _answer(self, target: str):
        return self.doc.map.answers.get((self.round.id, self.participant, target)) if self.round else None

    def _tick(self) -> None:
        left = time_left(self.round)
        text = "" if left is None else clock(left)
        style = "font-weight: bold; color: #B34700;" if left is not None and left <= 60 else "font-weight: bold;"
        for label in (self.clock, self.clock_choose):
            label.setText(text)
            label.setStyleSheet(style)
            label.setVisible(bool(text))

    # ----- answering ---------------------------------------------------------------
    def map_value(self, target: str) -> float:
        amap = self.doc.map
        return amap.nodes[target].base_score if target in amap.nodes else amap.edges[target].weight

    def resting_value(self, target: str) -> float:
        """Where the slider rests before an answer: last round's own answer, the map's value
        when it is shown, else the middle."""
        before = previous_round(self.doc.map, self.round) if self.round else None
        old = self.doc.map.answers.get((before.id, self.participant, target)) if before else None
        if old is not None and old.value is not None:
            return old.value
        return self.map_value(target) if self.show_map.isChecked() or not self.round else 0.5

    def value_of(self, target: str) -> float | None:
        if self.round:
            a = self._answer(target)
            return a.value if a else None
        a = self.doc.map.assessments.get((self.participant, target))
        return a.value if a else None

    def answered(self) -> int:
        return sum(1 for t, _ in self.items if t in self.no_opinion or self.value_of(t) is not None)

    def answer(self, target: str, value: float | None, note: str | None = None) -> bool:
        """Record the participant's value (None: no opinion) as one undoable step; False
        (and the reason in the progress label) if it could not be recorded."""
        try:
            if self.round:
                old = self._answer(target)
                keep = note if note is not None else (old.note if old else "")
                self.doc.execute(AnswerInRound(self.round.id, self.participant, target, value, keep))
            else:
                self.doc.execute(Assess(self.participant, target, value))
        except ReasonmapError as exc:
            self.progress.setText(str(exc))
            return False
        (self.no_opinion.add if value is None else self.no_opinion.discard)(target)
        self.refresh()
        return True

    def set_note(self, target: str, text: str) -> None:
        old = self._answer(target)
        if old is not None and old.note != text.strip():
            self.answer(target, old.value, text.strip())

    def keep_last(self, target: str) -> bool:
        before = previous_round(self.doc.map, self.round) if self.round else None
        old = self.doc.map.answers.get((before.id, self.participant, target)) if before else None
        return old is not None and self.answer(target, old.value)

    def refresh(self) -> None:
        show = self.show_map.isChecked() or not self.round
        for i, (row, (t, _)) in enumerate(zip(self.rows, self.items)):
            a = self._answer(t)
            row.show_state(self.value_of(t), t in self.no_opinion or self.value_of(t) is not None,
                           i == self.current, a.note if a else "", self.map_value(t) if show else None)
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
        elif (key in DIGITS and text.isdigit() and self.answer(target, DIGITS[key])) \
                or (text in ("=", "+") and self.answer(target, 1.0)) \
                or (key == Qt.Key_N and self.answer(target, None)) \
                or (key == Qt.Key_K and self.keep_last(target)):
            self.move(1)
        elif key in (Qt.Key_Left, Qt.Key_Right):
            base = self.value_of(target)
            base = self.resting_value(target) if base is None else base
            self.answer(target, round(min(1.0, max(0.0, base + (0.05 if key == Qt.Key_Right else -0.05))), 2))
        elif key == Qt.Key_R and self.round and self.rows[self.current].note.isEnabled():
            self.rows[self.current].note.setFocus()
        elif key in (Qt.Key_Return, Qt.Key_Enter):
            self.move(1)
        elif key == Qt.Key_Escape:
            self.finish()
        else:
            QWidget.keyPressEvent(self.page, event)
