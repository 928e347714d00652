"""The .rmap document file (SQLite, through Python's ``sqlite3``).

``Store`` is imported on first use, so a command that only checks a path
(``regular_file``) starts without it.
"""

from .errors import (CorruptFile, FileInUse, JournalProblem, NewerFile, NotAMapFile, ReadOnlyFile,
                     StoreError)
from .schema import APPLICATION_ID, SCHEMA_VERSION, SUFFIX
from .lock import EditLock
from .verify import check_connection, check_identity, regular_file

__all__ = ["APPLICATION_ID", "SCHEMA_VERSION", "SUFFIX", "CorruptFile", "EditLock", "FileInUse",
           "JournalProblem", "NewerFile", "NotAMapFile", "ReadOnlyFile", "Store", "StoreError",
           "check_connection", "check_identity", "regular_file"]


def __getattr__(name: str):
    if name == "Store":
        from .store import Store
        return Store
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
