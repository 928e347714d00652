"""Guards run before SQLite touches a map: is it writable, is the journal beside it sane
and this file's own, and what an SQLite failure while opening means in plain words."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

from .errors import CorruptFile, FileInUse, JournalProblem, ReadOnlyFile, StoreError
from .journal import hot_journal, journal_belongs, journal_of
from .verify import regular_file

SQLITE_READONLY_ROLLBACK = 776  # a read-only connection met a hot journal


def check_writable(path: Path) -> None:
    """ReadOnlyFile if *path* is write-protected (no write permission bit, even for the
    superuser) or its folder cannot take the journal SQLite writes beside it."""
    info = regular_file(path)
    if not info.st_mode & 0o222 or not os.access(path, os.W_OK):
        raise ReadOnlyFile(f"{path.name} is write-protected, so it can only be opened read-only")
    folder = Path(os.path.realpath(path)).parent
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ReadOnlyFile(f"{path.name} is in a folder that cannot be written, so it can only be "
                           "opened read-only")


def refuse_odd_journal(path: Path) -> None:
    """JournalProblem if something that is not a regular file sits where SQLite looks for the
    journal (a FIFO there would block every reader forever, a folder fails obscurely)."""
    journal = journal_of(path)
    try:
        info = os.lstat(journal)
    except OSError:
        return
    if not stat.S_ISREG(info.st_mode):
        raise JournalProblem(f"{path.name} was not opened: {journal.name} beside it is not an ordinary "
                             "file (SQLite keeps its journal under that name); remove it and try again")


def refuse_stray_journal(path: Path) -> None:
    """JournalProblem if a hot journal beside *path* is not this file's own (``journal.py``)."""
    journal = hot_journal(path)
    if journal is not None and not journal_belongs(path, journal):
        raise JournalProblem(
            f"{path.name} was not opened: {journal.name} beside it holds an unfinished change that "
            f"does not belong to this file, and applying it would damage the map. If {path.name} "
            f"was restored from a copy, move {journal.name} away and open it again")


def explain(exc: sqlite3.DatabaseError, path: Path, read_only: bool) -> StoreError:
    """The StoreError that explains an SQLite failure while opening or reading *path*."""
    text = str(exc)
    journal = hot_journal(path)
    if read_only and journal is not None and (
            "readonly" in text or getattr(exc, "sqlite_errorcode", 0) == SQLITE_READONLY_ROLLBACK):
        if not journal_belongs(path, journal):
            return JournalProblem(f"{path.name} cannot be read: {journal.name} beside it does not belong "
                                  f"to this file; if {path.name} was restored from a copy, move "
                                  f"{journal.name} away")
        return JournalProblem(f"{path.name} has an unfinished change left by an editor that stopped "
                              f"in the middle of saving it ({journal.name}); it is undone, and the map "
                              "can be read again, the next time it is opened for editing in Reasonmap")
    if "locked" in text or "busy" in text:
        return FileInUse(f"{path.name} is busy: another program is writing it; try again in a moment")
    if "readonly" in text:
        return ReadOnlyFile(f"{path.name} cannot be written here, so it can only be opened read-only")
    if not isinstance(exc, sqlite3.OperationalError) or "malformed" in text:
        return CorruptFile(f"{path.name} is damaged: {text}")
    return StoreError(f"Cannot open {path.name}: {text}")
