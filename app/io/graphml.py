"""GraphML import and export in a form yEd opens, with positions and sizes.

Export: one ``y:ShapeNode`` per node (geometry = card box, label = title) and a
``y:PolyLineEdge`` per relation, plus plain ``<data>`` keys for Reasonmap's own fields
(kind, title, text, base_score, tags, relation, weight, label) so that our export re-imports
without loss. Import reads those keys when present; plain GraphML from other tools gives
nodes titled by their label (yEd's description becomes the text) and edges that support
unless a relation key, a label or the line's colour says otherwise; the connector boxes of yEd
argument maps (RA, CA, MA) become relations (see :mod:`app.io.graphml_yed`). When the file's
positions would make cards overlap at our card sizes they are dropped and the map is laid
out again. XML is parsed with defusedxml: no DTDs, no entities, no external references.

>>> from app.model.build import build_map
>>> from app.model import Node, Edge
>>> m = build_map([Node(id="a", title="A", x=10, y=20), Node(id="b", title="B")],
...               [Edge(id="e", source="a", target="b", relation="attack", weight=0.5)])
>>> back = read_graphml(write_graphml(m)).map
>>> [(e.relation, e.weight) for e in back.edges.values()]
[('attack', 0.5)]
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections import defaultdict

from ..model import Edge, ModelError, Node, rationale_of
from .base import FormatError, ImportResult
from .graphml_read import local, parse, read_raw
from .graphml_yed import (Connectors, claim_node, classify, directions, drop_overlapping_positions,
                          is_own, note_edges, plain_edge)
from .limits import MAX_DEPTH, EdgeCollector, build_checked, check_count, check_size, short_title

WHAT = "GraphML"
NS = "http://graphml.graphdrawing.org/xmlns"
YNS = "http://www.yworks.com/xml/graphml"
NODE_FIELDS = ("kind", "title", "text", "base_score", "tags", "placed", "rationale")
EDGE_FIELDS = ("relation", "weight", "label", "rationale")
COLOURS = {"support": "#0072B2", "attack": "#D55E00", "answer": "#009E73", "relates": "#999999"}
FILLS = {"claim": "#FFFFFF", "strategy": "#E8F1FA", "question": "#FFF6D5", "evidence": "#EEF7EE",
         "note": "#F4F4F4"}
_BAD_XML_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


# ----- writing -------------------------------------------------------------------------
def write_graphml(amap) -> str:
    """The map as GraphML that yEd opens, with our fields as plain data keys.

    XML 1.0 cannot hold control characters such as NUL; a map with one in a card is refused
    with a message naming the card, rather than exported with the character replaced.
    """
    _check_xml_text(amap)
    ET.register_namespace("", NS)
    ET.register_namespace("y", YNS)
    root = ET.Element(f"{{{NS}}}graphml")
    for name in NODE_FIELDS:
        _key(root, f"n_{name}", "node", name, "double" if name == "base_score" else "string")
    for name in EDGE_FIELDS:
        _key(root, f"e_{name}", "edge", name, "double" if name == "weight" else "string")
    ET.SubElement(root, f"{{{NS}}}key", {"id": "ng", "for": "node", "yfiles.type": "nodegraphics"})
    ET.SubElement(root, f"{{{NS}}}key", {"id": "eg", "for": "edge", "yfiles.type": "edgegraphics"})
    _key(root, "g_title", "graph", "map_title", "string")
    graph = ET.SubElement(root, f"{{{NS}}}graph", {"id": "G", "edgedefault": "directed"})
    _data(graph, "g_title", str(amap.meta.get("title", "")))
    for i, n in enumerate(amap.nodes.values()):
        _write_node(graph, n, i)
    for e in amap.edges.values():
        _write_edge(graph, e)
    ET.indent(root, space=" ")
    text = ET.tostring(root, encoding="unicode").replace("\r", "&#13;")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + text + "\n"


def _check_xml_text(amap) -> None:
    """Raise FormatError naming the first card or relation with a character XML cannot hold."""
    def bad(value: str, what: str) -> None:
        m = _BAD_XML_CHARS.search(value)
        if m:
            raise FormatError(f"Cannot export GraphML: {what} holds U+{ord(m.group()):04X}, a control "
                              "character XML cannot hold; remove it and export again")
    bad(str(amap.meta.get("title", "")), "the map's title")
    for n in amap.nodes.values():
        for name, value in (("id", n.id), ("title", n.title), ("text", n.text), ("tags", " ".join(n.tags)),
                            ("rationale", rationale_of(n))):
            bad(value, f"the {name} of the card {short_title(n.label)!r}")
    for e in amap.edges.values():
        bad(e.id + e.label + rationale_of(e), f"the relation from {short_title(amap.nodes[e.source].label)!r}")


def _key(root, key_id: str, for_: str, name: str, kind: str) -> None:
    ET.SubElement(root, f"{{{NS}}}key", {"id": key_id, "for": for_, "attr.name": name, "attr.type": kind})


def _data(parent, key: str, value: str) -> ET.Element:
    el = ET.SubElement(parent, f"{{{NS}}}data", {"key": key})
    el.text = value
    return el


def card_size(n: Node) -> tuple[float, float]:
    """A box that roughly fits the node's label (yEd needs a size)."""
    label = n.label
    width = max(80.0, min(240.0, 7.0 * len(label) + 20.0))
    lines = max(1, -(-len(label) * 7 // 220))
    return width, 20.0 + 16.0 * lines


def _write_node(graph, n: Node, index: int) -> None:
    el = ET.SubElement(graph, f"{{{NS}}}node", {"id": n.id})
    placed = n.x is not None and n.y is not None
    values = {"kind": n.kind, "title": n.title, "text": n.text, "base_score": repr(n.base_score),
              "tags": json.dumps(list(n.tags), ensure_ascii=False), "placed": "true" if placed else "false",
              "rationale": rationale_of(n)}
    for name in NODE_FIELDS:
        if values[name] or name != "rationale":
            _data(el, f"n_{name}", values[name])
    w, h = card_size(n)
    cx, cy = (n.x, n.y) if placed else (160.0 * (index % 8), 100.0 * (index // 8))
    shape = ET.SubElement(ET.SubElement(el, f"{{{NS}}}data", {"key": "ng"}), f"{{{YNS}}}ShapeNode")
    ET.SubElement(shape, f"{{{YNS}}}Geometry", {"x": repr(cx - w / 2), "y": repr(cy - h / 2),
                                                 "width": repr(w), "height": repr(h)})
    ET.SubElement(shape, f"{{{YNS}}}Fill", {"color": FILLS.get(n.kind, "#FFFFFF"), "transparent": "false"})
    ET.SubElement(shape, f"{{{YNS}}}BorderStyle", {"color": "#333333", "type": "line", "width": "1.0"})
    label = ET.SubElement(shape, f"{{{YNS}}}NodeLabel")
    label.text = n.label
    ET.SubElement(shape, f"{{{YNS}}}Shape",
                  {"type": "rectangle" if n.kind == "strategy" else "roundrectangle"})


def _write_edge(graph, e: Edge) -> None:
    el = ET.SubElement(graph, f"{{{NS}}}edge", {"id": e.id, "source": e.source,
                                                 "target": e.target})
    for name, value in (("relation", e.relation), ("weight", repr(e.weight)), ("label", e.label),
                        ("rationale", rationale_of(e))):
        if value or name != "rationale":
            _data(el, f"e_{name}", value)
    line = ET.SubElement(ET.SubElement(el, f"{{{NS}}}data", {"key": "eg"}), f"{{{YNS}}}PolyLineEdge")
    ET.SubElement(line, f"{{{YNS}}}LineStyle", {"color": COLOURS[e.relation], "width": "1.5",
                                                 "type": "dashed" if e.relation == "attack" else "line"})
    ET.SubElement(line, f"{{{YNS}}}Arrows", {"source": "none", "target": "standard"})
    if e.label or e.relation == "attack":
        ET.SubElement(line, f"{{{YNS}}}EdgeLabel").text = e.label or "−"


# ----- reading -------------------------------------------------------------------------
def read_graphml(text: str) -> ImportResult:
    """Parse GraphML (ours, yEd's or another tool's) into a map."""
    root = parse(check_size(text, WHAT))
    _check_depth(root)
    if local(root.tag) != "graphml":
        raise FormatError(f"Not a GraphML file: the root element is <{local(root.tag)}>")
    notes: list[str] = []
    raw = read_raw(root, notes)
    check_count(len(raw.nodes) + len(raw.edges), WHAT)
    if not raw.nodes:
        notes.append("The GraphML file holds no nodes: the map is empty")
    ways = directions(raw)
    kinds, junctions, dialogue = classify(raw, ways)
    cards = _cards(raw, ways, set(kinds) | dialogue, notes)
    collector = EdgeCollector(notes)
    counts: dict = defaultdict(int)
    for e in raw.edges:
        a, b, _ = ways[e.index]
        if a in cards and b in cards:
            collector.add(plain_edge(e, ways[e.index], cards, notes, counts))
    arguments = Connectors(raw, kinds, cards, ways, collector, notes).build()
    if kinds:
        notes.insert(0, f"Read {len(kinds)} connector box(es) (RA, CA, MA and the like) as relations"
                     + (f", {junctions} of them junction points" if junctions else ""))
    if dialogue:
        notes.append(f"Left out {len(dialogue)} box(es) of AIF's dialogue and preference layers "
                     "(L, YA, TA, PA) and their lines")
    note_edges(counts, notes)
    edges = collector.finish(WHAT)
    nodes = [*cards.values(), *arguments]
    if not is_own(raw):
        nodes = drop_overlapping_positions(nodes, notes)
    return ImportResult(build_checked(nodes, edges, WHAT, meta=raw.meta), list(dict.fromkeys(notes)), "graphml")


def _cards(raw, ways: dict, not_cards: set[str], notes: list[str]) -> dict[str, Node]:
    """gid → card for every node that is neither a connector nor a dialogue box; a yEd group
    no line touches is no card either (its label tags the cards inside it)."""
    linked = {end for a, b, _ in ways.values() for end in (a, b)}
    folders = {gid for gid, n in raw.nodes.items() if n.group and gid not in linked}
    if folders:
        notes.append(f"{len(folders)} yEd group(s) became tags of the cards inside them")
    return {gid: _valid(claim_node(n, f"<node id={gid!r}>", notes), f"<node id={gid!r}>")
            for gid, n in raw.nodes.items() if gid not in not_cards and gid not in folders}


def _check_depth(root) -> None:
    stack = [(root, 1)]
    while stack:
        el, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise FormatError(f"The GraphML file nests elements more than {MAX_DEPTH} deep")
        stack.extend((child, depth + 1) for child in el)


def _valid(record, where: str):
    try:
        return record.validate()
    except ModelError as exc:
        raise FormatError(f"{where}: {exc}") from None
