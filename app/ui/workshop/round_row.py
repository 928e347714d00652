"""One input of the assessment round: its full statement, a question fitting its kind, the
group's answer of the previous round beside the person's own, a slider, "no opinion" and
the written reason (the answer's note).

The map's own value is shown only when the facilitator turns it on, because a number beside
the slider anchors answers. Nothing here shows another person's individual answer: the
feedback is the group's median, spread and count only.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QFrame, QHBoxLayout, QLabel, QLineEdit, QSlider, QVBoxLayout

QUESTIONS = {
    "strategy": "How good an option is this, on its own merits?",
    "claim": "How plausible is this, on its own?",
    "evidence": "How reliable is this evidence, on its own?",
    "question": "How relevant is this question, on its own?",
    "relation": "How strongly does the first bear on the second?",
}


def statement(amap, target: str) -> tuple[str, str]:
    """(heading, full text) of an input: a card's title and text, or a relation's two ends."""
    if target in amap.nodes:
        node = amap.nodes[target]
        text = node.text.strip()
        return node.label, (text if text != node.label else "")
    edge = amap.edges[target]
    a, b = amap.nodes[edge.source], amap.nodes[edge.target]
    verb = {"support": "supports", "attack": "attacks"}.get(edge.relation, edge.relation)
    return f"\u201c{a.label}\u201d {verb} \u201c{b.label}\u201d", ""


def question(amap, target: str) -> str:
    if target in amap.edges:
        return QUESTIONS["relation"]
    return QUESTIONS.get(amap.nodes[target].kind, QUESTIONS["claim"])


def feedback_text(stats, own) -> str:
    """The previous round's group answer (median, spread, count) and the person's own."""
    if stats is None:
        return ""
    if not stats.values:
        group = "nobody gave a value"
    else:
        spread = ("no spread (one person)" if stats.spread is None else f"spread {stats.spread:.2f}")
        people = f"{stats.assessors} {'person' if stats.assessors == 1 else 'people'}"
        group = f"group median {stats.median:.2f}, {spread}, {people}"
    if stats.no_opinion:
        group += f", {stats.no_opinion} no opinion"
    mine = ("you: not answered" if own is None else "you: no opinion" if own.value is None
            else f"you: {own.value:.2f}")
    return f"Last round \u2014 {group}; {mine}"


def _label(text: str, style: str = "", name: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.PlainText)
    label.setWordWrap(True)
    if style:
        label.setStyleSheet(style)
    if name:
        label.setObjectName(name)
    return label


class AssessRow(QFrame):
    """One input of the round (see the module docstring)."""

    def __init__(self, dialog, target: str, field: str, index: int, feedback: str = "") -> None:
        super().__init__()
        self.dialog, self.target, self.field = dialog, target, field
        amap = dialog.doc.map
        self.setObjectName(f"row{index}")
        self.setFrameShape(QFrame.StyledPanel)
        box = QVBoxLayout(self)
        heading, text = statement(amap, target)
        box.addWidget(_label(f"{index + 1}. {heading}", "font-weight: bold;", "statement"))
        if text:
            box.addWidget(_label(text, name="fullText"))
        self.hint = _label(question(amap, target), "color: #4A4A4A;", "question")
        box.addWidget(self.hint)
        self.feedback = _label(feedback, "color: #00507F;", "feedback")
        self.feedback.setVisible(bool(feedback))
        box.addWidget(self.feedback)
        box.addLayout(self._slider_row())
        self.note = QLineEdit(objectName="note", placeholderText="Reason for your answer or its change (optional)")
        self.note.setMaxLength(500)
        self.note.returnPressed.connect(self._note_done)
        box.addWidget(self.note)
        self.note.setVisible(dialog.in_round)

    def _slider_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.slider = QSlider(Qt.Horizontal)
        self.slider.setRange(0, 100)
        self.slider.setTracking(False)      # one step when the drag ends
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
        return row

    def _note_done(self) -> None:
        self.dialog.set_note(self.target, self.note.text())
        self.dialog.page.setFocus()

    def show_state(self, value: float | None, answered: bool, current: bool, note: str,
                   map_value: float | None) -> None:
        shown = value if value is not None else self.dialog.resting_value(self.target)
        self.slider.blockSignals(True)
        self.slider.setValue(round(shown * 100))
        self.slider.blockSignals(False)
        self.slider.setEnabled(not (answered and value is None))
        self.none.setChecked(answered and value is None)
        self.value.setText("no opinion" if answered and value is None else
                           f"{shown:.2f}" if answered else "\u2014")
        ask = question(self.dialog.doc.map, self.target)
        self.hint.setText(ask if map_value is None else f"{ask}  (map value {map_value:.2f})")
        if not self.note.hasFocus():
            self.note.setText(note)
        self.note.setEnabled(answered)
        self.setStyleSheet("AssessRow { border: 2px solid #0072B2; background: #EEF5FB; }"
                           if current else "")
