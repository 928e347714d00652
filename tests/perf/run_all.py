"""`make bench`: run every benchmark script in this folder, one after another."""

import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ORDER = ["bench_core.py", "bench_reasoning.py", "bench_layout.py", "bench_render.py", "bench_weighing.py",
         "bench_argdown.py", "bench_peers.py", "bench_live.py"]


def main() -> int:
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    scripts = [HERE / s for s in ORDER if (HERE / s).exists()]
    scripts += sorted(p for p in HERE.glob("bench_*.py") if p.name not in ORDER)
    failed = 0
    for script in scripts:
        print(f"\n######## {script.name}", flush=True)
        failed += subprocess.run([sys.executable, str(script)], env=env).returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
