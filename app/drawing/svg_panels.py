"""The legend and ranking panels of an SVG export, written as SVG (what ``app.render.legend``
paints with Qt; the words and heights are ``app.drawing.legend``'s)."""

from __future__ import annotations

from . import legend as L
from . import palette as P
from .fontmetrics import metrics
from .svg import Styles, escape, fill_stroke, fine, kind_marker, label_badge, num, strength_bar


class PanelWriter:
    """SVG elements of the panels; *glyphs* collects the +/− glyphs the legend places."""

    def __init__(self, styles: Styles, glyphs: set) -> None:
        self.styles, self.glyphs = styles, glyphs
        self.fm, self.tm = metrics("text"), metrics("title")

    def _panel(self, out: list, x: float, y: float, h: float) -> None:
        cls = self.styles(fill_stroke("#FFFFFF", "#B0B0B0", 1))
        out.append(f'<rect class="{cls}" x="{num(x)}" y="{num(y)}" width="{num(L.PANEL_W)}" '
                   f'height="{num(h)}" rx="6"/>')

    def _heading(self, out: list, text: str, x: float, y: float) -> None:
        out.append(f'<text class="t" x="{num(x)}" y="{num(y + self.tm.ascent())}">{text}</text>')

    def _word(self, out: list, text: str, x: float, y: float) -> None:
        out.append(f'<text class="y" x="{num(x)}" y="{num(y + self.fm.ascent())}">'
                   f'{escape(text)}</text>')

    def legend(self, out: list, x0: float, y0: float, use) -> float:
        """The legend box at (x0, y0); its bottom."""
        h = L.legend_height(use, self.fm)
        self._panel(out, x0, y0, h)
        x, y = x0 + 12, y0 + 8
        self._heading(out, "Legend", x, y)
        y += 26
        line = self.fm.lineSpacing()
        for what, key, lines, indent in L.plan(use, self.fm):
            self._sample(out, what, key, x, y)
            for k, text in enumerate(lines):
                self._word(out, text, x + indent, y + k * line)
            y += L.row_height(lines, self.fm)
        out.append("\n")
        return y0 + h

    def _sample(self, out: list, what: str, key: str, x: float, y: float) -> None:
        """The drawn key of one row: a relation's line, a stripe, a kind's marker, a badge."""
        if what == "relation":
            self._relation(out, key, x, y + 8)
        elif what == "stripe":
            colours = ["reason", "objection"] if key == "mixed" else [key]
            box = self.styles(fill_stroke("#FFFFFF", "#8C8C8C", 1))
            out.append(f'<rect class="{box}" x="{num(x + 20)}" y="{num(y)}" width="40" '
                       f'height="18" rx="3"/>')
            for i, role in enumerate(colours):
                cls = self.styles(fill_stroke(P.ROLE_COLOURS[role]))
                out.append(f'<rect class="{cls}" x="{num(x + 20)}" y="{num(y + 18 * i / len(colours))}" '
                           f'width="5" height="{num(18 / len(colours))}"/>')
        elif what == "kind":
            kind_marker(out, self.styles, key, x + 25, y + 3, 11)
        elif what == "label":
            label_badge(out, self.styles, key, x + 60, y + 1)

    def _relation(self, out: list, relation: str, x: float, y: float) -> None:
        colour = P.RELATION_COLOURS.get(relation, P.GREY)
        width = P.edge_width(0.6) if relation in ("support", "attack") else 1.0
        dash = {"attack": f"{fine(4 * width)} {fine(2.5 * width)}", "relates": "1.5 2.5"}.get(relation)
        cls = self.styles(fill_stroke(None, colour, None))
        out.append(f'<path class="{cls}" stroke-width="{fine(width)}"'
                   + (f' stroke-dasharray="{dash}"' if dash else "")
                   + f' d="M{num(x)} {num(y)}H{num(x + 60)}"/>')
        if relation in P.RELATION_GLYPHS:
            self.glyphs.add(relation)
            out.append(f'<use xlink:href="#g{relation[0]}" x="{num(x + 30)}" y="{num(y)}"/>')

    def ranking(self, out: list, x0: float, y0: float, ranking, caption) -> float:
        """The ranking [(title, strength)] as labelled bars under *caption*; its bottom."""
        h = L.ranking_height(ranking, caption, self.fm)
        self._panel(out, x0, y0, h)
        x, y = x0 + 12, y0 + 8
        self._heading(out, "Ranking", x, y)
        y += 26
        head, rows = L.ranking_lines(ranking, caption, self.fm)
        line = self.fm.lineSpacing()
        for text in head:
            self._word(out, text, x, y)
            y += L.ROW
        for lines, (_title, strength) in zip(rows, ranking):
            for k, text in enumerate(lines):
                self._word(out, text, x, y + k * line)
            strength_bar(out, self.styles, (x + 156, y + 3, 70, 10), float(strength))
            self._word(out, f"{float(strength):.2f}", x + 230, y)
            y += L.ROW + line * (len(lines) - 1)
        out.append("\n")
        return y0 + h


def with_panels(scene, legend: bool, ranking, caption):
    """(bounds, writer) of a map with its legend and ranking panels beside it, for
    :func:`app.drawing.svg.scene_svg`."""
    left, top, right, bottom = scene.bounds()
    use = L.LegendUse.of(scene.amap, scene.ids, [e for e, _ in scene.edges], scene.roles,
                         scene.labels) if legend else None
    h = L.panels_height(use, ranking, caption, legend, metrics("text"))
    bounds = (left, top, right + L.PANEL_W + L.PANEL_GAP, max(bottom, top + h + 48))

    def write(out: list, styles: Styles, glyphs: set) -> None:
        panels = PanelWriter(styles, glyphs)
        x, y = right + L.PANEL_GAP / 2, top + 24
        if ranking:
            y = panels.ranking(out, x, y, ranking, caption) + 12
        if legend:
            panels.legend(out, x, y, use)
    return bounds, write
