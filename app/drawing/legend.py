"""What the legend and the ranking panel of an export say, and how tall they are (Qt-free:
the Qt painting in ``app.render.legend`` and the SVG writer share it); and the two panels
written as SVG.

The legend explains the map as the canvas draws it: relations carry the roles (a support
makes its source a reason for the card it points to, an attack an objection); a card names
its kind in its header, with where it comes from; its left stripe says what it does to the
cards it points to (two colours when it supports some and attacks others); acceptability
labels, when shown, are explained together with what they are not. Only what the picture
uses is listed.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import palette as P
from .wrapping import elide as _plain_elide
from .wrapping import wrap_text

PANEL_W = 300.0
PANEL_GAP = 24.0
ROW = 22.0
KEY_W = 72.0             # the drawn sample at the left of a row; its words start after it
_RELATIONS = [("support", "supports: a reason for the card it points to (+, solid)"),
              ("attack", "attacks: an objection to the card it points to (\u2212, dashed)"),
              ("answer", "answers a question"), ("relates", "relates to")]
_STRIPES = [("reason", "supports every card it points to"),
            ("objection", "attacks every card it points to"),
            ("rebuttal", "attacks an objection (a rebuttal)"),
            ("mixed", "two colours: supports some cards and attacks others")]
STRIPE_HEAD = "Left stripe \u2014 what a card does to the cards it points to:"
KIND_HEAD = "Kind, named in each card's header:"
SOURCE_NOTE = ("Top right of a card, in italics: where it comes from (\u201ckey point 7\u201d, "
               "\u201cfrom the source\u201d or \u201cadded by the map's author\u201d).")
WEIGHT_NOTE = "Line width shows a relation's weight."
# what each acceptability label means (the canvas's key and hover texts say the same)
LABEL_MEANINGS = [("in", "every card attacking it is out (or none does)"),
                  ("out", "a card attacking it is in"),
                  ("undec", "undecided: a cycle of attacks")]
LABELS_HEAD = "Acceptability labels (grounded, attacks only):"
LABELS_NOTE = ("They ignore supports, weights and base scores: a label is not the strength, "
               "and a strong card can be OUT.")
_ROLES = [r for r, _ in _STRIPES]
TITLE_W = 150.0          # the ranking's title column; longer titles wrap, never cut
MAX_TITLE_LINES = 60      # about 1,200 characters: only an absurd title is ever cut


@dataclass(frozen=True)
class LegendUse:
    """What a picture shows, so its legend explains only that: relations, card stripes
    (roles of cards by their relations, 'mixed' for both), kinds and acceptability labels
    (the defaults: everything but labels, which appear only when a picture shows them)."""

    relations: frozenset = frozenset(r for r, _ in _RELATIONS)
    roles: frozenset = frozenset(_ROLES)
    kinds: frozenset = frozenset(P.KIND_MARKS)
    labels: frozenset = frozenset()

    @classmethod
    def of(cls, amap, node_ids, edges, roles, labels=None) -> "LegendUse":
        """What the cards *node_ids* (with their stripe *roles* and acceptability *labels*,
        if shown) and the relations *edges* use."""
        node_ids = list(node_ids)
        shown = frozenset((labels or {}).get(n) for n in node_ids) - {None}
        return cls(frozenset(e.relation for e in edges),
                   frozenset(roles.get(n) for n in node_ids) - {"", None},
                   frozenset(amap.nodes[n].kind for n in node_ids), shown)

    def rows(self):
        """(relations, stripes, kinds, labels) to list, in the legend's own order."""
        return ([(r, w) for r, w in _RELATIONS if r in self.relations],
                [(r, w) for r, w in _STRIPES if r in self.roles],
                [k for k in P.KIND_MARKS if k in self.kinds],
                [(lab, w) for lab, w in LABEL_MEANINGS if lab in self.labels])


def plan(use: LegendUse | None, fm, elide=_plain_elide):
    """The legend's rows top down: (sample kind, key, text lines, indent), wrapped with the
    text font's metrics *fm*."""
    def lines(text: str, indent: float) -> list[str]:
        return wrap_text(text, fm, PANEL_W - 24 - indent, 6, True, elide)
    relations, stripes, kinds, labels = (use or LegendUse()).rows()
    rows = [("relation", r, lines(w, KEY_W), KEY_W) for r, w in relations]
    if relations:
        rows.append(("note", "", lines(WEIGHT_NOTE, 0), 0))
    if stripes:
        rows.append(("note", "", lines(STRIPE_HEAD, 0), 0))
        rows += [("stripe", r, lines(w, KEY_W), KEY_W) for r, w in stripes]
    if kinds:
        rows.append(("note", "", lines(KIND_HEAD, 0), 0))
        rows += [("kind", k, [k], KEY_W) for k in kinds]
        rows.append(("note", "", lines(SOURCE_NOTE, 0), 0))
    if labels:
        rows.append(("note", "", lines(LABELS_HEAD, 0), 0))
        rows += [("label", lab, lines(w, KEY_W), KEY_W) for lab, w in labels]
        rows.append(("note", "", lines(LABELS_NOTE, 0), 0))
    return rows


def row_height(lines, fm) -> float:
    return ROW + fm.lineSpacing() * (len(lines) - 1)


def legend_height(use: LegendUse | None, fm, elide=_plain_elide) -> float:
    return 30 + sum(row_height(lines, fm) for _, _, lines, _ in plan(use, fm, elide)) + 10


def ranking_lines(ranking, caption: str | None, fm, elide=_plain_elide):
    """The caption's lines and each ranked title's lines, wrapped to the panel."""
    head = wrap_text(caption, fm, PANEL_W - 24, 4, True, elide) if caption else []
    rows = [wrap_text(f"{i}. {title}", fm, TITLE_W, MAX_TITLE_LINES, True, elide)
            for i, (title, _strength) in enumerate(ranking, 1)]
    return head, rows


def ranking_height(ranking, caption: str | None, fm, elide=_plain_elide) -> float:
    head, rows = ranking_lines(ranking, caption, fm, elide)
    line = fm.lineSpacing()
    return 30 + ROW * len(head) + sum(ROW + line * (len(r) - 1) for r in rows) + 10


def panels_height(use, ranking, caption, legend: bool, fm, elide=_plain_elide) -> float:
    """How tall the legend and ranking panels are together (as they stand beside a map)."""
    return ((legend_height(use, fm, elide) if legend else 0)
            + (ranking_height(ranking, caption, fm, elide) + 12 if ranking else 0))
