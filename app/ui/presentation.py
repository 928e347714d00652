"""Presentation mode: full screen, large type, the ranking, and a walk through the map.

The walk starts at the root question (a node of kind question that supports or attacks
nothing), or else at the strongest strategy, and goes breadth first through what answers,
supports or attacks each node. Right/Down/Space/Page Down step forward, Left/Up/Page Up step
back, Home returns to the start, Escape leaves. Each step focuses a node and shows its reasons
and objections as large cards with their strengths; the focused node is selected on the canvas.

The cards are painted by the exported slides' own drawing (app.render.slides), so a step looks
like the slide of its strategy: same colours, words, type sizes and order (reasons first,
strongest first); the ranking is captioned with the semantics and whose values it shows.
"""

from __future__ import annotations

from collections import deque
from dataclasses import replace

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPainter
from PySide6.QtWidgets import (QFrame, QGridLayout, QHBoxLayout, QLabel, QScrollArea, QSizePolicy,
                               QVBoxLayout, QWidget)

from ..document.weighing import Weighing
from ..model.rules import SEMANTICS
from ..render import style as S
from ..render.cards import AUTHORS, SHORT_AUTHORS, provenance
from ..render.geometry import bearing
from ..render.slides import FOCUS, ROLE, Item
from ..render.slides import _card_height as slide_card_height
from ..render.slides import _paint_card as paint_slide_card
from .canvas.emphasis import relation_role
from .weighing.charts import NOT_SETTLED, RankingBars

STEP_FORWARD = (Qt.Key_Right, Qt.Key_Down, Qt.Key_Space, Qt.Key_PageDown)
STEP_BACK = (Qt.Key_Left, Qt.Key_Up, Qt.Key_PageUp, Qt.Key_Backspace)
CARD_H = 170          # a reason's or objection's card (the slides' full-size type)
ROLE_PX = 20          # the slides' role line at full size


def _source(node) -> str:
    return provenance(node.source_ref, node.anchor is not None)


def _role_word(amap, edge, roles) -> str:
    """The word the canvas gives *edge* on a selected card (Reason, Objection, Rebuttal), or
    the slides' word for the relations it leaves unnamed (Answer)."""
    return (relation_role(amap, edge, roles) or ROLE[edge.relation][0]).capitalize()


def root_of(amap, weighing: Weighing) -> str | None:
    """The root question, else the strongest strategy, else any node."""
    for nid in sorted(amap.nodes, key=lambda n: amap.nodes[n].label):
        if amap.nodes[nid].kind == "question" and not amap.outgoing(nid):
            return nid
    if weighing.ranking:
        return weighing.ranking[0].id
    return next(iter(amap.nodes), None)


def walk_order(amap, root: str | None) -> list[str]:
    """Breadth first from *root* through the nodes that answer, support or attack each node."""
    if root is None:
        return []
    order, seen, todo = [], {root}, deque([root])
    while todo:
        nid = todo.popleft()
        order.append(nid)
        for e in sorted(amap.incoming(nid), key=lambda e: (e.relation != "answer", e.relation, e.source)):
            if e.relation != "relates" and e.source not in seen and amap.nodes[e.source].kind != "note":
                seen.add(e.source)
                todo.append(e.source)
    return order


class Card(QWidget):
    """A large card painted as the slides paint it: role line, title, statement (focused
    card) and strength, in a border of the role's colour."""

    def __init__(self, item: Item, big: bool = False) -> None:
        super().__init__()
        self.item, self.big, self.title = item, big, item.title
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
        self.setMinimumWidth(240)
        self.setFixedHeight(self._height(600))

    def _height(self, width: int) -> int:
        return int(slide_card_height(self.item, width - 40)) if self.big else CARD_H

    def sizeHint(self) -> QSize:
        return QSize(600, self.height())

    def resizeEvent(self, event) -> None:
        if self.big:                       # the strategy's card grows with its wrapped title
            self.setFixedHeight(self._height(event.size().width()))
        super().resizeEvent(event)

    def shown(self) -> Item:
        """The item as painted: its role line ("Reason · key point 7") shortened to the card's
        width ("map's author" for the author's addition, then an ellipsis)."""
        font = QFont(S.FONT_FAMILY)
        font.setPixelSize(ROLE_PX)
        font.setBold(True)
        fm, room = QFontMetricsF(font), self.width() - 40
        role = self.item.role
        if fm.horizontalAdvance(role) > room:
            role = role.replace(AUTHORS, SHORT_AUTHORS)
        return replace(self.item, role=fm.elidedText(role, Qt.ElideRight, room))

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        try:
            paint_slide_card(p, self.shown(), QRectF(self.rect()), big=self.big)
        finally:
            p.end()


class Presentation(QWidget):
    """The full-screen view of one document."""

    def __init__(self, doc) -> None:
        super().__init__(None, Qt.Window)
        self.setObjectName("presentation")
        self.setWindowTitle(f"{doc.title} \u2014 presentation")
        self.setStyleSheet("#presentation { background: #F7F5F0; }")
        self.doc = doc
        self.weighing: Weighing = doc.weighing     # the document's; the panel's perspective
        self.order = walk_order(doc.map, root_of(doc.map, self.weighing))
        self.index = 0
        self._build()
        self._unsubscribe = self.weighing.changed.subscribe(self._on_results)
        self.show_step()

    def _on_results(self, _update) -> None:
        """The map changed while presenting: keep the focused node if it is still there."""
        keep = self.current
        self.order = walk_order(self.doc.map, root_of(self.doc.map, self.weighing))
        self.index = self.order.index(keep) if keep in self.order else 0
        self.show_step()

    def _build(self) -> None:
        outer = QHBoxLayout(self)
        outer.setContentsMargins(40, 30, 40, 30)
        outer.setSpacing(40)
        left = QVBoxLayout()
        heading = QLabel("Ranking")
        heading.setStyleSheet("font-size: 28px; font-weight: bold;")
        self.bars = RankingBars()
        f = QFont(self.bars.font())
        f.setPixelSize(20)
        self.bars.setFont(f)
        self.bars.setMinimumWidth(420)
        self.caption = QLabel(objectName="presentationCaption")   # semantics and whose values
        self.caption.setTextFormat(Qt.PlainText)                  # (a participant's name)
        self.caption.setWordWrap(True)
        self.caption.setStyleSheet("font-size: 20px; color: #4A4A4A;")
        self.status = QLabel(objectName="presentationStatus")
        self.status.setTextFormat(Qt.PlainText)
        self.status.setWordWrap(True)
        self.status.setStyleSheet("font-size: 16px; color: #4A4A4A;")
        hint = QLabel("\u2192 next   \u2190 back   Home start   Esc leave")
        hint.setStyleSheet("font-size: 16px; color: #7A7A7A;")
        for w in (heading, self.caption, self.bars, self.status):
            left.addWidget(w)
        left.addStretch(1)
        left.addWidget(hint)
        outer.addLayout(left, 1)
        self.stage = QVBoxLayout()
        self.step_label = QLabel(objectName="stepLabel")
        self.step_label.setStyleSheet("font-size: 16px; color: #7A7A7A;")
        self.stage.addWidget(self.step_label)
        self.focus_holder = QVBoxLayout()
        self.stage.addLayout(self.focus_holder)
        holder = QWidget(objectName="cardHolder")
        holder.setStyleSheet("#cardHolder { background: transparent; }")
        self.grid = QGridLayout(holder)
        self.grid.setSpacing(18)
        self.grid.setAlignment(Qt.AlignTop)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.NoFrame)
        self.scroll.setFocusPolicy(Qt.NoFocus)
        self.scroll.setStyleSheet("QScrollArea { background: transparent; }")
        self.scroll.viewport().setStyleSheet("background: transparent;")
        self.scroll.setWidget(holder)
        self.stage.addWidget(self.scroll, 1)
        outer.addLayout(self.stage, 2)

    @property
    def current(self) -> str | None:
        return self.order[self.index] if self.order else None

    def _strength(self, nid: str) -> str:
        v = self.weighing.strength(nid)
        if nid not in self.weighing.framework.tau:
            return "not weighed"
        return f"strength {NOT_SETTLED}" if v is None else f"strength {v:.2f}"

    def _focus_item(self, nid: str) -> Item:
        """The focused node as the slides' strategy card: kind (and rank), where it comes
        from, title, statement and strength."""
        node = self.doc.map.nodes[nid]
        ranked = [e.id for e in self.weighing.ranking]
        role = node.kind.capitalize()
        if nid in ranked:
            role += f" \u00b7 rank {ranked.index(nid) + 1} of {len(ranked)}"
        text = node.text if node.text != node.label else ""
        return Item(f"{role} \u00b7 {_source(node)}", FOCUS, node.label, self._strength(nid), text)

    def _card_items(self, nid: str) -> list[Item]:
        """What answers, supports or attacks *nid*, in the slides' order and words (reasons
        first, strongest first; notes and "relates" links left out)."""
        amap, w = self.doc.map, self.weighing
        edges = [e for e in amap.incoming(nid)
                 if e.relation in ROLE and amap.nodes[e.source].kind != "note"]
        edges.sort(key=lambda e: (e.relation != "support", e.relation,
                                  -(w.strength(e.source) or 0.0), amap.nodes[e.source].label))
        roles = {nid: bearing(amap, nid)}       # an attack on an objection is a rebuttal, as
        return [Item(f"{_role_word(amap, e, roles)} \u00b7 {_source(amap.nodes[e.source])}",
                     ROLE[e.relation][1], amap.nodes[e.source].label, self._strength(e.source))
                for e in edges]                 # the canvas names it on a selected card

    def show_step(self) -> None:
        """Show the focused node with its reasons and objections."""
        w = self.weighing
        rows = [(e.id, e.title, w.strength(e.id)) for e in w.ranking]
        self.bars.set_rows(rows, self.current)
        self.caption.setText(f"{SEMANTICS[w.semantics]}, {w.whose()}")
        self.status.setText(w.status())
        for layout in (self.focus_holder, self.grid):
            while layout.count():
                item = layout.takeAt(0)
                if item.widget():
                    item.widget().deleteLater()
        nid = self.current
        if nid is None:
            self.step_label.setText("This map is empty.")
            return
        amap = self.doc.map
        node = amap.nodes[nid]
        self.step_label.setText(f"Step {self.index + 1} of {len(self.order)}")
        self.focus_card = Card(self._focus_item(nid), big=True)
        self.focus_holder.addWidget(self.focus_card)
        self.cards = [Card(item) for item in self._card_items(nid)]
        columns = 3 if len(self.cards) > 6 else 2
        for n, card in enumerate(self.cards):
            self.grid.addWidget(card, n // columns, n % columns)
        self.doc.selection.set([nid], [], origin=self)

    def step(self, delta: int) -> None:
        if self.order:
            self.index = max(0, min(len(self.order) - 1, self.index + delta))
            self.show_step()

    def keyPressEvent(self, event) -> None:
        key = event.key()
        if key == Qt.Key_Escape:
            self.close()
        elif key in STEP_FORWARD:
            self.step(1)
        elif key in STEP_BACK:
            self.step(-1)
        elif key == Qt.Key_Home:
            self.index = 0
            self.show_step()
        else:
            super().keyPressEvent(event)

    def closeEvent(self, event) -> None:
        self._unsubscribe()
        super().closeEvent(event)


def present(doc) -> Presentation:
    """Open presentation mode full screen on *doc*."""
    view = Presentation(doc)
    screen = view.screen()
    if screen is not None:
        view.setGeometry(screen.geometry())   # also without a window manager
    view.showFullScreen()
    view.activateWindow()
    view.setFocus()
    return view
