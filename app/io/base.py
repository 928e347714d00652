"""What every importer shares and nothing else: the error it raises and the result it returns.

Kept apart from the format table (``registry``) and the caps (``limits``) so that importers,
caps and table import each other in one direction only.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import ArgumentMap, ReasonmapError


class ImportError_(ReasonmapError):
    """A file that cannot be imported; the message names the place and the problem."""


FormatError = ImportError_


@dataclass
class ImportResult:
    """An imported map, the notes for the import report, and the format that read it
    (``"aif"`` also when AIF came in through a ``.json`` name)."""

    map: ArgumentMap
    notes: list[str] = field(default_factory=list)
    format: str = ""


def number_problem(exc: ValueError) -> str:
    """The reason json.loads gave for a ValueError that is not a syntax error, in plain words.

    >>> number_problem(ValueError("Exceeds the limit (4300 digits) for integer string conversion"))
    'a number has more than 4300 digits'
    """
    text = str(exc)
    if "integer string conversion" in text:
        return "a number has more than 4300 digits"
    return text
