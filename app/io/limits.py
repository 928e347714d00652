"""Caps and small helpers shared by the importers of other tools' formats.

Every importer checks the size of its input first, collects plain records, and builds the map
in one step at the end with :func:`build_checked`, so a bad file never gives half a map.

>>> short_title("Cities should ban cars from their centres because the air is bad for everyone")
'Cities should ban cars from their centres because the air…'
>>> len(short_title("x" * 100))
60
"""

from __future__ import annotations

import json
from typing import Any, Iterable

from ..model import Edge, ModelError
from ..model.entities import SURROGATES
from ..model.build import build_map
from .base import FormatError, number_problem

MAX_TEXT_CHARS = 20_000_000      # characters of input an importer accepts
MAX_ITEMS = 100_000              # nodes plus edges of one imported map
MAX_DEPTH = 200                  # nesting depth (Kialo numbering, XML elements)
TITLE_CHARS = 60


def check_size(text: Any, what: str) -> str:
    """Return *text* if it is a str within the size cap, else raise FormatError."""
    if not isinstance(text, str):
        raise FormatError(f"{what} import needs text, not {type(text).__name__}")
    if len(text) > MAX_TEXT_CHARS:
        raise FormatError(f"The {what} file is too large to import "
                          f"({len(text) // 1_000_000} MB; the limit is {MAX_TEXT_CHARS // 1_000_000} MB)")
    return text


def check_count(count: int, what: str) -> None:
    """Raise FormatError if an import would hold more than MAX_ITEMS items."""
    if count > MAX_ITEMS:
        raise FormatError(f"The {what} file holds more than {MAX_ITEMS} nodes and relations")


def load_json(text: str, what: str) -> Any:
    """Parse JSON; a syntax error becomes a FormatError with line and column."""
    check_size(text, what)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise FormatError(f"Not valid {what}: {exc.msg} at line {exc.lineno}, column {exc.colno}") from None
    except RecursionError:
        raise FormatError(f"Not valid {what}: nested too deeply") from None
    except ValueError as exc:   # e.g. an integer of more than 4,300 digits
        raise FormatError(f"Not valid {what}: {number_problem(exc)}") from None


def short_title(text: str, limit: int = TITLE_CHARS) -> str:
    """The first words of *text*'s first line, at most *limit* characters, cut at a word."""
    first = " ".join(text.strip().splitlines()[0].split()) if text.strip() else ""
    if len(first) <= limit:
        return first
    cut = first[:limit - 1]
    if " " in cut:
        cut = cut[:cut.rindex(" ")]
    return cut.rstrip(" ,;:.-–—") + "…"


class EdgeCollector:
    """Edges gathered during an import: one per ordered pair, no self-loops.

    A second relation between the same pair, or a relation of a node to itself, is skipped with
    a note, because the model keeps at most one relation per ordered pair.
    """

    def __init__(self, notes: list[str]) -> None:
        self.notes = notes
        self.edges: dict[tuple[str, str], Edge] = {}
        self.skipped = 0

    def add(self, edge: Edge) -> bool:
        """Keep *edge* unless it loops or its pair is taken; True if kept."""
        pair = (edge.source, edge.target)
        if edge.source == edge.target or pair in self.edges:
            self.skipped += 1
            return False
        self.edges[pair] = edge
        return True

    def finish(self, what: str) -> list[Edge]:
        """The kept edges; adds a note if any were skipped."""
        if self.skipped:
            self.notes.append(f"{self.skipped} {what} relation(s) were left out because they "
                              "repeated a relation between the same two statements or "
                              "linked a statement to itself")
        return list(self.edges.values())


def build_checked(nodes: Iterable, edges: Iterable, what: str, *, sources: Iterable = (),
                  meta: dict | None = None):
    """build_map, with a ModelError turned into a FormatError naming the format."""
    nodes, edges = list(nodes), list(edges)
    check_count(len(nodes) + len(edges), what)
    try:
        return build_map(nodes, edges, sources=sources, meta=meta or {})
    except ModelError as exc:
        raise FormatError(f"The {what} file does not make a consistent map: {exc}") from None
    except (TypeError, ValueError) as exc:   # unhashable or odd values that slipped through
        raise FormatError(f"The {what} file holds a value of the wrong kind: {exc}") from None


def strip_surrogates(text: str) -> tuple[str, int]:
    """*text* without lone surrogates (which JSON escapes can produce and no file can hold),
    and how many were removed.

    >>> strip_surrogates("a\\ud800b")
    ('ab', 1)
    """
    cleaned, count = SURROGATES.subn("", text)
    return cleaned, count


def estimated_card_size(title: str, text: str) -> tuple[float, float]:
    """About the (width, height) of a Reasonmap card for *title* and *text*, without Qt.

    It follows the canvas's rules (cards 150 to 264 px wide, text wrapped at 240 px, at most
    4 title and 8 text lines) with an average character width, which is close enough to tell
    whether another tool's positions would make cards overlap.
    """
    per_line = 34                                    # characters that fit in 240 px
    def lines(s: str, cap: int) -> int:
        return min(cap, sum(max(1, -(-len(line) // per_line)) for line in s.splitlines() or [""]))
    longest = max((len(line) for line in (title + "\n" + text).splitlines()), default=0)
    width = max(150.0, min(264.0, 7.0 * longest + 24.0))
    height = 20.0 + 17.0 * lines(title or "(untitled)", 4) + (15.0 * lines(text, 8) + 6.0 if text.strip() else 0.0)
    return width, height


def overlapping_cards(nodes: Iterable) -> tuple[str, str] | None:
    """Two placed nodes whose estimated cards overlap, or None.

    Cards go into a grid of cells as large as the largest card, so each card is compared only
    with the cards of the (at most four) cells it touches: linear for any layout.
    """
    cell = 270.0                                     # no card is wider or taller
    grid: dict[tuple[int, int], list[tuple]] = {}
    for n in nodes:
        if n.x is None or n.y is None:
            continue
        w, h = estimated_card_size(n.title, n.text)
        box = (n.x - w / 2, n.x + w / 2, n.y - h / 2, n.y + h / 2, n.id)
        cells = {(int(cx // cell), int(cy // cell)) for cx in (box[0], box[1]) for cy in (box[2], box[3])}
        for key in cells:
            for other in grid.get(key, ()):
                if other[0] < box[1] and box[0] < other[1] and other[2] < box[3] and box[2] < other[3]:
                    return other[4], box[4]
        for key in cells:
            grid.setdefault(key, []).append(box)
    return None


