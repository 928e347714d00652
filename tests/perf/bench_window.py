"""Benchmark of the composed main window (a script, not a test): one edit → repainted window.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/perf/bench_window.py [--nodes 1000 5000 10000]

The full window of ``build_main_window`` (canvas, outline, inspector, sources, weighing panel),
its event loop set up as ``run_gui`` sets it (the garbage collector run between events, the
interpreter lock's switch interval: ``event_loop_policies``), shows a generated map
(tests/mapgen.py, with cycles), laid out by the automatic layout as an import would be, at
the window's opening view; the edits begin once the work a big map's
window does in the background after it is shown (routing the edges, making the outline's
rows) is over, and the script says how long that took. For each kind of edit
the script runs 20 edits the way the window runs them and times each from the action to the
end of the event processing that repaints the window (every posted update handled):

- title edit: the in-place editor's commit (Enter in the editor ``map.edit_title`` opened);
- base-score edit: the inspector's score field (``InspectorPanel._edit_node``);
- add a reason: the ``map.add_reason`` action on a selected card (its editor is closed after);
- delete a card with its subtree: the cards selected, then the ``edit.delete`` action;
- undo / redo: the ``edit.undo`` / ``edit.redo`` actions, over the edits above;
- two that change no data but happen most often: a mouse click on a card in view with
  nothing selected (the selection starts: every card and relation but its own is dimmed),
  and Escape on the canvas (the selection ends: everything at full strength again);
- after those: ``map.collapse`` on a card with reasons below it, then again to expand it
  (20 of each), and ``view.strategy_case`` on a strategy, then ``view.whole_map`` (6 of
  each; the background routing a big map's whole view starts is let finish, untimed, before
  the next).

Prints the median and the worst per kind, and the median without the SQLite commit (whose
fsync varies with the disk's load). Targets: < 16 ms at 1,000 nodes, < 50 ms at 10,000.

It also times a fixed loop of plain Python arithmetic before and after (``reference loop``):
this machine's speed changes by up to two times from one minute to the next, so a figure
means something only beside the loop's time in the same run.

``--profile KIND`` (e.g. ``--profile "add a reason"``) runs the edits of that kind under
cProfile and prints where their time went, sorted by cumulative time.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QSettings, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from app.document import Document  # noqa: E402
from app.model.build import build_map  # noqa: E402
from app.render import ensure_layout  # noqa: E402
from app.ui.app import event_loop_policies, make_application  # noqa: E402
from app.ui.main_window import build_main_window  # noqa: E402
from mapgen import generate_map  # noqa: E402

EDITS = 20
KINDS = ("title edit", "base-score edit", "add a reason", "delete card + subtree", "undo", "redo",
         "click a card", "Escape", "collapse a card", "expand it", "strategy's case", "whole map again")
VIEWS = 6          # strategy's cases shown (and the whole map after each)


WRITES: list[float] = []     # seconds spent in Store.write since the last timed action
PROFILED: dict = {"kind": None, "profile": None}   # the kind of edit to profile, and its profile


def laid_out(amap):
    """*amap* with the positions the automatic layout gives it."""
    pos = ensure_layout(amap)
    nodes = [n.__class__(**{**n.__dict__, "x": pos[i][0], "y": pos[i][1]}) for i, n in amap.nodes.items()]
    return build_map(nodes, amap.edges.values(), meta=amap.meta)


def count_writes(doc) -> None:
    write = doc.store.write

    def timed_write(cs, *args, **kwargs):
        start = time.perf_counter()
        write(cs, *args, **kwargs)
        WRITES.append(time.perf_counter() - start)
    doc.store.write = timed_write


def settle(app) -> None:
    """Handle every pending event (posted updates, deferred deletes) until none are left."""
    for _ in range(3):
        app.processEvents()
    app.sendPostedEvents()


def until_idle(app, window, limit: float = 120.0) -> float:
    """Seconds until a big map's background work after opening is over: the edges routed in
    the background, the outline's rows made a few hundred per event-loop turn, and the long
    relations' middles found a few milliseconds at a time. The edits
    are timed after it, on the window as it stays (an edit during that work also waits for
    the outline's remaining rows)."""
    start = time.perf_counter()

    def busy() -> bool:
        scene = window.canvas.map_scene
        router, middles = getattr(scene, "_lazy_router", None), getattr(scene, "_middles", None)
        return ((router is not None and router.timer.isActive()) or window.outline._filling is not None
                or (middles is not None and middles.timer.isActive()))
    while busy() and time.perf_counter() - start < limit:
        app.processEvents()
        time.sleep(0.002)
    settle(app)
    return time.perf_counter() - start


def timed(app, action, kind: str = "") -> tuple[float, float]:
    """Milliseconds from *action* to the window repainted, and the part spent writing
    (profiled if *kind* is the kind asked for with --profile)."""
    WRITES.clear()
    profile = PROFILED["profile"] if kind == PROFILED["kind"] else None
    if profile is not None:
        profile.enable()
    start = time.perf_counter()
    action()
    settle(app)
    took = (time.perf_counter() - start) * 1000, sum(WRITES) * 1000
    if profile is not None:
        profile.disable()
    return took


def subtree(amap, nid: str) -> set[str]:
    """*nid* and every card that supports or attacks it, directly or not."""
    seen, todo = {nid}, [nid]
    while todo:
        for e in amap.incoming(todo.pop()):
            if e.source not in seen:
                seen.add(e.source)
                todo.append(e.source)
    return seen


def select(app, window, nodes) -> None:
    """Select *nodes*, the canvas having the keyboard focus (as after a click on a card)."""
    window.canvas.setFocus()
    window.doc.selection.set(list(nodes), (), origin="bench")
    settle(app)


def open_title_editor(app, window, text: str):
    """The in-place title editor opened on the selected card (``map.edit_title``), *text* typed."""
    window.registry.run("map.edit_title")
    editor = window.canvas._editor
    editor.setText(text)
    settle(app)
    return editor


def run_views(app, window, rng: random.Random, out: dict) -> None:
    """Collapse and expand cards, show strategies' cases and the whole map again."""
    doc, run = window.doc, window.registry.run
    argued = sorted(n for n in doc.map.nodes if n.startswith("c") and any(doc.map.incoming(n)))
    for nid in rng.sample(argued, EDITS):
        select(app, window, [nid])
        out["collapse a card"].append(timed(app, lambda: run("map.collapse"), "collapse a card"))
        out["expand it"].append(timed(app, lambda: run("map.collapse"), "expand it"))
    strategies = sorted(n for n, v in doc.map.nodes.items() if v.kind == "strategy")
    for nid in rng.sample(strategies, VIEWS):
        select(app, window, [nid])
        out["strategy's case"].append(timed(app, lambda: run("view.strategy_case"), "strategy's case"))
        until_idle(app, window)
        out["whole map again"].append(timed(app, lambda: run("view.whole_map"), "whole map again"))
        until_idle(app, window)


def run_edits(app, window, rng: random.Random) -> dict[str, list[tuple[float, float]]]:
    doc, out = window.doc, {k: [] for k in KINDS}
    claims = sorted(n for n in doc.map.nodes if n.startswith("c"))
    for i in range(EDITS):
        nid = rng.choice([c for c in claims if c in doc.map.nodes])   # (deletes take some away)
        select(app, window, [])
        canvas, card = window.canvas, window.canvas.map_scene.cards[nid]
        canvas.centerOn(card)
        settle(app)
        spot = canvas.mapFromScene(card.pos() + card.card_rect().center())
        out["click a card"].append(timed(app, lambda: QTest.mouseClick(
            canvas.viewport(), Qt.LeftButton, Qt.NoModifier, spot), "click a card"))
        select(app, window, [nid])
        editor = open_title_editor(app, window, f"Renamed {i}")
        out["title edit"].append(timed(app, editor.commit, "title edit"))
        value = round(rng.random(), 3)
        out["base-score edit"].append(timed(app, lambda: window.inspector._edit_node(
            window.inspector.score.box, base_score=value), "base-score edit"))
        window.canvas.setFocus()
        out["Escape"].append(timed(app, lambda: QTest.keyClick(window.canvas, Qt.Key_Escape), "Escape"))
        select(app, window, [nid])
        out["add a reason"].append(timed(app, lambda: window.registry.run("map.add_reason"),
                                                   "add a reason"))
        window.canvas._close_editor()
        small = [c for c in rng.sample(claims, 40) if c in doc.map.nodes
                 and len(subtree(doc.map, c)) <= 30]
        victims = subtree(doc.map, small[0] if small else nid)
        select(app, window, victims)
        out["delete card + subtree"].append(timed(app, lambda: window.registry.run("edit.delete"),
                                                            "delete card + subtree"))
    for kind in ("undo", "redo"):
        for _ in range(EDITS):
            out[kind].append(timed(app, lambda k=kind: window.registry.run(f"edit.{k}"), kind))
    run_views(app, window, rng, out)
    return out


def bench(app, n: int, folder: Path) -> dict[str, list[tuple[float, float]]]:
    doc = Document.new(folder / f"bench{n}.rmap", laid_out(generate_map(n, seed=7)))
    count_writes(doc)
    window = build_main_window()
    window.resize(1600, 1000)
    t = time.perf_counter()
    window.set_document(doc)
    window.show()
    settle(app)
    shown = time.perf_counter() - t
    idle = until_idle(app, window)
    print(f"{n} nodes, {len(doc.map.edges)} edges: window shown in {shown * 1000:.0f} ms, "
          f"its background work (routing, outline rows) done {idle * 1000:.0f} ms later", flush=True)
    try:
        return run_edits(app, window, random.Random(n))
    finally:
        window.close()
        window.deleteLater()
        settle(app)


def reference_ms() -> float:
    """Milliseconds for 3,000,000 multiply-adds in plain Python: how fast the machine is
    running just now (the figures scale with it)."""
    start, total = time.perf_counter(), 0
    for i in range(3_000_000):
        total += i * i
    return (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, nargs="+", default=[1000, 5000, 10000])
    parser.add_argument("--profile", choices=KINDS, help="profile the edits of this kind")
    parser.add_argument("--profile-out", help="also save that profile to this file (pstats)")
    args = parser.parse_args()
    if args.profile:
        PROFILED.update(kind=args.profile, profile=cProfile.Profile())
    app = make_application([])      # the app's own style sheet, as users see the window
    event_loop_policies(app)        # and its event loop's: collections between events
    QCoreApplication.setOrganizationName("ReasonmapBench")
    QCoreApplication.setApplicationName("ReasonmapBench")
    before = reference_ms()
    with tempfile.TemporaryDirectory() as folder:
        QSettings.setDefaultFormat(QSettings.IniFormat)
        QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, folder)
        rows = {n: bench(app, n, Path(folder)) for n in args.nodes}
    print(f"\nreference loop: {before:.0f} ms before the edits, {reference_ms():.0f} ms after")
    print("\nedit → repainted window, ms: median / worst of %d (median without the file write)" % EDITS)
    print("| edit | " + " | ".join(f"{n:,} nodes" for n in rows) + " |")
    print("|---|" + "---|" * len(rows))
    for kind in KINDS:
        cells = []
        for r in rows.values():
            total = [t for t, _w in r[kind]]
            own = [t - w for t, w in r[kind]]
            cells.append(f"{statistics.median(total):.1f} / {max(total):.1f} ({statistics.median(own):.1f})")
        print(f"| {kind} | " + " | ".join(cells) + " |")
    if PROFILED["profile"] is not None:
        print(f"\nprofile of every '{args.profile}' edit above:")
        pstats.Stats(PROFILED["profile"]).sort_stats("cumulative").print_stats(45)
        if args.profile_out:
            PROFILED["profile"].dump_stats(args.profile_out)


if __name__ == "__main__":
    main()
