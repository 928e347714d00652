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


def test_a_full_pass_while_a_big_map_is_held_holds_its_survivors_and_frees_its_garbage(qapp):
    import weakref

    from app.ui.gc_guard import hold_survivors
    collector = EventLoopGarbageCollector(qapp, interval_ms=60_000)   # checked by hand
    try:
        gc.collect()
        hold_survivors()
        assert gc.get_freeze_count() == 0          # nothing held: nothing to add to it
        held = [Cycle() for _ in range(50)]        # stands for a big map's records
        gc.freeze()
        kept = [Cycle() for _ in range(500)]       # made for it later (routes, rows)
        dropped = Cycle()
        gone = weakref.ref(dropped)
        del dropped
        before = gc.get_freeze_count()
        while gc.get_count()[2] <= collector.threshold[2]:
            gc.collect(1)                          # (each counts towards a full pass)
        collector.check()                          # a full pass is due
        assert gone() is None                      # the garbage was collected, not held
        assert gc.get_freeze_count() >= before + len(kept)
        assert all(gc.is_tracked(c) for c in kept)  # held, not untracked
    finally:
        gc.unfreeze()
        collector.stop()
        del held


def test_the_running_app_collects_between_events_and_hands_the_interpreter_lock_over_quickly(qapp):
    """``run_gui`` sets both up through ``event_loop_policies``: the collector run from the
    event loop, and a switch interval short enough that a Python thread working in the
    background (routing a big map) keeps each call from Qt into Python waiting a fraction of
    a millisecond, not Python's default five."""
    import sys

    from app.ui import app as app_module
    before = sys.getswitchinterval()
    try:
        sys.setswitchinterval(0.005)
        app_module.event_loop_policies(qapp)
        assert isinstance(qapp.gc_guard, EventLoopGarbageCollector) and not gc.isenabled()
        assert sys.getswitchinterval() <= 0.0005
    finally:
        qapp.gc_guard.stop()
        gc.disable()                # as the fixture keeps it during a test
        sys.setswitchinterval(before)


def test_after_bulk_work_its_objects_are_held_without_a_pass(qapp):
    """The outline's rows and the routes made once a big map is open are alive: they are
    held as they are (no collection, which cost a stall of 70-230 ms at 20,000 cards); the
    timer's full passes still collect and hold as before."""
    from app.ui.gc_guard import hold_survivors
    passes = []

    def heard(phase, info):
        if phase == "start":
            passes.append(info["generation"])
    try:
        held = [Cycle() for _ in range(50)]
        gc.freeze()
        kept = [Cycle() for _ in range(500)]
        before = gc.get_freeze_count()
        gc.callbacks.append(heard)
        hold_survivors(collect=False)
        assert passes == []
        assert gc.get_freeze_count() >= before + len(kept)
        more = [Cycle() for _ in range(10)]
        hold_survivors()
        assert passes == [2] and gc.get_freeze_count() >= before + len(kept) + len(more)
    finally:
        if heard in gc.callbacks:
            gc.callbacks.remove(heard)
        gc.unfreeze()
        del held
