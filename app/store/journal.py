"""Rollback journals beside a map: is one there, and does it belong to this very file?

SQLite replays a hot journal (``NAME.rmap-journal``, left by a writer that stopped in the
middle of a commit) into the database when the file is next opened for writing. That is how
a crash loses nothing, and also how a journal that belongs to ANOTHER state of the file (a
crash, then a backup copied over the map) would be written into the map and ruin it: SQLite
cannot tell the two apart. So before a map is opened for writing its journal is compared with
it, and replayed only when replaying is provably the crash recovery of this file:

- the journal's page size must be the file's; it must start with SQLite's journal magic;
- a journal with no counted page copies (the writer stopped before finishing it, so the
  file was not touched yet) only truncates the file to its original size, which must then
  be the file's size;
- otherwise the journal's copy of page 1 (the original of the interrupted transaction) must
  carry the file's application id, and its change counter N must fit the file: N means the
  crash came before any page reached the file, and then every page copy in the journal must
  equal the file's page (replaying changes nothing); N + 1 means the crash came while the
  file was being written, and then the journal's original size must agree with its page 1.

Anything else is refused with a message naming the journal; it is never replayed. What
remains possible: a journal from a *different* map whose change counter is exactly one below
this file's, with the same page size and application id, would be accepted.
"""

from __future__ import annotations

import os
import stat
import struct
from pathlib import Path
from typing import BinaryIO, Iterator

MAGIC = bytes.fromhex("d9d505f920a163d7")
_MAX_SEGMENTS = 10_000


def journal_of(path: Path) -> Path:
    return path.with_name(path.name + "-journal")


def hot_journal(path: Path) -> Path | None:
    """The journal beside *path* if SQLite would treat it as hot (exists, non-empty, first
    byte set), else None. Whether a live writer holds it is the caller's business."""
    journal = journal_of(path)
    try:
        info = os.stat(journal)
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode):
        return journal
    if info.st_size == 0:
        return None
    try:
        with open(journal, "rb") as fh:
            return journal if fh.read(1) not in (b"", b"\x00") else None
    except OSError:
        return journal


def journal_belongs(path: Path, journal: Path) -> bool:
    """True if replaying *journal* into *path* is the crash recovery of *path* (see above)."""
    try:
        if not stat.S_ISREG(os.stat(journal).st_mode):
            return False
        with open(path, "rb") as db, open(journal, "rb") as jf:
            return _belongs(db, jf, os.fstat(db.fileno()).st_size, os.fstat(jf.fileno()).st_size)
    except (OSError, struct.error):
        return False


def _belongs(db: BinaryIO, jf: BinaryIO, db_size: int, j_size: int) -> bool:
    head = db.read(100)
    if len(head) < 100:
        return False
    page_size = _page_size(head[16:18])
    header = _header(jf, 0)
    if header is None or header[4] != page_size:
        return False
    db_pages = db_size // page_size
    original_pages = header[2]
    page1, count, all_equal = None, 0, True
    for pgno, data in _records(jf, j_size, header):
        count += 1
        if pgno == 1 and page1 is None:
            page1 = data
        if all_equal:
            db.seek((pgno - 1) * page_size)
            all_equal = db.read(page_size) == data
    if count == 0:
        return original_pages == db_pages
    if page1 is None:
        return all_equal and original_pages == db_pages
    if page1[68:72] != head[68:72] or page1[16:18] != head[16:18]:
        return False
    journal_counter, = struct.unpack(">I", page1[24:28])
    file_counter, = struct.unpack(">I", head[24:28])
    if file_counter == journal_counter:
        return all_equal and original_pages == db_pages
    if file_counter == (journal_counter + 1) & 0xFFFFFFFF:
        size_valid = page1[92:96] == page1[24:28]
        return not size_valid or struct.unpack(">I", page1[28:32])[0] == original_pages
    return False


def _page_size(raw: bytes) -> int:
    value, = struct.unpack(">H", raw)
    return 65536 if value == 1 else value


def _header(jf: BinaryIO, offset: int) -> tuple[int, int, int, int, int] | None:
    """(nRec, nonce, original pages, sector size, page size) of the journal header at
    *offset*, or None where there is no valid header."""
    jf.seek(offset)
    raw = jf.read(28)
    if len(raw) < 28 or raw[:8] != MAGIC:
        return None
    n_rec, nonce, pages, sector, page_size = struct.unpack(">IIIII", raw[8:28])
    if not _power_of_two(sector, 32, 65536) or not _power_of_two(page_size, 512, 65536):
        return None
    return n_rec, nonce, pages, sector, page_size


def _power_of_two(value: int, low: int, high: int) -> bool:
    return low <= value <= high and value & (value - 1) == 0


def _records(jf: BinaryIO, j_size: int, first) -> Iterator[tuple[int, bytes]]:
    """The page copies SQLite would play back, segment by segment, stopping where it would
    stop (a bad checksum, page number 0, a short read)."""
    offset, header = 0, first
    page_size, sector = first[4], first[3]
    record = page_size + 8
    for _ in range(_MAX_SEGMENTS):
        n_rec, nonce = header[0], header[1]
        start = offset + sector
        if n_rec == 0xFFFFFFFF:
            n_rec = max(0, (j_size - start) // record)
        jf.seek(start)
        for _ in range(n_rec):
            raw = jf.read(record)
            if len(raw) < record:
                return
            pgno, = struct.unpack(">I", raw[:4])
            data = raw[4:-4]
            if pgno == 0 or struct.unpack(">I", raw[-4:])[0] != _checksum(nonce, data):
                return
            yield pgno, data
        end = start + n_rec * record
        offset = -(-end // sector) * sector
        header = _header(jf, offset)
        if header is None or header[4] != page_size:
            return


def _checksum(nonce: int, data: bytes) -> int:
    """SQLite's page checksum: the nonce plus every 200th byte counted back from the end."""
    total, i = nonce, len(data) - 200
    while i > 0:
        total += data[i]
        i -= 200
    return total & 0xFFFFFFFF
