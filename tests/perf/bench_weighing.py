"""Benchmark of live weighing (a script, not a test): edit → up-to-date Weighing results.

    .venv/bin/python tests/perf/bench_weighing.py [--nodes 1000 10000 20000] [--edits 20]
                                                  [--profile KIND]

A generated map (tests/mapgen.py generate_map, with cycles: at 10,000 cards one component of
about 1,400 cards lies downstream of most edits) is opened as a document, and for each kind
of edit the script executes 20 edits and times the document's Weighing (``doc.weighing``):
from the end of the file write to its ``changed`` signal, i.e. re-evaluation, re-labelling,
re-ranking and finding what moved. The kinds: a base score, a weight, adding a reason,
adding an objection from one card to another (which may close a cycle), deleting a relation
(which may break one), deleting a card with its relations, undo and redo of all of these, and
an assessment under a participant's perspective. Prints the median and the worst in ms, and
the first full evaluation. Target: a few ms per edit at 10,000 cards.

``--profile KIND`` prints where the Weighing's time went for the edits of that kind.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from app.document import Document  # noqa: E402
from app.model import (AddNode, AddParticipant, Assess, Connect, DeleteEdges,  # noqa: E402
                       DeleteNodes, SetScore, SetWeight)
from mapgen import generate_map  # noqa: E402

KINDS = ("base score", "weight", "add a reason", "add an objection", "delete a relation",
         "delete a card", "undo", "redo", "assessment")


class Clock:
    """Times the Weighing's part of each edit: from the end of the write to its signal."""

    def __init__(self, doc, profile_kind: str | None) -> None:
        self.doc, self.kind, self.profile_kind = doc, "", profile_kind
        self.profile = cProfile.Profile() if profile_kind else None
        self.times: dict[str, list[float]] = {k: [] for k in KINDS}
        self.written = 0.0
        write = doc.store.write

        def timed_write(cs, *args, **kwargs):
            write(cs, *args, **kwargs)
            self.written = time.perf_counter()
            if self.profile is not None and self.kind == self.profile_kind:
                self.profile.enable()
        doc.store.write = timed_write
        doc.weighing.changed.subscribe(self._heard)

    def _heard(self, _update) -> None:
        if self.profile is not None:
            self.profile.disable()
        if self.written:
            self.times[self.kind].append((time.perf_counter() - self.written) * 1000)
            self.written = 0.0

    def run(self, kind: str, action) -> None:
        self.kind, self.written = kind, 0.0
        action()


def edits(doc, clock: Clock, rng: random.Random, count: int) -> None:
    """*count* edits of every kind, undone and redone."""
    amap = doc.map
    for i in range(count):
        claims = sorted(n for n in amap.nodes if n.startswith("c"))
        edges = sorted(amap.edges)
        clock.run("base score", lambda: doc.execute(SetScore(rng.choice(claims), round(rng.random(), 3))))
        clock.run("weight", lambda: doc.execute(SetWeight(rng.choice(edges), round(rng.random(), 3))))
        clock.run("add a reason", lambda: doc.execute(AddNode(title=f"Reason {i}", parent=rng.choice(claims))))
        a, b = rng.sample(claims, 2)
        if all(e.target != b for e in amap.outgoing(a)):
            clock.run("add an objection", lambda: doc.execute(Connect(a, b, "attack", 0.8)))
        clock.run("delete a relation", lambda: doc.execute(DeleteEdges((rng.choice(sorted(amap.edges)),))))
        clock.run("delete a card", lambda: doc.execute(DeleteNodes((rng.choice(claims),))))
    for kind in ("undo", "redo"):
        for _ in range(count):
            clock.run(kind, getattr(doc, kind))


def assessments(doc, clock: Clock, rng: random.Random, count: int) -> None:
    doc.weighing.set_perspective("P")
    targets = sorted(doc.map.nodes) + sorted(doc.map.edges)
    for _ in range(count):
        clock.run("assessment", lambda: doc.execute(Assess("P", rng.choice(targets), round(rng.random(), 3))))
    doc.weighing.set_perspective("map")


def bench(n: int, count: int, profile_kind: str | None, folder: Path) -> dict[str, list[float]]:
    doc = Document.new(folder / f"bench{n}.rmap", generate_map(n, seed=7))
    doc.execute(AddParticipant("Bench", participant_id="P"))
    weighing = doc.weighing
    t0 = time.perf_counter()
    weighing.set_perspective("map")      # a full evaluation, timed
    first = (time.perf_counter() - t0) * 1000
    print(f"{n} nodes, {len(doc.map.edges)} edges: full evaluation {first:.1f} ms "
          f"({weighing.status()})", flush=True)
    clock = Clock(doc, profile_kind)
    rng = random.Random(n)
    edits(doc, clock, rng, count)
    assessments(doc, clock, rng, count)
    if clock.profile is not None:
        print(f"\nprofile of the Weighing's part of every '{profile_kind}' edit at {n} nodes:")
        pstats.Stats(clock.profile).sort_stats("cumulative").print_stats(30)
    doc.close()
    return clock.times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, nargs="+", default=[1000, 10_000, 20_000])
    parser.add_argument("--edits", type=int, default=20)
    parser.add_argument("--profile", choices=KINDS, help="profile the edits of this kind")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        rows = {n: bench(n, args.edits, args.profile, Path(folder)) for n in args.nodes}
    print("\nedit → Weighing up to date (after the file write), ms: median / worst")
    print("| edit | " + " | ".join(f"{n:,} nodes" for n in rows) + " |")
    print("|---|" + "---|" * len(rows))
    for kind in KINDS:
        cells = [f"{statistics.median(t):.2f} / {max(t):.1f}" if t else "–"
                 for t in (r[kind] for r in rows.values())]
        print(f"| {kind} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
