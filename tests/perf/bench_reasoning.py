"""Benchmark of the reasoning engine (a script, not a test): median times on generated maps.

    .venv/bin/python tests/perf/bench_reasoning.py [--sizes 100 1000 10000] [--repeat 5]

Maps: 5% strategies, the rest claims; every claim supports (60%) or attacks (40%) one or two
earlier nodes, with random weights. The acyclic variant stops there; the cyclic one adds back
edges for 1% of the nodes, closing cycles of 2 to 4 nodes. Figures: reading the framework from the map,
evaluate per semantics, reevaluate after one base-score change (median over random nodes),
and sensitivity of the top two strategies.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.model import Edge, Node  # noqa: E402
from app.model.build import build_map  # noqa: E402
from app.reasoning import (SEMANTICS, evaluate, framework_from_map, reevaluate,  # noqa: E402
                           sensitivity)


def generate(n: int, cyclic: bool, seed: int = 1):
    """A map of n nodes as described in the module docstring."""
    rng = random.Random(seed)
    k = max(2, n // 20)
    nodes = [Node(id=f"n{i}", kind="strategy" if i < k else "claim", title=f"Node {i}",
                  base_score=round(rng.random(), 3)) for i in range(n)]
    pairs: set[tuple[int, int]] = set()
    for i in range(k, n):
        for _ in range(rng.choice((1, 1, 2))):
            pairs.add((i, rng.randrange(max(0, i - 200) if i > 400 else 0, i)))
    if cyclic:
        _close_cycles(pairs, k, n, rng)
    edges = [Edge(id=f"e{s}_{t}", source=f"n{s}", target=f"n{t}",
                  relation="support" if rng.random() < 0.6 else "attack",
                  weight=round(0.3 + 0.7 * rng.random(), 3))
             for s, t in sorted(pairs)]
    return build_map(nodes, edges)


def _close_cycles(pairs: set, k: int, n: int, rng: random.Random) -> None:
    """For 1% of the nodes, walk 1-3 relations down from a claim and link back to it."""
    out: dict[int, list[int]] = {}
    for s, t in pairs:
        out.setdefault(s, []).append(t)
    for _ in range(max(1, n // 100)):
        start = node = rng.randrange(k, n)
        for _ in range(rng.randint(1, 3)):
            nxt = [t for t in out.get(node, ()) if t >= k]
            if not nxt:
                break
            node = rng.choice(nxt)
        if node != start and (node, start) not in pairs:
            pairs.add((node, start))


def median_ms(fn, repeat: int) -> float:
    """Median wall time of fn() in milliseconds."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def bench(n: int, cyclic: bool, repeat: int) -> None:
    amap = generate(n, cyclic)
    fw = framework_from_map(amap)
    label = f"{n:>6} nodes, {len(amap.edges):>6} edges, {'cyclic' if cyclic else 'acyclic'}"
    print(f"{label}: framework_from_map {median_ms(lambda: framework_from_map(amap), repeat):8.1f} ms")
    rng = random.Random(7)
    for sem in SEMANTICS:
        ev = evaluate(fw, sem)
        t_eval = median_ms(lambda: evaluate(fw, sem), repeat)
        picks = [rng.choice(list(fw.tau)) for _ in range(max(repeat, 20))]
        changed = [(fw.with_values({p: 1.0 - fw.tau[p]}), p) for p in picks]
        t_re = statistics.median(median_ms(lambda: reevaluate(f, ev, [p]), 1) for f, p in changed)
        t_sens = median_ms(lambda: sensitivity(fw, sem), 1 if n >= 10_000 else min(repeat, 3))
        info = f"{ev.method}, {ev.iterations} it, converged={ev.converged}"
        print(f"    {sem:<7} evaluate {t_eval:8.1f} ms   reevaluate(1 τ) {t_re:7.2f} ms   "
              f"sensitivity {t_sens:9.1f} ms   ({info})")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10_000])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    for n in args.sizes:
        for cyclic in (False, True):
            bench(n, cyclic, args.repeat)


if __name__ == "__main__":
    main()
