"""The open document (Qt-free): map, file, history, selection, events."""

from .document import Document
from .events import DocumentEvent, Signal
from .history import History
from .selection import Selection

__all__ = ["Document", "DocumentEvent", "History", "Selection", "Signal"]
