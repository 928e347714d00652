"""Benchmark of the compare view's numbers (a script, not a test).

    .venv/bin/python tests/perf/bench_compare.py [--sizes 200 1000 5000]

For generated maps (tests/mapgen.py generate_map, acyclic and with cycles) it times the
contributions table (every consideration's contribution to every strategy: one incremental
recomputation per consideration), the ranking under all four semantics, and the leader-change
search, each on the map's own values under DF-QuAD. The window computes the table on a worker
above 300 cards, and the searches always.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from app.reasoning import (contributions, evaluate, framework_from_map, leader_changes,  # noqa: E402
                           robustness)
from mapgen import generate_map  # noqa: E402


def timed(func) -> float:
    start = time.perf_counter()
    func()
    return (time.perf_counter() - start) * 1000


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[200, 1000, 5000])
    args = ap.parse_args()
    print(f"{'cards':>6} {'cycles':>6} {'rows':>6} {'table ms':>9} {'4 semantics ms':>15} {'leader ms':>10}")
    for n in args.sizes:
        for cycles in (False, True):
            fw = framework_from_map(generate_map(n, cycles=cycles))
            ev = evaluate(fw, "dfquad")
            rows = []
            t_table = timed(lambda: rows.append(contributions(fw, base=ev)))
            t_robust = timed(lambda: robustness(fw))
            t_lead = timed(lambda: leader_changes(fw, base=ev))
            print(f"{n:>6} {str(cycles):>6} {len(rows[0].rows):>6} {t_table:>9.0f} {t_robust:>15.0f} "
                  f"{t_lead:>10.0f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
