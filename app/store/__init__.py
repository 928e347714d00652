"""The .rmap document file (SQLite through sqlite-utils)."""

from .errors import CorruptFile, FileInUse, NewerFile, NotAMapFile, StoreError
from .schema import APPLICATION_ID, SCHEMA_VERSION, SUFFIX
from .store import Store
from .verify import check_connection, check_identity

__all__ = ["APPLICATION_ID", "SCHEMA_VERSION", "SUFFIX", "CorruptFile", "FileInUse", "NewerFile",
           "NotAMapFile", "Store", "StoreError", "check_connection", "check_identity"]
