"""How readable the shipped map's drawing is, beside Graphviz `dot` on the same map in the
same run (standalone script, not a pytest test).

For argument_maps/prosocial-drives.argdown it prints, for our drawing (the exports' and the
canvas's routed geometry) and for `dot`'s (``dot -Tplain`` on our DOT export):
- ``crossings``: points where two drawn relation lines cross (app.render.legibility's
  counter, on our flattened curves and on dot's flattened splines alike);
- ``straight``: crossings of straight centre-to-centre segments (app.layout.count_crossings);
- ``arrowheads``: for ours, pairs of arrowheads closer than their own width and the least
  tip distance over width (dot is not measured: its arrowheads are not in -Tplain).
dot's figures are skipped when `dot` is not installed.
Run from the project root:  QT_QPA_PLATFORM=offscreen python tests/perf/bench_canvas.py
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT)]
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.io import export_map, import_file  # noqa: E402
from app.layout import count_crossings  # noqa: E402
from app.render.export import with_layout  # noqa: E402
from app.render.legibility import bezier_polyline, drawn_crossings, picture_figures  # noqa: E402
from app.render.picture import MapPicture  # noqa: E402
from app.render.qtapp import ensure_gui_app  # noqa: E402

SHIPPED = ROOT / "argument_maps" / "prosocial-drives.argdown"


def ours(amap) -> dict:
    t = time.perf_counter()
    pic = MapPicture(amap)
    fig = picture_figures(pic)
    fig["seconds"] = time.perf_counter() - t
    edges = [(e.source, e.target) for e in amap.edges.values()]
    fig["straight"] = count_crossings(pic.positions, edges)
    return fig


def dot(amap) -> dict | None:
    exe = shutil.which("dot")
    if exe is None:
        return None
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "map.dot"
        export_map(amap, path)
        t = time.perf_counter()
        out = subprocess.run([exe, "-Tplain", str(path)], capture_output=True, text=True,
                             check=True).stdout
        seconds = time.perf_counter() - t
    centres, lines, edges = {}, [], []
    for row in out.splitlines():
        parts = row.split()
        if parts and parts[0] == "node":
            centres[parts[1]] = (float(parts[2]) * 72, float(parts[3]) * 72)
        elif parts and parts[0] == "edge":
            n = int(parts[3])
            pts = [(float(parts[4 + 2 * i]) * 72, float(parts[5 + 2 * i]) * 72) for i in range(n)]
            lines.append(bezier_polyline(pts))
            edges.append((parts[1], parts[2]))
    return {"relations": len(lines), "crossings": drawn_crossings(lines),
            "straight": count_crossings(centres, edges), "seconds": seconds}


def main() -> None:
    ensure_gui_app()
    amap = with_layout(import_file(SHIPPED).map)
    print(f"shipped map: {len(amap.nodes)} cards, {len(amap.edges)} relations")
    print(f"{'drawing':<8} {'crossings':>9} {'straight':>8} {'arrowhead clashes':>17} "
          f"{'closest/width':>13} {'seconds':>8}")
    o = ours(amap)
    print(f"{'ours':<8} {o['crossings']:>9} {o['straight']:>8} {o['clashes']:>17} "
          f"{o['closest']:>13.2f} {o['seconds']:>8.3f}")
    d = dot(amap)
    if d is None:
        print("dot      (not installed: apt-get install graphviz)")
    else:
        print(f"{'dot':<8} {d['crossings']:>9} {d['straight']:>8} {'-':>17} {'-':>13} "
              f"{d['seconds']:>8.3f}")


if __name__ == "__main__":
    main()
