"""The source text view of the source panel: plain text with highlighted passages and a
margin of marks, UTF-16-safe offsets, and the dialog that adds a source."""

from __future__ import annotations

from bisect import bisect_right
from pathlib import Path

from PySide6.QtCore import QEvent, QRect, QSize, Signal
from PySide6.QtGui import QColor, QPainter, QTextCursor
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QPlainTextEdit,
                               QPushButton, QToolTip, QWidget)

from ..io import read_text_file
from ..model import ReasonmapError
from . import dialogs
from .plain import plain_tip

MARK_WIDTH, LANES = 5, 3
HIGHLIGHT = QColor("#ffd966")
MARK, MARK_SELECTED = QColor("#6f93c2"), QColor("#c8621b")


def load_source_file(path) -> tuple[str, str]:
    """(title, text) of a .txt or .md file (Markdown is kept as plain text)."""
    p = Path(path)
    text = read_text_file(p).replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ReasonmapError(f"{p.name} holds no text")
    return p.stem.replace("_", " ").replace("-", " ").strip() or p.name, text


class Offsets:
    """Converts between Python string indexes and Qt document positions (which count UTF-16
    units and read "\\r\\n" as one line break)."""

    def __init__(self, text: str) -> None:
        self.identity = "\r" not in text and (text.isascii() or max(text) <= "\uffff")
        self.qt: list[int] = []
        if not self.identity:
            pos = 0
            for i, c in enumerate(text):
                self.qt.append(pos)
                pos += 0 if c == "\r" and text[i + 1:i + 2] == "\n" else 2 if ord(c) > 0xFFFF else 1
            self.qt.append(pos)

    def to_qt(self, index: int) -> int:
        return index if self.identity else self.qt[max(0, min(index, len(self.qt) - 1))]

    def from_qt(self, pos: int) -> int:
        return pos if self.identity else max(0, bisect_right(self.qt, pos) - 1)


class _Margin(QWidget):
    """The thin strip left of the text with one mark per linked passage."""

    def __init__(self, view: "SourceView") -> None:
        super().__init__(view)
        self.view = view
        self.setMouseTracking(True)

    def sizeHint(self) -> QSize:
        return QSize(self.view.margin_width(), 0)

    def paintEvent(self, event) -> None:
        with QPainter(self) as painter:   # ended before returning, whatever happens
            self._paint_on(painter, event)

    def _paint_on(self, painter, event) -> None:
        painter.fillRect(event.rect(), self.palette().alternateBase())
        for rect, ids in self.view.mark_rects():
            selected = bool(self.view.selected_ids & set(ids))
            painter.fillRect(rect, MARK_SELECTED if selected else MARK)

    def mousePressEvent(self, event) -> None:
        ids = self.view.ids_at(event.position().toPoint())
        if ids:
            self.view.mark_clicked.emit(ids)

    def event(self, event) -> bool:
        if event.type() == QEvent.ToolTip:
            ids = self.view.ids_at(event.pos())
            text = self.view.describe(ids) if ids and self.view.describe else ""
            QToolTip.showText(event.globalPos(), plain_tip(text), self) if text else QToolTip.hideText()
            return True
        return super().event(event)


class SourceView(QPlainTextEdit):
    """Plain source text with a margin of marks beside the passages that nodes link to."""

    mark_clicked = Signal(tuple)        # node ids

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setLineWrapMode(QPlainTextEdit.WidgetWidth)
        self.passages: list[tuple[int, int, tuple[str, ...]]] = []   # Qt positions
        self.selected_ids: set[str] = set()
        self.describe = None            # callable(ids) -> tooltip text
        self.margin = _Margin(self)
        self.setViewportMargins(self.margin_width(), 0, 0, 0)
        self.updateRequest.connect(self._on_update_request)

    def margin_width(self) -> int:
        return 4 + LANES * (MARK_WIDTH + 1)

    def set_passages(self, passages, selected_ids) -> None:
        self.passages, self.selected_ids = list(passages), set(selected_ids)
        self.margin.update()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        r = self.contentsRect()
        self.margin.setGeometry(QRect(r.left(), r.top(), self.margin_width(), r.height()))

    def _on_update_request(self, rect, dy) -> None:
        if dy:
            self.margin.scroll(0, dy)
        self.margin.update()

    def mark_rects(self) -> list[tuple[QRect, tuple[str, ...]]]:
        """Margin rectangles of the passages in view, overlapping ones side by side."""
        out, lane_ends = [], [-1] * LANES
        height = self.viewport().height()
        end_of_doc = max(0, self.document().characterCount() - 1)
        for start, end, ids in self.passages:
            top = self.cursorRect(self._cursor(min(start, end_of_doc))).top()
            bottom = self.cursorRect(self._cursor(min(max(start, end - 1), end_of_doc))).bottom()
            lane = next((i for i, e in enumerate(lane_ends) if e < top), LANES - 1)
            lane_ends[lane] = bottom
            if bottom >= 0 and top <= height:
                x = 3 + lane * (MARK_WIDTH + 1)     # 2 px apart, so neighbouring passages show as two
                out.append((QRect(x, top + 1, MARK_WIDTH, max(3, bottom - top - 2)), ids))
        return out

    def ids_at(self, point) -> tuple[str, ...]:
        """Node ids of the marks at *point* (margin coordinates; a mark is easy to hit)."""
        ids: dict[str, None] = {}
        for rect, group in self.mark_rects():
            if rect.top() - 2 <= point.y() <= rect.bottom() + 2:
                ids.update(dict.fromkeys(group))
        return tuple(ids)

    def _cursor(self, pos: int) -> QTextCursor:
        c = QTextCursor(self.document())
        c.setPosition(pos)
        return c

    def raw_text(self) -> str:
        """The text as typed (no-break spaces kept), with "\\n" between lines."""
        return self.document().toRawText().replace("\u2029", "\n").replace("\u2028", "\n")


class AddSourceDialog(QDialog):
    """Ask for a new source: a title and pasted text, or a loaded .txt/.md file."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add a source")
        self.title = QLineEdit()
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText("Paste the text of the source here, or load a file.")
        load = QPushButton("Load a text or Markdown file…")
        load.clicked.connect(self._load)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("Title", self.title)
        form.addRow("Text", self.text)
        form.addRow("", load)
        form.addRow(buttons)
        self.resize(560, 420)

    def _load(self) -> None:
        path = dialogs.ask_open_path(self, "Load a source", "",
                                     "Text and Markdown (*.txt *.md *.markdown);;All files (*)")
        if not path:
            return
        try:
            title, text = load_source_file(path)
        except ReasonmapError as exc:
            dialogs.show_error(self, "Cannot load the source", str(exc))
            return
        self.title.setText(title)
        self.text.setPlainText(text)


def ask_new_source(parent: QWidget | None) -> tuple[str, str] | None:
    """(title, text) for a new source, or None if the user cancelled."""
    dialog = AddSourceDialog(parent)
    if dialog.exec() != QDialog.Accepted:
        return None
    return dialog.title.text().strip(), dialog.text.toPlainText()
