"""Who a document's edits are recorded as, and its change log (the `.rmap` keeps it).

Every change set the document commits, undoes or redoes gets a log entry written in the
same transaction as the change (``Store.write(cs, log=...)``). ``author`` is the local
person by default (the OS user name, or "local"); a live session may set it to a peer's
name while it commits that peer's changes. On opening, the undo/redo position is read back
from the log, so undo and redo survive closing and reopening the map.
"""

from __future__ import annotations

import getpass

from ..model.entities import now
from ..store import CorruptFile
from ..store.changelog import LogEntry, LoggedStep

MAX_AUTHOR = 80


def default_author() -> str:
    """The OS user's name, or "local"."""
    try:
        name = getpass.getuser()
    except Exception:           # no user name in this environment
        name = ""
    return (name or "").strip()[:MAX_AUTHOR] or "local"


class ChangeLog:
    """The author of the document's edits and the log entries for them."""

    def __init__(self, author: str | None = None) -> None:
        self._author = default_author()
        self.problem = ""                  # why the undo history could not be read back
        if author:
            self.author = author

    @property
    def author(self) -> str:
        return self._author

    @author.setter
    def author(self, name: str) -> None:
        if not isinstance(name, str) or not name.strip():
            raise ValueError("An author needs a name")
        self._author = name.strip()[:MAX_AUTHOR]

    def entry(self, action: str, changeset, *, author: str | None = None,
              state: str = "done") -> LogEntry:
        return LogEntry(action, author or self._author, now(), changeset, state)

    def restore(self, store, history) -> None:
        """Put the undo/redo position kept in *store* into *history*."""
        try:
            done, undone = store.history(history.limit)
        except CorruptFile as exc:
            self.problem = f"The undo history could not be read back ({exc}); earlier steps cannot be undone."
            return
        history.done[:], history.undone[:] = done, undone

    @staticmethod
    def steps(store, limit: int = 500) -> list[LoggedStep]:
        try:
            return store.log_steps(limit)
        except CorruptFile:
            return []
