"""Mouse gestures on the canvas, one small object per gesture from press to release.

The canvas starts a gesture on a mouse press (:func:`start_gesture`), hands it every move and
the release, and forgets it afterwards; no gesture leaves flags behind in the view. Selecting
with a rubber band is Qt's own (``QGraphicsView.RubberBandDrag``) and runs inside
:class:`MoveDrag` when the press was on empty canvas.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt

from ...model import MoveNodes
from .items import CardItem, ConnectLine


class Gesture:
    """Base: *move* and *release* return True when they handled the event themselves (else
    the view's default handling runs, then *finish*)."""

    def move(self, canvas, event) -> bool:
        return False

    def moved(self, canvas) -> None:
        """After the view's own handling of a move (only if *move* returned False)."""

    def release(self, canvas, event) -> bool:
        return False

    def finish(self, canvas, event) -> None:
        """After the view's own release handling (only if *release* returned False)."""


class Pan(Gesture):
    """Drag with the middle button (or Space + left button) to scroll the view."""

    def __init__(self, canvas, event) -> None:
        self.last = event.position()
        canvas.viewport().setCursor(Qt.ClosedHandCursor)

    def move(self, canvas, event) -> bool:
        delta = event.position() - self.last
        self.last = event.position()
        h, v = canvas.horizontalScrollBar(), canvas.verticalScrollBar()
        h.setValue(h.value() - round(delta.x()))
        v.setValue(v.value() - round(delta.y()))
        return True

    def release(self, canvas, event) -> bool:
        canvas.viewport().unsetCursor()
        return True


class ConnectDrag(Gesture):
    """Drag from a card's handle onto another card: a support (Shift or Alt: an attack)."""

    def __init__(self, canvas, card: CardItem, event) -> None:
        self.source = card.node_id
        self.line = ConnectLine(card.pos() + QPointF(0, -card.metrics.height / 2),
                                canvas._attack_wanted(event.modifiers()))
        canvas.map_scene.addItem(self.line)

    def move(self, canvas, event) -> bool:
        self.line.set_attack(canvas._attack_wanted(event.modifiers()))
        self.line.to(canvas.mapToScene(event.position().toPoint()))
        return True

    def release(self, canvas, event) -> bool:
        canvas.map_scene.removeItem(self.line)
        target = canvas._card_at(event.position())
        if target is None or target.node_id == self.source:
            canvas.message.emit("Drop the line on another card to connect them")
            return True
        relation = "attack" if canvas._attack_wanted(event.modifiers()) else "support"
        canvas._connect_nodes(self.source, target.node_id, relation)
        return True


class MoveDrag(Gesture):
    """Qt moves the selected cards (or draws the rubber band); on release the whole drag
    becomes one MoveNodes step, or the cards go back if the map refuses it."""

    def __init__(self, canvas) -> None:
        self.start = {c.node_id: (c.pos().x(), c.pos().y())
                      for c in canvas.map_scene.selectedItems() if isinstance(c, CardItem)}
        self.at = dict(self.start)

    def moved(self, canvas) -> None:
        """Qt moved the selected cards: their relations follow them."""
        scene = canvas.map_scene
        for nid, was in self.at.items():
            card = scene.cards.get(nid)
            if card is not None and (card.pos().x(), card.pos().y()) != was:
                self.at[nid] = (card.pos().x(), card.pos().y())
                scene.card_moved(card)

    def finish(self, canvas, event) -> None:
        if event.button() != Qt.LeftButton:
            return
        cards = canvas.map_scene.cards
        moved = {nid: (cards[nid].pos().x(), cards[nid].pos().y()) for nid in self.start
                 if nid in cards and (cards[nid].pos().x(), cards[nid].pos().y()) != self.start[nid]}
        if moved and not canvas._run(MoveNodes(moved)):
            canvas.map_scene._after_moves(moved)   # put the cards back where the map has them


def start_gesture(canvas, event) -> Gesture | None:
    """The gesture a press begins, before Qt sees it (None: Qt's own handling first)."""
    if event.button() == Qt.MiddleButton or (event.button() == Qt.LeftButton and canvas.pan_armed):
        return Pan(canvas, event)
    if event.button() == Qt.LeftButton:
        card = canvas._card_at(event.position())
        if card is not None and card.handle_hit(canvas.mapToScene(event.position().toPoint())):
            return ConnectDrag(canvas, card, event)
    return None
