"""The source panel: a map's source documents, with passages linked to nodes.

Select a passage and press Ctrl+Shift+N (or the button) to make a claim anchored to it; select
a node anywhere and its passage is highlighted here; a mark in the left margin shows each
passage that nodes link to (click it to select them). Edit/Done changes the source text in one
undo step that also moves every anchor to where its quote is now. The panel talks only to the
Document it is given; all text is shown as plain text.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QTextCursor, QTextFormat
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QLabel, QListWidget, QListWidgetItem,
                               QPushButton, QTextEdit, QVBoxLayout, QWidget)

from ..document.anchors import (linked_passages, lost_anchors, node_span, passage_title,
                                reanchor_changes)
from ..model import ReasonmapError
from ..model.commands import AddNode, AddSource, EditSource
from ..model.entities import new_id
from . import dialogs
from .source_view import HIGHLIGHT, Offsets, SourceView, ask_new_source

NEW_CLAIM_KEY = "Ctrl+Shift+N"


def _button(text: str, slot, tip: str, checkable: bool = False) -> QPushButton:
    button = QPushButton(text)
    button.setToolTip(tip)
    button.setCheckable(checkable)
    (button.toggled if checkable else button.clicked).connect(slot)
    return button


def _plain_label(text: str = "", hidden: bool = False) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.PlainText)
    label.setWordWrap(True)
    if hidden:
        label.hide()
    return label


class SourcePanel(QWidget):
    """The map's sources, linked to its nodes through anchors and key-point references."""

    message = Signal(str)       # for the status bar

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = None
        self._unsubscribe: list = []
        self._source_id: str | None = None
        self._shown_text: str | None = None
        self._offsets = Offsets("")
        self._build()

    # ----- building ------------------------------------------------------------------
    def _build(self) -> None:
        self.picker = QComboBox()
        self.picker.setAccessibleName("Source")
        self.picker.currentIndexChanged.connect(self._on_pick)
        self.title_label = _plain_label()
        self.add_button = _button("Add source…", self.ask_add_source, "Paste a text or load a .txt or .md file")
        self.edit_button = _button("Edit", self._on_edit_toggled, "Edit the source text; Done finds "
                                   "every linked passage again", checkable=True)
        self.view = SourceView()
        self.view.setPlaceholderText("This map has no source text yet. Use “Add source…” to paste "
                                     "one or load a .txt or .md file.")
        self.view.mark_clicked.connect(self._select_nodes)
        self.view.describe = self._describe
        self.new_claim_button = _button("New claim from selection", self.new_claim_from_selection,
                                        f"Make a claim anchored to the selected passage ({NEW_CLAIM_KEY})")
        self.hint = _plain_label(hidden=True)
        self.lost_label = _plain_label("Linked passages not found in the current text "
                                       "(click one to select its node):")
        self.lost_list = QListWidget()
        self.lost_list.setMaximumHeight(72)
        self.lost_list.itemClicked.connect(lambda item: self._select_nodes((item.data(Qt.UserRole),)))
        self._lay_out()
        self.new_claim_action = QAction("New claim from selection", self)
        self.new_claim_action.setShortcut(QKeySequence(NEW_CLAIM_KEY))
        self.new_claim_action.setShortcutContext(Qt.WidgetWithChildrenShortcut)
        self.new_claim_action.triggered.connect(self.new_claim_from_selection)
        self.addAction(self.new_claim_action)
        self._show_state()

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.picker, 1)
        top.addWidget(self.title_label, 1)
        top.addWidget(self.add_button)
        top.addWidget(self.edit_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        for w in (self.new_claim_button, self.hint, self.lost_label, self.lost_list):
            layout.addWidget(w)

    # ----- document ------------------------------------------------------------------
    def set_document(self, doc) -> None:
        """Show *doc*'s sources (None: show nothing)."""
        if self.editing and self.doc is not None:
            self._finish_edit()         # typed text goes into the map it belongs to
        for unsubscribe in self._unsubscribe:
            unsubscribe()
        self._unsubscribe = []
        self._cancel_edit()
        self.doc, self._source_id, self._shown_text = doc, None, None
        if doc is not None:
            self._unsubscribe = [doc.changed.subscribe(lambda _event: self.refresh()),
                                 doc.selection.changed.subscribe(lambda _sel, _origin: self._on_selection())]
        self.refresh()

    @property
    def source_id(self) -> str | None:
        """The source on show."""
        return self._source_id

    @property
    def editing(self) -> bool:
        return self.edit_button.isChecked()

    def show_source(self, source_id: str) -> None:
        """Show the source *source_id* (ignored while its text is being edited)."""
        if self.doc is not None and source_id in self.doc.map.sources and not self.editing:
            self._source_id = source_id
            self.refresh()

    def refresh(self) -> None:
        """Bring everything in line with the document."""
        sources = self.doc.map.sources if self.doc is not None else {}
        if self._source_id not in sources:
            if self.editing:
                self._cancel_edit()
            self._source_id = next(iter(sources), None)
        self._fill_picker(sources)
        if not self.editing:
            text = sources[self._source_id].text if self._source_id else ""
            if text != self._shown_text:
                self.view.setPlainText(text)
                self._shown_text, self._offsets = text, Offsets(text)
        self._show_links()
        self._show_state()

    def _fill_picker(self, sources) -> None:
        self.picker.blockSignals(True)
        self.picker.clear()
        for sid, src in sources.items():
            self.picker.addItem(src.title or "(untitled source)", sid)
        self.picker.setCurrentIndex(max(0, self.picker.findData(self._source_id)))
        self.picker.blockSignals(False)
        self.picker.setVisible(len(sources) > 1)
        self.title_label.setVisible(len(sources) <= 1)
        one = next(iter(sources.values()), None)
        self.title_label.setText(one.title or "(untitled source)" if one else "No sources")

    def _on_pick(self, index: int) -> None:
        sid = self.picker.itemData(index)
        if sid and sid != self._source_id:
            self.show_source(sid)

    def _show_state(self) -> None:
        has_source = self._source_id is not None
        writable = self.doc is not None and not self.doc.read_only
        self.add_button.setEnabled(writable and not self.editing)
        self.edit_button.setEnabled(writable and has_source)
        self.edit_button.setText("Done" if self.editing else "Edit")
        self.picker.setEnabled(not self.editing)
        self.new_claim_button.setEnabled(writable and has_source and not self.editing)
        self.new_claim_action.setEnabled(self.new_claim_button.isEnabled())
        ids = lost_anchors(self.doc.map, self._source_id) if has_source else []
        self.lost_list.clear()
        for nid in ids:
            item = QListWidgetItem(self.doc.map.node(nid).label)
            item.setData(Qt.UserRole, nid)
            self.lost_list.addItem(item)
        self.lost_label.setVisible(bool(ids))
        self.lost_list.setVisible(bool(ids))

    # ----- links and highlight -------------------------------------------------------
    def _show_links(self) -> None:
        if self.editing or self._source_id is None:
            self.view.set_passages([], ())
            self.view.setExtraSelections([])
            return
        to_qt = self._offsets.to_qt
        selected = self.doc.selection.nodes
        passages = linked_passages(self.doc.map, self._source_id)
        self.view.set_passages([(to_qt(s), to_qt(e), ids) for s, e, ids in passages], selected)
        extra = []
        for s, e, ids in passages:
            if set(ids) & set(selected):
                sel = QTextEdit.ExtraSelection()
                sel.cursor = self.view.textCursor()
                sel.cursor.setPosition(to_qt(s))
                sel.cursor.setPosition(to_qt(e), QTextCursor.KeepAnchor)
                sel.format.setBackground(HIGHLIGHT)
                sel.format.setProperty(QTextFormat.FullWidthSelection, False)
                extra.append(sel)
        self.view.setExtraSelections(extra)

    def _on_selection(self) -> None:
        """Show the passage of the node just selected: switch source if need be, scroll to it."""
        current = self.doc.selection.current_node if self.doc is not None else None
        node = self.doc.map.nodes.get(current) if current else None
        span = node_span(self.doc.map, node) if node else None
        if span and not self.editing:
            if span[0] != self._source_id:
                self._source_id = span[0]
                self.refresh()
            cursor = self.view.textCursor()
            cursor.setPosition(self._offsets.to_qt(span[2]))
            cursor.setPosition(self._offsets.to_qt(span[1]))
            self.view.setTextCursor(cursor)
            self.view.centerCursor()
        self._show_links()

    def _select_nodes(self, ids) -> None:
        if self.doc is not None:
            self.doc.selection.set([i for i in ids if i in self.doc.map.nodes], origin=self)

    def _describe(self, ids) -> str:
        nodes = self.doc.map.nodes if self.doc is not None else {}
        return "\n".join(nodes[i].label for i in ids if i in nodes)

    # ----- actions ---------------------------------------------------------------------
    def new_claim_from_selection(self) -> str | None:
        """Make a claim anchored to the selected passage, select it, and return its id."""
        if self.doc is None or self._source_id is None or self.editing:
            return None
        cursor = self.view.textCursor()
        text = self._shown_text or ""
        start = self._offsets.from_qt(cursor.selectionStart())
        end = self._offsets.from_qt(cursor.selectionEnd())
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start >= end:
            self._say("Select a passage of the source first, then make a claim from it.")
            return None
        passage = text[start:end]
        anchor = {"source": self._source_id, "start": start, "end": end, "quote": passage}
        node_id = new_id()
        if not self._run(AddNode(title=passage_title(passage), text=passage, anchor=anchor,
                                 node_id=node_id), "Cannot make a claim"):
            return None
        self._say("")
        self.doc.selection.set([node_id], origin=self)
        return node_id

    def ask_add_source(self) -> None:
        answer = ask_new_source(self)
        if answer is not None:
            self.add_source(*answer)

    def add_source(self, title: str, text: str) -> str | None:
        """Add a source to the map (one undo step) and show it."""
        if self.doc is None:
            return None
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        if not text.strip():
            dialogs.show_error(self, "Cannot add the source", "A source needs some text.")
            return None
        sid = new_id()
        if self._run(AddSource(title.strip() or "Untitled source", text, source_id=sid),
                     "Cannot add the source"):
            self.show_source(sid)
            return sid
        return None

    def _on_edit_toggled(self, on: bool) -> None:
        if on and (self.doc is None or self._source_id is None):
            self.edit_button.setChecked(False)
            return
        self.view.setReadOnly(not on)
        if on:
            self.view.setFocus()
        else:
            self._finish_edit()
        self.refresh()

    def _finish_edit(self) -> None:
        """One step: the new text plus every anchor moved (or marked lost)."""
        sid, new_text = self._source_id, self.view.raw_text()
        if sid not in self.doc.map.sources or new_text == self.doc.map.sources[sid].text:
            return
        changes, lost = reanchor_changes(self.doc.map, sid, new_text)
        self._shown_text, self._offsets = new_text, Offsets(new_text)   # already on show
        if self._run(EditSource(sid, {"text": new_text}, extra=tuple(changes)), "Cannot change the source"):
            if lost:
                self.message.emit(f"{len(lost)} linked passage(s) could not be found in the new text")
        else:
            self.edit_button.blockSignals(True)
            self.edit_button.setChecked(True)      # keep the typed text to try again
            self.edit_button.blockSignals(False)
            self.view.setReadOnly(False)

    def _cancel_edit(self) -> None:
        """Leave editing without keeping the typed text."""
        self.edit_button.blockSignals(True)
        self.edit_button.setChecked(False)
        self.edit_button.blockSignals(False)
        self.view.setReadOnly(True)
        self._shown_text = None

    def _say(self, text: str) -> None:
        self.hint.setText(text)
        self.hint.setVisible(bool(text))
        if text:
            self.message.emit(text)

    def _run(self, command, title: str) -> bool:
        try:
            self.doc.execute(command)
        except ReasonmapError as exc:
            dialogs.show_error(self, title, str(exc))
            return False
        return True


def install_source_panel(window, doc) -> SourcePanel:
    """Create the panel for *doc* and dock it on the left of *window*."""
    panel = SourcePanel()
    panel.set_document(doc)
    window.add_panel(panel, "Sources", "left", "sourcesDock")
    return panel
