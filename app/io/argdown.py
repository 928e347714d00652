"""Argdown import and export (DESIGN §6): ``read_argdown`` and ``write_argdown``.

What is read: statements ``[T]: text``, arguments ``<T>: text``, references, relation trees
(``+ - <+ <- +> -> _ <_ _> ><``), ``#tags``, ``{data}``, YAML front matter, headings (joined
over their lines up to an empty line; a tag for the statements under them, their data kept
as ``argdown_section``), comments, escapes, bold and italic marks (removed from the text),
premise-conclusion structures as the Argdown tools read them: the premises of the last
inference support the argument, the argument supports its main conclusion, the premises of
an earlier inference support its intermediary conclusion, and a relation *from* an argument
with such a structure starts at its main conclusion. Undercuts become attacks with a warning
note; a contradiction ``><`` becomes two attacks. ``relates`` edges, which Argdown has no
symbol for, are read from and written to the target's data (``{relates: ["[Source]"]}``).
Untitled paragraphs that take part in no relation become ``note`` nodes.

>>> result = read_argdown("[A]: Cats purr.\\n  <+ [B]: They are happy. {weight: 0.5}")
>>> a, b = sorted(result.map.nodes.values(), key=lambda n: n.title)
>>> result.map.edge_between(b.id, a.id).weight
0.5
>>> read_argdown(write_argdown(result.map)).map == result.map
True
"""

from __future__ import annotations

from ..gcpause import collector_paused
from ..model import ArgumentMap
from .argdown_build import build
from .argdown_parse import parse
from .argdown_scan import scan
from .registry import ImportResult


def read_argdown(text: str) -> ImportResult:
    """Parse Argdown *text* into a new map; raises FormatError (line and column) if malformed."""
    with collector_paused():   # no cycles are made: see app.gcpause
        scanned = scan(text)
        blocks = parse(scanned)
        return build(blocks, scanned.front, scanned.front_line)


def write_argdown(amap: ArgumentMap) -> str:
    """Argdown text that reads back to an equal map (timestamps aside)."""
    from .argdown_write import write
    return write(amap)
