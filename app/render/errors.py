"""The error raised for image exports that cannot be made (``app.drawing.errors``'s)."""

from ..drawing.errors import ExportError

__all__ = ["ExportError"]
