"""Unique temporary files beside a map, moved into place by rename (under the edit lock)."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from .journal import journal_of


class TempBeside:
    """A unique, freshly reserved ``.NAME.<random>.new`` beside *target*, removed on exit
    unless it was moved into place. Used only while holding *target*'s edit lock, so any
    other ``.NAME.*.new`` there was left by a writer that was killed: it is removed."""

    def __init__(self, target: Path) -> None:
        self.target = target
        self.path = target.with_name(f".{target.name}.{secrets.token_hex(6)}.new")

    def __enter__(self) -> Path:
        _remove_leftover_temps(self.target)
        os.close(os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o666))
        return self.path

    def __exit__(self, *_exc) -> None:
        for leftover in (self.path, journal_of(self.path)):
            try:
                leftover.unlink()
            except OSError:
                pass


def _remove_leftover_temps(target: Path) -> None:
    prefix = f".{target.name}."
    try:
        names = os.listdir(target.parent)
    except OSError:
        return
    for name in names:
        if name.startswith(prefix) and (name.endswith(".new") or name.endswith(".new-journal")):
            try:
                (target.parent / name).unlink()
            except OSError:
                pass


def move_into_place(tmp: Path, target: Path) -> None:
    """Rename *tmp* over *target*; the old file's journal, if any, went with the old file."""
    os.replace(tmp, target)
    try:
        journal_of(target).unlink()
    except FileNotFoundError:
        pass
