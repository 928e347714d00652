"""The Qt-free packages work on a machine without Qt: PySide6 is made unimportable in a
fresh interpreter, then every core module is imported and a document is edited, weighed and
evaluated from the command line."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORE = ("app.model", "app.reasoning", "app.store", "app.io", "app.layout", "app.document")

SCRIPT = r'''
import importlib, importlib.abc, pkgutil, sys, tempfile
from pathlib import Path

class NoQt(importlib.abc.MetaPathFinder):
    """Refuse PySide6 and shiboken6 as if they were not installed."""
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("PySide6", "shiboken6"):
            raise ModuleNotFoundError(f"No module named {name!r} (blocked)")
        return None

sys.meta_path.insert(0, NoQt())
try:
    import PySide6  # noqa: F401
    raise SystemExit("the blocker let PySide6 through")
except ModuleNotFoundError:
    pass
count = 0
for package in CORE:
    module = importlib.import_module(package)
    for info in pkgutil.walk_packages(module.__path__, package + "."):
        importlib.import_module(info.name)
        count += 1
from app.cli import main
from app.document import Document
from app.model import AddNode, EditNode, Node, SetScore
from app.model.build import build_map
folder = Path(tempfile.mkdtemp())
doc = Document.new(folder / "h.rmap", build_map([Node(id="s", kind="strategy", title="Plan")]))
cs = doc.execute(AddNode(title="Cheap", parent="s", base_score=0.4))
doc.execute(SetScore(cs.changes[0].record.id, 0.9))
doc.execute(EditNode("s", {"title": "The plan"}))
print("strength", round(doc.weighing.strength("s"), 3), "modules", count)
doc.close()
code = main(["evaluate", str(folder / "h.rmap")])
assert "PySide6" not in sys.modules and "shiboken6" not in sys.modules
sys.exit(code)
'''


def test_the_core_runs_with_pyside6_unimportable():
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    script = f"CORE = {CORE!r}\n" + SCRIPT
    done = subprocess.run([sys.executable, "-c", script], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "strength 0.95" in done.stdout            # .5 + .5 · .9
    assert "The plan" in done.stdout                 # the CLI's ranking, after the rename
    modules = int(done.stdout.split("modules")[1].split()[0])
    assert modules >= 30
