"""Second pass: cleaned Argdown lines to a small syntax tree (no ids, no map yet).

The tree is a list of blocks: ``Heading``, ``Element`` (a top-level statement, argument,
reference or plain paragraph, with its relation tree) and ``PCS`` (a premise-conclusion
structure). Every malformed construct raises FormatError naming line and column.

>>> blocks = parse(scan("[A]: a\\n  + <B>: b"))
>>> a = blocks[0]; a.title, a.children[0].symbol, a.children[0].element.kind
('A', '+', 'argument')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .argdown_scan import DATA_MARK, DATA_PLACEHOLDER, Scanned, decode, error, placeholder_number, scan
from .limits import MAX_DEPTH

SYMBOLS = ("<+", "<-", "<_", "+>", "->", "_>", "><", "+", "-", "_")
_RELATION = re.compile(r"([ \t]*)(<\+|<-|<_|\+>|->|_>|><|\+|-|_)(?=[ \t]|$)")
_UNKNOWN_RELATION = re.compile(r"([ \t]*)([<>+\-_=]{1,3})(?=[ \t]|$)")
_NUMBERED = re.compile(r"([ \t]*)\((\d+)\)[ \t]*")
_HEADING = re.compile(r"(#{1,6})[ \t]+(.*)$")
_INFERENCE = re.compile(r"[ \t]*--")
_LINK = re.compile(r"\[[^\]]+?\]\([^)]+?\)")
_DEFINITION = re.compile(r"\[[^\]].*?\]:|<.+?>:")
_HEADS = (("statement", True, re.compile(r"\[(.+?)\]:")), ("statement", False, re.compile(r"\[([^-].*?)\]")),
          ("argument", True, re.compile(r"<(.+?)>:")), ("argument", False, re.compile(r"<([^-].*?)>")))
_HEAD = re.compile(r"\[(.+?)\]:|\[([^-].*?)\]|<(.+?)>:|<([^-].*?)>")
_TAG_CHARS = "A-Za-z0-9\\-\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef"
# No token pattern may run over its own opener: "[[[[" or "#(#(#(" must not be scanned again
# from every opener (that took minutes on a line of 200,000 of them).
_TAG = re.compile(rf"\[[^\[\]]+\]\([^()]+\)|@\[[^\[\]]+\]|@<[^<>]+>|#\(([^()]+)\)|#([{_TAG_CHARS}]+)")
_DATA_CHAR = DATA_PLACEHOLDER
_EMPHASIS = re.compile(r"\*\*|__|\*|_")
_END_FOLLOW = " \t\n)}_.,!?;:-*"


@dataclass
class Element:
    """A statement or argument occurrence: defined, referenced, or untitled text."""
    kind: str                     # "statement" or "argument"
    title: str | None             # None: an untitled statement
    defining: bool
    text: str
    tags: list[str]
    data: dict
    pos: tuple[int, int]
    children: list["Relation"] = field(default_factory=list)


@dataclass
class Relation:
    symbol: str
    element: Element
    pos: tuple[int, int]


@dataclass
class PCS:
    """A premise-conclusion structure; roles are premise, intermediary, conclusion."""
    argument: Element | None
    items: list[tuple[Element, str]]
    inferences: list[dict]
    pos: tuple[int, int]


@dataclass
class Heading:
    level: int
    text: str
    pos: tuple[int, int]
    data: dict = field(default_factory=dict)


class _Draft:
    """An element whose lines are still being collected."""

    def __init__(self, indent: int, line: int, col: int, kind_hint: str = ""):
        self.indent, self.parts, self.children = indent, [], []
        self.line, self.col, self.kind_hint = line, col, kind_hint

    def add(self, text: str) -> None:
        text = text.strip()
        if text:
            self.parts.append(text)


class _Parser:
    def __init__(self, scanned: Scanned):
        self.s = scanned
        self.blocks: list = []
        self.stack: list[_Draft] = []      # current relation tree, root first
        self.root: _Draft | None = None
        self.pcs: dict | None = None       # {"argument", "items": [(draft, after_inference)], ...}
        self.inference: dict | None = None  # an open "--" inference block
        self.last_top = None               # the block just before, for attaching a PCS
        self.heading: dict | None = None   # a heading whose lines are still being collected

    def run(self) -> list:
        for i, line in enumerate(self.s.lines):
            if not line.strip():
                if self.inference is None and not self.s.had_content(i):
                    self._end_heading()
                    self._blank()
                continue
            if self.heading is not None:
                self.heading["parts"].append(line)
                continue
            self._line(i, line)
        self._end_heading()
        self._blank()
        self._end_pcs()
        return self.blocks

    def _end_heading(self) -> None:
        """A heading runs on over the following lines up to an empty line; join them."""
        if self.heading is None:
            return
        heading, self.heading = self.heading, None
        raw = " ".join(heading["parts"])
        data = _take_data(raw, self.s)
        text = " ".join(decode(strip_emphasis(_DATA_CHAR.sub(" ", raw))).split())
        self.blocks.append(Heading(heading["level"], text, heading["pos"], data))

    # ----- lines ---------------------------------------------------------------------
    def _line(self, i: int, line: str) -> None:
        if self.inference is not None:
            return self._inference_line(i, line)
        if line[0] != "[":                 # "[Title]: ..." is none of these
            m = _RELATION.match(line)      # (no line matches both this and the next two)
            if m:
                return self._relation(i, line, m)
            if _INFERENCE.match(line):
                return self._inference_start(i, line)
            m = _NUMBERED.match(line)
            if m:
                return self._numbered(i, line, m)
        m = _UNKNOWN_RELATION.match(line) if line[0] != "[" else None
        if m and not _HEADS[3][2].match(line.lstrip()):
            raise error(self.s.at(i, len(m.group(1))), f"unknown relation symbol {m.group(2)!r} "
                        f"(Argdown knows {', '.join(SYMBOLS)})")
        heading = _HEADING.match(line) if line[0] == "#" else None
        if heading:
            self._blank()
            self._end_pcs()
            self.heading = {"level": len(heading.group(1)), "parts": [heading.group(2)],
                            "pos": self.s.at(i, 0)}
            self.last_top = None
            return
        current = self.stack[-1] if self.stack else None
        starts_new = (line[0] in "[<" and self.pcs is None and _DEFINITION.match(line)
                      and not _LINK.match(line))
        if current is None or starts_new:
            self._blank()
            self._end_pcs()
            self.root = _Draft(-1, i, len(line) - len(line.lstrip()))
            self.stack = [self.root]
            current = self.root
        current.add(line)

    def _blank(self) -> None:
        """An empty line ends a relation tree (and a paragraph)."""
        if self.root is not None and self.pcs is None:
            element = self._finish(self.root)
            self.blocks.append(element)
            self.last_top = element
        self.root, self.stack = None, []
        if self.pcs is not None:
            self.pcs["gap"] = True

    def _relation(self, i: int, line: str, m: re.Match) -> None:
        indent = len(m.group(1))
        if not self.stack:
            raise error(self.s.at(i, indent), f"the relation {m.group(2)!r} has no statement or "
                        "argument above it (an empty line ends a relation tree)")
        while self.stack[-1].indent >= indent:
            self.stack.pop()
        if len(self.stack) > MAX_DEPTH:
            raise error(self.s.at(i, indent), f"relation trees may nest at most {MAX_DEPTH} "
                        "levels deep; this one goes deeper")
        parent = self.stack[-1]
        if parent.children and parent.children[-1][1].indent != indent:
            expected = parent.children[-1][1].indent
            raise error(self.s.at(i, indent), f"bad indentation: this line is indented by {indent}, "
                        f"but the lines it follows are indented by {expected} or more")
        child = _Draft(indent, i, m.end())
        child.add(line[m.end():])
        parent.children.append((m.group(2), child, self.s.at(i, indent)))
        self.stack.append(child)

    def _numbered(self, i: int, line: str, m: re.Match) -> None:
        if self.pcs is None:
            self._blank()
            argument = self.last_top if isinstance(self.last_top, Element) \
                and self.last_top.kind == "argument" else None
            if argument is not None:
                del self.blocks[next(k for k, b in enumerate(self.blocks) if b is argument)]
            self.pcs = {"argument": argument, "items": [], "inferences": [], "gap": False,
                        "pos": self.s.at(i, len(m.group(1))), "after_inference": False}
        self.pcs["gap"] = False
        item = _Draft(-1, i, m.end())
        item.add(line[m.end():])
        self.pcs["items"].append((item, self.pcs["after_inference"]))
        self.pcs["after_inference"] = False
        self.root, self.stack = item, [item]

    def _inference_start(self, i: int, line: str) -> None:
        if self.pcs is None or not self.pcs["items"]:
            raise error(self.s.at(i, len(line) - len(line.lstrip())), "an inference line (--) must "
                        "follow the numbered premises of a premise-conclusion structure")
        self.root, self.stack = None, []
        body = line.strip()
        inner = _between_dashes(body)
        if inner is not None:
            self._add_inference(inner)
        else:
            self.inference = {"parts": [body.lstrip("-")], "pos": self.s.at(i, 0)}

    def _inference_line(self, i: int, line: str) -> None:
        end = line.rstrip()
        if not end.endswith("--"):
            self.inference["parts"].append(line)
            return
        self.inference["parts"].append(end.rstrip("-"))
        self._add_inference(" ".join(self.inference["parts"]))
        self.inference = None

    def _add_inference(self, raw: str) -> None:
        data = _take_data(raw, self.s)
        rule = " ".join(decode(_DATA_CHAR.sub("", raw)).split())
        entry = {"rule": rule, **data} if (rule or data) else {}
        self.pcs["inferences"].append(entry)
        self.pcs["after_inference"] = True

    def _end_pcs(self) -> None:
        if self.inference is not None:
            raise error(self.inference["pos"], "this inference (--) is never closed with --")
        if self.pcs is None:
            return
        pcs, self.pcs = self.pcs, None
        if pcs["after_inference"]:
            raise error(pcs["pos"], "this premise-conclusion structure ends with an inference line "
                        "(--); a numbered conclusion must follow it")
        if not pcs["inferences"]:
            raise error(pcs["pos"], "this premise-conclusion structure has no inference line "
                        "(---- or -- rule --) before its conclusion")
        items = []
        last = len(pcs["items"]) - 1
        for k, (draft, concluded) in enumerate(pcs["items"]):
            role = ("conclusion" if k == last else "intermediary") if concluded else "premise"
            items.append((self._finish(draft), role))
        self.blocks.append(PCS(pcs["argument"], items, [i for i in pcs["inferences"] if i], pcs["pos"]))
        self.root, self.stack, self.last_top = None, [], None

    # ----- elements ------------------------------------------------------------------
    def _finish(self, draft: _Draft) -> Element:
        pos = self.s.at(draft.line, draft.col)
        if not draft.parts:
            raise error(pos, "a statement or argument must follow here")
        element = parse_element(" ".join(draft.parts), pos, self.s)
        element.children = [Relation(sym, self._finish(child), pos) for sym, child, pos in draft.children]
        return element


def _between_dashes(body: str) -> str | None:
    """The rule of a one-line inference ``-- rule --`` (or "" for ``----``), else None."""
    if len(body) < 4 or not (body.startswith("--") and body.endswith("--")):
        return None
    inner = body.strip("-")
    if not inner:
        return ""
    lead, trail = len(body) - len(body.lstrip("-")), len(body) - len(body.rstrip("-"))
    return inner if lead >= 2 and trail >= 2 else None


def _without_trailing_tags(text: str, tags: list[re.Match]) -> str:
    """*text* without the run of tags (and spaces) it ends with; *tags* are its tag matches."""
    end = len(text.rstrip())
    for m in reversed(tags):
        if m.end() != end:
            break
        end = len(text[:m.start()].rstrip())
    return text[:end]


def _take_data(raw: str, s: Scanned) -> dict:
    """The data blocks whose placeholders stand in *raw*, merged in order."""
    if DATA_MARK not in raw:
        return {}
    codes = _DATA_CHAR.findall(raw)
    if len(codes) == 1:             # each block stands in the text once: it can be taken as it is
        return s.data[placeholder_number(codes[0][1:])]
    data: dict = {}
    for code in codes:
        data.update(s.data[placeholder_number(code[1:])])
    return data


def strip_emphasis(text: str) -> str:
    """*text* without the bold and italic marks (``**b**``, ``__b__``, ``*i*``, ``_i_``).

    A mark opens a range when a non-space follows it and closes the open range of the same
    mark when a non-space precedes it and a space, punctuation or the end follows, as the
    Argdown lexer reads them. Marks that open no range or are never closed stay as text.

    >>> strip_emphasis("a **bold** and _italic_, snake_case and 2 * 3")
    'a bold and italic, snake_case and 2 * 3'
    """
    if "*" not in text and "_" not in text:
        return text
    open_marks: list[tuple[str, int, int]] = []
    removed: list[tuple[int, int]] = []
    for m in _EMPHASIS.finditer(text):
        mark, start, end = m.group(), m.start(), m.end()
        before, after = text[start - 1:start], text[end:end + 1]
        if (open_marks and open_marks[-1][0] == mark and before and not before.isspace()
                and (not after or after in _END_FOLLOW)):
            _, o_start, o_end = open_marks.pop()
            removed += [(o_start, o_end), (start, end)]
        elif after and not after.isspace():
            open_marks.append((mark, start, end))
    if not removed:
        return text
    out, pos = [], 0
    for start, end in sorted(removed):
        out.append(text[pos:start])
        pos = end
    out.append(text[pos:])
    return "".join(out)


def parse_element(raw: str, pos: tuple[int, int], s: Scanned) -> Element:
    """Title, text, tags and data of one element from its joined (cleaned) lines."""
    kind, title, defining, rest = "statement", None, False, raw
    if raw[:1] in "[<" and not _LINK.match(raw):
        m = _HEAD.match(raw)
        if m:
            k = m.lastindex
            kind, defining = ("statement", "argument")[k > 2], k % 2 == 1
            title, rest = m.group(k).strip(), raw[m.end():]
            if not title:
                raise error(pos, "a title in brackets must not be empty")
        else:
            closer = {"[": "]", "<": ">"}.get(raw[:1])
            if closer and closer not in raw:
                raise error(pos, f"the {raw[0]} here is never closed with {closer}")
    data: dict = {}
    if DATA_MARK in rest:
        data = _take_data(rest, s)
        rest = _DATA_CHAR.sub(" ", rest)
    tags = []
    if "#" in rest:
        found = [m for m in _TAG.finditer(rest) if m.group(1) or m.group(2)]
        tags = [decode(m.group(1) or m.group(2)) for m in found]
        rest = _without_trailing_tags(rest, found)
    text = decode(strip_emphasis(" ".join(rest.split())))
    if title is not None and not defining and text:
        raise error(pos, f"text follows the reference to {title!r}; to define it, "
                    "write a colon after the title")
    return Element(kind, decode(title) if title is not None else None, defining, text, tags, data, pos)


def parse(scanned: Scanned) -> list:
    """The blocks of a scanned Argdown document."""
    return _Parser(scanned).run()


__all__ = ["Element", "Heading", "PCS", "Relation", "SYMBOLS", "parse", "parse_element", "scan", "strip_emphasis"]
