"""Benchmark for app.layout (standalone script, not a pytest test).

Generates synthetic argument maps (forests of debates with cross-links and
a few cycles, ~1.2 edges per node, varied card sizes) of 100, 1,000, 5,000
and 10,000 nodes and prints the median layered_layout time plus the
size (width x height, aspect ratio), overlap and crossing counts of the
result.  ``--no-aspect`` runs the layout without the aspect bound.

Then, on tests/mapgen.py's maps of both kinds (debates; cards linking to random earlier
cards) from 1,000 to 20,000 cards: CPU time of layout and of routing and the growth exponent.

Run from the project root:  python tests/perf/bench_layout.py [--repeat N]
"""

from __future__ import annotations

import argparse
import math
import random
import statistics
import sys
import time
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parents[2]), str(Path(__file__).resolve().parents[1])]

from app.layout import count_crossings, count_overlaps, layered_layout  # noqa: E402
from app.layout.routing import route_edges  # noqa: E402
from mapgen import generate_links_map, generate_map  # noqa: E402

GROWTH_SIZES = (1_000, 5_000, 10_000, 20_000)

SIZES = (100, 1_000, 5_000, 10_000)


def make_map(n: int, seed: int = 1) -> tuple[list[str], dict, list[tuple[str, str]]]:
    """A forest of debates of ~100 nodes each; edges are (reason, target)."""
    rng = random.Random(seed)
    nodes = [f"n{i}" for i in range(n)]
    sizes = {v: (rng.choice((120, 160, 200, 240)), rng.choice((40, 60, 80, 120))) for v in nodes}
    edges: list[tuple[str, str]] = []
    members: list[list[int]] = []             # nodes of each debate
    depth = [0] * n
    for i in range(n):
        if i % 100 == 0:                      # a new top-level conclusion
            members.append([i])
            continue
        d = len(members) - 1 if rng.random() < 0.97 else rng.randrange(len(members))
        pool = members[d]
        target = rng.choice(pool)
        while depth[target] >= 5:             # argument maps are rarely deeper
            target = rng.choice(pool)
        depth[i] = depth[target] + 1
        edges.append((nodes[i], nodes[target]))
        pool.append(i)
    for _ in range(int(0.2 * n)):             # cross-links inside a debate
        pool = members[rng.randrange(len(members))]
        if len(pool) > 2:
            a, b = rng.sample(pool, 2)
            src, dst = (max(a, b), min(a, b)) if rng.random() < 0.95 else (min(a, b), max(a, b))
            edges.append((nodes[src], nodes[dst]))
    return nodes, sizes, edges


def extent(pos: dict, sizes: dict) -> tuple[float, float]:
    """Width and height of the bounding box of all cards."""
    x0 = min(pos[v][0] - sizes[v][0] / 2 for v in pos)
    x1 = max(pos[v][0] + sizes[v][0] / 2 for v in pos)
    y0 = min(pos[v][1] - sizes[v][1] / 2 for v in pos)
    y1 = max(pos[v][1] + sizes[v][1] / 2 for v in pos)
    return x1 - x0, y1 - y0


def bench(n: int, repeat: int, max_aspect: float | None) -> None:
    """Time the layout of one generated map and print one table row."""
    nodes, sizes, edges = make_map(n)
    times, pos = [], {}
    for _ in range(repeat):
        t0 = time.perf_counter()
        pos = layered_layout(nodes, sizes, edges, max_aspect=max_aspect)
        times.append(time.perf_counter() - t0)
    t0 = time.perf_counter()
    overlaps = count_overlaps(pos, sizes)
    crossings = count_crossings(pos, edges)
    t_quality = time.perf_counter() - t0
    w, h = extent(pos, sizes)
    print(f"{n:>7} {len(edges):>7} {statistics.median(times):>9.3f} {w:>8.0f}x{h:<8.0f}"
          f"{w / h:>7.2f} {overlaps:>8} {crossings:>9} {t_quality:>9.3f}", flush=True)


def layout_and_route(amap) -> tuple[float, float]:
    """CPU seconds of the layered layout and of the routing of *amap* (varied card sizes)."""
    rng = random.Random(1)
    sizes = {v: (rng.choice((180, 240)), rng.choice((60, 80, 100))) for v in amap.nodes}
    t0 = time.process_time()
    pos = layered_layout(list(amap.nodes), sizes, [(e.source, e.target) for e in amap.edges.values()])
    t1 = time.process_time()
    rects = {v: (x - sizes[v][0] / 2, y - sizes[v][1] / 2, *sizes[v]) for v, (x, y) in pos.items()}
    route_edges(rects, [(e.id, e.source, e.target) for e in amap.edges.values()])
    return t1 - t0, time.process_time() - t1


def growth() -> None:
    """Layout + routing CPU time on both mapgen kinds from 1,000 to 20,000 cards, and the
    growth exponent between the smallest and the largest size (target: at most 1.1)."""
    print(f"\n{'kind':>6} {'nodes':>7} {'edges':>7} {'layout s':>9} {'route s':>8} {'total s':>8}")
    for kind, make in (("tree", generate_map), ("links", generate_links_map)):
        totals = []
        for n in GROWTH_SIZES:
            amap = make(n, seed=n)
            lay, route = layout_and_route(amap)
            totals.append(lay + route)
            print(f"{kind:>6} {n:>7} {len(amap.edges):>7} {lay:>9.2f} {route:>8.2f} {lay + route:>8.2f}",
                  flush=True)
        k = math.log(totals[-1] / totals[0]) / math.log(GROWTH_SIZES[-1] / GROWTH_SIZES[0])
        print(f"{kind:>6} grows as N^{k:.2f} from {GROWTH_SIZES[0]:,} to {GROWTH_SIZES[-1]:,}")


def main() -> None:
    """Parse arguments and run the benchmark for every size."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5, help="layout runs per size")
    parser.add_argument("--no-aspect", action="store_true", help="layout without max_aspect")
    args = parser.parse_args()
    print(f"{'nodes':>7} {'edges':>7} {'median s':>9} {'width x height':>17} {'aspect':>7} "
          f"{'overlaps':>8} {'crossings':>9} {'quality s':>9}")
    for n in SIZES:
        bench(n, args.repeat, None if args.no_aspect else 2.0)
    growth()


if __name__ == "__main__":
    main()
