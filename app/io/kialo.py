"""Kialo text export: both the one-line and the newer multi-line format.

One-line format::

    Discussion Title: Should cities ban cars?
    1. Cities should ban cars.
    1.1. Pro: The air gets cleaner.
    1.1.1. Con: -> See 1.2.

Multi-line format: ``Discussion Name: ...``, then ``1. Thesis:`` or an (indented) ``1.1. Con:``
on a line of its own with the claim's text on the following lines, ``[1]`` footnote markers,
and a closing ``Sources:`` list.

The numbering gives the tree; Pro supports its parent, Con attacks it (a ``Thesis`` below the
root answers it). ``-> See 1.4.`` makes the existing claim 1.4 a further reason or objection
instead of a new claim. The root is a question if its text ends with "?".

Kialo writes Markdown in claim texts. A link ``[Experts](https://…)`` keeps its words in the
text, and its address goes to the claim's ``source_ref``; a footnote marker ``[1]`` leaves the
text (with the space before it, so no " ," remains) and its entry of the ``Sources:`` list,
with the quotation and the address it holds, goes to ``source_ref``. Each entry of that list
also becomes one of the map's sources (title: the marker and address, text: the whole entry),
so the quotations are kept in full.

>>> m = read_kialo("1. Ban cars?\\n1.1. Pro: Cleaner air.\\n1.2. Con: -> See 1.1.\\n").map
>>> sorted((m.nodes[e.source].title, e.relation, m.nodes[e.target].kind) for e in m.edges.values())
[('Cleaner air.', 'support', 'question')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Edge, Node, Source, new_id
from .limits import MAX_DEPTH, MAX_ITEMS, EdgeCollector, build_checked, check_size, short_title
from .base import FormatError, ImportResult

WHAT = "Kialo"
HEADER = re.compile(r"^\s*((?:\d{1,9}\.)+)\s*(?:(Thesis|Pro|Con)\s*:)?[ \t]*(.*)$", re.IGNORECASE)
TITLE_LINE = re.compile(r"^\s*Discussion (?:Title|Name)\s*:\s*(.*)$", re.IGNORECASE)
SOURCES_LINE = re.compile(r"^\s*Sources\s*:\s*$", re.IGNORECASE)
SOURCE_ENTRY = re.compile(r"^\s*\[(\d+)\]\s*(.*)$")
LINK = re.compile(r"^->\s*See\s+((?:\d+\.)*\d+)\.?\s*$", re.IGNORECASE)
FOOTNOTE = re.compile(r"[ \t]*(?<!\\)\[(\d+)\](?!\()(?:[ \t]+(?=[,.;:!?]))?")
MD_LINK = re.compile(r"(?<!\\)\[((?:\\.|[^\]\\\n])*)\]\(\s*<?((?:[^()\s<>]|\([^()\s]*\))+)>?"
                     r"(?:\s+\"[^\"\n]*\")?\s*\)")
URL = re.compile(r"(?:https?|ftp)://\S+|www\.\S+", re.IGNORECASE)
ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>|~])")
RELATIONS = {"pro": "support", "con": "attack", "thesis": "answer"}


@dataclass
class _Claim:
    number: str
    label: str            # "", "thesis", "pro", "con"
    line: int
    lines: list[str] = field(default_factory=list)

    @property
    def parent(self) -> str:
        return self.number.rsplit(".", 1)[0] if "." in self.number else ""

    def raw_text(self) -> str:
        return "\n".join(self.lines).strip()


def read_kialo(text: str) -> ImportResult:
    """Parse a Kialo export; problems with the numbering name their line."""
    text = check_size(text, WHAT).lstrip("\ufeff")
    claims, title, footnotes = _scan(text.splitlines())
    if not claims:
        raise FormatError("No thesis found: the claims of a Kialo export start with a line "
                          "such as '1. Thesis' or '1. Thesis:'")
    notes: list[str] = []
    nodes, edges = _assemble(claims, footnotes, notes)
    meta = {"title": title} if title else {}
    sources = [Source(id=new_id(), title=_source_title(num, entry), text=entry)
               for num, entry in footnotes.items()]
    if sources:
        notes.append(f"Kept the {len(sources)} entries of the Sources list as sources of the map")
    return ImportResult(build_checked(nodes, edges, WHAT, meta=meta, sources=sources), notes)


def _source_title(number: str, entry: str) -> str:
    """[n] and the entry's address, else [n] and its first words."""
    url = URL.search(entry)
    return f"[{number}] {url.group().rstrip('.,;)') if url else short_title(entry)}"


def _scan(lines: list[str]) -> tuple[dict[str, _Claim], str, dict[str, str]]:
    """The claims by number, the discussion title and the footnotes of the Sources list."""
    claims: dict[str, _Claim] = {}
    title, footnotes, current, in_sources, entry = "", {}, None, False, ""
    for lineno, line in enumerate(lines, start=1):
        if in_sources:
            m = SOURCE_ENTRY.match(line)
            if m:
                entry = m.group(1)
                footnotes[entry] = m.group(2).strip()
            elif line.strip() and footnotes:      # a quotation or address on the entry's next lines
                footnotes[entry] = (footnotes[entry] + "\n" + line.strip()).strip()
            continue
        if SOURCES_LINE.match(line) and claims:
            in_sources = True
            continue
        claim = _header(line, lineno, claims)
        if claim:
            claims[claim.number] = current = claim
        elif current is not None:
            current.lines.append(line.strip())
        elif TITLE_LINE.match(line) and not title:
            title = TITLE_LINE.match(line).group(1).strip()
    return claims, title, footnotes


def _header(line: str, lineno: int, claims: dict[str, _Claim]) -> _Claim | None:
    """The claim a header line starts, None for any other line; bad numbering is an error."""
    m = HEADER.match(line)
    if not m:
        return None
    number, label, rest = m.group(1).rstrip("."), (m.group(2) or "").lower(), m.group(3)
    is_root = "." not in number and not claims
    if not label and not is_root:
        return None            # e.g. a numbered list inside a claim's text
    where = f"Line {lineno}"
    if number.count(".") + 1 > MAX_DEPTH:
        raise FormatError(f"{where}: claims are nested more than {MAX_DEPTH} levels deep")
    if len(claims) >= MAX_ITEMS // 2:
        raise FormatError(f"{where}: the file holds more than {MAX_ITEMS // 2} claims")
    if number in claims:
        raise FormatError(f"{where}: claim {number} appears a second time (first at line {claims[number].line})")
    claim = _Claim(number, label, lineno, [rest.strip()] if rest.strip() else [])
    if not claims:
        if label in ("pro", "con"):
            raise FormatError(f"{where}: the first claim must be the thesis, not a {label.title()}")
        return claim
    if claim.parent not in claims:
        raise FormatError(f"{where}: claim {number} has no parent claim {claim.parent or '(none)'} before it")
    return claim


def _assemble(claims: dict[str, _Claim], footnotes: dict[str, str], notes: list[str]):
    """Nodes and edges from the scanned claims; links become extra edges."""
    root = next(iter(claims.values()))
    links = {c.number: m.group(1) for c in claims.values() if (m := LINK.match(c.raw_text()))}
    ids = {num: new_id() for num in claims if num not in links}
    nodes = [_node(c, ids[c.number], c is root, footnotes) for c in claims.values() if c.number in ids]
    collector = EdgeCollector(notes)
    dangling = 0
    for c in claims.values():
        if c is root:
            continue
        source = _resolve(c.number, links, ids) if c.number in links else ids[c.number]
        target = _resolve(c.parent, links, ids)
        if source is None or target is None:
            dangling += 1
            continue
        relation = RELATIONS[c.label]
        collector.add(Edge(id=new_id(), source=source, target=target, relation=relation,
                           data={"kialo": c.number}))
    edges = collector.finish(WHAT)
    if links:
        notes.append(f"{len(links)} '-> See' link(s) were read as further relations to the claim they name")
    if dangling:
        notes.append(f"{dangling} '-> See' link(s) named a claim that is not in the file and were left out")
    return nodes, edges


def _resolve(number: str, links: dict[str, str], ids: dict[str, str]) -> str | None:
    """The node id a claim number stands for, following links (at most a few hops)."""
    for _ in range(8):
        if number in ids:
            return ids[number]
        if number not in links:
            return None
        number = links[number]
    return None


def _node(c: _Claim, node_id: str, is_root: bool, footnotes: dict[str, str]) -> Node:
    text, refs = plain_text(c.raw_text(), footnotes)
    source_ref = "; ".join(refs)
    kind = "question" if is_root and text.rstrip().endswith("?") else "claim"
    return Node(id=node_id, kind=kind, title=short_title(text), text=text, source_ref=source_ref,
                data={"kialo": c.number})


def plain_text(raw: str, footnotes: dict[str, str]) -> tuple[str, list[str]]:
    """A claim's Kialo Markdown as plain text, and its references (link addresses and
    footnote entries) in the order they appear.

    >>> plain_text("See [the study](https://x.org/a_(b)) [1], and more.", {"1": "Quote\\nhttps://y.org"})
    ('See the study, and more.', ['https://x.org/a_(b)', '[1] Quote https://y.org'])
    """
    refs: list[str] = []

    def link(m: re.Match) -> str:
        refs.append(m.group(2))
        return m.group(1) or m.group(2)

    def footnote(m: re.Match) -> str:
        num = m.group(1)
        refs.append(f"[{num}] {' '.join(footnotes[num].split())}" if num in footnotes else f"[{num}]")
        return ""

    text = FOOTNOTE.sub(footnote, MD_LINK.sub(link, raw))
    text = ESCAPED.sub(r"\1", text)
    text = "\n".join(re.sub(r"[ \t]{2,}", " ", line).strip() for line in text.split("\n")).strip()
    return re.sub(r"\n{3,}", "\n\n", text), list(dict.fromkeys(refs))
