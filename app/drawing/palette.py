"""Colours, fonts and sizes shared by the canvas and the image exports (Qt-free: the
SVG export uses them without Qt; ``app.render.style`` adds Qt's fonts and colours).

Colours come from the Okabe–Ito palette, which stays distinguishable for colour-blind
readers; every colour-coded fact is also shown another way (line style, glyph or word).
Fonts use pixel sizes so that a card measures the same on screen, in PNG, SVG and PDF.
"""

from __future__ import annotations

# Okabe–Ito
BLUE = "#0072B2"
VERMILLION = "#D55E00"
ORANGE = "#E69F00"
SKY = "#56B4E9"
GREEN = "#009E73"
YELLOW = "#F0E442"
PURPLE = "#CC79A7"
GREY = "#7A7A7A"
INK = "#1E1E1E"
SOFT_INK = "#4A4A4A"

RELATION_COLOURS = {"support": BLUE, "attack": VERMILLION, "answer": GREY, "relates": GREY}
RELATION_GLYPHS = {"support": "+", "attack": "\u2212"}
RELATION_WORDS = {"answer": "answers", "relates": "relates"}
ROLE_COLOURS = {"reason": BLUE, "objection": VERMILLION, "rebuttal": ORANGE, "": "#8C8C8C"}
KIND_FILLS = {"claim": "#FFFFFF", "strategy": "#FFF6DC", "question": "#F4ECF7",
              "evidence": "#EAF5EF", "note": "#F3F3F3"}
KIND_MARKS = {"claim": BLUE, "strategy": ORANGE, "question": PURPLE, "evidence": GREEN,
              "note": GREY}
LABEL_COLOURS = {"in": GREEN, "out": VERMILLION, "undec": GREY}
LABEL_WORDS = {"in": "IN", "out": "OUT", "undec": "UNDEC"}
SELECTION = SKY
FIND_HIGHLIGHT = YELLOW
FLASH = YELLOW
MARK = INK          # the dashed ring round the card a keyboard connection starts from

FONT_FAMILY = "DejaVu Sans"
TITLE_PX = 14
TEXT_PX = 12
SMALL_PX = 10

PAD = 10            # inner padding of a card
HEADER_H = 18       # kind marker row
FOOTER_H = 20       # base score and strength bar row
MIN_CARD_W = 150
MAX_TITLE_LINES = 4
MAX_TEXT_LINES = 8
LINE_GAP = 2
HANDLE_R = 5        # the connect handle on a card's top edge
RADIUS = 6          # card corner radius

# level of detail (view scale) thresholds
LOD_FULL = 0.7      # at or above: everything (the 14 px title is 10 px on screen or more)
LOD_TITLE = 0.25    # at or above: titles only, drawn large; below: plain boxes
OVERVIEW_ZOOM = 0.4  # the least zoom at which the titles-only cards read (the fit's floor)
OVERVIEW_PX = (12, 11, 10)  # screen sizes tried for a titles-only card, largest first


def edge_width(weight: float) -> float:
    """Line width of a relation with *weight* in [0, 1]: 1 px to 4 px."""
    return 1.0 + 3.0 * max(0.0, min(1.0, weight))
