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


def card_hover_text(amap, node_id: str) -> str:
    """The card's title and why it has its base score ('' when it has no rationale)."""
    node = amap.nodes.get(node_id) if amap is not None else None
    why = rationale_of(node) if node is not None else ""
    if not why:
        return ""
    title = node.label if len(node.label) <= MAX_TITLE else node.label[:MAX_TITLE - 1] + "…"
    return f"{title}\nBase score {node.base_score:.2f}: {why}"


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
    return f"{role} {word} \u201c{target}\u201d, weight {edge.weight:.2f}: {why}"
