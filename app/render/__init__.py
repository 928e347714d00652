"""Qt drawing shared by the canvas and the image exports (QtGui only, no widgets)."""

from .errors import ExportError
from .export import card_sizes, ensure_layout, export_image
from .qtapp import ensure_gui_app

__all__ = ["ExportError", "card_sizes", "ensure_gui_app", "ensure_layout", "export_image"]
