import gc

from app.ui.gc_guard import EventLoopGarbageCollector


class Cycle:
    def __init__(self):
        self.me = self


def test_collects_between_events_not_automatically(qtbot, qapp):
    collector = EventLoopGarbageCollector(qapp, interval_ms=10)
    try:
        assert not gc.isenabled()
        gc.collect()
        for _ in range(collector.threshold[0] + 10):
            Cycle()
        assert gc.get_count()[0] > collector.threshold[0]   # nothing collected on its own
        qtbot.waitUntil(lambda: gc.get_count()[0] < collector.threshold[0], timeout=2000)
    finally:
        collector.stop()
    assert gc.isenabled()
