"""The inspector: every field of the selected card or relation, edited in place.

Each edit is one undo step, committed when editing finishes (Enter or leaving the field; a
slider when it is released). While a slider is dragged the document is only told the value
as a preview, so the map and the weighing update live without writing anything. A value the
model refuses stays in its field with a red border and the model's own message below.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractSpinBox, QComboBox, QDoubleSpinBox, QFormLayout, QHBoxLayout, QLabel,
                               QLineEdit, QPlainTextEdit, QSlider, QStackedWidget, QVBoxLayout,
                               QWidget)

from ..model import ReasonmapError
from ..model.commands import EditEdge, EditNode, SetMeta
from ..model.entities import NODE_KINDS, RELATIONS
from ..model.rationale import SetRationale, rationale_of
from .inspector_map import load_map, map_page, set_plain_quietly

SLIDER_STEPS = 1000
INVALID_STYLE = "border: 2px solid #c0392b; border-radius: 3px;"


class CommitTextEdit(QPlainTextEdit):
    """A multi-line field that reports when the user leaves it (or presses Ctrl+Enter)."""

    editing_finished = Signal()

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self.editing_finished.emit()

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key_Return, Qt.Key_Enter) and event.modifiers() & Qt.ControlModifier:
            self.editing_finished.emit()
            return
        super().keyPressEvent(event)


class NumberBox(QDoubleSpinBox):
    """A number field that lets any number be typed (so a wrong one can be refused with a
    message) while its arrows stay within 0…1."""

    def __init__(self) -> None:
        super().__init__()
        self.setRange(-1_000_000, 1_000_000)
        self.setDecimals(3)
        self.setSingleStep(0.05)
        self.setKeyboardTracking(False)

    def stepBy(self, steps: int) -> None:
        self.setValue(min(1.0, max(0.0, self.value() + steps * self.singleStep())))
        self.editingFinished.emit()

    def stepEnabled(self):
        flags, v = QAbstractSpinBox.StepEnabledFlag, self.value()
        return ((flags.StepUpEnabled if v < 1 else flags.StepNone)
                | (flags.StepDownEnabled if v > 0 else flags.StepNone))


class UnitField(QWidget):
    """A slider and a number box for one value in [0, 1]."""

    dragged = Signal(float)        # while the slider is held
    committed = Signal(float)      # on release, on Enter in the box, on keyboard steps

    def __init__(self, name: str) -> None:
        super().__init__()
        self.slider = QSlider(Qt.Horizontal)
        self.slider.setRange(0, SLIDER_STEPS)
        self.slider.setAccessibleName(name)
        self.box = NumberBox()
        self.box.setMaximumWidth(90)
        self.box.setAccessibleName(f"{name} (number)")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.slider, 1)
        layout.addWidget(self.box)
        self.slider.sliderMoved.connect(self._moved)
        self.slider.sliderReleased.connect(lambda: self.committed.emit(self._slider_value()))
        self.slider.valueChanged.connect(self._stepped)
        self.box.editingFinished.connect(lambda: self.committed.emit(self.box.value()))

    def set_value(self, value: float) -> None:
        for w in (self.slider, self.box):
            w.blockSignals(True)
        self.slider.setValue(round(value * SLIDER_STEPS))
        self.box.setValue(value)
        for w in (self.slider, self.box):
            w.blockSignals(False)

    def _slider_value(self) -> float:
        return self.slider.value() / SLIDER_STEPS

    def _moved(self, position: int) -> None:
        self.box.blockSignals(True)
        self.box.setValue(position / SLIDER_STEPS)
        self.box.blockSignals(False)
        self.dragged.emit(position / SLIDER_STEPS)

    def _stepped(self, _value: int) -> None:
        if not self.slider.isSliderDown():     # keys or a click on the groove
            self.committed.emit(self._slider_value())


class InspectorPanel(QWidget):
    """Shows and edits the document's current node or edge."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = None
        self.node_id: str | None = None
        self.edge_id: str | None = None
        self._unsubscribe: list = []
        self.stack = QStackedWidget()
        self.stack.addWidget(map_page(self, CommitTextEdit))
        self.stack.addWidget(self._node_page())
        self.stack.addWidget(self._edge_page())
        self.error_label = QLabel()
        self.error_label.setObjectName("inspectorMessage")
        self.error_label.setTextFormat(Qt.PlainText)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #a93226;")
        self.error_label.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack)
        layout.addWidget(self.error_label)
        layout.addStretch(1)
        self.setAccessibleName("Inspector")

    # ----- pages -------------------------------------------------------------------
    def _node_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self.title = QLineEdit()
        self.text = CommitTextEdit()
        self.text.setTabChangesFocus(True)
        self.text.setMinimumHeight(90)
        self.text.setMaximumHeight(200)
        self.kind = QComboBox()
        self.kind.addItems(NODE_KINDS)
        self.score = UnitField("Base score")
        self.tags = QLineEdit(placeholderText="comma, separated, tags")
        self.source_ref = QLineEdit(placeholderText="where this comes from")
        self.rationale = _rationale_field("Why this base score?")
        for label, widget in (("Title", self.title), ("Text", self.text), ("Kind", self.kind),
                              ("Base score", self.score), ("Rationale", self.rationale),
                              ("Tags", self.tags), ("Source", self.source_ref)):
            form.addRow(label, widget)
            widget.setAccessibleName(label)
        self.title.editingFinished.connect(lambda: self._edit_node(self.title, title=self.title.text()))
        self.text.editing_finished.connect(
            lambda: self._edit_node(self.text, text=self.text.toPlainText()))
        self.kind.activated.connect(lambda _i: self._edit_node(self.kind, kind=self.kind.currentText()))
        self.score.dragged.connect(lambda v: self._preview(self.node_id, v))
        self.score.committed.connect(lambda v: self._edit_node(self.score.box, base_score=v))
        self.tags.editingFinished.connect(lambda: self._edit_node(self.tags, tags=_tags(self.tags.text())))
        self.source_ref.editingFinished.connect(
            lambda: self._edit_node(self.source_ref, source_ref=self.source_ref.text()))
        self.rationale.editing_finished.connect(lambda: self._edit_rationale(self.node_id))
        return page

    def _edge_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self.ends = QLabel()
        self.ends.setWordWrap(True)
        self.ends.setTextFormat(Qt.PlainText)
        self.relation = QComboBox()
        self.relation.addItems(RELATIONS)
        self.weight = UnitField("Weight")
        self.edge_label = QLineEdit(placeholderText="optional label shown on the line")
        self.edge_rationale = _rationale_field("Why this weight?")
        form.addRow(self.ends)
        for label, widget in (("Relation", self.relation), ("Weight", self.weight),
                              ("Rationale", self.edge_rationale), ("Label", self.edge_label)):
            widget.setAccessibleName(label)
            form.addRow(label, widget)
        self.relation.activated.connect(
            lambda _i: self._edit_edge(self.relation, relation=self.relation.currentText()))
        self.weight.dragged.connect(lambda v: self._preview(self.edge_id, v))
        self.weight.committed.connect(lambda v: self._edit_edge(self.weight.box, weight=v))
        self.edge_label.editingFinished.connect(
            lambda: self._edit_edge(self.edge_label, label=self.edge_label.text()))
        self.edge_rationale.editing_finished.connect(lambda: self._edit_rationale(self.edge_id))
        return page

    # ----- document ----------------------------------------------------------------
    def set_document(self, doc) -> None:
        for unsubscribe in self._unsubscribe:
            unsubscribe()
        self.doc, self._unsubscribe = doc, []
        if doc is not None:
            self._unsubscribe = [doc.changed.subscribe(lambda _e: self.reload()),
                                 doc.selection.changed.subscribe(lambda _s, _o: self.reload())]
        self.reload()

    def reload(self) -> None:
        """Show the current record's values (after a selection change, an edit, undo or redo)."""
        self._clear_errors()
        sel = self.doc.selection if self.doc is not None else None
        amap = self.doc.map if self.doc is not None else None
        self.node_id = sel.current_node if sel else None
        self.edge_id = sel.current_edge if sel else None
        if self.node_id and self.node_id in amap.nodes:
            self._load_node(amap.nodes[self.node_id])
            self.stack.setCurrentIndex(1)
        elif self.edge_id and self.edge_id in amap.edges:
            self._load_edge(amap, amap.edges[self.edge_id])
            self.stack.setCurrentIndex(2)
        else:
            if amap is not None:
                load_map(self, amap)
            self.stack.setCurrentIndex(0)
        self.setEnabled(self.doc is not None and not self.doc.read_only)

    def _load_node(self, node) -> None:
        _set_quietly(self.title, node.title)
        if self.text.toPlainText() != node.text:
            self.text.blockSignals(True)
            self.text.setPlainText(node.text)
            self.text.blockSignals(False)
        self.kind.setCurrentText(node.kind)
        self.score.set_value(node.base_score)
        _set_quietly(self.tags, ", ".join(node.tags))
        _set_quietly(self.source_ref, node.source_ref)
        set_plain_quietly(self.rationale, rationale_of(node))

    def _load_edge(self, amap, edge) -> None:
        src, dst = amap.nodes.get(edge.source), amap.nodes.get(edge.target)
        self.ends.setText(f"From: {src.label if src else edge.source}\nTo: {dst.label if dst else edge.target}")
        self.relation.setCurrentText(edge.relation)
        self.weight.set_value(edge.weight)
        _set_quietly(self.edge_label, edge.label)
        set_plain_quietly(self.edge_rationale, rationale_of(edge))

    # ----- edits -------------------------------------------------------------------
    def _edit_node(self, widget: QWidget, **values) -> None:
        if self.doc is not None and self.node_id:
            self._commit(widget, EditNode(self.node_id, values))

    def _edit_edge(self, widget: QWidget, **values) -> None:
        if self.doc is not None and self.edge_id:
            self._commit(widget, EditEdge(self.edge_id, values))

    def _edit_rationale(self, record_id: str | None) -> None:
        widget = self.rationale if record_id == self.node_id else self.edge_rationale
        if self.doc is not None and record_id:
            self._commit(widget, SetRationale(record_id, widget.toPlainText()))

    def _edit_meta(self, widget: QWidget, key: str, value: str) -> None:
        if self.doc is not None and not self.doc.read_only:
            self._commit(widget, SetMeta(key, value))

    def _commit(self, widget: QWidget, command) -> None:
        """One undo step, or the model's refusal shown beside the field (nothing changes)."""
        try:
            cs = self.doc.execute(command)
        except ReasonmapError as exc:
            self.doc.preview({})
            self._show_error(widget, str(exc))
            return
        self.doc.preview({})
        if not cs:
            self._clear_errors()

    def _preview(self, record_id: str | None, value: float) -> None:
        if self.doc is not None and record_id:
            self.doc.preview({record_id: value})

    def _show_error(self, widget: QWidget, text: str) -> None:
        self._clear_errors()
        widget.setStyleSheet(INVALID_STYLE)
        widget.setProperty("invalid", True)
        self.error_label.setText(text)
        self.error_label.show()

    def _clear_errors(self) -> None:
        for w in (self.title, self.text, self.kind, self.score.box, self.tags, self.source_ref,
                  self.rationale, self.relation, self.weight.box, self.edge_label,
                  self.edge_rationale, self.map_title, self.map_description):
            if w.property("invalid"):
                w.setStyleSheet("")
                w.setProperty("invalid", False)
        self.error_label.hide()
        self.error_label.clear()

    def error_text(self) -> str:
        """The message shown for a refused value ('' when there is none)."""
        return self.error_label.text() if not self.error_label.isHidden() else ""


def _rationale_field(placeholder: str) -> CommitTextEdit:
    field = CommitTextEdit()
    field.setPlaceholderText(placeholder)
    field.setTabChangesFocus(True)
    field.setMinimumHeight(60)
    field.setMaximumHeight(120)
    return field


def _tags(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(t.strip() for t in text.split(",") if t.strip()))


def _set_quietly(field: QLineEdit, value: str) -> None:
    if field.text() != value:
        field.blockSignals(True)
        field.setText(value)
        field.setModified(False)
        field.blockSignals(False)
