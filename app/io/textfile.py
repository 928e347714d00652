"""Reading the text files that imports start from: size-capped, regular files only, decoded.

An imported map must be UTF-8 (every format Reasonmap reads says so). A source text that comes
beside a map (AIF corpora ship ``nodeset.txt`` next to ``nodeset.json``) is optional and was
often written elsewhere, so it is decoded by :func:`read_source_text`: a byte-order mark if
there is one, else UTF-8; bytes that are not UTF-8 are read as Windows-1252 (what the AIFdb
corpora use when they are not UTF-8; a file may mix both, as US2016's concatenated text does),
and the five bytes Windows-1252 leaves undefined as Latin-1, so decoding never fails. A
statistical detector (charset-normalizer) was weighed and left out: on short English texts it
guesses between look-alike code pages, and the 4,563 corpus nodesets we tried hold only UTF-8
and Windows-1252.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from pathlib import Path

from ..model import ReasonmapError
from .base import ImportError_

MAX_IMPORT_BYTES = 50 * 1024 * 1024
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _windows_1252(exc: UnicodeDecodeError):
    """Decoding error handler: the offending bytes as Windows-1252 (Latin-1 where undefined)."""
    bad = exc.object[exc.start:exc.end]
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in bad), exc.end


codecs.register_error("reasonmap-cp1252", _windows_1252)

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


_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]{1,40})["']""")


def read_text_file(path) -> str:
    """Read a text file for import: size-capped, UTF-8 (with or without BOM), or for XML
    (GraphML) the encoding its declaration names."""
    p = Path(path)
    raw = read_bytes_capped(p)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        declared = _declared_xml_text(raw)
        if declared is not None:
            return declared
        raise ImportError_(f"{p.name} is not UTF-8 text (bad byte at offset {exc.start})") from None


def _declared_xml_text(raw: bytes) -> str | None:
    """*raw* decoded with the encoding its XML declaration names, or None."""
    m = _XML_ENCODING.match(raw)
    if not m:
        return None
    try:
        return raw.decode(m.group(1).decode("ascii"))
    except (LookupError, UnicodeDecodeError):
        return None


def decode_text(raw: bytes) -> tuple[str, str]:
    """(*raw* decoded, the name of the encoding used); never fails.

    >>> decode_text("café".encode("utf-8"))
    ('café', 'UTF-8')
    >>> decode_text("“café”".encode("cp1252"))
    ('“café”', 'Windows-1252')
    >>> decode_text("a — b".encode("utf-8") + b" \\x97 c \\x81")
    ('a — b — c \\x81', 'UTF-8 mixed with Windows-1252')
    """
    for bom, codec, name in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(codec), name
            except UnicodeDecodeError:
                break
    try:
        return raw.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    text = raw.decode("utf-8", errors="reasonmap-cp1252")
    return text, ("UTF-8 mixed with Windows-1252" if _UTF8_SEQUENCE.search(raw) else "Windows-1252")


def read_source_text(path) -> tuple[str, str]:
    """(text, encoding name) of an optional source text beside an imported map."""
    return decode_text(read_bytes_capped(path))
