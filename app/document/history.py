"""Undo history: a pure-Python stack of change sets with labels, merging and a clean marker.

>>> from app.model.changes import ChangeSet, Updated
>>> h = History()
>>> h.push(ChangeSet("Edit title", (Updated("nodes", "a", "title", "x", "y"),)))
>>> h.undo_label
'Edit title'
"""

from __future__ import annotations

from ..model.changes import ChangeSet, Updated

IGNORED_FOR_MERGE = {"modified"}


def merge_key(cs: ChangeSet):
    """What must match for two consecutive change sets to merge: the same fields of the same records."""
    fields = set()
    for c in cs.changes:
        if not isinstance(c, Updated):
            return None
        if c.field not in IGNORED_FOR_MERGE:
            fields.add((c.collection, c.key, c.field))
    return frozenset(fields) or None


def merged(first: ChangeSet, second: ChangeSet) -> ChangeSet:
    """One change set going from *first*'s old values to *second*'s new values."""
    out: dict = {}
    for c in first.changes + second.changes:
        key = (c.collection, c.key, c.field)
        out[key] = Updated(c.collection, c.key, c.field, out[key].old if key in out else c.old, c.new)
    return ChangeSet(second.label, tuple(u for u in out.values() if u.old != u.new))


class History:
    """Done and undone change sets; ``clean`` marks the state last exported or checkpointed."""

    def __init__(self, limit: int = 1000) -> None:
        self.done: list[ChangeSet] = []
        self.undone: list[ChangeSet] = []
        self.limit = limit
        self._clean_at: int | None = 0
        self._mergeable = False

    def push(self, cs: ChangeSet, *, merge: bool = False) -> None:
        """Record a change set just carried out; with *merge*, fold it into the previous one
        if both edit exactly the same fields (typing into one field is one undo step)."""
        self.undone.clear()
        if merge and self._mergeable and self.done and merge_key(self.done[-1]) == merge_key(cs) \
                and merge_key(cs) is not None:
            self.done[-1] = merged(self.done[-1], cs)
            if self._clean_at == len(self.done):
                self._clean_at = None
        else:
            if self._clean_at is not None and self._clean_at > len(self.done):
                self._clean_at = None
            self.done.append(cs)
            if len(self.done) > self.limit:
                self.done.pop(0)
                self._clean_at = None if self._clean_at in (None, 0) else self._clean_at - 1
        self._mergeable = merge

    def break_merge(self) -> None:
        """The next push starts a new step even if it edits the same field."""
        self._mergeable = False

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
        self._mergeable = False
        return cs

    def pop_redo(self) -> ChangeSet:
        cs = self.undone.pop()
        self.done.append(cs)
        self._mergeable = False
        return cs

    def restore_undo(self) -> None:
        """Put back the step taken by pop_undo (its write failed)."""
        self.done.append(self.undone.pop())

    def restore_redo(self) -> None:
        self.undone.append(self.done.pop())

    def mark_clean(self) -> None:
        self._clean_at = len(self.done)

    @property
    def is_clean(self) -> bool:
        return self._clean_at == len(self.done)
