"""First pass over Argdown text: front matter, comments, escapes and ``{data}`` blocks.

The scanner walks the text once, the way the Argdown lexer does, and hands the line
parser a cleaned copy in which

- comments (``//``, ``/* */``, ``<!-- -->``) are gone (newlines kept, so line numbers stay),
- a backslash-escaped character is replaced by one private-use character that no later
  pattern matches (``decode`` turns it back),
- every ``{...}`` data block is parsed as YAML and replaced by one placeholder character,
- titles, references, links, mentions and ``#(tags)`` are copied untouched, as Argdown
  reads them as single tokens (a ``//`` inside ``[a // b]:`` is not a comment).

>>> s = scan("[A]: a \\\\#b // note\\n  + [B] {weight: 0.5}")
>>> s.lines[0].rstrip(), s.data[0]
('[A]: a \\U000f0023b', {'weight': 0.5})
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

import yaml

from .registry import FormatError

ESCAPE_BASE = 0xF0000      # escaped character c becomes chr(ESCAPE_BASE + ord(c))
DATA_BASE = 0x100000       # data block k becomes chr(DATA_BASE + k)
_VERBATIM = [
    re.compile(r"\[[^\]\n]+?\]\([^)\n]+?\)"),       # markdown link
    re.compile(r"\[[^\n]+?\]:"),                     # statement definition
    re.compile(r"\[[^-\n][^\n]*?\]"),                # statement reference
    re.compile(r"<[^\n]+?>:"),                       # argument definition
    re.compile(r"<[^-\n][^\n]*?>"),                  # argument reference
    re.compile(r"@\[[^\n]+?\]|@<[^\n]+?>"),          # mentions
    re.compile(r"#\([^)\n]+\)"),                     # tag with spaces
]
_FRONT_OPEN = re.compile(r"[ \t]*===+[ \t]*$")


@dataclass
class Scanned:
    """The cleaned text, split into lines, with what is needed to report positions."""
    lines: list[str]
    offsets: list[list[int]]          # original offset of each cleaned character, per line
    had_content: list[bool]           # the original line held more than whitespace
    data: list[dict] = field(default_factory=list)
    data_pos: list[int] = field(default_factory=list)
    front: dict | None = None
    front_line: int = 0
    line_starts: list[int] = field(default_factory=list)

    def where(self, offset: int) -> tuple[int, int]:
        """(line, column), both 1-based, of an offset into the original text."""
        i = bisect.bisect_right(self.line_starts, offset) - 1
        return i + 1, offset - self.line_starts[i] + 1

    def at(self, line_index: int, col_index: int) -> tuple[int, int]:
        """Original (line, column) of a character of cleaned line *line_index*."""
        offs = self.offsets[line_index]
        if not offs:
            return line_index + 1, 1
        return self.where(offs[min(col_index, len(offs) - 1)])


def error(pos: tuple[int, int], message: str) -> FormatError:
    """A FormatError naming line and column."""
    return FormatError(f"Argdown line {pos[0]}, column {pos[1]}: {message}")


def normalise(text: str) -> str:
    """Unix line endings, no byte order mark."""
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode(text: str) -> str:
    """Turn escaped-character placeholders back into the characters."""
    return "".join(chr(ord(c) - ESCAPE_BASE) if ESCAPE_BASE <= ord(c) < DATA_BASE else c
                   for c in text)


def scan(text: str) -> Scanned:
    """Scan normalised Argdown *text*; raises FormatError for unclosed comments or data."""
    text = normalise(text)
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    out: list[str] = []
    offs: list[int] = []
    result = Scanned([], [], [], line_starts=starts)
    i = _front_matter(text, result)
    n = len(text)
    while i < n:
        c = text[i]
        if c == "\\" and i + 1 < n and text[i + 1] != "\n":
            nxt = text[i + 1]
            out.append(chr(ESCAPE_BASE + ord(nxt)) if ord(nxt) < 0xFFFE else nxt)
            offs.append(i)
            i += 2
        elif text.startswith(("//", "/*", "<!--"), i):
            i = _skip_comment(text, i, out, offs, result)
        elif c == "{":
            i = _data_block(text, i, out, offs, result)
        elif c in "[<@#":
            i = _verbatim(text, i, out, offs)
        else:
            out.append(c)
            offs.append(i)
            i += 1
    _split_lines(text, out, offs, result)
    return result


def _front_matter(text: str, result: Scanned) -> int:
    """Parse a leading ``===`` YAML block into result.front; return where scanning starts."""
    lines = text.split("\n")
    first = next((k for k, line in enumerate(lines) if line.strip()), None)
    if first is None or not _FRONT_OPEN.match(lines[first]):
        return 0
    close = next((k for k in range(first + 1, len(lines)) if _FRONT_OPEN.match(lines[k])), None)
    if close is None:
        raise error((first + 1, 1), "the front matter opened here with === is never closed")
    body = "\n".join(lines[first + 1:close])
    try:
        front = yaml.safe_load(body) if body.strip() else {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        pos = (first + 2 + mark.line, mark.column + 1) if mark else (first + 1, 1)
        raise error(pos, f"the front matter is not valid YAML ({_yaml_problem(exc)})") from None
    if not isinstance(front, dict):
        raise error((first + 1, 1), "the front matter must be a YAML mapping (key: value lines)")
    result.front, result.front_line = front, first + 1
    return result.line_starts[close] + len(lines[close])


def _skip_comment(text: str, i: int, out: list, offs: list, result: Scanned) -> int:
    if text.startswith("//", i):
        end = text.find("\n", i)
        return len(text) if end < 0 else end
    closer = "*/" if text.startswith("/*", i) else "-->"
    end = text.find(closer, i + 2)
    if end < 0:
        raise error(result.where(i), f"this comment is never closed with {closer}")
    for k in range(i, end):
        if text[k] == "\n":
            out.append("\n")
            offs.append(k)
    return end + len(closer)


def _data_block(text: str, i: int, out: list, offs: list, result: Scanned) -> int:
    """Find the brace matching text[i] (quotes respected), parse it as YAML."""
    depth, quote, k = 0, "", i
    while k < len(text):
        ch = text[k]
        if quote:
            if ch == "\\" and quote == '"':
                k += 1
            elif ch == quote:
                quote = ""
        elif ch in "\"'" and (text[k - 1] in "{[,: \t\n" if k > i else False):
            quote = ch
        elif ch in "{[":
            depth += 1
        elif ch in "}]":
            depth -= 1
            if depth == 0:
                break
        k += 1
    else:
        raise error(result.where(i), "this {data} block is never closed with }")
    raw = text[i:k + 1]
    try:
        value = yaml.safe_load(raw)
    except yaml.YAMLError as exc:
        raise error(result.where(i), f"malformed {{data}} block ({_yaml_problem(exc)})") from None
    if not isinstance(value, dict):
        raise error(result.where(i), "a {data} block must be a mapping like {key: value}")
    out.append(chr(DATA_BASE + len(result.data)))
    offs.append(i)
    result.data.append(value)
    result.data_pos.append(i)
    return k + 1


def _verbatim(text: str, i: int, out: list, offs: list) -> int:
    for pattern in _VERBATIM:
        m = pattern.match(text, i)
        if m:
            out.extend(m.group(0))
            offs.extend(range(i, m.end()))
            return m.end()
    out.append(text[i])
    offs.append(i)
    return i + 1


def _split_lines(text: str, out: list, offs: list, result: Scanned) -> None:
    cleaned = "".join(out)
    pos = 0
    for line in cleaned.split("\n"):
        line_offs = offs[pos:pos + len(line)]
        origin = line_offs[0] if line_offs else (offs[pos] if pos < len(offs) else len(text))
        nline = bisect.bisect_right(result.line_starts, origin) - 1
        orig_line = text[result.line_starts[nline]:].split("\n", 1)[0]
        result.lines.append(line)
        result.offsets.append(line_offs or [offs[pos] if pos < len(offs) else len(text)])
        result.had_content.append(bool(orig_line.strip()))
        pos += len(line) + 1


def _yaml_problem(exc: yaml.YAMLError) -> str:
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    return problem
