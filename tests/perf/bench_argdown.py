"""Benchmark of Argdown import against the official Argdown CLI: not a test, a report.

Run: make bench (or .venv/bin/python tests/perf/bench_argdown.py [sizes...]).

For each size a map is generated (tests/mapgen.py) and written with our Argdown exporter.
Then, as whole processes, run in pairs one after the other (so both see the same load) and
reported as medians:

- ``reasonmap export N.argdown -o N.json`` against ``argdown json N.argdown`` (the official
  CLI, when ``node`` and an install of ``@argdown/cli`` are found: $ARGDOWN_CLI,
  tests/perf/peers/node_modules (``make bench`` installs it there, pinned), ./node_modules,
  /tmp/node_modules, /tmp/argdown-cli/node_modules or ``argdown`` on PATH; otherwise the
  figure recorded below is printed);
- ``reasonmap import N.argdown -o N.rmap`` (with layout), and in-process the parts of it:
  reading the Argdown, laying it out, writing the .rmap.

Our runs use compiled bytecode, as an installed Reasonmap does (pip and the bundle compile
it): a development shell that sets PYTHONDONTWRITEBYTECODE would otherwise compile every
module of the app on every run. Each command runs once unmeasured first. Both wall-clock
and CPU seconds (user + system, from the kernel) are reported: on a shared machine the CPU
ratio is the steadier one.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

from mapgen import generate_map  # noqa: E402

from app.io.argdown import read_argdown, write_argdown  # noqa: E402

# Official CLI (@argdown/cli on node 20), seconds per whole `argdown json` run, median of
# 5 paired runs on the shared 2-core development machine, 2026-12-01 (load about 1.5).
RECORDED_OFFICIAL = {1000: 0.75, 5000: 1.19, 10000: 1.46}


def official_cli() -> list[str] | None:
    """The command that runs the official Argdown CLI here, or None."""
    if shutil.which("node") is None:
        return None
    candidates = [os.environ.get("ARGDOWN_CLI", ""), str(ROOT / "tests/perf/peers/node_modules/.bin/argdown"),
                  str(ROOT / "node_modules/.bin/argdown"),
                  "/tmp/node_modules/.bin/argdown", "/tmp/argdown-cli/node_modules/.bin/argdown",
                  shutil.which("argdown") or ""]
    for c in candidates:
        if c and Path(c).exists():
            return [c]
    return None


PYCACHE = Path(tempfile.gettempdir()) / "reasonmap-bench-pycache"


def run_seconds(cmd: list[str], cwd: Path) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one whole process; raises if it fails."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT), PYTHONPYCACHEPREFIX=str(PYCACHE))
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed")
    return wall, usage.ru_utime + usage.ru_stime


def paired(commands: dict[str, list[str]], cwd: Path, repeat: int) -> dict[str, tuple[float, float]]:
    """Median (wall, CPU) seconds of each command, the commands run in turn *repeat* times
    after one unmeasured run each."""
    for cmd in commands.values():
        run_seconds(cmd, cwd)
    times: dict[str, list[tuple[float, float]]] = {k: [] for k in commands}
    for _ in range(repeat):
        for name, cmd in commands.items():
            times[name].append(run_seconds(cmd, cwd))
    return {k: (statistics.median(w for w, _ in v), statistics.median(c for _, c in v))
            for k, v in times.items()}


def median_s(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def in_process_parts(path: Path, folder: Path, repeat: int) -> list[tuple[str, float]]:
    """Seconds of the import's parts: read the Argdown, lay it out, write the .rmap."""
    from app.document import Document
    from app.render.export import with_layout
    text = path.read_text(encoding="utf-8")
    amap = read_argdown(text).map
    laid = with_layout(amap)
    out = folder / "parts.rmap"

    def save():
        if out.exists():
            out.unlink()
        Document.new(out, laid).close()
    return [("read Argdown (in process)", median_s(lambda: read_argdown(text), repeat)),
            ("layout (in process)", median_s(lambda: with_layout(amap), repeat)),
            ("write .rmap (in process)", median_s(save, repeat))]


def bench(n: int, folder: Path, cli: list[str] | None, repeat: int) -> None:
    src = folder / f"N{n}.argdown"
    src.write_text(write_argdown(generate_map(n)), encoding="utf-8")
    print(f"\n== {n} statements ({src.stat().st_size // 1024} KB of Argdown) ==")
    py = [sys.executable, "-m", "app"]
    commands = {"reasonmap export → JSON": py + ["export", src.name, "-o", f"ours{n}.json"]}
    if cli:
        commands["official argdown json"] = cli + ["json", src.name, str(folder)]
    medians = paired(commands, folder, repeat)
    ours, ours_cpu = medians["reasonmap export → JSON"]
    official, official_cpu = medians.get("official argdown json", (None, None))
    for name, (s, cpu) in medians.items():
        print(f"  {name:<42} {s:7.2f} s  ({cpu:.2f} s CPU; medians of {repeat}, whole process)")
    if official is None and n in RECORDED_OFFICIAL:
        official = RECORDED_OFFICIAL[n]
        print(f"  {'official argdown json (recorded)':<42} {official:7.2f} s")
    if official:
        cpu_ratio = f", CPU {ours_cpu / official_cpu:.2f}" if official_cpu else ""
        print(f"  {'ratio ours / official':<42} {ours / official:7.2f}   (wall{cpu_ratio}; target at most 0.50)")
    rmap = folder / f"ours{n}.rmap"
    imports = []
    for _ in range(repeat):
        if rmap.exists():
            rmap.unlink()
        imports.append(run_seconds(py + ["import", src.name, "-o", rmap.name], folder))
    print(f"  {'reasonmap import → .rmap with layout':<42} {statistics.median(w for w, _ in imports):7.2f} s  "
          f"({statistics.median(c for _, c in imports):.2f} s CPU; target under 2 s at 5,000)")
    for label, s in in_process_parts(src, folder, repeat):
        print(f"    {label:<40} {s:7.2f} s")


def main(sizes: list[int]) -> None:
    cli = official_cli()
    print("official Argdown CLI:", " ".join(cli) if cli else "not found; recorded figures shown")
    repeat = int(os.environ.get("BENCH_REPEAT", "5"))
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            bench(n, Path(tmp), cli, repeat)


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 5000, 10000])
