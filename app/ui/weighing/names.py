"""Plain names for the inputs of the weighing: a node's base score or a relation's weight."""

from __future__ import annotations


def short(text: str, limit: int = 40) -> str:
    """*text* cut to at most *limit* characters with an ellipsis, at a word boundary when
    there is one in its second half (a word is never cut in the middle if it can be helped).

    >>> short("Prosocial drives everywhere", 22)
    'Prosocial drives\u2026'
    >>> short("Supercalifragilistic", 10)
    'Supercali\u2026'
    """
    if len(text) <= limit:
        return text
    cut = text[:limit - 1]
    if not text[limit - 1].isspace():
        space = cut.rfind(" ")
        if space >= limit // 2:
            cut = cut[:space]
    return cut.rstrip(" ,;:-") + "\u2026"


def input_name(amap, target: str) -> str:
    """'Title' for a node (its base score), 'weight of A → B' for a relation."""
    if target in amap.nodes:
        return short(amap.nodes[target].label)
    edge = amap.edges.get(target)
    if edge is None:
        return target
    a, b = amap.nodes[edge.source].label, amap.nodes[edge.target].label
    return f"weight of {distinct(amap, a, 22)} \u2192 {distinct(amap, b, 22)}"


def distinct(amap, title: str, limit: int) -> str:
    """*title* shortened as :func:`short` does, unless another card's title begins the same
    way (then "Prosocial drives…" could be either of two strategies): whole.

    >>> from app.model import Node
    >>> from app.model.build import build_map
    >>> m = build_map([Node(id="a", title="Prosocial drives everywhere"),
    ...                Node(id="b", title="Prosocial drives later")], [])
    >>> distinct(m, "Prosocial drives everywhere", 22)
    'Prosocial drives everywhere'
    """
    cut = short(title, limit)
    if cut == title:
        return title
    stem = cut[:-1]
    shared = any(n.label != title and n.label.startswith(stem) for n in amap.nodes.values())
    return title if shared else cut


def field_word(amap, target: str) -> str:
    """'base score' or 'weight'."""
    return "weight" if target in amap.edges else "base score"


def signed(value: float, digits: int = 3) -> str:
    """A number with its sign, using a real minus sign: '+0.350', '−0.160'."""
    return f"{value:+.{digits}f}".replace("-", "\u2212")
