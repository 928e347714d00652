"""yEd argument maps: claims, and the connector boxes drawn between them.

Argument maps drawn in yEd after AIF put a small box between a claim and what it bears on: an
RA box (inference), a CA box (conflict) or an MA box (rephrase). Such a box is a relation, not
a claim. A node is read as a connector when

- a data key named ``nodeType``/``type`` says ``RA``, ``CA`` or ``MA`` (``RA-node`` …), or
- its label is ``RA``, ``CA``, ``MA`` or OVA's ``Default Inference``/``Conflict``/``Rephrase``,
  or a relation word such as "infers" or "rebuts" on a box that has arrows in and out, or
- it is drawn in the same shape and colours as the connectors found so (the map's legend),
  has arrows in and out, and a label of at most three words, or
- it is a point-sized box without a label where lines meet (a junction): an inference.

A connector with one premise becomes a relation from the premise to the conclusion (labelled
with the connector's words, e.g. "infers"). An inference or conflict with several premises is
one argument whose premises hold together (linked premises): it becomes an argument card
(a claim titled with the connector's words, "Inference" or "Conflict", with yEd's
description as its text) that its premises support and that supports or attacks the
conclusion, as Argdown's premise–conclusion arguments do. A connector aimed at another
connector bears on that inference's argument card, or on its premise when it has one.

A yEd group (a node holding a nested graph) that no line touches is not a card: its label
becomes a tag of every card inside it.

Lines yEd draws with the arrow at the source end are read the other way round; lines with no
arrow at all are plain ``relates`` links between claims. Without a relation key, an edge
labelled "+"/"pro" or drawn green supports, one labelled "−"/"con" or drawn red attacks.
"""

from __future__ import annotations

import colorsys
import json
import re
from collections import defaultdict

from ..model import Edge, ModelError, Node, new_id
from ..model.entities import NODE_KINDS
from .base import FormatError
from .graphml_read import RawEdge, RawGraph, RawNode, edge_where
from .limits import EdgeCollector, overlapping_cards, short_title

KINDS = {"ra": "support", "ca": "attack", "ma": "relates"}
TYPE_KEYS = {"nodetype", "node_type", "type", "aiftype", "aif_type", "aif"}
TYPE_VALUE = re.compile(r"^\s*(ra|ca|ma|i|l|ya|ta|pa)(?:[-_ ]?node)?\s*$", re.IGNORECASE)
BARE_LABELS = {"ra": "support", "ca": "attack", "ma": "relates", "ra-node": "support", "ca-node": "attack",
               "ma-node": "relates", "default inference": "support", "default conflict": "attack",
               "default rephrase": "relates"}
WORDS = {**{w: "support" for w in ("infers", "inference", "supports", "therefore", "warrants", "backs")},
         **{w: "attack" for w in ("rebuts", "rebuttal", "conflict", "attacks", "undercuts", "contradicts")},
         **{w: "relates" for w in ("rephrase", "restates")}}
SYNONYMS = {"support": "support", "pro": "support", "+": "support", "supports": "support",
            "attack": "attack", "con": "attack", "-": "attack", "−": "attack", "attacks": "attack",
            "answer": "answer", "relates": "relates"}
OWN_KEYS = {"kind", "placed", "base_score"}
DIALOGUE = {"L", "YA", "TA", "PA"}
JUNCTION_SIZE = 12.0
ARGUMENT_TITLES = {"support": "Inference", "attack": "Conflict"}


def centre(box) -> tuple[float | None, float | None]:
    return (box[0] + box[2] / 2, box[1] + box[3] / 2) if box else (None, None)


def directions(raw: RawGraph) -> dict[int, tuple[str, str, bool]]:
    """Edge index → (from, to, undirected): yEd's arrowheads decide which way a line points."""
    out = {}
    for e in raw.edges:
        a, b, undirected = e.source, e.target, False
        if e.arrows is not None:
            at_source, at_target = (x != "none" for x in e.arrows)
            if at_source and not at_target:
                a, b = b, a
            undirected = not at_source and not at_target
        out[e.index] = (a, b, undirected)
    return out


def is_own(raw: RawGraph) -> bool:
    """True for Reasonmap's own export (its data keys): every node is a card, as placed."""
    return any(OWN_KEYS & set(n.vals) for n in raw.nodes.values())


def classify(raw: RawGraph, ways: dict) -> tuple[dict[str, str], int, set[str]]:
    """gid → relation kind for every connector node, how many were junctions, and the boxes of
    AIF's dialogue and preference layers (L, YA, TA, PA), which are left out as in AIF."""
    if is_own(raw):
        return {}, 0, set()
    ins, outs = defaultdict(int), defaultdict(int)
    for a, b, _ in ways.values():
        outs[a] += 1
        ins[b] += 1
    between = lambda n: ins[n.gid] > 0 and outs[n.gid] > 0  # noqa: E731
    kinds, claims, dialogue = {}, set(), set()
    for n in raw.nodes.values():
        typed = _typed(n)
        if typed == "claim":
            claims.add(n.gid)
        elif typed == "dialogue":
            dialogue.add(n.gid)
        elif typed:
            kinds[n.gid] = typed
        elif n.label.lower() in BARE_LABELS:
            kinds[n.gid] = BARE_LABELS[n.label.lower()]
        elif n.label.lower() in WORDS and between(n):
            kinds[n.gid] = WORDS[n.label.lower()]
    _legend(raw, kinds, claims, between)
    junctions = 0
    for n in raw.nodes.values():
        if n.gid not in kinds and not n.label and n.box and max(n.box[2:]) <= JUNCTION_SIZE and between(n):
            kinds[n.gid] = "support"
            junctions += 1
    if kinds:       # a map that uses AIF's boxes: its L, YA, TA and PA boxes are AIF's too
        dialogue |= {n.gid for n in raw.nodes.values() if n.label.upper() in DIALOGUE and n.gid not in claims}
    return kinds, junctions, dialogue


def _typed(n: RawNode) -> str:
    """"support"/"attack"/"relates" for an AIF-typed connector, "claim" for an I-node,
    "dialogue" for the L, YA, TA and PA boxes, else ""."""
    for key, value in n.vals.items():
        m = TYPE_VALUE.match(value) if key.lower() in TYPE_KEYS else None
        if m:
            kind = m.group(1).lower()
            return KINDS.get(kind) or ("claim" if kind == "i" else "dialogue")
    return ""


def _legend(raw: RawGraph, kinds: dict, claims: set, between) -> None:
    """Nodes drawn like the connectors already found become connectors of the same kind."""
    by_style: dict[tuple, set[str]] = defaultdict(set)
    for gid, kind in kinds.items():
        if raw.nodes[gid].style:
            by_style[raw.nodes[gid].style].add(kind)
    for gid in claims:
        by_style.pop(raw.nodes[gid].style, None)
    for n in raw.nodes.values():
        legend = by_style.get(n.style) if n.style else None
        if n.gid not in kinds and n.gid not in claims and legend and len(legend) == 1 \
                and between(n) and len(n.label.split()) <= 3:
            kinds[n.gid] = next(iter(legend))


def claim_node(n: RawNode, where: str, notes: list[str]) -> Node:
    """The card for one non-connector node."""
    vals = {k.lower(): v for k, v in n.vals.items()}
    label = n.label or next((vals[k] for k in ("label", "name", "title") if vals.get(k)), "") or n.gid
    description = vals.get("description", "").strip()
    title = vals["title"] if "title" in vals else short_title(" ".join(label.split()))
    if "text" in vals:
        text = vals["text"]
    elif "title" in vals:
        text = description
    elif description:
        text = description if title == " ".join(label.split()) else f"{label}\n\n{description}"
    else:
        text = label
    x, y = centre(n.box) if vals.get("placed", "true") != "false" else (None, None)
    kind = _kind(vals.get("kind"), where) if vals.get("kind") else ("note" if n.note else "claim")
    return Node(id=new_id(), kind=kind, title=title, text=text, source_ref=vals.get("url", "").strip(),
                base_score=_unit(vals.get("base_score"), 0.5, where, "base_score", notes),
                tags=tuple(dict.fromkeys((*_tags(vals.get("tags"), where), *filter(None, n.groups)))), x=x, y=y,
                data=_with_rationale({"graphml_id": n.gid}, vals))


def _tags(value, where: str) -> tuple[str, ...]:
    if value is None or not value.strip():
        return ()
    try:
        tags = json.loads(value)
    except (json.JSONDecodeError, RecursionError):
        tags = [t.strip() for t in value.split(",")]
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise FormatError(f"{where}: tags must be a list of words")
    return tuple(t for t in tags if t)


def _kind(value: str, where: str) -> str:
    if value.strip() not in NODE_KINDS:
        raise FormatError(f"{where}: unknown kind {value!r} (expected one of {', '.join(NODE_KINDS)})")
    return value.strip()


def informative(n: RawNode) -> str:
    """The connector's own words ("infers"), not a bare type name ("RA")."""
    words = n.label or n.vals.get("description", "").strip()
    return "" if words.lower() in BARE_LABELS else words


class Connectors:
    """Turns connector nodes into relations (and argument cards for linked premises)."""

    def __init__(self, raw: RawGraph, kinds: dict[str, str], cards: dict[str, Node], ways: dict,
                 collector: EdgeCollector, notes: list[str]) -> None:
        self.raw, self.kinds, self.cards, self.collector, self.notes = raw, kinds, cards, collector, notes
        self.ins: dict[str, list[str]] = defaultdict(list)
        self.outs: dict[str, list[str]] = defaultdict(list)
        for a, b, _ in ways.values():
            if a in kinds or b in kinds:
                self.outs[a].append(b)
                self.ins[b].append(a)
        self.arguments: dict[str, Node] = {}
        self.incomplete = self.aimed = 0

    def build(self) -> list[Node]:
        """Add every connector's relations; returns the argument cards made for linked premises."""
        for gid, kind in self.kinds.items():
            premises = [p for p in self.ins[gid] if p in self.cards]
            if kind != "relates" and len(premises) >= 2:
                self.arguments[gid] = self._argument(gid, kind)
        for gid in self.kinds:
            self._relations(gid)
        if self.incomplete:
            self.notes.append(f"{self.incomplete} connector(s) lacked a premise or a conclusion and were left out")
        if self.aimed:
            self.notes.append(f"{self.aimed} connector(s) aimed at another connector were read as bearing on "
                              "that inference (its argument card, or its premise)")
        if self.arguments:
            self.notes.append(f"{len(self.arguments)} inference(s) with several premises became argument "
                              "cards that their premises support (linked premises)")
        return list(self.arguments.values())

    def _argument(self, gid: str, kind: str) -> Node:
        n = self.raw.nodes[gid]
        words = informative(n)
        title = short_title(" ".join(words.split())) if words else ARGUMENT_TITLES[kind]
        text = n.vals.get("description", "").strip()
        x, y = centre(n.box)
        return Node(id=new_id(), title=title, text="" if text == title else text, x=x, y=y,
                    data={"graphml_id": gid, "graphml_connector": n.label or kind})

    def _targets(self, gid: str) -> list[str]:
        """Card ids the connector *gid* points at (through other connectors too)."""
        out = []
        for t in self.outs[gid]:
            if t in self.cards:
                out.append(self.cards[t].id)
            elif t in self.kinds:
                self.aimed += 1
                if t in self.arguments:
                    out.append(self.arguments[t].id)
                else:
                    out += [self.cards[p].id for p in self.ins[t] if p in self.cards]
        return list(dict.fromkeys(out))

    def _relations(self, gid: str) -> None:
        kind, n = self.kinds[gid], self.raw.nodes[gid]
        premises = [self.cards[p].id for p in self.ins[gid] if p in self.cards]
        targets = self._targets(gid)
        if not premises or not targets:
            self.incomplete += 1
            return
        label = "" if gid in self.arguments else informative(n)
        if gid in self.arguments:
            arg = self.arguments[gid].id
            pairs = [(p, arg, "support") for p in premises] + [(arg, t, kind) for t in targets]
        else:
            pairs = [(p, t, kind) for p in premises for t in targets]
        for a, b, relation in pairs:
            self.collector.add(Edge(id=new_id(), source=a, target=b, relation=relation, label=label,
                                    data={"graphml_id": gid}))


def plain_edge(e: RawEdge, way: tuple[str, str, bool], cards: dict[str, Node], notes: list[str],
               counts: dict[str, int]) -> Edge:
    """The relation one edge between two cards stands for."""
    a, b, undirected = way
    raw = (e.vals.get("relation") or "").strip()
    if raw:
        relation = SYNONYMS.get(raw.lower())
        if relation is None:
            counts["unknown"] += 1
            counts.setdefault("example", raw[:40])
            relation = "support"
    else:
        relation = SYNONYMS.get(e.label.lower())
        if relation is None:
            relation = _by_colour(e.colour)
            counts["coloured"] += relation is not None
    if relation is None:
        relation = "relates" if undirected else "support"
        counts["undirected" if undirected else "assumed"] += 1
    label = e.vals["label"] if "label" in e.vals else ("" if e.label in ("−", "-", "+") else e.label)
    description = " ".join(e.vals.get("description", "").split())
    if description and not label and len(description) <= 60:
        label = description                   # yEd's description of a line is its only words
    weight = _unit(e.vals.get("weight"), 1.0, edge_where(e), "weight", notes)
    edge = Edge(id=new_id(), source=cards[a].id, target=cards[b].id, relation=relation, weight=weight, label=label,
                data=_with_rationale({"description": description} if description and description != label else {},
                                     e.vals))
    if edge.source != edge.target:
        try:
            edge.validate()
        except ModelError as exc:
            raise FormatError(f"{edge_where(e)}: {exc}") from None
    return edge


def _by_colour(colour: str) -> str | None:
    """"attack" for a red line, "support" for a green one, else None (black, grey, blue...)."""
    if not re.fullmatch(r"#[0-9a-f]{6}", colour or ""):
        return None
    r, g, b = (int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    hue, light, sat = colorsys.rgb_to_hls(r, g, b)
    if sat < 0.45 or not 0.2 < light < 0.8:
        return None
    degrees = hue * 360
    if degrees < 20 or degrees > 340:
        return "attack"
    if 80 < degrees < 160:
        return "support"
    return None


def _unit(value, default: float, where: str, name: str, notes: list[str]) -> float:
    if value is None or not value.strip():
        return default
    try:
        v = float(value)
    except ValueError:
        raise FormatError(f"{where}: {name} {value!r} is not a number") from None
    if not 0.0 <= v <= 1.0:
        notes.append(f"Values of {name} outside 0..1 were replaced by {default}")
        return default
    return v


def note_edges(counts: dict[str, int], notes: list[str]) -> None:
    """The import report's lines about how plain edges were read."""
    if counts["assumed"]:
        notes.append(f"{counts['assumed']} relation(s) had no relation type and were taken as supports")
    if counts["unknown"]:
        notes.append(f"Unknown relation types (such as {counts['example']!r}) were taken as supports")
    if counts["coloured"]:
        notes.append(f"{counts['coloured']} relation(s) were read from their colour (red attacks, green supports)")
    if counts["undirected"]:
        notes.append(f"{counts['undirected']} line(s) without arrowheads became plain 'relates' links")


def drop_overlapping_positions(nodes: list[Node], notes: list[str]) -> list[Node]:
    """*nodes* without positions if the file's positions make cards overlap at our sizes."""
    clash = overlapping_cards(nodes)
    if clash is None:
        return nodes
    from dataclasses import replace
    notes.append("The file's positions would make cards overlap at Reasonmap's card sizes, "
                  "so the map was laid out again")
    return [replace(n, x=None, y=None) for n in nodes]


def _with_rationale(data: dict, vals: dict) -> dict:
    """*data* with the rationale our own export writes (a ``rationale`` key), when there is one."""
    text = (vals.get("rationale") or "").strip()
    return {**data, "rationale": text} if text else data
