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

import os
import re
import secrets
from pathlib import Path

from .errors import ExportError

_MAX_STEM = 120            # keeps ".<name>.<random>.part" under the usual 255-byte name limit
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


def temp_name(target: Path) -> Path:
    """A fresh hidden name beside *target* (unique per call, so two exports never share it)."""
    stem = target.name[:_MAX_STEM]
    return target.with_name(f".{stem}.{secrets.token_hex(6)}.part")


def real_target(target) -> Path:
    """*target*, or the file a symbolic link there points to (so the link stays a link)."""
    target = Path(target)
    return Path(os.path.realpath(target)) if target.is_symlink() else target


def _reason(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


def _failure(target: Path, exc: OSError | str) -> ExportError:
    why = exc if isinstance(exc, str) else _reason(exc)
    kept = f"{target.name} was left as it was" if target.exists() else "nothing was written"
    return ExportError(f"Could not write {target.name}: {why}; {kept}")


def check_target(target: Path) -> None:
    """ExportError if *target* is a folder, a device, a pipe or a read-only file (asked before
    any drawing: renaming over anything but a regular file would replace it)."""
    if target.is_dir():
        raise ExportError(f"{target.name} is a folder; choose a file name to export to")
    if target.exists() and not target.is_file():
        raise ExportError(f"{target.name} is not a regular file (a device or a pipe); "
                          "choose a file name to export to")
    if target.exists() and (not os.access(target, os.W_OK) or not target.stat().st_mode & 0o222):
        raise ExportError(f"{target.name} is read-only; it was left as it was")


def _open_temp(target: Path) -> tuple[Path, int]:
    for _ in range(8):
        tmp = temp_name(target)
        try:
            return tmp, os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name beside {target.name}")


def _write_all(fd: int, data: bytes) -> None:
    """Write every byte (os.write may write less than asked), flush to disk, verify size."""
    view, done = memoryview(data), 0
    while done < len(data):
        done += os.write(fd, view[done:])
    os.fsync(fd)
    if os.fstat(fd).st_size != len(data):
        raise OSError(0, "the disk kept only part of the file")


def write_file(target, data: bytes) -> Path:
    """Put *data* at *target* atomically (see the module text); ExportError on failure."""
    target = real_target(target)
    check_target(target)
    tmp = None
    try:
        tmp, fd = _open_temp(target)
        try:
            _write_all(fd, data)
        finally:
            os.close(fd)
        os.replace(tmp, target)
        tmp = None
    except OSError as exc:
        raise _failure(target, exc) from None
    finally:
        if tmp is not None:
            _remove_quietly(tmp)
    return target


def _remove_quietly(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass
