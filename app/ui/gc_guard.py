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
    def __init__(self, parent=None, interval_ms: int = 500) -> None:
        super().__init__(parent)
        self.threshold = gc.get_threshold()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self.timer.start(interval_ms)

    def check(self) -> None:
        """Collect the generations whose counts passed their thresholds."""
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > self.threshold[generation]:
                gc.collect(generation)
                return

    def stop(self) -> None:
        self.timer.stop()
        gc.enable()
