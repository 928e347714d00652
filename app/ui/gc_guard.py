"""Python's cyclic garbage collector, run from the event loop instead of at random moments.

CPython starts a collection whenever allocations pass a threshold, which can be in the middle
of a paint event; freeing Qt wrappers there has crashed the canvas (a QPainter in use was torn
down). With automatic collection off, this timer collects at the same thresholds but only
between events (the approach pyqtgraph and Orange take).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer


class EventLoopGarbageCollector(QObject):
    """Collects, every *interval_ms*, the generations whose counts passed their thresholds.
    A tenth of a second: work that makes objects in bulk (a big map's routes and outline rows
    after it opens) left 30,000 young objects for one pass every half second, a 40-80 ms
    stall of the window at 20,000 cards; checked five times as often, each pass is a fifth."""

    def __init__(self, parent=None, interval_ms: int = 100) -> None:
        super().__init__(parent)
        self.threshold = gc.get_threshold()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self.timer.start(interval_ms)

    def check(self) -> None:
        """Collect the generations whose counts passed their thresholds (after a full pass
        while a big map is held, its survivors are held too: see ``hold_survivors``)."""
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > self.threshold[generation]:
                if generation == 2 and gc.get_freeze_count():
                    hold_survivors()
                else:
                    gc.collect(generation)
                return

    def stop(self) -> None:
        self.timer.stop()
        gc.enable()


FREEZE_FROM = 1000      # cards: below this a full collection is quick enough to leave alone


def hold_document(doc) -> None:
    """Take the objects alive once a big map is shown (its records, items and rows, which
    live as long as the document) out of the collector's passes. At 10,000 cards a full pass
    walks millions of them: a pause of a third of a second, falling in the middle of an edit.
    Objects held for an earlier map are released first (and collected, before a big map is
    held in their place), so replacing the map leaks nothing."""
    if gc.get_freeze_count():
        gc.unfreeze()
        if doc is not None and len(doc.map.nodes) >= FREEZE_FROM:
            gc.collect()
    if doc is not None and len(doc.map.nodes) >= FREEZE_FROM:
        gc.freeze()


def hold_survivors(collect: bool = True) -> None:
    """While a big map is held: a full pass now, then hold what survived it as well (the
    objects made for the map after it was shown: its routes, its outline's rows, the edits'
    records). Without it, each full pass walks them all again: 50 ms at 10,000 cards, one edit
    in ten or twenty. Called between events, by the collector's timer when a full pass is due
    and by the work that makes such objects in bulk once it is done. What is held is released
    with the map (``hold_document``); a cycle among held objects that is dropped meanwhile
    waits until then to be collected.

    *collect* False (the bulk work just done): hold them without a pass first. What that work
    made is alive (the outline's rows, every relation's route and shape); a pass there found
    nothing to free at 20,000 cards, and it cost 70 ms after the outline and 230 ms after the
    routing, each a stall of the window. The timer's next full pass finds any garbage made
    since."""
    if gc.get_freeze_count():
        if collect:
            gc.collect()
        gc.freeze()
