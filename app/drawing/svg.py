"""SVG text of a map drawn without Qt: what ``app.render`` paints with Qt for the image
exports (the same card, edge, arrowhead and glyph geometry and the same colours), written
straight as SVG with every style defined once as a class in a ``<style>`` sheet.

Cards are groups translated to their centres, so their inner coordinates are short and
repeat; the +/− glyph is defined once and placed with ``<use>``. User text is written as
escaped character data only (never markup), and characters XML cannot hold are replaced
by visible stand-ins (``writing.clean_xml``).
"""

from __future__ import annotations

import math

from . import palette as P
from .cards import AUTHORS, SHORT_AUTHORS, CardMetrics, body_top, provenance
from .curves import ARROW_LEN
from .fontmetrics import metrics
from .writing import clean_xml

GLYPH_R = 7.5
FONT_ROLES = {"t": ("title", P.INK), "x": ("text", P.SOFT_INK), "y": ("text", P.INK),
              "k": ("small", P.SOFT_INK),
              "v": ("small", P.INK), "w": ("small", "#FFFFFF")}


def num(v: float) -> str:
    """*v* to a tenth of a pixel, without trailing zeros."""
    s = f"{v:.1f}"
    if s.endswith(".0"):
        s = s[:-2]
    return "0" if s == "-0" else s


def fine(v: float) -> str:
    """*v* to a hundredth (line widths and dashes, whose rounding would add up)."""
    s = f"{v:.2f}".rstrip("0").rstrip(".")
    return "0" if s == "-0" else s


def escape(text: str) -> str:
    """Plain text as XML character data."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class Styles:
    """Shape styles by their CSS declarations, each named once (a1, a2, ...)."""

    def __init__(self) -> None:
        self.names: dict[str, str] = {}

    def __call__(self, css: str) -> str:
        name = self.names.get(css)
        if name is None:
            name = self.names[css] = f"a{len(self.names):x}"
        return name

    def sheet(self) -> str:
        fonts = "".join(
            f".{k}{{font-size:{metrics(role).px}px;font-weight:{700 if metrics(role).bold else 400};"
            f"fill:{ink}}}\n" for k, (role, ink) in FONT_ROLES.items())
        rules = "".join(f".{name}{{{css}}}\n" for css, name in self.names.items())
        return ("<style type=\"text/css\"><![CDATA[\n"
                f"text{{font-family:\"{P.FONT_FAMILY}\",sans-serif}}\n"
                f"{fonts}.i{{font-size:{P.SMALL_PX}px;font-style:italic;text-anchor:end}}\n"
                f".in{{fill:{P.INK}}}\n.gr{{fill:{P.GREY}}}\n"
                f"{rules}]]></style>\n")


def fill_stroke(fill: str | None, stroke: str | None = None, width: float | None = 1.0,
                extra: str = "") -> str:
    """CSS of a shape style (*width* None: the element gives its own stroke width, for a
    class rule would override its attribute)."""
    css = f"fill:{fill or 'none'}"
    if stroke:
        css += f";stroke:{stroke}" + ("" if width is None else f";stroke-width:{num(width)}")
    return css + extra


class CardWriter:
    """SVG elements of cards (as ``app.render.cards`` paints them at full detail)."""

    def __init__(self, styles: Styles) -> None:
        self.styles = styles
        self.sm, self.it = metrics("small"), metrics("small_italic")
        self.tm, self.xm = metrics("title"), metrics("text")

    def card(self, out: list, centre, kind: str, base: float, m: CardMetrics, role: str,
             strength, label, hidden: int, source: str) -> None:
        w, h = m.width, m.height
        l, t = -w / 2, -h / 2
        out.append(f'<g transform="translate({num(centre[0])},{num(centre[1])})">')
        self.frame(out, kind, role, l, t, w, h)
        self.header(out, kind, label, source, l, t, w)
        self.body(out, m, l, t)
        self.footer(out, kind, base, strength, l, t, w, h)
        if hidden:
            self.hidden_badge(out, hidden, t + h)
        out.append("</g>\n")

    def frame(self, out: list, kind: str, role: str, l, t, w, h) -> None:
        border = 2.5 if kind == "strategy" else 1.5
        line = P.ROLE_COLOURS.get(role, P.ROLE_COLOURS[""]) if role and role != "mixed" else "#8C8C8C"
        cls = self.styles(fill_stroke(P.KIND_FILLS.get(kind, "#FFFFFF"), line, border))
        out.append(f'<rect class="{cls}" x="{num(l)}" y="{num(t)}" width="{num(w)}" '
                   f'height="{num(h)}" rx="{P.RADIUS}"/>')
        if role:
            top, sh = t + P.RADIUS, h - 2 * P.RADIUS
            colours = [P.ROLE_COLOURS["reason"], P.ROLE_COLOURS["objection"]] if role == "mixed" \
                else [P.ROLE_COLOURS.get(role, P.ROLE_COLOURS[""])]
            for i, col in enumerate(colours):
                out.append(f'<rect class="{self.styles(fill_stroke(col))}" x="{num(l)}" '
                           f'y="{num(top + sh * i / len(colours))}" width="5" '
                           f'height="{num(sh / len(colours))}"/>')

    def header(self, out: list, kind: str, label, source: str, l, t, w) -> None:
        sm = self.sm
        top = t + P.PAD / 2
        x = l + P.PAD + 2
        kind_marker(out, self.styles, kind, x, top + 3, 10)
        base = top + 4 + sm.ascent()
        out.append(f'<text class="k" x="{num(x + 15)}" y="{num(base)}">{escape(kind)}</text>')
        right = l + w - P.PAD
        if label:
            right -= label_badge(out, self.styles, label, right, t + P.PAD / 2 + 1) + 6
        if source:
            room = right - (x + 15 + sm.horizontalAdvance(kind) + 10)
            if room >= 30:
                it = self.it
                short = SHORT_AUTHORS if source == AUTHORS and it.horizontalAdvance(source) > room \
                    else source
                text = it.elidedText(short, None, room)
                ink = "gr" if source == AUTHORS else "in"
                out.append(f'<text class="i {ink}" x="{num(right)}" y="{num(base)}">'
                           f'{escape(text)}</text>')

    def body(self, out: list, m: CardMetrics, l, t) -> None:
        x = num(l + P.PAD + 2)
        y = t + body_top()
        tm, xm = self.tm, self.xm
        for line in m.title_lines:
            out.append(f'<text class="t" x="{x}" y="{num(y + tm.ascent())}">{escape(line)}</text>')
            y += tm.lineSpacing()
        if m.text_lines:
            y += 4
            for line in m.text_lines:
                out.append(f'<text class="x" x="{x}" y="{num(y + xm.ascent())}">{escape(line)}</text>')
                y += xm.lineSpacing()

    def footer(self, out: list, kind: str, base: float, strength, l, t, w, h) -> None:
        sm = self.sm
        y0 = t + h - P.FOOTER_H - P.PAD / 2 + 4
        x = l + P.PAD + 2
        y = num(y0 + sm.ascent() + 2)
        if kind != "note":
            out.append(f'<text class="k" x="{num(x)}" y="{y}">base {base:.2f}</text>')
        if strength is None:
            return
        bar = (x + 62, y0 + 3, w - 62 - 2 * P.PAD - 38, 9)
        strength_bar(out, self.styles, bar, strength)
        out.append(f'<text class="v" x="{num(bar[0] + bar[2] + 5)}" y="{y}">{strength:.2f}</text>')

    def hidden_badge(self, out: list, count: int, bottom: float) -> None:
        sm = self.sm
        word = f"+{count} hidden"
        w = sm.horizontalAdvance(word) + 10
        left, top = -w / 2, bottom - 2
        cls = self.styles(fill_stroke("#FFFFFF", P.SOFT_INK, 1))
        out.append(f'<rect class="{cls}" x="{num(left)}" y="{num(top)}" width="{num(w)}" '
                   f'height="{num(sm.height() + 4)}" rx="7"/>'
                   f'<text class="v" x="{num(left + 5)}" y="{num(top + 2 + sm.ascent())}">'
                   f'{word}</text>')


def kind_marker(out: list, styles: Styles, kind: str, x: float, y: float, size: float) -> None:
    """The small shape that marks a node kind in the box (x, y, size, size)."""
    col = P.KIND_MARKS.get(kind, P.GREY)
    cx, cy, r, b = x + size / 2, y + size / 2, x + size, y + size
    if kind == "note":
        out.append(f'<rect class="{styles(fill_stroke(None, col, 1.5))}" x="{num(x + 1)}" '
                   f'y="{num(y + 1)}" width="{num(size - 2)}" height="{num(size - 2)}"/>')
        return
    cls = styles(fill_stroke(col, col, 1.5, ";stroke-linejoin:bevel"))
    if kind == "strategy":
        pts = [(cx, y), (r, cy), (cx, b), (x, cy)]
    elif kind == "evidence":
        pts = [(cx, y), (r, b), (x, b)]
    elif kind == "question":
        out.append(f'<circle class="{cls}" cx="{num(cx)}" cy="{num(cy)}" r="{num(size / 2)}"/>')
        return
    else:
        out.append(f'<rect class="{cls}" x="{num(x + 1)}" y="{num(y + 1)}" width="{num(size - 2)}" '
                   f'height="{num(size - 2)}" rx="2"/>')
        return
    out.append(f'<polygon class="{cls}" points="{" ".join(f"{num(a)},{num(c)}" for a, c in pts)}"/>')


def label_badge(out: list, styles: Styles, label: str, right: float, top: float) -> float:
    """An acceptability label (in/out/undec) as a small badge with its top right corner at
    (*right*, *top*); its width."""
    sm = metrics("small")
    word = P.LABEL_WORDS.get(label, label.upper())
    w = sm.horizontalAdvance(word) + 8
    cls = styles(fill_stroke(P.LABEL_COLOURS.get(label, P.GREY)))
    out.append(f'<rect class="{cls}" x="{num(right - w)}" y="{num(top)}" width="{num(w)}" '
               f'height="{num(sm.height() + 2)}" rx="3"/><text class="w" x="{num(right - w + 4)}" '
               f'y="{num(top + 1 + sm.ascent())}">{escape(word)}</text>')
    return w


def strength_bar(out: list, styles: Styles, bar, value: float) -> None:
    """A horizontal bar (x, y, w, h) filled to *value* in [0, 1]."""
    x, y, w, h = bar
    v = max(0.0, min(1.0, value))
    frame = styles(fill_stroke("#FFFFFF", "#8C8C8C", 0.8))
    out.append(f'<rect class="{frame}" x="{num(x)}" y="{num(y)}" width="{num(w)}" height="{num(h)}"/>')
    if v > 0:
        out.append(f'<rect class="{styles(fill_stroke(P.SOFT_INK))}" x="{num(x)}" y="{num(y)}" '
                   f'width="{num(w * v)}" height="{num(h)}"/>')


class EdgeWriter:
    """SVG elements of routed relations (as ``app.render.edges`` paints them)."""

    def __init__(self, styles: Styles) -> None:
        self.styles = styles
        self.glyphs: set[str] = set()

    def edge(self, out: list, relation: str, weight: float, label: str, curve) -> None:
        colour = P.RELATION_COLOURS.get(relation, P.GREY)
        if relation in ("support", "attack"):
            width = P.edge_width(weight)
            dash = f' stroke-dasharray="{fine(4 * width)} {fine(2.5 * width)}"' \
                if relation == "attack" else ""
        else:
            width, dash = 1.0, ""
        extra = ";stroke-dasharray:1.5 2.5" if relation == "relates" else ""
        cls = self.styles(fill_stroke(None, colour, None, extra))
        d = [f"M{num(curve.start[0])} {num(curve.start[1])}"]
        for c1, c2, end in curve.segments:
            d.append(f"C{num(c1[0])} {num(c1[1])} {num(c2[0])} {num(c2[1])} {num(end[0])} {num(end[1])}")
        sw = f' stroke-width="{fine(width)}"' if width != 1.0 else ""
        out.append(f'<path class="{cls}"{sw}{dash} d="{"".join(d)}"/>')
        self.arrowhead(out, colour, curve, width)
        if relation in P.RELATION_GLYPHS:
            self.glyphs.add(relation)
            out.append(f'<use xlink:href="#g{relation[0]}" x="{num(curve.mid[0])}" '
                       f'y="{num(curve.mid[1])}"/>')
        text = label or P.RELATION_WORDS.get(relation, "")
        if text:
            self.label(out, text, curve.mid)
        out.append("\n")

    def arrowhead(self, out: list, colour: str, curve, width: float) -> None:
        dx, dy = curve.direction
        size = ARROW_LEN + width
        half = size * 0.45
        tx, ty = curve.tip
        bx, by = tx - dx * size, ty - dy * size
        cls = self.styles(fill_stroke(colour, colour, 1, ";stroke-linejoin:bevel"))
        out.append(f'<polygon class="{cls}" points="{num(tx)},{num(ty)} '
                   f'{num(bx - dy * half)},{num(by + dx * half)} {num(bx + dy * half)},{num(by - dx * half)}"/>')

    def label(self, out: list, text: str, mid) -> None:
        sm = metrics("small")
        w = sm.horizontalAdvance(text)
        x = mid[0] + GLYPH_R + 4
        top = mid[1] - sm.height() / 2
        out.append(f'<rect class="{self.styles(fill_stroke("#FFFFFF"))}" x="{num(x - 2)}" '
                   f'y="{num(top)}" width="{num(w + 4)}" height="{num(sm.height())}"/>'
                   f'<text class="k" x="{num(x)}" y="{num(top + sm.ascent())}">{escape(text)}</text>')

    def defs(self) -> str:
        """The +/− glyphs used, drawn once (a white disc with the sign as lines)."""
        out = []
        arm = num(GLYPH_R * 0.55)
        for relation in sorted(self.glyphs):
            col = P.RELATION_COLOURS[relation]
            disc = self.styles(fill_stroke("#FFFFFF", col, 1.5))
            sign = self.styles(fill_stroke(None, col, 2))
            d = f"M-{arm} 0H{arm}" + (f"M0 -{arm}V{arm}" if relation == "support" else "")
            out.append(f'<g id="g{relation[0]}"><circle class="{disc}" r="{GLYPH_R}"/>'
                       f'<path class="{sign}" d="{d}"/></g>')
        return f"<defs>{''.join(out)}</defs>\n" if out else ""


def scene_svg(scene, scale: float = 1.0, transparent: bool = False, title: str = "",
              extra=None) -> bytes:
    """The whole SVG document of a :class:`~app.drawing.scene.Scene` at *scale* (on white
    unless *transparent*); *extra* (bounds, writer) adds panels beside the map (see
    ``svg_panels.with_panels``)."""
    left, top, right, bottom = extra[0] if extra else scene.bounds()
    w, h = right - left, bottom - top
    pw, ph = max(1, math.ceil(w * scale)), max(1, math.ceil(h * scale))
    styles = Styles()
    body: list[str] = []
    if not transparent:
        body.append(f'<rect class="{styles("fill:#FFFFFF")}" x="{num(left)}" y="{num(top)}" '
                    f'width="{num(pw / scale)}" height="{num(ph / scale)}"/>\n')
    edges = EdgeWriter(styles)
    for e, curve in scene.edges:
        edges.edge(body, e.relation, e.weight, e.label, curve)
    cards = CardWriter(styles)
    nodes = scene.amap.nodes
    for nid in scene.ids:
        node = nodes[nid]
        cards.card(body, scene.positions[nid], node.kind, scene.values.get(nid, node.base_score),
                   scene.metrics[nid], scene.roles[nid], scene.strengths.get(nid),
                   scene.labels.get(nid), scene.hidden_counts.get(nid, 0),
                   provenance(node.source_ref, node.anchor is not None))
    if extra:
        extra[1](body, styles, edges.glyphs)
    glyphs = edges.defs()
    head = ('<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
            '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
            f'version="1.1" width="{pw}" height="{ph}" '
            f'viewBox="{num(left)} {num(top)} {num(pw / scale)} {num(ph / scale)}" '
            'xml:space="preserve">\n'
            f"<title>{escape(str(title or 'Argument map'))}</title>\n"
            "<desc>Drawn by Reasonmap</desc>\n")
    text = "".join([head, styles.sheet(), glyphs, *body, "</svg>\n"])
    return clean_xml(text.encode("utf-8"))
