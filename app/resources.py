"""Find the files that ship with Reasonmap, from a source checkout or a frozen build.

>>> resource_path("argument_maps", "prosocial-drives.argdown").name
'prosocial-drives.argdown'
"""

from __future__ import annotations

import sys
from pathlib import Path

SHIPPED_FOLDERS = ("resources", "argument_maps")


def base_folder() -> Path:
    """The folder holding ``resources/`` and ``argument_maps/``.

    A PyInstaller build unpacks them under ``sys._MEIPASS``; from source they sit beside the
    ``app`` package.
    """
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parent.parent


def resource_path(*parts: str) -> Path:
    """The path of a shipped file, e.g. ``resource_path("resources", "style.qss")``.

    The first part names the folder (``resources`` or ``argument_maps``); a path given
    without it is looked up under ``resources/``. The file need not exist.
    """
    if not parts:
        raise ValueError("resource_path needs at least one part")
    if parts[0] not in SHIPPED_FOLDERS:
        parts = ("resources",) + tuple(parts)
    return base_folder().joinpath(*parts)
