"""The edit lock of a map file: one editor per file for the whole editing session.

It is an ``flock`` on a companion file ``.NAME.rmap.lock`` beside the map. Why this, and not
SQLite's own locking or a lock on the ``.rmap`` itself, is explained in ``app/store/store.py``.

The lock file is removed when the lock is released. A process that got the lock on a lock
file that was removed meanwhile notices (the inode it locked is no longer the one at the
path) and tries again, so two editors never hold locks on two different lock files.
"""

from __future__ import annotations

import errno
import fcntl
import os
from pathlib import Path

from .errors import FileInUse, ReadOnlyFile

_RETRIES = 20


def lock_path(path: Path) -> Path:
    """The companion lock file of the map *path* (resolved, so symlinks share one lock)."""
    real = Path(os.path.realpath(path))
    return real.with_name(f".{real.name}.lock")


class EditLock:
    """An exclusive flock held on the lock file of one map path until ``release``."""

    def __init__(self, path: Path, fd: int) -> None:
        self.path = path
        self._fd: int | None = fd

    @classmethod
    def acquire(cls, path, *, purpose: str = "edit") -> "EditLock":
        """Take the lock of *path* at once or raise FileInUse naming the file."""
        path = Path(path)
        target = lock_path(path)
        for _ in range(_RETRIES):
            fd = _open_lock_file(target, path)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                raise FileInUse(_in_use_message(path, purpose)) from None
            if _same_file(fd, target):
                _note_holder(fd)
                return cls(target, fd)
            os.close(fd)                     # the holder removed it as we opened it: again
        raise FileInUse(_in_use_message(path, purpose))

    @property
    def held(self) -> bool:
        return self._fd is not None

    def intact(self) -> bool:
        """True while the lock file we hold is still the one at the path. Another program
        deleting or replacing it lets a second editor in; the store then stops writing."""
        return self._fd is not None and _same_file(self._fd, self.path)

    def release(self) -> None:
        """Remove the lock file and drop the lock (removal first, see the module docstring)."""
        if self._fd is None:
            return
        try:
            if _same_file(self._fd, self.path):
                self.path.unlink()
        except OSError:
            pass                             # a read-only folder keeps an empty lock file
        os.close(self._fd)
        self._fd = None

    def __del__(self) -> None:               # pragma: no cover - a safety net only
        if getattr(self, "_fd", None) is not None:
            os.close(self._fd)


def _open_lock_file(target: Path, path: Path) -> int:
    try:
        return os.open(target, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW, 0o644)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise FileInUse(f"{path.name} cannot be edited: its lock file {target.name} is a symbolic "
                            "link, which Reasonmap never follows; remove it") from None
        raise ReadOnlyFile(f"{path.name} cannot be edited: its folder does not allow the lock "
                           f"file {target.name} ({exc.strerror or exc})") from None


def _same_file(fd: int, target: Path) -> bool:
    try:
        now = os.stat(target, follow_symlinks=False)
    except OSError:
        return False
    mine = os.fstat(fd)
    return (now.st_dev, now.st_ino) == (mine.st_dev, mine.st_ino)


def _note_holder(fd: int) -> None:
    """Write our process id into the lock file (for the message a second editor gets)."""
    try:
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
    except OSError:
        pass


def _holder(path: Path) -> str:
    try:
        text = lock_path(path).read_text(encoding="ascii", errors="replace").strip()
    except OSError:
        return ""
    return f" (process {text})" if text.isdigit() else ""


def _in_use_message(path: Path, purpose: str) -> str:
    where = f"another window or program{_holder(path)}"
    if purpose == "replace":
        return f"{path.name} is open for editing in {where}; close it there before replacing it"
    return f"{path.name} is already open for editing in {where}; close it there first"
