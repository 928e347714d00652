"""`reasonmap --self-test`: open the shipped map, weigh it with every semantics and export
images headlessly; one line per check, non-zero exit on any failure. Works frozen too."""

from __future__ import annotations

import sys
import tempfile
import time
import traceback
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Callable

SHIPPED = ("argument_maps", "prosocial-drives.argdown")


class SelfTest:
    def __init__(self, out=sys.stdout) -> None:
        self.out = out
        self.failures = 0

    def check(self, name: str, fn: Callable[[], str]) -> bool:
        start = time.perf_counter()
        try:
            detail = fn()
            ok = True
        except Exception as exc:  # a self-test reports every failure, whatever its type
            detail = f"{type(exc).__name__}: {exc}"
            if "--verbose" in sys.argv:
                traceback.print_exc()
            ok = False
        ms = (time.perf_counter() - start) * 1000
        self.failures += not ok
        print(f"{'ok  ' if ok else 'FAIL'}  {name:<34} {ms:7.0f} ms  {detail}", file=self.out, flush=True)
        return ok


def run_self_test() -> int:
    t = SelfTest()
    state: dict = {}
    with tempfile.TemporaryDirectory(prefix="reasonmap-selftest-") as tmp:
        folder = Path(tmp)
        t.check("shipped map is bundled", lambda: _find_shipped(state))
        t.check("import into a new .rmap", lambda: _import(state, folder))
        t.check("reopen and verify the file", lambda: _reopen(state))
        from .model import SEMANTICS
        for sem in SEMANTICS:
            t.check(f"evaluate ({sem})", lambda sem=sem: _evaluate(state, sem))
        for fmt in ("png", "svg", "pdf"):
            t.check(f"export {fmt.upper()}", lambda fmt=fmt: _export(state, folder, fmt))
        if "doc" in state:
            state["doc"].close()
    print(f"{'self-test passed' if not t.failures else f'self-test FAILED ({t.failures} checks)'}")
    return 1 if t.failures else 0


def _find_shipped(state) -> str:
    from .resources import resource_path
    path = resource_path(*SHIPPED)
    if not path.is_file():
        raise FileNotFoundError(f"{path} is missing")
    state["source"] = path
    return str(path)


def _import(state, folder: Path) -> str:
    from .document import Document
    doc = Document.import_as(state["source"], folder / "shipped.rmap")
    state["doc"] = doc
    return f"{len(doc.map.nodes)} nodes, {len(doc.map.edges)} relations"


def _reopen(state) -> str:
    from .store import Store
    doc = state["doc"]
    path = doc.path
    doc.close()
    store = Store.open(path, read_only=True)
    again = store.load()
    store.close()
    from .document import Document
    state["doc"] = Document.open(path)
    if again != state["doc"].map:
        raise AssertionError("the reopened map differs from the imported one")
    return "sound"


def _evaluate(state, semantics: str) -> str:
    from .reasoning import evaluate, framework_from_map, rank_strategies
    amap = state["doc"].map
    fw = framework_from_map(amap)
    ev = evaluate(fw, semantics)
    ranking = rank_strategies(fw, ev)
    if not ev.converged:
        raise AssertionError(f"did not converge ({ev.method})")
    if len(ranking) < 4 or not all(0.0 <= e.strength <= 1.0 for e in ranking):
        raise AssertionError(f"unexpected ranking {ranking}")
    return f"top: {ranking[0].title} ({ranking[0].strength:.3f})"


def _export(state, folder: Path, fmt: str) -> str:
    from .render.export import export_image
    amap = state["doc"].map
    out = folder / f"shipped.{fmt}"
    export_image(amap, out, fmt=fmt)
    data = out.read_bytes()
    if fmt == "png":
        from PySide6.QtGui import QImage
        img = QImage(str(out))
        if img.isNull() or img.width() < 200 or img.height() < 200:
            raise AssertionError("the PNG is empty or tiny")
        return f"{img.width()}x{img.height()} px"
    if fmt == "svg":
        root = ET.fromstring(data)
        words = set(" ".join(root.itertext()).split())  # titles may wrap over several lines
        missing = [n.title for n in amap.nodes.values() if not set(n.title.split()) <= words]
        if missing:
            raise AssertionError(f"{len(missing)} titles missing from the SVG, e.g. {missing[0]!r}")
        return f"{len(data) // 1024} KB, every title as text"
    if not data.startswith(b"%PDF"):
        raise AssertionError("not a PDF")
    return f"{len(data) // 1024} KB"
