"""Reading the text files that imports start from: size-capped, regular files only, decoded.

An imported map must be UTF-8 (every format Reasonmap reads says so). A source text that comes
beside a map (AIF corpora ship ``nodeset.txt`` next to ``nodeset.json``) is optional and was
often written elsewhere, so it is decoded by :func:`read_source_text`: a byte-order mark if
there is one, else UTF-8, else Windows-1252 (what the AIFdb corpora use when they are not
UTF-8), else Latin-1, which decodes any bytes. A statistical detector (charset-normalizer)
was weighed and left out: on short English texts it guesses between look-alike code pages, and
the corpora we met hold only UTF-8 and Windows-1252.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ..model import ReasonmapError
from .base import ImportError_

MAX_IMPORT_BYTES = 50 * 1024 * 1024
_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig", "UTF-8"), (b"\xff\xfe", "utf-16", "UTF-16"),
         (b"\xfe\xff", "utf-16", "UTF-16"))


def read_bytes_capped(path) -> bytes:
    """The bytes of the regular file *path*, refusing FIFOs, devices and files over the cap."""
    p = Path(path)
    try:
        fd = os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise ReasonmapError(f"Cannot read {p}: {exc.strerror or exc}") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise ImportError_(f"{p.name} is not a regular file (a pipe, device or folder cannot be imported)")
        with os.fdopen(fd, "rb", closefd=False) as f:
            raw = f.read(MAX_IMPORT_BYTES + 1)
    except OSError as exc:
        raise ReasonmapError(f"Cannot read {p}: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    if len(raw) > MAX_IMPORT_BYTES:
        raise ImportError_(f"{p.name} is too large to import (over {MAX_IMPORT_BYTES // 1_000_000} MB; "
                           f"the limit is {MAX_IMPORT_BYTES // 1_000_000} MB)")
    return raw


def read_text_file(path) -> str:
    """Read a text file for import: size-capped, UTF-8 (with or without BOM)."""
    p = Path(path)
    raw = read_bytes_capped(p)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportError_(f"{p.name} is not UTF-8 text (bad byte at offset {exc.start})") from None


def decode_text(raw: bytes) -> tuple[str, str]:
    """(*raw* decoded, the name of the encoding used); never fails.

    >>> decode_text("café".encode("utf-8"))
    ('café', 'UTF-8')
    >>> decode_text("“café”".encode("cp1252"))
    ('“café”', 'Windows-1252')
    """
    for bom, codec, name in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(codec), name
            except UnicodeDecodeError:
                break
    for codec, name in (("utf-8", "UTF-8"), ("cp1252", "Windows-1252")):
        try:
            return raw.decode(codec), name
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1"), "Latin-1"


def read_source_text(path) -> tuple[str, str]:
    """(text, encoding name) of an optional source text beside an imported map."""
    return decode_text(read_bytes_capped(path))
