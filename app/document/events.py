"""A tiny observer list: panels subscribe, the document emits after commit."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ..model import ChangeSet


@dataclass(frozen=True)
class DocumentEvent:
    kind: str            # "execute" | "undo" | "redo" | "preview" | "reload"
    changeset: ChangeSet | None = None


class Signal:
    """Callbacks called in subscription order; an exception in one does not stop the others."""

    def __init__(self) -> None:
        self._subscribers: list[Callable] = []
        self.errors: list[BaseException] = []

    def subscribe(self, callback: Callable) -> Callable[[], None]:
        self._subscribers.append(callback)
        return lambda: self._subscribers.remove(callback) if callback in self._subscribers else None

    def emit(self, *args) -> None:
        for cb in list(self._subscribers):
            try:
                cb(*args)
            except Exception as exc:  # a broken view must not break the document
                self.errors.append(exc)
                import traceback
                traceback.print_exc()
