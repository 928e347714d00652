"""Qt-free automatic layout of argument maps and drawing-quality measures.

>>> from app.layout import layered_layout, count_overlaps
>>> sizes = {"c": (120, 60), "r1": (100, 40), "r2": (100, 40)}
>>> pos = layered_layout(["c", "r1", "r2"], sizes, [("r1", "c"), ("r2", "c")])
>>> count_overlaps(pos, sizes), pos["c"][1] < pos["r1"][1]
(0, True)
"""

from .layered import LayoutCancelled, layered_layout
from .quality import count_crossings, count_overlaps

__all__ = ["LayoutCancelled", "count_crossings", "count_overlaps", "layered_layout"]
