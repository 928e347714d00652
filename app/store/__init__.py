"""The .rmap document file (SQLite through sqlite-utils)."""

from .errors import (CorruptFile, FileInUse, JournalProblem, NewerFile, NotAMapFile, ReadOnlyFile,
                     StoreError)
from .schema import APPLICATION_ID, SCHEMA_VERSION, SUFFIX
from .lock import EditLock
from .store import Store
from .verify import check_connection, check_identity, regular_file

__all__ = ["APPLICATION_ID", "SCHEMA_VERSION", "SUFFIX", "CorruptFile", "EditLock", "FileInUse",
           "JournalProblem", "NewerFile", "NotAMapFile", "ReadOnlyFile", "Store", "StoreError",
           "check_connection", "check_identity", "regular_file"]
