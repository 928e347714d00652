"""Benchmark of opening a big map in the composed main window (a script, not a test).

    .venv/bin/python tests/perf/bench_open.py [--sizes 1000 5000 10000 20000] [--import-size 10000]
        [--repeat 3] [--against DIR] [--profile N] [--shot PNG]

Each run is a FRESH PROCESS (so nothing is warm but the disk cache). In it the app's
QApplication (with its style sheet) and the full window of ``build_main_window`` are made and
sized 1600 x 1000, with the garbage collector run between events and the interpreter lock's
switch interval as ``run_gui`` sets them (``event_loop_policies``);
then the clock starts and the window is asked to open the file the way
File > Open does (``FileOps.open_map``), and is shown. What is timed:

- ``open``: from the call to ``open_map`` to its return (reading the file, the first
  evaluation, building the canvas items, the outline and the panels);
- ``first paint``: from the same start until the canvas has finished painting the map for
  the first time AND the event loop has answered after it (a zero-delay timer posted during
  that paint has fired). This is the "shown and interactive" figure;
- ``CPU``: the process's CPU seconds over the same span (all threads);
- ``click`` / ``scroll`` / ``edit``: right after that, a mouse click on a card in view (it
  becomes selected), a scroll by half a screen, and a title edit through the in-place editor
  (``map.edit_title``, Enter), each until the window has repainted;
- ``click while routing``: clicks on up to three more cards in view (Escape after each,
  untimed) while the background thread routes the map, each until the window has repainted;
  the median of all runs' clicks and how many there were (none on maps routed at once);
- ``routed``: when the last edge got its route around the cards (big maps are routed after
  the first paint, the edges in view first), and the longest the event loop went without
  answering a 5 ms timer between the first paint and the end of the background work that
  follows (the long relations' middles found a few milliseconds at a time) (``stall``; the
  clicks above are not counted as stalls);
- ``process``: the whole process, start to exit, wall and CPU (the kernel's count); it exits
  once every edge is routed, so this includes start-up, the window's construction and the
  background routing.

Each run opens a copy of the map (the edit changes it).

With ``--import-size N`` a generated map of N nodes (tests/mapgen.py) written as Argdown is
opened the same way: ``open_map`` imports it into a new .rmap with the automatic layout
(a progress dialog names each step meanwhile; the table's import row times everything from
the call: reading, layout, writing the .rmap, showing it) and shows it.

Maps come from tests/mapgen.py (``generate_map(n, seed=7)``: trees of reasons and objections
with cross-links and some cycles), laid out by the automatic layout as an import does.
``--against DIR`` also runs another checkout's code (e.g. /work/main) alternately with this
one, run by run, so both see the same load. ``--profile N`` runs one open of the N-node map
under cProfile (main thread) and prints where the time went (``--profile-part after``: the
click, scroll and edit after the first paint).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve()
ROOT = HERE.parents[2]
WIDTH, HEIGHT = 1600, 1000


# ----- the child: one open in a fresh process ------------------------------------------
def child(args) -> None:
    sys.path[:0] = [str(args.code), str(ROOT / "tests")]
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import cProfile
    from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, QSettings, Qt, QTimer
    from PySide6.QtTest import QTest
    from app.ui.app import make_application
    from app.ui.main_window import build_main_window

    folder = Path(tempfile.mkdtemp(prefix="bench-open-"))
    app = make_application([])
    import app.ui.app as app_module
    if hasattr(app_module, "event_loop_policies"):  # as run_gui does (collections between
        app_module.event_loop_policies(app)         # events, a short lock switch interval)
    else:                                           # (an older checkout, with --against)
        from app.ui.gc_guard import EventLoopGarbageCollector
        app.gc_guard = EventLoopGarbageCollector(app)
    QCoreApplication.setOrganizationName("ReasonmapBenchOpen")
    QSettings.setDefaultFormat(QSettings.IniFormat)
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, str(folder))
    window = build_main_window()
    window.resize(WIDTH, HEIGHT)
    source = Path(shutil.copy(args.path, folder / Path(args.path).name))   # the edit changes it
    marks: dict = {}
    profile = cProfile.Profile() if args.profile else None

    class FirstPaint(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Paint and "paint" not in marks and window.doc is not None:
                marks["paint"] = True
                QTimer.singleShot(0, painted)
            return False

    def clock() -> tuple[float, float]:
        return time.perf_counter(), time.process_time()

    def since(start) -> tuple[float, float]:
        now = clock()
        return round((now[0] - start[0]) * 1000), round((now[1] - start[1]) * 1000)

    def settle() -> None:
        app.sendPostedEvents()
        app.processEvents()

    def timed(action) -> float:
        t = time.perf_counter()
        action()
        settle()
        return round((time.perf_counter() - t) * 1000, 1)

    stall = {"last": None, "worst": 0.0}

    def tick() -> None:
        now = time.perf_counter()
        if stall["last"] is not None:
            stall["worst"] = max(stall["worst"], now - stall["last"])
        stall["last"] = now

    def routing_done() -> bool:
        router = getattr(window.canvas.map_scene, "_lazy_router", None)
        return router is None or not router.timer.isActive()

    def painted() -> None:
        if profile is not None and args.profile_part == "open":
            profile.disable()
        marks["first paint"], marks["first paint CPU"] = since(start)
        marks["routed at paint"] = routing_done()
        marks["cards"] = len(window.doc.map.nodes)
        canvas = window.canvas
        view = canvas.mapToScene(canvas.viewport().rect()).boundingRect()
        shown = [c for c in canvas.map_scene.cards.values() if view.contains(c.scene_card_rect())]
        marks["cards in view"] = len(shown)
        if args.shot:
            window.grab().save(args.shot)
        if profile is not None and args.profile_part == "after":
            profile.enable()
        if shown:
            card = min(shown, key=lambda c: (c.pos() - view.center()).manhattanLength())
            where = canvas.mapFromScene(card.pos())
            marks["click"] = timed(lambda: QTest.mouseClick(canvas.viewport(), Qt.LeftButton,
                                                            Qt.NoModifier, QPoint(where)))
            marks["click selected it"] = list(window.doc.selection.nodes) == [card.node_id]
        bar = canvas.verticalScrollBar()
        marks["scroll"] = timed(lambda: bar.setValue(bar.value() + canvas.viewport().height() // 2))
        if shown:
            window.registry.run("map.edit_title")
            canvas._editor.setText("Renamed in the benchmark")
            marks["edit"] = timed(lambda: QTest.keyClick(canvas._editor, Qt.Key_Return))
            marks["edit landed"] = window.doc.map.nodes[card.node_id].title == "Renamed in the benchmark"
        if profile is not None and args.profile_part == "after":
            profile.disable()
        ticker.start(5)
        wait_routed()

    def busy_clicks() -> list[float]:
        """Clicks on cards in view (Escape between, untimed) while the background thread
        routes the map: each until the window has repainted. Not counted as stalls."""
        canvas = window.canvas
        view = canvas.mapToScene(canvas.viewport().rect()).boundingRect()
        shown = sorted((c for c in canvas.map_scene.cards.values() if view.contains(c.scene_card_rect())),
                       key=lambda c: (c.pos() - view.center()).manhattanLength())[1:4]
        out = []
        ticker.stop()                           # (their time is not a stall)
        for card in shown:
            if not thread_alive():
                break
            where = QPoint(canvas.mapFromScene(card.pos()))
            out.append(timed(lambda: QTest.mouseClick(canvas.viewport(), Qt.LeftButton, Qt.NoModifier, where)))
            QTest.keyClick(canvas, Qt.Key_Escape)
            settle()
        stall["last"] = None
        ticker.start(5)
        return out

    def thread_alive() -> bool:
        router = getattr(window.canvas.map_scene, "_lazy_router", None)
        thread = getattr(router, "thread", None)
        return thread is not None and thread.is_alive()

    def warming() -> bool:
        middles = getattr(window.canvas.map_scene, "_middles", None)
        return middles is not None and middles.timer.isActive()

    def wait_routed() -> None:
        if "busy clicks" not in marks and thread_alive():
            marks["busy clicks"] = busy_clicks()
        if routing_done() and "routed" not in marks:
            marks["routed"] = since(start)[0]
        if routing_done() and not warming():
            ticker.stop()
            marks["stall"] = round(stall["worst"] * 1000)
            unrouted = [i for i in window.canvas.map_scene.edges.values() if i.geom is None]
            marks["edges"], marks["edges without a route"] = len(window.canvas.map_scene.edges), len(unrouted)
            app.exit(0)
        elif since(start)[0] > 120_000:
            marks["routed"] = None
            app.exit(0)
        else:
            QTimer.singleShot(20, wait_routed)

    try:
        from app.ui import import_progress
    except ImportError:                         # an older checkout (no progress dialog)
        import_progress = None
    if args.mode == "import" and import_progress is not None:
        say = import_progress.ImportProgress._say

        def said(self, step, cards=0):          # what the progress dialog says, and when
            say(self, step, cards)
            marks.setdefault("progress", []).append(
                f"{since(start)[0]} ms: {self.dialog.labelText()}"
                f"{'' if self.dialog.isVisible() else ' (dialog not shown yet)'}")
        import_progress.ImportProgress._say = said

    ticker = QTimer()
    ticker.timeout.connect(tick)
    watcher = FirstPaint()
    window.canvas.viewport().installEventFilter(watcher)
    start = clock()
    if profile is not None and args.profile_part == "open":
        profile.enable()
    ok = window.file_ops.open_map(str(source))
    marks["open"], marks["open CPU"] = since(start)
    window.show()
    if not ok:
        raise SystemExit(f"could not open {source}")
    app.exec()
    print("MARKS " + json.dumps(marks), flush=True)
    if profile is not None:
        import pstats
        stats = pstats.Stats(profile, stream=sys.stderr).sort_stats(args.sort)
        stats.print_stats(args.lines)
        if args.callees:
            stats.print_callees(args.callees)
    window.close()
    shutil.rmtree(folder, ignore_errors=True)


# ----- the parent: maps, fresh processes, the table ------------------------------------
def make_files(folder: Path, sizes, import_size) -> dict:
    """{("open", n): .rmap path, ("import", n): .argdown path}, generated once per folder."""
    sys.path[:0] = [str(ROOT), str(ROOT / "tests")]
    from mapgen import generate_map
    from app.document import Document
    from app.io.argdown import write_argdown
    from app.render.export import with_layout
    files = {}
    for n in sizes:
        path = folder / f"open{n}.rmap"
        if not path.exists():
            Document.new(path, with_layout(generate_map(n, seed=7))).close()
        files[("open", n)] = path
    if import_size:
        path = folder / f"import{import_size}.argdown"
        if not path.exists():
            path.write_text(write_argdown(generate_map(import_size, seed=7)), encoding="utf-8")
        files[("import", import_size)] = path
    return files


def run_child(code: Path, mode: str, path: Path, extra=()) -> dict:
    """One fresh process opening *path* with the app at *code*; its marks plus the
    whole-process wall and CPU milliseconds."""
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    cmd = [sys.executable, str(HERE), "--child", mode, str(path), "--code", str(code), *extra]
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)
    out, err = proc.communicate()
    wall = time.perf_counter() - t
    if proc.returncode != 0 or "MARKS " not in out:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{err[-3000:]}")
    marks = json.loads(out.split("MARKS ", 1)[1].splitlines()[0])
    marks["process"] = round(wall * 1000)
    marks["stderr"] = err
    return marks


def cpu_of_children() -> float:
    r = os.times()
    return r.children_user + r.children_system


def measured(code: Path, mode: str, path: Path, extra=()) -> dict:
    before = cpu_of_children()
    marks = run_child(code, mode, path, extra)
    marks["process CPU"] = round((cpu_of_children() - before) * 1000)
    return marks


def row(label: str, runs: list[dict]) -> str:
    def med(key):
        values = [r[key] for r in runs if r.get(key) is not None]
        return statistics.median(values) if values else float("nan")
    worst = max(r["first paint"] for r in runs)
    checks = all(r.get("click selected it", True) and r.get("edit landed", True) for r in runs)
    busy = [t for r in runs for t in r.get("busy clicks") or ()]
    busy = f"{statistics.median(busy):.0f} ({len(busy)})" if busy else "–"
    return (f"| {label} | {med('first paint'):.0f} (worst {worst:.0f}) | {med('first paint CPU'):.0f} | "
            f"{med('open'):.0f} | {med('click'):.0f} / {med('scroll'):.0f} / {med('edit'):.0f} | "
            f"{busy} | {med('routed'):.0f} | {med('stall'):.0f} | {med('process'):.0f} ({med('process CPU'):.0f}) | "
            f"{'yes' if checks else 'NO'} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 5000, 10000, 20000])
    parser.add_argument("--import-size", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=int(os.environ.get("BENCH_REPEAT", "3")))
    parser.add_argument("--against", type=Path, help="another checkout, run alternately")
    parser.add_argument("--profile", type=int, help="profile one open of this size")
    parser.add_argument("--shot", help="save the window as it is at its first paint (PNG)")
    parser.add_argument("--profile-part", choices=("open", "after"), default="open",
                        help="profile the open, or the click, scroll and edit after it")
    parser.add_argument("--sort", default="cumulative")
    parser.add_argument("--lines", type=int, default=50)
    parser.add_argument("--callees", help="with --profile: also what the functions matching this called")
    parser.add_argument("--folder", type=Path, help="keep the generated maps here")
    parser.add_argument("--child", nargs=2, metavar=("MODE", "PATH"), help=argparse.SUPPRESS)
    parser.add_argument("--code", type=Path, default=ROOT, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        args.mode, args.path = args.child
        return child(args)
    folder = args.folder or Path(tempfile.mkdtemp(prefix="bench-open-maps-"))
    folder.mkdir(parents=True, exist_ok=True)
    files = make_files(folder, sorted(set(args.sizes) | ({args.profile} if args.profile else set())),
                       args.import_size)
    if args.profile:
        extra = ["--profile", "1", "--profile-part", args.profile_part, "--sort", args.sort, "--lines", str(args.lines)]
        extra += ["--callees", args.callees] if args.callees else []
        marks = measured(args.code, "open", files[("open", args.profile)], extra)
        print(marks.pop("stderr"))
        print(json.dumps(marks))
        return
    codes = {"this": ROOT} | ({"other": args.against} if args.against else {})
    print(f"load: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f}; "
          f"median of {args.repeat} fresh processes each, milliseconds")
    print("| map | first paint, interactive | its CPU | open_map | click / scroll / edit | "
          "click while routing (n) | all routed | longest stall | whole process (CPU) | checks |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for (mode, n), path in files.items():
        runs = {k: [] for k in codes}
        for i in range(args.repeat):
            for name, code in codes.items():
                extra = ["--shot", args.shot] if args.shot and i == 0 and name == "this" else []
                marks = measured(code, mode, path, extra)
                marks.pop("stderr")
                runs[name].append(marks)
        for name in codes:
            what = f"{n:,} cards" if mode == "open" else f"import {n:,} Argdown"
            print(row(what + (f" ({name})" if args.against else ""), runs[name]), flush=True)
    if not args.folder:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
