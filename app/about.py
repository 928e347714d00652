"""The About text: Reasonmap's version and the licences of the libraries it bundles."""

from __future__ import annotations

import platform
import sqlite3
from importlib import metadata

from . import __version__

# (display name, distribution name or None, licence)
LIBRARIES = (
    ("Python", None, "PSF License"),
    ("Qt for Python (PySide6)", "PySide6-Essentials", "LGPL-3.0 (Qt and PySide6)"),
    ("networkx", "networkx", "BSD-3-Clause"),
    ("SQLite", None, "public domain"),
    ("PyYAML", "PyYAML", "MIT"),
    ("defusedxml", "defusedxml", "PSF License"),
)


def _version(name: str, dist: str | None) -> str:
    if name == "Python":
        return platform.python_version()
    if name == "SQLite":
        return sqlite3.sqlite_version
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "not found"


def about_text() -> str:
    """Plain text for the About box."""
    lines = [f"Reasonmap {__version__}", "",
             "Map a debate, weigh its strategies alone or as a group, and export the result.",
             "Every change is saved in the map file as you make it.", "",
             "Reasonmap is released under the MIT licence. It bundles:"]
    lines += [f"  • {name} {_version(name, dist)} — {licence}" for name, dist, licence in LIBRARIES]
    lines += ["", "Qt is used under the LGPL-3.0; its source is available from qt.io."]
    return "\n".join(lines)
