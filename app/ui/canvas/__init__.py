"""The map canvas: a QGraphicsView bound to a document's map."""

from .view import LayoutNodes, MapCanvas

__all__ = ["LayoutNodes", "MapCanvas"]
