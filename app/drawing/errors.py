"""The error raised for image exports that cannot be made."""

from ..model import ReasonmapError


class ExportError(ReasonmapError):
    """An image that cannot be written; the message says why."""
