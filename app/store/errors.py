"""Errors of the document file, each with a message naming the problem."""

from ..model.errors import ReasonmapError


class StoreError(ReasonmapError):
    """A document file that cannot be opened, read or written."""


class FileInUse(StoreError):
    """Another window or process is editing the file."""


class NotAMapFile(StoreError):
    """Not a Reasonmap file at all (foreign SQLite file, text, ...)."""


class NewerFile(StoreError):
    """Written by a newer Reasonmap with a schema this version does not know."""


class CorruptFile(StoreError):
    """A Reasonmap file that is damaged or has been tampered with."""


class ReadOnlyFile(StoreError):
    """The file (or its folder) is write-protected: it can be opened read-only only."""


class JournalProblem(StoreError):
    """A rollback journal beside the map holds an unfinished change (or belongs elsewhere)."""
