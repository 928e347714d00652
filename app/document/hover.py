"""What a card or a relation says when the pointer rests on it: why its base score or weight
is what it is (its rationale). Plain text, no Qt: the canvas shows it as a tooltip.

>>> from app.model.build import build_map
>>> from app.model import Node, Edge
>>> m = build_map([Node(id="a", title="Cheap", base_score=0.8, data={"rationale": "Parts are common."}),
...                Node(id="b", title="Build it")],
...               [Edge(id="e", source="a", target="b", weight=0.4, data={"rationale": "Cost matters little."})])
>>> print(card_hover_text(m, "a"))
Cheap
Base score 0.80: Parts are common.
>>> print(relation_hover_text(m, "e"))
Reason for “Build it”, weight 0.40: Cost matters little.
>>> card_hover_text(m, "b")
''
"""

from __future__ import annotations

from ..model.commands import ROLE_WORDS
from ..model.rationale import rationale_of

MAX_TITLE = 120
MAX_WHY = 600        # characters of a rationale a tooltip shows (up to 4,000 are allowed)
MORE = "\u2026 (the whole rationale is in the inspector)"


def brief(why: str) -> str:
    """*why* as a tooltip shows it: whole up to MAX_WHY characters, else cut after the last
    whole word before that and pointed to the inspector (a 4,000-character note would fill
    a laptop's screen).

    >>> brief("Short.")
    'Short.'
    >>> b = brief("word " * 200)
    >>> b.endswith("word" + MORE) and len(b) <= MAX_WHY + len(MORE)
    True
    """
    if len(why) <= MAX_WHY:
        return why
    cut = why[:MAX_WHY]
    space = cut.rfind(" ")
    return (cut[:space] if space > MAX_WHY // 2 else cut).rstrip(" ,;:-") + MORE


def card_hover_text(amap, node_id: str) -> str:
    """The card's title and why it has its base score ('' when it has no rationale)."""
    node = amap.nodes.get(node_id) if amap is not None else None
    why = rationale_of(node) if node is not None else ""
    if not why:
        return ""
    title = node.label if len(node.label) <= MAX_TITLE else node.label[:MAX_TITLE - 1] + "…"
    return f"{title}\nBase score {node.base_score:.2f}: {brief(why)}"


def relation_hover_text(amap, edge_id: str) -> str:
    """What the relation is and why it has its weight ('' when it has no rationale)."""
    edge = amap.edges.get(edge_id) if amap is not None else None
    why = rationale_of(edge) if edge is not None else ""
    if not why:
        return ""
    target = amap.nodes[edge.target].label
    if len(target) > MAX_TITLE:
        target = target[:MAX_TITLE - 1] + "…"
    role = ROLE_WORDS.get(edge.relation, edge.relation).capitalize()
    word = "for" if edge.relation == "support" else "to"
    return f"{role} {word} \u201c{target}\u201d, weight {edge.weight:.2f}: {brief(why)}"
