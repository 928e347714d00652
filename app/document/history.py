"""Undo history: a pure-Python stack of labelled change sets.

Each committed edit is one step (typing into a field commits once, a drag is one move), so the
history keeps no merging of steps, and no "clean" marker: every step is already in the file.

>>> from app.model.changes import ChangeSet, Updated
>>> h = History()
>>> h.push(ChangeSet("Edit title", (Updated("nodes", "a", "title", "x", "y"),)))
>>> h.undo_label
'Edit title'
"""

from __future__ import annotations

from ..model.changes import ChangeSet


class History:
    """Done and undone change sets, at most *limit* of them done."""

    def __init__(self, limit: int = 1000) -> None:
        self.done: list[ChangeSet] = []
        self.undone: list[ChangeSet] = []
        self.limit = limit

    def push(self, cs: ChangeSet) -> None:
        """Record a change set just carried out (what was undone cannot be redone after it)."""
        self.undone.clear()
        self.done.append(cs)
        if len(self.done) > self.limit:
            self.done.pop(0)

    @property
    def can_undo(self) -> bool:
        return bool(self.done)

    @property
    def can_redo(self) -> bool:
        return bool(self.undone)

    @property
    def undo_label(self) -> str:
        return self.done[-1].label if self.done else ""

    @property
    def redo_label(self) -> str:
        return self.undone[-1].label if self.undone else ""

    def pop_undo(self) -> ChangeSet:
        cs = self.done.pop()
        self.undone.append(cs)
        return cs

    def pop_redo(self) -> ChangeSet:
        cs = self.undone.pop()
        self.done.append(cs)
        return cs

    def restore_undo(self) -> None:
        """Put back the step taken by pop_undo (its write failed)."""
        self.done.append(self.undone.pop())

    def restore_redo(self) -> None:
        self.undone.append(self.done.pop())
