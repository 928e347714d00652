"""The open document (Qt-free): map, file, history, selection, events.

``Document`` (and with it the store) is imported on first use, so a command
that only needs the weighing's wording (an image export) starts without them.
"""

from .events import DocumentEvent, Signal
from .history import History
from .selection import Selection

__all__ = ["Document", "DocumentEvent", "History", "Selection", "Signal"]


def __getattr__(name: str):
    if name == "Document":
        from .document import Document
        return Document
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
