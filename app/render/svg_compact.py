"""Make Qt's SVG output compact: shared style classes instead of repeated attributes.

QSvgGenerator writes every change of pen, brush or font as a group carrying the complete
style (a dozen attributes) and a full matrix, and repeats the font on every text.  This
rewrites such a file in one streaming pass (memory grows with the number of distinct
styles, not with the file): the style attributes of every group and text become a class
defined once in a ``<style>`` sheet, a pure translation is written as ``translate(x,y)``,
attributes that only restate the default (or what the root group sets, such as the even-odd
fill rule) are dropped, and consecutive groups with the same class and transform are
merged.  Text content, coordinates and the drawing order are untouched.

>>> out = compact_svg_text('<svg version="1.2" baseProfile="tiny"><g fill="none" fill-rule="evenodd">'
...     '<g fill="#fff" fill-opacity="1" transform="matrix(1,0,0,1,5,6)"><rect x="0"/></g>'
...     '<g fill="#fff" fill-opacity="1" transform="matrix(1,0,0,1,5,6)"><rect x="1"/></g></g></svg>')
>>> '<g transform="translate(5,6)">' in out, '<g class="s0"><rect x="0"/><rect x="1"/></g>' in out
(True, True)
>>> '.s0{fill:#fff}' in out
True
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator

_TAG = re.compile(r"<(/?)(g|text|svg)\b([^<>]*?)(/?)>")     # other elements pass through
_NOISE = (' vector-effect="none"', ' fill-rule="evenodd"')      # defaults (the root sets the rule)
_ATTR = re.compile(r'([\w:.-]+)="([^"]*)"')
_SHIFT = re.compile(r"matrix\(1,0,0,1,([^,()]+),([^,()]+)\)")
STYLED = {"g", "text"}                                   # elements whose style becomes a class
DEFAULTS = {("fill-opacity", "1"), ("stroke-opacity", "1"), ("stroke-dashoffset", "0"),
            ("font-style", "normal"), ("font-weight", "400"), ("vector-effect", "none"),
            ("fill-rule", "evenodd"), ("xml:space", "preserve")}   # the last two: set on the root
KEEP = {"transform", "x", "y", "id", "class", "width", "height", "d", "points", "cx", "cy", "r",
        "rx", "ry", "x1", "y1", "x2", "y2", "href", "xlink:href", "viewBox",
        "preserveAspectRatio"}


def _css_value(name: str, value: str) -> str:
    value = html.unescape(value)
    if name == "font-family":
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return value


class _Compactor:
    """The state of one streaming rewrite.

    Qt writes a root group holding flat style groups; here the style groups become
    ``<g class>`` inside wrapper groups ``<g transform>`` shared by consecutive groups at
    the same place; an empty style group is dropped and one that repeats the previous
    group's class and place continues it.
    """

    def __init__(self) -> None:
        self.classes: dict[tuple, str] = {}
        self.depth = 0                          # 1 inside the root group, 2 inside a style group
        self.closing = False                    # a style group's '</g>' held back
        self.opening: tuple[str, str] | None = None   # a style group held back until content
        self.last: tuple[str, str] | None = None   # class and transform of the last style group
        self.wrap = ""                          # the open wrapper's transform ('': none open)
        self.in_text = False
        self.pending: list[str] = []            # text after the last tag fed (the next piece's)
        self.seen: dict[tuple[str, str], tuple[list, list]] = {}

    def style_class(self, attrs: list[tuple[str, str]]) -> str:
        key = tuple(attrs)
        name = self.classes.get(key)
        if name is None:
            name = self.classes[key] = f"s{len(self.classes):x}"
        return name

    def split(self, name: str, body: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
        """Style and other attributes of a tag, without those restating defaults.

        Places and sizes (KEEP) vary from tag to tag; the rest repeats, so its split is
        remembered."""
        pairs = _ATTR.findall(body)
        rest = tuple(p for p in pairs if p[0] not in KEEP)
        done = self.seen.get((name, rest))
        if done is None:
            style, plain = [], []
            for k, v in rest:
                if (k, v) in DEFAULTS and (name != "g" or k != "fill-rule"):
                    continue
                (style if name in STYLED else plain).append((k, v))
            done = self.seen[(name, rest)] = (style, plain)
        plain = list(done[1])
        for k, v in pairs:
            if k not in KEEP:
                continue
            if k == "transform":
                m = _SHIFT.fullmatch(v)
                if m:
                    if (m.group(1), m.group(2)) == ("0", "0"):
                        continue
                    v = f"translate({m.group(1)},{m.group(2)})"
            plain.append((k, v))
        return done[0], plain

    def element(self, name: str, body: str, empty: str) -> str:
        """A compacted opening tag of an element other than a group."""
        if name == "svg":
            kept = [(k, "1.1" if k == "version" else v) for k, v in _ATTR.findall(body)
                    if k != "baseProfile"] + [("xml:space", "preserve")]
            return "<svg " + " ".join(f'{k}="{v}"' for k, v in kept) + ">"
        style, plain = self.split(name, body)
        if style:
            plain.insert(0, ("class", self.style_class(style)))
        inner = " ".join(f'{k}="{v}"' for k, v in plain)
        return f"<{name}{' ' if inner else ''}{inner}{empty}>"

    def _held(self, out: list[str]) -> None:
        """What was held back, now that content follows."""
        if self.closing:
            out.append("</g>\n")
            self.closing = False
        if self.opening is not None:
            cls, where = self.opening
            if where != self.wrap:
                if self.wrap:
                    out.append("</g>\n")
                if where:
                    out.append(f'<g transform="{where}">\n')
                self.wrap = where
            out.append(f'<g class="{cls}">' if cls else "<g>")
            self.last, self.opening = self.opening, None

    def _group(self, body: str, out: list[str]) -> None:
        """A style group opens (inside the root group)."""
        style, plain = self.split("g", body)
        cls = self.style_class(style) if style else ""
        where = next((v for k, v in plain if k == "transform"), "")
        if self.closing and (cls, where) == self.last:
            self.closing = False                # same style and place: continue that group
            return
        if self.closing:
            out.append("</g>\n")
            self.closing = False
        self.opening = (cls, where)

    def _close_group(self, out: list[str]) -> None:
        if self.depth == 2:
            if self.opening is not None:
                self.opening = None             # nothing was drawn in it
            else:
                self.closing = True
            return
        if self.closing:
            out.append("</g>\n")
            self.closing = False
        if self.wrap:
            out.append("</g>\n")
            self.wrap = ""
        out.append("</g>")

    def feed(self, text: str) -> str:
        """Compacted output for a piece of input that ends at a tag boundary."""
        for noise in _NOISE:
            text = text.replace(noise, "")
        out: list[str] = []
        pos = 0
        for m in _TAG.finditer(text):
            between = text[pos:m.start()]
            if self.pending:                # the text between two tags, however it was cut
                between = "".join(self.pending) + between
                self.pending = []
            pos = m.end()
            if between and (self.in_text or between.strip()):
                self._held(out)
                out.append(between)
            closing, name, body, empty = m.groups()
            self.in_text = name == "text" and not closing and not empty
            if name == "g" and not empty:
                if closing:
                    self._close_group(out)
                    self.depth -= 1
                    continue
                self.depth += 1
                if self.depth == 2:
                    self._group(body, out)
                else:                                    # the root group keeps its attributes
                    out.append(f'<g {body.strip()}{_NOISE[1]}>')
                continue
            self._held(out)
            out.append(m.group(0) if closing else self.element(name, body, empty))
        if text[pos:]:
            self.pending.append(text[pos:])
        return "".join(out)

    def finish(self) -> str:
        out: list[str] = []
        rest = "".join(self.pending)
        if rest:
            self._held(out)
            out.append(rest)
        self._held(out)
        return "".join(out)

    def sheet(self) -> str:
        rules = "".join("." + name + "{" + ";".join(f"{k}:{_css_value(k, v)}" for k, v in key) + "}\n"
                        for key, name in self.classes.items())
        return f"<style type=\"text/css\"><![CDATA[\n{rules}]]></style>\n"


def _pieces(chunks: Iterable[str]) -> Iterator[str]:
    """The input re-cut so that every piece ends right after a tag."""
    rest = ""
    for chunk in chunks:
        rest += chunk
        cut = rest.rfind(">") + 1
        if cut:
            yield rest[:cut]
            rest = rest[cut:]
    if rest:
        yield rest


def _split_prolog(pieces: Iterator[str], comp: _Compactor) -> tuple[str, Iterator[str]]:
    """Everything up to and including the compacted ``<svg>`` tag, and the rest."""
    head: list[str] = []
    for piece in pieces:
        at = piece.find("<svg")
        if at < 0:
            head.append(piece)
            continue
        end = piece.find(">", at) + 1
        head.append(piece[:at])
        head.append(comp.feed(piece[at:end]))
        rest = piece[end:]

        def tail() -> Iterator[str]:
            if rest:
                yield rest
            yield from pieces
        return "".join(head), tail()
    return "".join(head), iter(())


def compact_svg_text(text: str) -> str:
    """The compacted form of a whole SVG document held in memory."""
    return compact_svg_chunks([text])


def compact_svg_chunks(chunks: Iterable[str]) -> str:
    """The compacted form of an SVG document read in *chunks* (cut anywhere): only the output
    and one chunk at a time are held, never a second copy of the input."""
    comp = _Compactor()
    prolog, rest = _split_prolog(_pieces(chunks), comp)
    body = [comp.feed(piece) for piece in rest]
    return "".join([prolog, "\n", comp.sheet(), *body, comp.finish()])
