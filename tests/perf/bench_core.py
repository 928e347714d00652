"""Benchmark of the Qt-free core on generated maps (DESIGN §9): not a test, a report.

Run: make bench (or .venv/bin/python tests/perf/bench_core.py [sizes...]).
Reports median wall-clock times of: opening a .rmap, one committed edit, evaluating with each
semantics (cyclic and acyclic maps), incremental re-evaluation, and sensitivity.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from mapgen import generate_map  # noqa: E402

from app.document import Document  # noqa: E402
from app.model import SetScore  # noqa: E402
from app.reasoning import SEMANTICS, evaluate, framework_from_map, reevaluate, sensitivity  # noqa: E402


def median_ms(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def bench(n: int, folder: Path) -> list[tuple[str, float]]:
    rows = []
    repeat = 5 if n <= 1000 else 3
    for cyclic in (False, True):
        amap = generate_map(n, cycles=cyclic, seed=7)
        fw = framework_from_map(amap)
        tag = "cyclic" if cyclic else "acyclic"
        for sem in SEMANTICS:
            ev = evaluate(fw, sem)
            rows.append((f"evaluate {sem} ({tag}, {ev.method}{'' if ev.converged else ', NOT converged'})",
                         median_ms(lambda: evaluate(fw, sem), repeat)))
        ev = evaluate(fw, "dfquad")
        leaf = next(i for i in reversed(list(amap.nodes)))
        rows.append((f"re-evaluate after one change ({tag})", median_ms(lambda: reevaluate(fw, ev, [leaf]), repeat)))
        rows.append((f"framework from map ({tag})", median_ms(lambda: framework_from_map(amap), repeat)))
    amap = generate_map(n, cycles=False, seed=7)
    fw = framework_from_map(amap)
    rows.append(("sensitivity dfquad (acyclic)", median_ms(lambda: sensitivity(fw, "dfquad"), 1)))
    path = folder / f"bench-{n}.rmap"
    Document.new(path, amap).close()
    rows.append(("open .rmap", median_ms(lambda: Document.open(path).close(), repeat)))
    doc = Document.open(path)
    node = next(iter(amap.nodes))
    values = iter([i / 1000 for i in range(1, 1000)])
    rows.append(("one committed edit (synchronous=FULL, as shipped)",
                 median_ms(lambda: doc.execute(SetScore(node, next(values))), 20)))
    doc.store.conn.execute("PRAGMA synchronous = OFF")  # the same work without waiting for the disk
    rows.append(("one committed edit, CPU part only (synchronous=OFF)",
                 median_ms(lambda: doc.execute(SetScore(node, next(values))), 20)))
    doc.close()
    return rows


def main(sizes: list[int]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            print(f"\n== {n} nodes ==")
            for label, ms in bench(n, Path(tmp)):
                print(f"  {label:<55} {ms:9.2f} ms")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [100, 1000, 10000])
