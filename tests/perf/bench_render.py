"""Benchmark for the canvas and the image exports (standalone script, not a pytest test).

For generated maps of 1,000 and 5,000 nodes it measures: the automatic layout, building the
canvas scene up to its first paint, one full-view frame (the viewport rendered to a QImage,
at fit-all zoom and at 100 %), edit → repaint latency (an EditNode title change, then a
synchronous repaint; "of it canvas" leaves out the document's commit to SQLite), and PNG and SVG export (layout included).

Then the window: a laid-out .rmap of 5,000, 10,000 and 20,000 cards opened in the composed
main window (a fresh process): seconds until it is painted and answers events, and until every
edge is routed (big maps are routed after the first paint).

Run from the project root:  QT_QPA_PLATFORM=offscreen python tests/perf/bench_render.py
Targets: first paint of 1,000 nodes < 1 s; a frame < 16 ms at 1,000 nodes; edit → repaint < 16 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QImage  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.document import Document  # noqa: E402
from app.model import EditNode  # noqa: E402
from app.model.build import build_map  # noqa: E402
from app.render import ensure_layout, export_image  # noqa: E402
from app.ui.canvas import MapCanvas  # noqa: E402
from mapgen import generate_map  # noqa: E402


def timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def positioned(amap):
    pos = ensure_layout(amap)
    nodes = [replace(n, x=pos[i][0], y=pos[i][1]) for i, n in amap.nodes.items()]
    return build_map(nodes, amap.edges.values(), meta=amap.meta)


def first_paint(app, doc) -> tuple[float, MapCanvas]:
    t = time.perf_counter()
    canvas = MapCanvas(doc)
    canvas.resize(1400, 900)
    canvas.show()
    cards = list(canvas.map_scene.cards.values())
    while all(c.last_lod == "none" for c in cards):
        app.processEvents()
    return time.perf_counter() - t, canvas


def frame(canvas, repeat: int) -> float:
    image = QImage(canvas.viewport().size(), QImage.Format_ARGB32_Premultiplied)
    canvas.viewport().render(image)                   # warm up
    return statistics.median(timed(lambda: canvas.viewport().render(image)) for _ in range(repeat))


def edit_latency(canvas, doc, repeat: int) -> float:
    nid = next(iter(doc.map.nodes))
    canvas.zoom_reset()
    canvas.centerOn(canvas.map_scene.cards[nid])
    canvas.viewport().repaint()
    marks: list[float] = []
    doc.changed._subscribers.insert(0, lambda event: marks.append(time.perf_counter()))
    total, canvas_part = [], []
    for i in range(repeat):
        t = time.perf_counter()
        doc.execute(EditNode(nid, {"title": f"Edited title {i}"}))
        canvas.viewport().repaint()
        end = time.perf_counter()
        total.append(end - t)
        canvas_part.append(end - marks[-1])
    return statistics.median(total), statistics.median(canvas_part)


def bench(n: int, repeat: int, folder: Path) -> dict:
    app = QApplication.instance() or QApplication([])
    bare = generate_map(n, seed=n)
    row = {"nodes": n, "edges": len(bare.edges)}
    row["layout"] = timed(lambda: ensure_layout(bare))
    doc = Document.new(folder / f"bench{n}.rmap", positioned(bare))
    row["first paint"], canvas = first_paint(app, doc)
    canvas.fit_all()
    row["frame (fit)"] = frame(canvas, repeat)
    canvas.zoom_reset()
    row["frame (100%)"] = frame(canvas, repeat)
    row["edit→repaint"], row["of it canvas"] = edit_latency(canvas, doc, repeat)
    canvas.close()
    canvas.deleteLater()
    doc.close()
    row["PNG export"] = timed(lambda: export_image(bare, folder / f"m{n}.png"))
    row["SVG export"] = timed(lambda: export_image(bare, folder / f"m{n}.svg"))
    return row


def window_child(path: str, settings: str) -> None:
    """(In a fresh process.) Open *path* in the composed main window and print the seconds
    until it is painted and answers events, and until its edges are all routed."""
    from PySide6.QtCore import QSettings, QTimer
    QSettings.setDefaultFormat(QSettings.IniFormat)
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, settings)
    from app.ui.app import make_application
    from app.ui.main_window import build_main_window
    t = time.perf_counter()
    app = make_application()
    window = build_main_window()
    window.resize(1400, 900)
    window.file_ops.open_map(path)
    window.show()
    answered = []
    QTimer.singleShot(0, lambda: answered.append(time.perf_counter()))
    while not answered:                     # painted, and the event loop turns
        app.processEvents()
    shown = answered[0] - t
    router = getattr(window.canvas.map_scene, "_lazy_router", None)
    while router is not None and router.timer.isActive():
        app.processEvents()
        time.sleep(0.002)
    print(f"{shown:.3f} {time.perf_counter() - t:.3f}")


def window_open(n: int, folder: Path) -> tuple[float, float]:
    """Seconds to a shown, interactive window on a laid-out *n*-card .rmap, and to all
    edges routed (a fresh process each, as a user starts it)."""
    import subprocess
    bare = generate_map(n, seed=n)
    path = folder / f"window{n}.rmap"
    Document.new(path, positioned(bare)).close()
    (folder / "settings").mkdir(exist_ok=True)
    out = subprocess.run([sys.executable, __file__, "--window-child", str(path), str(folder / "settings")],
                         capture_output=True, text=True, check=True).stdout.split()
    return float(out[-2]), float(out[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1_000, 5_000])
    parser.add_argument("--window-sizes", type=int, nargs="*", default=[5_000, 10_000, 20_000])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--window-child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.window_child:
        window_child(*args.window_child)
        return
    with tempfile.TemporaryDirectory() as tmp:
        rows = [bench(n, args.repeat, Path(tmp)) for n in args.sizes]
    cols = ["layout", "first paint", "frame (fit)", "frame (100%)", "edit→repaint", "of it canvas", "PNG export", "SVG export"]
    print(f"{'nodes':>6} {'edges':>6} " + " ".join(f"{c:>13}" for c in cols))
    for r in rows:
        cells = [f"{r[c] * 1000:11.1f}ms" if r[c] < 1 else f"{r[c]:12.2f}s" for c in cols]
        print(f"{r['nodes']:>6} {r['edges']:>6} " + " ".join(f"{c:>13}" for c in cells))
    app = QApplication.instance() or QApplication([])
    print(f"\n{'cards':>6} {'window shown s':>15} {'all routed s':>13}   (laid-out .rmap, main window, fresh process)")
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.window_sizes:
            shown, routed = window_open(n, Path(tmp))
            print(f"{n:>6} {shown:>15.2f} {routed:>13.2f}", flush=True)
    del app


if __name__ == "__main__":
    main()
