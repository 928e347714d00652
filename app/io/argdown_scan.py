"""First pass over Argdown text: front matter, comments, escapes and ``{data}`` blocks.

The scanner walks the text once, the way the Argdown lexer does, and hands the line
parser a cleaned copy in which

- comments (``//``, ``/* */``, ``<!-- -->``) are gone (newlines kept, so line numbers stay),
- a backslash-escaped character and every ``{...}`` data block (parsed as YAML by
  :mod:`argdown_yaml`) are replaced by a *placeholder*: four surrogate code points, a kind
  mark and three characters that encode a number (the escaped code point, or the index of
  the data block). Input text never holds surrogates (a lone surrogate is refused), so a
  placeholder can never be confused with what the user wrote, and no later pattern matches it,
- titles, references, links, mentions and ``#(tags)`` are copied untouched, as Argdown
  reads them as single tokens (a ``//`` inside ``[a // b]:`` is not a comment).

The work is linear in the length of the text: plain runs are copied in one piece, and the
searches for the end of a title or reference remember where they found it.

>>> s = scan("[A]: a \\\\#b // note\\n  + [B] {weight: 0.5}")
>>> decode(s.lines[0].rstrip()), s.data[0]
('[A]: a #b', {'weight': 0.5})
"""

from __future__ import annotations

import bisect
import re
from itertools import accumulate

from .argdown_scanned import Pos, Scanned  # noqa: F401  (Pos: re-exported)
from .argdown_yaml import SIMPLE_MAPPING, load_yaml, pairs_in, simple_mapping
from .limits import MAX_DEPTH
from .registry import FormatError

ESCAPE_MARK = "\ud800"      # placeholder of an escaped character
DATA_MARK = "\ud801"        # placeholder of a {data} block
_LOW = 0xDC00
PLACEHOLDER = re.compile("([\ud800\ud801])([\udc00-\udfff]{3})")
DATA_PLACEHOLDER = re.compile("\ud801[\udc00-\udfff]{3}")
_SURROGATE = re.compile("[\ud800-\udfff]")
_FLAT_SRC = r"""\{(?:[^{}\[\]"'\\\n]|(?<=[{\[,: \t])"[^"\\\n]*")*\}"""
_FLAT_BLOCK = re.compile(_FLAT_SRC)
_BRACES = re.compile(r"[{}\[\]\"'\\]")
# Where the scanner has something to do: an escape, a comment, a data block, or the start of a
# token that is copied untouched. GENERAL_SPECIAL finds only where such a thing starts; SPECIAL
# also matches the commonest whole tokens in one go, exactly as _Scanner.verbatim and
# data_block would read them (tests check both give the same result on random text):
# - a definition "[Title]:" (verbatim takes it up to the first "]", which ":" follows),
# - a reference "[Title]" followed only by spaces and an optional one-line data block without
#   "]" or braces up to the end of the line (so no later "]:" or "(" can extend it),
# - a data block of plain "key: value" pairs (argdown_yaml.SIMPLE_MAPPING), whose pairs are
#   then read straight from the text, and any other one-line data block without nesting,
# - a "<" with no ">" after it on its line (a relation "<+", "<-"): verbatim leaves it alone.
# Titles over 200 characters or holding a "[", and lines with more than one "<" or over 300
# characters after it, are left to the general path: no fast pattern runs over another
# opener, so the search stays linear however many openers a line holds.
# - before all of these, a whole ordinary line: at a line start, with no ">" and exactly one
#   "]" on the line (so nothing can run a token past its end): an optional relation "<+" "+"
#   "-" ..., a title "[Title]" (of a definition "[Title]: text" when the text holds nothing
#   the scanner acts on) and an optional block of plain pairs at the end.
_LINE_SRC = (r"(?<![^\n])(?![^\n]*>)(?=[^\n\]]*\][^\n\]]*(?:\n|$))"
             r"[ \t]*(?:(?:<[-+_]|[-+_])[ \t]+)?\[(?![-\]])[^\[\]\n]{1,200}\]"
             r"(?::(?:[^\n\\{}\[\]<>@#/]|#(?!\()|@(?![\[<])|/(?![/*]))*)?"
             rf"[ \t]*(?P<lblock>{SIMPLE_MAPPING})?[ \t]*(?=\n|$)")
GENERAL_SPECIAL = re.compile(r"[\\{\[<]|//|/\*|@[\[<]|#\(")
SPECIAL = re.compile(rf"(?P<line>{_LINE_SRC})|"
                     r"(?P<title>\[(?!\])[^\[\]\n]{0,200}\]:"
                     r"|\[(?![-\]])[^\[\]\n]{0,200}\](?=[ \t]*(?:\{[^\n\]{}]*\}[ \t]*)?(?:\n|$)))"
                     rf"|(?P<simple>{SIMPLE_MAPPING})"
                     rf"|(?P<flat>{_FLAT_SRC})"
                     r"|(?P<lt><(?!!--)(?=[^\n<>]{0,300}(?:\n|$)))"
                     r"|[\\{\[<]|//|/\*|@[\[<]|#\(")
_FRONT_OPEN = re.compile(r"[ \t]*===+[ \t]*$")
_FRONT_LINE = re.compile(r"^[ \t]*===+[ \t]*$", re.M)


def placeholder(mark: str, number: int) -> str:
    """The four characters that stand for escape or data block *number*."""
    return (mark + chr(_LOW + (number >> 20 & 0x3FF)) + chr(_LOW + (number >> 10 & 0x3FF))
            + chr(_LOW + (number & 0x3FF)))


def placeholder_number(code: str) -> int:
    """The number encoded in the three characters after a placeholder's mark."""
    return (ord(code[0]) - _LOW) << 20 | (ord(code[1]) - _LOW) << 10 | (ord(code[2]) - _LOW)


def error(pos: tuple[int, int], message: str) -> FormatError:
    """A FormatError naming line and column."""
    return FormatError(f"Argdown line {pos[0]}, column {pos[1]}: {message}")


def normalise(text: str) -> str:
    """Unix line endings, no byte order mark."""
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decoded(m: re.Match) -> str:
    return chr(placeholder_number(m.group(2))) if m.group(1) == ESCAPE_MARK else ""


def decode(text: str) -> str:
    """Escaped characters back as themselves; data placeholders (if any are left) removed."""
    return PLACEHOLDER.sub(_decoded, text) if "\ud800" in text or "\ud801" in text else text


class _Out:
    """The cleaned text being built, in pieces, with the original offset of each piece."""

    def __init__(self) -> None:
        self.pieces: list[str] = []
        self.seg_orig: list[int] = []

    def add(self, piece: str, orig: int) -> None:
        self.pieces.append(piece)
        self.seg_orig.append(orig)


class _Next:
    """Where a needle next occurs at or after a position: all occurrences found once, then bisected."""

    def __init__(self, text: str, needle: str) -> None:
        self.text, self.needle, self.found = text, needle, None

    def after(self, start: int) -> int:
        if self.found is None:
            self.found = [m.start() for m in re.finditer(re.escape(self.needle), self.text)]
        k = bisect.bisect_left(self.found, start)
        return self.found[k] if k < len(self.found) else len(self.text) + 1


class _Scanner:
    def __init__(self, text: str, result: Scanned) -> None:
        self.text, self.result, self.out = text, result, _Out()
        self.next = {k: _Next(text, k) for k in ("\n", "]", "]:", ">", ">:", ")")}

    def run(self, i: int) -> None:
        text, n, search = self.text, len(self.text), SPECIAL.search
        pieces, origs = self.out.pieces, self.out.seg_orig
        special, store_data = self.special, self.store_data
        while i < n:
            m = search(text, i)
            if m is None:
                pieces.append(text[i:])
                origs.append(i)
                break
            j = m.start()
            if j > i:
                pieces.append(text[i:j])
                origs.append(i)
            kind = m.lastgroup
            if kind == "line" or kind == "lblock":
                i = self.line(m)
            elif kind == "title":
                pieces.append(m.group())
                origs.append(j)
                i = m.end()
            elif kind == "simple":
                i = self.simple_data(j, m.end())
            elif kind == "flat":
                i = store_data(j, m.end() - 1)
            elif kind == "lt":
                pieces.append("<")
                origs.append(j)
                i = j + 1
            else:
                i = special(j)

    def special(self, i: int) -> int:
        text, c = self.text, self.text[i]
        if c == "\\":
            if i + 1 < len(text) and text[i + 1] != "\n":
                self.out.add(placeholder(ESCAPE_MARK, ord(text[i + 1])), i)
                return i + 2
        elif c == "/" and text.startswith(("//", "/*"), i) or c == "<" and text.startswith("<!--", i):
            return self.comment(i)
        elif c == "{":
            return self.data_block(i)
        elif c in "[<@#":
            end = self.verbatim(i)
            if end > i:
                self.out.add(text[i:end], i)
                return end
        self.out.add(c, i)
        return i + 1

    def comment(self, i: int) -> int:
        text = self.text
        self.result.comments = True
        if text.startswith("//", i):
            return min(self.next["\n"].after(i), len(text))
        closer = "*/" if text.startswith("/*", i) else "-->"
        end = text.find(closer, i + 2)
        if end < 0:
            raise error(self.result.where(i), f"this comment is never closed with {closer}")
        k = text.find("\n", i, end)
        while k >= 0:
            self.out.add("\n", k)
            k = text.find("\n", k + 1, end)
        return end + len(closer)

    def verbatim(self, i: int) -> int:
        """End of the title, reference, link, mention or spaced tag starting at *i* (or *i*)."""
        text = self.text
        c, nxt = text[i], text[i + 1:i + 2]
        nl = self.next["\n"].after(i)
        if c == "[":
            close = self.next["]"].after(i + 2)
            if close < nl and nxt != "]" and text.startswith(":", close + 1):
                return close + 2            # [Title]: the commonest case
            if close < nl and nxt != "]" and text.startswith("(", close + 1):
                paren = self.next[")"].after(close + 2)
                if close + 3 <= paren < nl:
                    return paren + 1
            colon = self.next["]:"].after(i + 2)
            if colon < nl:
                return colon + 2
            if nxt not in ("-", "\n", "") and close < nl:
                return close + 1
        elif c == "<":
            colon = self.next[">:"].after(i + 2)
            if colon < nl:
                return colon + 2
            close = self.next[">"].after(i + 2)
            if nxt not in ("-", "\n", "") and close < nl:
                return close + 1
        elif c == "@" and nxt in ("[", "<"):
            close = self.next["]" if nxt == "[" else ">"].after(i + 3)
            if close < nl:
                return close + 1
        elif c == "#" and nxt == "(":
            close = self.next[")"].after(i + 2)
            if i + 3 <= close < nl:
                return close + 1
        return i

    def data_block(self, i: int) -> int:
        """Find the brace matching text[i] (quotes respected), parse it as YAML."""
        flat = _FLAT_BLOCK.match(self.text, i)    # one line, no nesting: most blocks
        return self.store_data(i, flat.end() - 1) if flat else self.store_data(i, self.block_end(i))

    def block_end(self, i: int) -> int:
        """Where the brace opened at *i* closes (nesting and quotes respected)."""
        text, depth, quote = self.text, 0, ""
        k = i
        for m in _BRACES.finditer(text, i):
            k = m.start()
            ch = m.group()
            if quote:
                if ch == quote and not (quote == '"' and _escaped(text, k, i)):
                    quote = ""
            elif ch in "\"'":
                if text[k - 1] in "{[,: \t\n":
                    quote = ch
            elif ch in "{[":
                depth += 1
                if depth > MAX_DEPTH:
                    raise error(self.result.where(i), f"this {{data}} block is nested more than "
                                f"{MAX_DEPTH} levels deep")
            elif ch in "}]":
                depth -= 1
                if depth == 0:
                    break
        else:
            raise error(self.result.where(i), "this {data} block is never closed with }")
        return k

    def line(self, m: re.Match) -> int:
        """An ordinary line (see SPECIAL): copied, its block of pairs stored."""
        start, end, block = m.start(), m.end(), m.start("lblock")
        if block < 0:
            self.out.add(m.group(), start)
            return end
        self.out.add(self.text[start:block], start)
        after = self.simple_data(block, m.end("lblock"))
        if after < end:
            self.out.add(self.text[after:end], after)
        return end

    def simple_data(self, i: int, end: int) -> int:
        """The block text[i:end] of plain pairs, stored (one with YAML words goes to PyYAML)."""
        value = pairs_in(self.text, i + 1, end - 1)
        if value is None:
            return self.store_data(i, end - 1)
        self.out.add(placeholder(DATA_MARK, len(self.result.data)), i)
        self.result.data.append(value)
        self.result.data_pos.append(i)
        return end

    def store_data(self, i: int, k: int) -> int:
        """Parse text[i:k + 1] as a data mapping and put its placeholder in the output."""
        raw = self.text[i:k + 1]
        value = simple_mapping(raw)
        if value is None:
            value = load_yaml(raw, lambda what, mark=None: error(
                self.result.where(i), f"this {{data}} block {what}"))
        if not isinstance(value, dict):
            raise error(self.result.where(i), "a {data} block must be a mapping like {key: value}")
        self.out.add(placeholder(DATA_MARK, len(self.result.data)), i)
        self.result.data.append(value)
        self.result.data_pos.append(i)
        return k + 1


def _escaped(text: str, k: int, start: int) -> bool:
    """True if the quote at *k* is escaped by an odd number of backslashes."""
    n = 0
    while k - n - 1 >= start and text[k - n - 1] == "\\":
        n += 1
    return n % 2 == 1


def scan(text: str) -> Scanned:
    """Scan normalised Argdown *text*; raises FormatError for unclosed comments or data."""
    text = normalise(text)
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    result = Scanned([], [], text, line_starts=starts)
    bad = _SURROGATE.search(text)
    if bad:
        raise error(result.where(bad.start()), f"U+{ord(bad.group()):04X} is a lone surrogate, "
                    "not a character (the file is damaged or was not saved as UTF-8)")
    scanner = _Scanner(text, result)
    scanner.run(_front_matter(text, result))
    _split_lines(text, scanner.out, result)
    return result


def _front_matter(text: str, result: Scanned) -> int:
    """Parse a leading ``===`` YAML block into result.front; return where scanning starts."""
    lead = len(text) - len(text.lstrip())
    first_line = text.count("\n", 0, lead)
    start = result.line_starts[first_line] if first_line < len(result.line_starts) else len(text)
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    if not text[start:end].strip() or not _FRONT_OPEN.match(text[start:end]):
        return 0
    close = _FRONT_LINE.search(text, end + 1) if end < len(text) else None
    if close is None:
        raise error((first_line + 1, 1), "the front matter opened here with === is never closed")
    body = text[end + 1:close.start()]

    last = body.rstrip("\n").count("\n")

    def fail(message: str, mark=None) -> FormatError:
        pos = (first_line + 2 + min(mark.line, last), mark.column + 1) if mark else (first_line + 1, 1)
        return error(pos, f"the front matter {message}")

    front = load_yaml(body, fail) if body.strip() else {}
    if not isinstance(front, dict):
        raise error((first_line + 1, 1), "the front matter must be a YAML mapping (key: value lines)")
    result.front, result.front_line = front, first_line + 1
    return close.end()


def _split_lines(text: str, out: _Out, result: Scanned) -> None:
    """The cleaned text as lines, each with where it starts in the cleaned text."""
    cleaned = "".join(out.pieces)
    result.seg_clean = list(accumulate(map(len, out.pieces), initial=0))[:-1]
    result.seg_orig = out.seg_orig
    result.seg_end = len(cleaned)
    result.lines = cleaned.split("\n")
    result.line_clean = [0] + [m.end() for m in re.finditer("\n", cleaned)]
