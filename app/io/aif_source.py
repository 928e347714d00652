"""An AIF map's source text: the ``.txt`` that AIFdb corpora ship beside each nodeset.

The text is optional, so it never makes the import of the map fail: it is decoded with a
detected encoding (see :mod:`app.io.textfile`), and if it cannot be read at all the map comes
without it and the import report says why. AIFdb writes many of these texts as OVA's HTML
(``<br>`` line breaks, ``<span class="highlighted">`` around the analysed passages); that
markup is turned into plain text, since Reasonmap shows sources as plain text.
"""

from __future__ import annotations

import re
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

from ..model import ReasonmapError, Source, new_id
from ..model.build import build_map
from .base import ImportResult
from .textfile import read_source_text


def with_sibling_source(path: Path, result: ImportResult) -> ImportResult:
    """*result* with the text file named like *path* (``x.json`` → ``x.txt``) as its source."""
    text_file = Path(path).with_suffix(".txt")
    if text_file == Path(path) or not text_file.is_file() or result.map.sources or not result.map.nodes:
        return result
    try:
        text, encoding = read_source_text(text_file)
    except ReasonmapError as exc:
        return ImportResult(result.map, [*result.notes, f"Left out the source text: {exc}"], result.format)
    plain = html_to_text(text) if HTML_TAG.search(text) else None
    amap = anchor_to_source(result.map, text_file.name, text if plain is None else plain)
    anchored = sum(n.anchor is not None for n in amap.nodes.values())
    how = "" if encoding == "UTF-8" else f", read as {encoding} since it is not all UTF-8"
    how += "" if plain is None else ", its HTML markup turned into plain text"
    note = f"Anchored {anchored} of {len(amap.nodes)} claims to {text_file.name}{how}"
    return ImportResult(amap, [*result.notes, note], result.format)


HTML_TAG = re.compile(r"<(?:br|span|p|div|b|i|em|strong)\b[^<>]*>", re.IGNORECASE)
_BREAKS = {"br", "p", "div"}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        if tag in _BREAKS:
            self.parts.append("\n")

    def handle_data(self, data) -> None:
        self.parts.append(data)


def html_to_text(text: str) -> str:
    """*text* (OVA's HTML) as plain text: tags dropped, line breaks kept, entities resolved.

    >>> html_to_text('A : <span class="highlighted" id="n1">we agree</span> &amp; go.<br>B : no')
    'A : we agree & go.\\nB : no'
    """
    parser = _Text()
    parser.feed(text)
    parser.close()
    return "".join(parser.parts)


def anchor_to_source(amap, source_title: str, source_text: str):
    """A copy of *amap* with a Source holding *source_text* and its claims anchored to it.

    A claim whose text occurs in the source (exactly, else with any run of white space
    standing for any other, else also ignoring case) gets ``anchor = {"source", "start", "end", "quote"}``; the others
    stay unanchored. Spans already given to one claim are not given to another.
    """
    source = Source(id=new_id(), title=source_title, text=source_text)
    used: list[tuple[int, int]] = []
    nodes = []
    for n in amap.nodes.values():
        span = _find_span(n.text or n.title, source_text, used)
        if span:
            used.append(span)
            start, end = span
            n = replace(n, anchor={"source": source.id, "start": start, "end": end,
                                   "quote": source_text[start:end]})
        nodes.append(n)
    return build_map(nodes, amap.edges.values(), amap.participants.values(), amap.assessments.values(),
                     [*amap.sources.values(), source], meta=amap.meta)


def _find_span(needle: str, hay: str, used: list[tuple[int, int]]) -> tuple[int, int] | None:
    needle = needle.strip()
    if not needle:
        return None
    free = lambda a, b: all(b <= u0 or a >= u1 for u0, u1 in used)  # noqa: E731
    start = hay.find(needle)
    while start >= 0:
        if free(start, start + len(needle)):
            return start, start + len(needle)
        start = hay.find(needle, start + 1)
    words = r"\s+".join(re.escape(w) for w in needle.split())
    for flags in (0, re.IGNORECASE):     # AIFdb often changes only the first letter's case
        for m in re.finditer(words, hay, flags):
            if free(m.start(), m.end()):
                return m.start(), m.end()
    return None
