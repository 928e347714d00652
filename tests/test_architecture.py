"""The layer rules of DESIGN §2, checked on the source (lazy imports included)."""

import ast
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parents[1] / "app"
QT = ("PySide6", "shiboken6")
SQL = ("sqlite3", "sqlite_utils")
RULES = {
    "model": QT + SQL + ("app.store", "app.io", "app.document", "app.render", "app.ui", "app.reasoning"),
    "reasoning": QT + SQL + ("app.store", "app.io", "app.document", "app.render", "app.ui"),
    "store": QT + ("app.document", "app.render", "app.ui"),
    "io": QT + ("app.document", "app.render", "app.ui", "app.store"),
    "layout": QT + ("app.document", "app.render", "app.ui", "app.store", "app.io"),
    "document": QT + ("app.render", "app.ui"),
    "render": ("PySide6.QtWidgets", "app.ui", "app.document", "app.store"),
    # the Qt-free drawing (SVG export): nothing above it, no files or formats of its own
    "drawing": QT + ("app.render", "app.ui", "app.document", "app.store", "app.io", "app.cli"),
}


def imported_names(path: Path, package: str):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    module = "app." + ".".join(path.relative_to(APP).with_suffix("").parts)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".")[: -node.level]
                name = ".".join(base + ([node.module] if node.module else []))
            else:
                name = node.module or ""
            yield node.lineno, name
            for alias in node.names:
                yield node.lineno, f"{name}.{alias.name}"


@pytest.mark.parametrize("package", sorted(RULES))
def test_layer_imports(package):
    folder = APP / package
    if not folder.exists():
        pytest.skip(f"app/{package} not written yet")
    bad = []
    for path in sorted(folder.rglob("*.py")):
        for lineno, name in imported_names(path, package):
            for forbidden in RULES[package]:
                if name == forbidden or name.startswith(forbidden + "."):
                    bad.append(f"{path.relative_to(APP.parent)}:{lineno} imports {name}")
    assert not bad, "\n".join(bad)


def test_checker_catches_a_violation(tmp_path, monkeypatch):
    """The scan itself works: a Qt import in a fake core module is found."""
    fake = tmp_path / "app" / "model"
    fake.mkdir(parents=True)
    (fake / "bad.py").write_text("def f():\n    from PySide6 import QtCore\n")
    monkeypatch.setattr(__import__(__name__), "APP", tmp_path / "app")
    found = list(imported_names(fake / "bad.py", "model"))
    assert (2, "PySide6") in found


def test_core_packages_import_without_qt():
    import subprocess
    import sys
    code = ("import sys, app.model, app.reasoning, app.store, app.io, app.layout, app.document, app.cli;"
            "import app.io.native_json;"
            "bad=[m for m in sys.modules if m.startswith(('PySide6','shiboken6'))]; print(bad)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
