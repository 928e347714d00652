"""Live sessions (issue 15, check 9): an edit on one laptop, committed on another, over two
hops (laptop A -> the host's room -> laptop B), on loopback, each laptop its own process.

Measures, for 500 edits made at 50 per second on A: the time from A's command to B's commit
(B's document tells its views after the commit), p50/p90/p99/max; then a burst of 500 edits
made as fast as A can: the time until B has committed the last of them.

Run: python tests/perf/bench_live.py  (part of `make bench`)
"""

from __future__ import annotations

import asyncio
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

RATE, COUNT, BURST = 50, 500, 500


async def peer(code_text: str, out: str) -> None:
    """Laptop B: join, and print each bench card's title with the time of its commit."""
    from app.live.code import JoinCode
    from app.live.runner import Participant, open_copy
    from app.model.changes import Added
    loop = asyncio.get_running_loop()
    part = Participant(JoinCode.parse(code_text), loop.call_soon, name="B", later=loop.call_later)
    doc = open_copy(Path(out))
    session = part.attach(doc)

    def committed(event) -> None:
        now = time.monotonic()
        for change in event.changeset.changes:
            if isinstance(change, Added) and getattr(change.record, "title", "").startswith("bench-"):
                print(change.record.title, now, flush=True)
    doc.changed.subscribe(committed)
    session.status_changed.append(lambda s: print("status", s, flush=True))
    await part.run()


class Arrivals:
    """B's output, read on a thread: title -> commit time."""

    def __init__(self, proc) -> None:
        self.times: dict[str, float] = {}
        self.connected = threading.Event()
        threading.Thread(target=self._read, args=(proc,), daemon=True).start()

    def _read(self, proc) -> None:
        for line in proc.stdout:
            parts = line.split()
            if parts[:2] == ["status", "connected"]:
                self.connected.set()
            elif len(parts) == 2 and parts[0].startswith("bench-"):
                self.times[parts[0]] = float(parts[1])


async def laptop_a(code, path: Path, arrivals: Arrivals) -> dict:
    """Laptop A as the window runs it: the network on its own thread, the document here."""
    from app.live.runner import Participant, open_copy
    from app.live.thread import NetworkThread
    from app.model.commands import AddNode
    loop = asyncio.get_running_loop()
    part = Participant(code, lambda fn, *a: loop.call_soon_threadsafe(fn, *a), name="A",
                       later=loop.call_later)
    doc = open_copy(path)
    part.attach(doc)
    net = NetworkThread()
    task = asyncio.wrap_future(net.submit(part.run()))
    while part.session.status != "connected" or not doc.map.nodes:
        await asyncio.sleep(0.05)
    sent = {}
    start = time.monotonic()
    for i in range(COUNT):                       # 50 edits per second
        await asyncio.sleep(max(0.0, start + i / RATE - time.monotonic()))
        sent[f"bench-{i}"] = time.monotonic()
        doc.execute(AddNode(title=f"bench-{i}"))
    await _wait_for(lambda: all(t in arrivals.times for t in sent), 30)
    lat = sorted((arrivals.times[t] - sent[t]) * 1000 for t in sent)
    burst_start = time.monotonic()
    for i in range(BURST):                       # as fast as laptop A can commit
        doc.execute(AddNode(title=f"bench-burst-{i}"))
        if i % 20 == 0:
            await asyncio.sleep(0)
    made = time.monotonic() - burst_start
    names = [f"bench-burst-{i}" for i in range(BURST)]
    await _wait_for(lambda: all(n in arrivals.times for n in names), 60)
    settled = max(arrivals.times[n] for n in names) - burst_start
    await asyncio.wrap_future(net.submit(part.stop()))
    await asyncio.gather(task, return_exceptions=True)
    net.stop()
    doc.close()
    return {"lat": lat, "made": made, "settled": settled}


async def _wait_for(condition, limit: float) -> None:
    end = time.monotonic() + limit
    while not condition():
        if time.monotonic() > end:
            raise SystemExit("bench_live: laptop B did not receive every edit in time")
        await asyncio.sleep(0.01)


def percentile(values, p):
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def main() -> int:
    from app.document import Document
    from app.live.code import JoinCode
    tmp = Path(tempfile.mkdtemp(prefix="bench-live-"))
    Document.import_as(ROOT / "argument_maps" / "prosocial-drives.argdown", tmp / "host.rmap").close()
    host = subprocess.Popen([sys.executable, "-m", "app", "host", str(tmp / "host.rmap"), "--bind", "127.0.0.1",
                             "--port", "0"], stdout=subprocess.PIPE, text=True, cwd=ROOT)
    b = None
    try:
        code = JoinCode.parse(host.stdout.readline().split(": ", 1)[1])
        b = subprocess.Popen([sys.executable, __file__, "--peer", str(code), str(tmp / "b.rmap")],
                             stdout=subprocess.PIPE, text=True, cwd=ROOT)
        arrivals = Arrivals(b)
        if not arrivals.connected.wait(30):
            raise SystemExit("bench_live: laptop B did not connect")
        r = asyncio.run(laptop_a(code, tmp / "a.rmap", arrivals))
    finally:
        for proc in (b, host):
            if proc is not None:
                proc.terminate()
                proc.wait(30)
    lat = r["lat"]
    print(f"Live session, prosocial-drives map (59 cards), three processes on loopback, TLS:")
    print(f"  {COUNT} edits at {RATE}/s on laptop A -> committed on laptop B (two hops): "
          f"p50 {statistics.median(lat):.1f} ms, p90 {percentile(lat, 90):.1f} ms, "
          f"p99 {percentile(lat, 99):.1f} ms, max {lat[-1]:.1f} ms")
    print(f"  burst of {BURST} edits: made on A in {r['made']:.2f} s, all committed on B "
          f"{r['settled']:.2f} s after the first")
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--peer"]:
        asyncio.run(peer(sys.argv[2], sys.argv[3]))
    else:
        sys.exit(main())
