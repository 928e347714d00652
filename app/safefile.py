"""Putting a finished file on disk: all of it or nothing (Qt-free; exports and text formats).

The bytes are written to a temporary file with a unique name beside the target, flushed to
the disk and compared with what was meant to be written; the temporary file is renamed over
the target last. A full disk, a quota, a file-size limit or a vanished folder therefore ends
in one message, no stray file and the old target exactly as it was.
"""

from __future__ import annotations

import os
from pathlib import Path

from .model import ReasonmapError

_MAX_STEM = 120            # keeps ".<name>.<random>.part" under the usual 255-byte name limit


class WriteError(ReasonmapError):
    """A file that could not be written; the message says why and what was kept."""


def temp_name(target: Path) -> Path:
    """A fresh hidden name beside *target* (unique per call, so two exports never share it)."""
    stem = target.name[:_MAX_STEM]
    return target.with_name(f".{stem}.{os.urandom(6).hex()}.part")


def real_target(target) -> Path:
    """*target*, or the file a symbolic link there points to (so the link stays a link)."""
    target = Path(target)
    return Path(os.path.realpath(target)) if target.is_symlink() else target


def _reason(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


def _failure(target: Path, exc: OSError | str) -> WriteError:
    why = exc if isinstance(exc, str) else _reason(exc)
    kept = f"{target.name} was left as it was" if target.exists() else "nothing was written"
    return WriteError(f"Could not write {target.name}: {why}; {kept}")


def check_target(target: Path) -> None:
    """WriteError if *target* is a folder, a device, a pipe or a read-only file (asked before
    any drawing: renaming over anything but a regular file would replace it)."""
    if target.is_dir():
        raise WriteError(f"{target.name} is a folder; choose a file name to export to")
    if target.exists() and not target.is_file():
        raise WriteError(f"{target.name} is not a regular file (a device or a pipe); "
                          "choose a file name to export to")
    if target.exists() and (not os.access(target, os.W_OK) or not target.stat().st_mode & 0o222):
        raise WriteError(f"{target.name} is read-only; it was left as it was")


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
    """Put *data* at *target* atomically (see the module text); WriteError on failure."""
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
