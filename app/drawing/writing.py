"""Putting a finished picture on disk: all of it or nothing.

The bytes of an export are made in memory and checked first (see ``devices``). Only then are
they written to a temporary file with a unique name beside the target, flushed to the disk
and compared with what was meant to be written; the temporary file is renamed over the
target last. A full disk, a quota, a file-size limit or a vanished folder therefore ends in
one message, no stray file and the old target exactly as it was.

>>> clean_xml(b"a\\x00b\\xef\\xbf\\xbe").decode("utf-8")
'a\\u2400b\\ufffd'
"""

from __future__ import annotations

import re

from .. import safefile
from ..safefile import temp_name  # noqa: F401  (re-exported for callers and tests)
from .errors import ExportError

# C0 controls other than tab, newline and carriage return, which XML 1.0 forbids outright
_XML_CONTROLS = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_XML_NONCHARS = re.compile(b"\xef\xbf[\xbe\xbf]")     # U+FFFE and U+FFFF in UTF-8


def clean_xml(data: bytes) -> bytes:
    """UTF-8 XML text with every character XML 1.0 cannot hold replaced by a visible stand-in:
    a C0 control by its Unicode control picture (NUL becomes U+2400), U+FFFE/U+FFFF by
    U+FFFD. Working on bytes is safe: in UTF-8 these bytes never occur inside another
    character."""
    data = _XML_CONTROLS.sub(lambda m: chr(0x2400 + m.group()[0]).encode("utf-8"), data)
    return _XML_NONCHARS.sub("\ufffd".encode("utf-8"), data)


def write_file(target, data: bytes):
    """Put *data* at *target* atomically (see ``app.safefile``); ExportError on failure."""
    try:
        return safefile.write_file(target, data)
    except safefile.WriteError as exc:
        raise ExportError(str(exc)) from None


def check_target(target) -> None:
    """ExportError if *target* cannot take an export (see ``app.safefile.check_target``)."""
    try:
        safefile.check_target(target)
    except safefile.WriteError as exc:
        raise ExportError(str(exc)) from None
