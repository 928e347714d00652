"""Side by side with Graphviz `dot` in the same run (standalone script, not a pytest test).

For generated maps of both kinds (``tree``: tests/mapgen.py's debates; ``links``: every card
links to a random earlier card, many long edges) and each size it measures, as whole
processes (median of --repeat runs after one unmeasured run of ours, paired: ours then dot;
ours with compiled bytecode, as an installed Reasonmap runs):

- ``ours s``: ``reasonmap export MAP.json -o MAP.svg`` (start-up, import, layout, routing,
  weighing, SVG); ``dot s``: ``dot -Tsvg`` on our DOT export of the same map; the ratio of
  the wall-clock medians and (``cpu x``) of the CPU-time medians;
- peak memory (max RSS) of each, and of ``reasonmap export MAP.json -o MAP.pdf`` (``svg/pdf``
  is ours over the PDF's);
- the SVG file sizes (``size x``: ours over dot's);
- edge crossings of both drawings, counted by the same counter as straight centre-to-centre
  segments (our layout in this process; dot's node centres from ``dot -Tplain``), and the
  aspect ratio (width / height) of both drawings.

dot gets --dot-timeout seconds per run ("timeout" when it does not finish; the ratio is then
an upper bound, "<r").
Needs Graphviz (apt-get install graphviz) and GNU time (apt-get install time), which reads
each process's own peak memory and CPU time.
Run from the project root:  python tests/perf/bench_peers.py
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.io import export_map  # noqa: E402
from app.layout import count_crossings  # noqa: E402
from mapgen import generate_links_map, generate_map  # noqa: E402

KINDS = {"tree": generate_map, "links": generate_links_map}
DOT = "/usr/bin/dot" if Path("/usr/bin/dot").exists() else "dot"
CPU_TIMES: dict[str, list[float]] = {}
PYCACHE = Path(tempfile.gettempdir()) / "reasonmap-bench-pycache"


TIME = "/usr/bin/time"      # GNU time: the measured process's own peak memory and CPU time


def run(cmd: list[str], timeout: float) -> tuple[float, float]:
    """Wall time and peak memory (MB) of one whole process; (inf, nan) on a timeout.
    The process's CPU time (user + system) is appended to CPU_TIMES[cmd[0]].

    The command runs under GNU time, which starts it from its own small process and reads
    its peak memory (the peak that wait4 reports for a child of this large Python process
    never reads below this process's own size: the child starts as a copy of it); the CPU
    time is wait4's, to the microsecond (GNU time's own adds about a millisecond)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(PYTHONPATH=str(ROOT), PYTHONPYCACHEPREFIX=str(PYCACHE))   # compiled, as installed
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        t = time.perf_counter()
        proc = subprocess.Popen([TIME, "-f", "%M", "-o", report.name, *cmd], env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                start_new_session=True)
        deadline = t + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                os.killpg(proc.pid, 9)
                os.wait4(proc.pid, 0)
                return float("inf"), float("nan")
            time.sleep(0.005)
        elapsed = time.perf_counter() - t
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            raise RuntimeError(f"{cmd[:3]} failed: {proc.stderr.read().decode()[:300]}")
        peak_kb = int(report.read().split()[-1])
    CPU_TIMES.setdefault(cmd[0], []).append(usage.ru_utime + usage.ru_stime)
    return elapsed, peak_kb / 1024


def dot_centres(dot_file: Path, timeout: float) -> tuple[dict[str, tuple[float, float]], float] | None:
    """Node centres (DOT names) and the aspect ratio of dot's own layout, or None."""
    try:
        out = subprocess.run([DOT, "-Tplain", str(dot_file)], capture_output=True, text=True,
                             timeout=timeout, check=True).stdout
    except subprocess.TimeoutExpired:
        return None
    pos, aspect = {}, float("nan")
    for line in out.splitlines():
        parts = line.split()
        if parts and parts[0] == "graph":
            aspect = float(parts[2]) / float(parts[3])
        elif parts and parts[0] == "node":
            pos[parts[1]] = (float(parts[2]), float(parts[3]))
    return pos, aspect


def our_drawing(amap) -> tuple[int, float]:
    """Crossings and aspect ratio of our layout of *amap* (cards measured as the SVG export
    measures them)."""
    from app.drawing.placing import measure_nodes, place_missing
    sizes = {n: m.size for n, m in measure_nodes(amap).items()}
    pos = place_missing(amap, sizes)
    edges = [(e.source, e.target) for e in amap.edges.values()]
    x0 = min(pos[v][0] - sizes[v][0] / 2 for v in pos)
    x1 = max(pos[v][0] + sizes[v][0] / 2 for v in pos)
    y0 = min(pos[v][1] - sizes[v][1] / 2 for v in pos)
    y1 = max(pos[v][1] + sizes[v][1] / 2 for v in pos)
    return count_crossings(pos, edges), (x1 - x0) / (y1 - y0)


def dot_drawing(amap, dot_file: Path, timeout: float) -> tuple[float, float]:
    """Crossings and aspect ratio of dot's layout of *amap* (nan if dot timed out)."""
    got = dot_centres(dot_file, timeout)
    if got is None:
        return float("nan"), float("nan")
    pos, aspect = got
    short = {nid: f"n{i}" for i, nid in enumerate(amap.nodes)}
    edges = [(short[e.source], short[e.target]) for e in amap.edges.values()]
    return count_crossings(pos, edges), aspect


def bench(kind: str, n: int, repeat: int, timeout: float, folder: Path, quality: bool) -> dict:
    """One table row: paired whole-process runs of ours and dot on one generated map."""
    amap = KINDS[kind](n, seed=n)
    src, dot_file = folder / f"{kind}{n}.json", folder / f"{kind}{n}.dot"
    export_map(amap, src)
    export_map(amap, dot_file)
    ours_cmd = [sys.executable, "-m", "app", "export", str(src), "-o", str(folder / "o.svg")]
    pdf_cmd = [sys.executable, "-m", "app", "export", str(src), "-o", str(folder / "o.pdf")]
    dot_cmd = [DOT, "-Tsvg", str(dot_file), "-o", str(folder / "d.svg")]
    ours, theirs = [], []
    run(ours_cmd, 3600)                 # unmeasured: bytecode written, files cached
    CPU_TIMES.clear()
    for _ in range(repeat):
        ours.append(run(ours_cmd, 3600))
        theirs.append(run(dot_cmd, timeout))
        if theirs[-1][0] == float("inf"):
            break                       # one timeout is enough
    row = {"kind": kind, "n": n, "edges": len(amap.edges),
           "ours": statistics.median(t for t, _ in ours), "ours MB": max(m for _, m in ours),
           "dot": statistics.median(t for t, _ in theirs), "dot MB": max(m for _, m in theirs),
           "ours cpu": statistics.median(CPU_TIMES[sys.executable]),
           "dot cpu": statistics.median(CPU_TIMES.get(DOT, [float("nan")])),
           "pdf MB": run(pdf_cmd, 3600)[1],
           "svg KB": (folder / "o.svg").stat().st_size / 1024,
           "dot KB": (folder / "d.svg").stat().st_size / 1024 if theirs[-1][0] < timeout else float("nan")}
    if quality:
        row["x ours"], row["aspect ours"] = our_drawing(amap)
        row["x dot"], row["aspect dot"] = dot_drawing(amap, dot_file, timeout)
    return row


def _cell(value: float, digits: int = 2) -> str:
    if value == float("inf"):
        return "timeout"
    return "-" if value != value else f"{value:.{digits}f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[200, 1_000, 3_000, 10_000])
    parser.add_argument("--kinds", nargs="*", default=list(KINDS), choices=list(KINDS))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--dot-timeout", type=float, default=300.0)
    parser.add_argument("--quality-up-to", type=int, default=3_000,
                        help="count crossings of both drawings up to this size")
    args = parser.parse_args()
    if not Path(TIME).exists():
        sys.exit(f"{TIME} is needed to read each process's memory: apt-get install time")
    print("wall seconds (CPU seconds); memory = peak RSS; x = crossings; asp = width/height")
    print(f"{'kind':>5} {'N':>6} {'edges':>6} {'ours s':>13} {'dot s':>14} {'ratio':>6} {'cpu x':>6} "
          f"{'ours MB':>7} {'PDF MB':>7} {'svg/pdf':>7} {'dot MB':>7} {'SVG KB':>8} {'dot KB':>8} "
          f"{'size x':>6} {'x ours':>7} {'x dot':>7} {'asp ours':>8} {'asp dot':>8}", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            for kind in args.kinds:
                r = bench(kind, n, args.repeat, args.dot_timeout, Path(tmp), n <= args.quality_up_to)
                ours = f"{r['ours']:.2f} ({r['ours cpu']:.2f})"
                dot = f"{_cell(r['dot'])} ({_cell(r['dot cpu'])})"
                ratio = (_cell(r["ours"] / r["dot"]) if r["dot"] != float("inf")
                         else f"<{r['ours'] / args.dot_timeout:.3f}")
                cpu = _cell(r["ours cpu"] / r["dot cpu"]) if r["dot"] != float("inf") else "-"
                print(f"{kind:>5} {n:>6} {r['edges']:>6} {ours:>13} {dot:>14} "
                      f"{ratio:>6} {cpu:>6} {r['ours MB']:>7.0f} {r['pdf MB']:>7.0f} "
                      f"{r['ours MB'] / r['pdf MB']:>7.2f} "
                      f"{_cell(r['dot MB'], 0):>7} {r['svg KB']:>8.0f} {_cell(r['dot KB'], 0):>8} "
                      f"{_cell(r['svg KB'] / r['dot KB']):>6} "
                      f"{_cell(r.get('x ours', float('nan')), 0):>7} {_cell(r.get('x dot', float('nan')), 0):>7} "
                      f"{_cell(r.get('aspect ours', float('nan'))):>8} "
                      f"{_cell(r.get('aspect dot', float('nan'))):>8}", flush=True)


if __name__ == "__main__":
    main()
