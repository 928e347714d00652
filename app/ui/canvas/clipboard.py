"""Subtrees: what copy puts on the clipboard, what paste reads back and what a delete takes
with it (plain functions, no widgets).

Copy takes the selected cards with everything below them (their reasons and objections, and
theirs, ...), as JSON text so it survives between windows. The selected cards that hang under
nothing else copied are the *roots*; each keeps the relation it had to its parent, so paste
can hang the copy under another card the same way.
"""

from __future__ import annotations

import json
from collections import deque
from dataclasses import asdict, dataclass

from ...model import Edge, Node, ReasonmapError
from ...render.cards import measure_card

CLIP_FORMAT = "reasonmap-clip"
CLIP_MIME = "application/x-reasonmap-cards"   # the cards; text/plain gets their titles
RELATIONS = ("support", "attack", "answer", "relates")


@dataclass
class Clip:
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    roots: dict[str, str]          # root node id -> its relation to the card it hung under


def subtree(amap, ids) -> list[str]:
    """*ids* and every card that argues for or against them, directly or through others; a
    card that is also above them (in a ring of attacks) is not below them."""
    chosen = [n for n in dict.fromkeys(ids) if n in amap.nodes]
    under = _reached(chosen, lambda n: (e.source for e in amap.incoming(n)))
    above = _reached(chosen, lambda n: (e.target for e in amap.outgoing(n)))
    return chosen + [n for n in amap.nodes if n in under and n not in above and n not in chosen]


def _reached(starts, step) -> set[str]:
    """The cards reached from *starts* (not counting themselves unless a path returns to
    them) by repeating *step*: the map's own relation index, no graph built for it."""
    seen: set[str] = set()
    queue = deque(m for n in starts for m in step(n))
    while queue:
        n = queue.popleft()
        if n not in seen:
            seen.add(n)
            queue.extend(step(n))
    return seen


def below(amap, node_ids: Iterable[str]) -> list[str]:
    """The cards under *node_ids* that would be left with nothing to support or attack if
    those went: their reasons and objections, those of them, and so on. A card that also
    speaks to a card outside stays out.

    >>> from app.model import Edge, Node
    >>> from app.model.build import build_map
    >>> m = build_map([Node(id=i) for i in "abcd"], [Edge(id="1", source="b", target="a"),
    ...     Edge(id="2", source="c", target="b"), Edge(id="3", source="c", target="d")])
    >>> below(m, ["a"])
    ['b']
    """
    gone = set(node_ids)
    out: list[str] = []
    queue = deque(e.source for n in gone for e in amap.incoming(n))    # the map's own index:
    while queue:                                                       # no graph to build
        n = queue.popleft()
        if n in gone or not all(e.target in gone for e in amap.outgoing(n)):
            continue
        gone.add(n)
        out.append(n)
        queue.extend(e.source for e in amap.incoming(n))
    return out


def clip_text(amap, ids) -> tuple[str, int]:
    """The clipboard data (JSON) for the cards *ids* with their subtree, and how many cards
    it holds."""
    keep = subtree(amap, ids)
    inside = set(keep)
    edges = [e for e in amap.edges.values() if e.source in inside and e.target in inside]
    hung = {e.source for e in edges}
    roots = {}
    for n in keep:
        if n not in hung:
            outs = amap.outgoing(n)
            roots[n] = outs[0].relation if outs else "support"
    nodes = [{**asdict(amap.nodes[n]), "tags": list(amap.nodes[n].tags)} for n in keep]
    data = {"format": CLIP_FORMAT, "nodes": nodes, "edges": [asdict(e) for e in edges], "roots": roots}
    return json.dumps(data, ensure_ascii=False), len(keep)


def read_clip(text: str) -> Clip:
    """The cards in clipboard *text*; ValueError if it holds none (or anything malformed)."""
    try:
        data = json.loads(text or "null")
        if not isinstance(data, dict) or data.get("format") != CLIP_FORMAT:
            raise ValueError
        nodes = tuple(Node(**{**d, "tags": tuple(d.get("tags", ()))}).validate() for d in data["nodes"])
        edges = tuple(Edge(**d).validate() for d in data["edges"])
        ids = {n.id for n in nodes}
        roots = {str(k): str(v) for k, v in dict(data.get("roots") or {}).items()
                 if k in ids and v in RELATIONS}
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError, ReasonmapError):
        raise ValueError("The clipboard holds no cards to paste") from None
    if not nodes:
        raise ValueError("The clipboard holds no cards to paste")
    return Clip(nodes, edges, roots)


def block_box(nodes, wrap: float) -> tuple[float, float, float, float]:
    """Centre x, centre y, width and height of the cards *nodes* as they were copied (cards
    copied without a position count as sitting at the first positioned one)."""
    placed = [n for n in nodes if n.x is not None and n.y is not None]
    x0, y0 = (placed[0].x, placed[0].y) if placed else (0.0, 0.0)
    left = top = float("inf")
    right = bottom = float("-inf")
    for n in nodes:
        m = measure_card(n.title, n.text, wrap)
        x, y = (n.x, n.y) if n.x is not None and n.y is not None else (x0, y0)
        left, right = min(left, x - m.width / 2), max(right, x + m.width / 2)
        top, bottom = min(top, y - m.height / 2), max(bottom, y + m.height / 2)
    return ((left + right) / 2, (top + bottom) / 2, right - left, bottom - top)


def titles_text(clip_json: str) -> str:
    """The titles of the copied cards, one a line: what a text field or another program
    gets from a paste (never the JSON)."""
    return "\n".join(n.get("title", "") for n in json.loads(clip_json)["nodes"])
