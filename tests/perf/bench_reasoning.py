"""Benchmark of the reasoning engine (a script, not a test): median times on generated maps.

    .venv/bin/python tests/perf/bench_reasoning.py [--sizes 100 1000 10000] [--repeat 5]
                                                   [--skip-sizes] [--skip-hard]

Maps: 5% strategies, the rest claims; every claim supports (60%) or attacks (40%) one or two
earlier nodes, with random weights. The acyclic variant stops there; the cyclic one adds back
edges for 1% of the nodes, closing cycles of 2 to 4 nodes. Figures: reading the framework from the map,
evaluate per semantics, reevaluate after one base-score change (median over random nodes,
with the evaluation plan the live weighing keeps; bench_weighing.py times each kind of edit
in sequence on a live document),
and sensitivity of the top two strategies.

Then (issue 12) whether full evaluation stays linear: 2,000 and 20,000 nodes, on
``tests/mapgen.py`` maps and on the random-earlier maps above, acyclic and cyclic, the first
evaluation of a fresh framework (it includes compiling it) and a repeated one, in CPU time with
the collector on, with the 20k / 2k ratio (target ≤ 12) and the ratio of the node updates
done (cyclic components count their size times their sweeps: mapgen's largest component grows
faster than the map); and whether the collector does any of the work of reading a map and
evaluating it (collections per generation and the objects they found, from ``gc.callbacks``,
and the unreachable objects ``gc.collect`` finds afterwards: 0 means no cyclic garbage).

Last (issue 10, break 4) the maps on which sensitivity used to hang: odd rings of attacks with
every base score 1 (RK4) of 21 and 2,001 nodes, and dense maps of 2,000 nodes with 10
relations per node (random pairs: one large cycle; and earlier-to-later only: acyclic), with
the time, how many inputs were examined of how many, and the flips found.
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.model import Edge, Node  # noqa: E402
from app.model.build import build_map  # noqa: E402
from app.reasoning import (SEMANTICS, evaluate, framework_from_map, reevaluate,  # noqa: E402
                           sensitivity)
from mapgen import generate_map  # noqa: E402


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
        fw.plan      # noqa: B018 -- the evaluation plan the live weighing keeps (shared below)
        t_eval = median_ms(lambda: evaluate(fw, sem), repeat)
        picks = [rng.choice(list(fw.tau)) for _ in range(max(repeat, 20))]
        changed = [(fw.with_values({p: 1.0 - fw.tau[p]}), p) for p in picks]
        t_re = statistics.median(median_ms(lambda: reevaluate(f, ev, [p]), 1) for f, p in changed)
        t_sens = median_ms(lambda: sensitivity(fw, sem), 1 if n >= 10_000 else min(repeat, 3))
        info = f"{ev.method}, {ev.iterations} it, converged={ev.converged}"
        print(f"    {sem:<7} evaluate {t_eval:8.1f} ms   reevaluate(1 τ) {t_re:7.2f} ms   "
              f"sensitivity {t_sens:9.1f} ms   ({info})")


def cpu_ms(fn, repeat: int) -> float:
    """Median CPU time of fn() in milliseconds (what this process spent, not the machine)."""
    times = []
    for _ in range(repeat):
        t0 = time.process_time()
        fn()
        times.append((time.process_time() - t0) * 1000)
    return statistics.median(times)


def updates(ev, fw) -> int:
    """Node updates an evaluation did: one per node outside cycles, and per cyclic component
    its size times its sweeps (RK4 steps count four)."""
    comps = getattr(ev, "components", None)
    if comps is None:          # an engine that does not list its components
        return 0
    inside = sum(len(c) for c in comps.values())
    work = sum(len(comps[k]) * n * (4 if m == "rk4" else 1) for k, (m, n) in ev.cycles.items())
    return len(fw.tau) - inside + work


def linearity(repeat: int) -> None:
    """Full evaluation at 2k and 20k nodes: first (with compiling) and repeated; the ratio.
    The two sizes take turns, run by run, so a change in the machine's speed meanwhile (it
    varies minute to minute here) falls on both alike."""
    print("\nLinearity of full evaluation (DF-QuAD; median CPU ms, collector on; ratio = 20k / 2k;"
          " the sizes alternate)")
    kinds = {"mapgen acyclic": lambda n: generate_map(n, seed=3, cycles=False),
             "random-earlier acyclic": lambda n: generate(n, False),
             "mapgen cyclic": lambda n: generate_map(n, seed=3),
             "random-earlier cyclic": lambda n: generate(n, True)}
    for kind, make in kinds.items():
        maps = {n: make(n) for n in (2000, 20_000)}
        fws = {n: framework_from_map(amap) for n, amap in maps.items()}
        evs = {n: evaluate(fw) for n, fw in fws.items()}
        first: dict[int, list[float]] = {n: [] for n in maps}
        again: dict[int, list[float]] = {n: [] for n in maps}
        for _ in range(repeat):
            for n, amap in maps.items():
                fresh = framework_from_map(amap)
                first[n].append(cpu_ms(lambda: evaluate(fresh), 1))
                again[n].append(cpu_ms(lambda: evaluate(fws[n]), 1))
        (f2, a2), (f20, a20) = ((statistics.median(first[n]), statistics.median(again[n]))
                                for n in maps)
        u2, u20 = (updates(evs[n], fws[n]) for n in maps)
        work = f"node updates {u2:,} -> {u20:,} ({u20 / u2:4.1f}x)" if u2 else ""
        print(f"  {kind:<23} first {f2:6.1f} -> {f20:6.1f} ms ({f20 / f2:4.1f}x)   "
              f"again {a2:6.1f} -> {a20:6.1f} ms ({a20 / a2:4.1f}x)   {work}")


def collector(repeat: int) -> None:
    """Does the garbage collector work while a map is read and evaluated the first time?
    Runs with the collector on and off take turns (the machine's speed drifts), and the time
    spent in collections is taken from ``gc.callbacks`` as well."""
    print("\nGarbage collector while a map is read into a framework and evaluated "
          "(mapgen maps; runs with it on and off alternate)")
    for n in (2000, 20_000):
        amap = generate_map(n, seed=3)
        gc.collect()
        seen: list = []
        started = [0.0]

        def heard(phase, info):
            if phase == "start":
                started[0] = time.perf_counter()
            else:
                seen.append((info["generation"], info["collected"], info["uncollectable"],
                             time.perf_counter() - started[0]))
        on, off, spent = [], [], []
        for _ in range(repeat):
            before = len(seen)
            gc.callbacks.append(heard)
            on.append(cpu_ms(lambda: evaluate(framework_from_map(amap)), 1))
            gc.callbacks.remove(heard)
            spent.append(sum(s for *_x, s in seen[before:]) * 1000)
            gc.disable()
            off.append(cpu_ms(lambda: evaluate(framework_from_map(amap)), 1))
            gc.enable()
        runs = [sum(1 for g, *_x in seen if g == gen) for gen in range(3)]
        found = sum(c + u for _g, c, u, _s in seen)
        print(f"  {n:>6} nodes: {statistics.median(on):6.1f} ms CPU per read + evaluation "
              f"({statistics.median(off):6.1f} with the collector off; in collections "
              f"{statistics.median(spent):5.1f}); collections per generation {runs} over {repeat} "
              f"runs, objects they found {found}; unreachable after: {gc.collect()}")


def hard_cases() -> None:
    """The maps on which sensitivity used to hang (see the module docstring)."""
    print("\nSensitivity on the maps that used to hang (DF-QuAD, default work cap)")
    cases = {"odd attack ring, 21 nodes, base 1": ring(21),
             "odd attack ring, 2,001 nodes, base 1": ring(2001),
             "dense 2,000 nodes, 20,000 relations (cyclic)": dense(2000, acyclic=False),
             "dense 2,000 nodes, 20,000 relations (acyclic)": dense(2000, acyclic=True)}
    for label, amap in cases.items():
        fw = framework_from_map(amap)
        t0 = time.perf_counter()
        result = sensitivity(fw, "dfquad")
        t = time.perf_counter() - t0
        print(f"  {label:<46} {t:6.2f} s  examined {result.examined} of {result.total}, "
              f"{len(result.flips)} flips, {len(result.undecided)} undecided"
              f"{'' if result.complete else '  (stopped early or undecided: said so)'}")


def ring(n: int):
    """n claims in a ring, each attacking the next, base score 1; the first two are strategies."""
    nodes = [Node(id=f"c{i}", kind="strategy" if i < 2 else "claim", title=f"C{i}", base_score=1.0)
             for i in range(n)]
    edges = [Edge(id=f"e{i}", source=f"c{i}", target=f"c{(i + 1) % n}", relation="attack")
             for i in range(n)]
    return build_map(nodes, edges)


def dense(n: int, per: int = 10, *, acyclic: bool, seed: int = 1):
    """n nodes (10 strategies), per·n relations between random pairs (earlier to later only
    when *acyclic*), random weights and base scores."""
    rng = random.Random(seed)
    nodes = [Node(id=f"n{i}", kind="strategy" if i < 10 else "claim", title=f"N{i}",
                  base_score=round(rng.random(), 3)) for i in range(n)]
    seen: set[tuple[int, int]] = set()
    edges = []
    while len(edges) < per * n:
        a, b = rng.randrange(n), rng.randrange(n)
        if a == b or (a, b) in seen or (b, a) in seen or (acyclic and a < b):
            continue
        seen.add((a, b))
        edges.append(Edge(id=f"e{len(edges)}", source=f"n{a}", target=f"n{b}",
                          relation="support" if rng.random() < .5 else "attack",
                          weight=round(rng.random(), 3)))
    return build_map(nodes, edges)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10_000])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--skip-sizes", action="store_true", help="skip the per-size table")
    parser.add_argument("--skip-hard", action="store_true", help="skip the maps that used to hang")
    args = parser.parse_args(argv)
    if not args.skip_sizes:
        for n in args.sizes:
            for cyclic in (False, True):
                bench(n, cyclic, args.repeat)
    linearity(args.repeat)
    collector(args.repeat)
    if not args.skip_hard:
        hard_cases()


if __name__ == "__main__":
    main()
