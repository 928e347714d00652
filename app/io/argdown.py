"""Argdown import and export (DESIGN §6): ``read_argdown`` and ``write_argdown``.

What is read: statements ``[T]: text``, arguments ``<T>: text``, references, relation trees
(``+ - <+ <- +> -> _ <_ _> ><``), ``#tags``, ``{data}``, YAML front matter, headings (a tag
for the statements under them), comments, escapes, premise-conclusion structures (the
argument is supported by its premises and supports its conclusion). Undercuts become
attacks with a warning note; a contradiction ``><`` becomes two attacks. Untitled paragraphs
that take part in no relation become ``note`` nodes.

>>> result = read_argdown("[A]: Cats purr.\\n  <+ [B]: They are happy. {weight: 0.5}")
>>> a, b = sorted(result.map.nodes.values(), key=lambda n: n.title)
>>> result.map.edge_between(b.id, a.id).weight
0.5
>>> read_argdown(write_argdown(result.map)).map == result.map
True
"""

from __future__ import annotations

import gc
from contextlib import contextmanager

from ..model import ArgumentMap
from .argdown_build import build
from .argdown_parse import parse
from .argdown_scan import scan
from .argdown_write import write
from .registry import ImportResult


def read_argdown(text: str) -> ImportResult:
    """Parse Argdown *text* into a new map; raises FormatError (line and column) if malformed."""
    with _collector_paused():
        scanned = scan(text)
        blocks = parse(scanned)
        return build(blocks, scanned.front, scanned.front_line)


@contextmanager
def _collector_paused():
    """Pause the cycle collector while parsing: the parse makes hundreds of thousands of small
    objects and no cycles, and the collector's passes over them cost about a quarter of the time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def write_argdown(amap: ArgumentMap) -> str:
    """Argdown text that reads back to an equal map (timestamps aside)."""
    return write(amap)
