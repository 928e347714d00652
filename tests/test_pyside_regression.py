"""PySide6 6.12.0 aborts CPython 3.11 after ~5,000 calls of void methods (none_dealloc).

This makes 20,000 such calls in a subprocess so a dependency bump that brings the bug back
fails CI rather than a workshop (DESIGN §2).
"""

import os
import subprocess
import sys

CODE = """
from PySide6.QtGui import QGuiApplication, QColor, QBrush
from PySide6.QtWidgets import QApplication, QGraphicsRectItem
app = QApplication([])
item = QGraphicsRectItem(0, 0, 10, 10)
brush = QBrush(QColor("red"))
for i in range(20000):
    item.setPos(i % 100, i % 50)
    item.setBrush(brush)
print("survived")
"""


def test_twenty_thousand_void_calls_survive():
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "survived"


def test_pinned_below_the_broken_release():
    import PySide6
    major, minor = (int(x) for x in PySide6.__version__.split(".")[:2])
    if sys.version_info < (3, 12):
        assert (major, minor) < (6, 12), f"PySide6 {PySide6.__version__} breaks Python 3.11"
