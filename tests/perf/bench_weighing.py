"""Benchmark of live weighing (a script, not a test): edit → up-to-date Weighing results.

    .venv/bin/python tests/perf/bench_weighing.py [--nodes 1000] [--edits 40]

A generated map (tests/mapgen.py generate_map, with cycles) is opened as a document; each
edit (a base score or a weight, alternately) is executed and the time until the document's
Weighing (``doc.weighing``) has re-evaluated and re-ranked is measured. Prints the median and the worst time in
ms for the map's own values and for a participant's perspective. Target: median < 50 ms.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from app.document import Document  # noqa: E402
from app.model import AddParticipant, Assess, SetScore, SetWeight  # noqa: E402
from mapgen import generate_map  # noqa: E402


def measure(doc, weighing, edits: int, rng: random.Random, assess: str | None):
    """Milliseconds per edit, from execute to the Weighing's changed signal, and the part of
    it after the file write (the weighing itself)."""
    nodes, edges = sorted(doc.map.nodes), sorted(doc.map.edges)
    done: list[float] = []
    after_write: list[float] = []
    stamp = {}
    write = doc.store.write

    def timed_write(cs):
        write(cs)
        stamp["w"] = time.perf_counter()
    doc.store.write = timed_write
    unsubscribe = weighing.changed.subscribe(lambda _u: stamp.__setitem__("t", time.perf_counter()))
    for i in range(edits):
        value = round(rng.random(), 3)
        if assess:
            cmd = Assess(assess, rng.choice(nodes + edges), value)
        elif i % 2:
            cmd = SetWeight(rng.choice(edges), value)
        else:
            cmd = SetScore(rng.choice(nodes), value)
        start = time.perf_counter()
        doc.execute(cmd)
        done.append((stamp["t"] - start) * 1000)
        after_write.append((stamp["t"] - stamp["w"]) * 1000)
    unsubscribe()
    doc.store.write = write
    return done, after_write


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=1000)
    parser.add_argument("--edits", type=int, default=40)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        doc = Document.new(Path(folder) / "bench.rmap", generate_map(args.nodes, seed=7))
        doc.execute(AddParticipant("Bench", participant_id="P"))
        t0 = time.perf_counter()
        weighing = doc.weighing
        weighing.set_perspective("map")      # a full evaluation, timed
        print(f"{args.nodes} nodes, {len(doc.map.edges)} edges; first evaluation "
              f"{(time.perf_counter() - t0) * 1000:.1f} ms ({weighing.status()})")
        rng = random.Random(3)
        for label, perspective, assess in (("map values", "map", None), ("participant", "P", "P")):
            weighing.set_perspective(perspective)
            times, own = measure(doc, weighing, args.edits, rng, assess)
            print(f"edit → results ({label}): median {statistics.median(times):.1f} ms, "
                  f"worst {max(times):.1f} ms over {len(times)} edits, file write included; "
                  f"weighing alone median {statistics.median(own):.1f} ms, worst {max(own):.1f} ms")
        doc.close()


if __name__ == "__main__":
    main()
