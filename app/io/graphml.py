"""GraphML import and export in a form yEd opens, with positions and sizes.

Export: one ``y:ShapeNode`` per node (geometry = card box, label = title) and a
``y:PolyLineEdge`` per relation, plus plain ``<data>`` keys for Reasonmap's own fields
(kind, title, text, base_score, tags, relation, weight, label) so that our export re-imports
without loss. Import reads those keys when present; plain GraphML from other tools gives
nodes titled by their label and edges that support unless a relation key says otherwise.
XML is parsed with defusedxml: no DTDs, no entities, no external references.

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
from xml.parsers.expat import ExpatError

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from ..model import Edge, ModelError, Node, new_id
from ..model.entities import NODE_KINDS
from .limits import MAX_DEPTH, EdgeCollector, build_checked, check_count, check_size, short_title
from .base import FormatError, ImportResult

WHAT = "GraphML"
NS = "http://graphml.graphdrawing.org/xmlns"
YNS = "http://www.yworks.com/xml/graphml"
NODE_FIELDS = ("kind", "title", "text", "base_score", "tags", "placed")
EDGE_FIELDS = ("relation", "weight", "label")
COLOURS = {"support": "#0072B2", "attack": "#D55E00", "answer": "#009E73", "relates": "#999999"}
FILLS = {"claim": "#FFFFFF", "strategy": "#E8F1FA", "question": "#FFF6D5", "evidence": "#EEF7EE",
         "note": "#F4F4F4"}
SYNONYMS = {"support": "support", "pro": "support", "+": "support", "supports": "support",
            "attack": "attack", "con": "attack", "-": "attack", "−": "attack", "attacks": "attack",
            "answer": "answer", "relates": "relates"}
_BAD_XML_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


# ----- writing -------------------------------------------------------------------------
def write_graphml(amap) -> str:
    """The map as GraphML that yEd opens, with our fields as plain data keys."""
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


def _clean(text: str) -> str:
    """Text with the characters XML 1.0 cannot hold replaced."""
    return _BAD_XML_CHARS.sub("\ufffd", text)


def _key(root, key_id: str, for_: str, name: str, kind: str) -> None:
    ET.SubElement(root, f"{{{NS}}}key", {"id": key_id, "for": for_, "attr.name": name, "attr.type": kind})


def _data(parent, key: str, value: str) -> ET.Element:
    el = ET.SubElement(parent, f"{{{NS}}}data", {"key": key})
    el.text = _clean(value)
    return el


def card_size(n: Node) -> tuple[float, float]:
    """A box that roughly fits the node's label (yEd needs a size)."""
    label = n.label
    width = max(80.0, min(240.0, 7.0 * len(label) + 20.0))
    lines = max(1, -(-len(label) * 7 // 220))
    return width, 20.0 + 16.0 * lines


def _write_node(graph, n: Node, index: int) -> None:
    el = ET.SubElement(graph, f"{{{NS}}}node", {"id": _clean(n.id)})
    placed = n.x is not None and n.y is not None
    values = {"kind": n.kind, "title": n.title, "text": n.text, "base_score": repr(n.base_score),
              "tags": json.dumps(list(n.tags), ensure_ascii=False), "placed": "true" if placed else "false"}
    for name in NODE_FIELDS:
        _data(el, f"n_{name}", values[name])
    w, h = card_size(n)
    cx, cy = (n.x, n.y) if placed else (160.0 * (index % 8), 100.0 * (index // 8))
    shape = ET.SubElement(ET.SubElement(el, f"{{{NS}}}data", {"key": "ng"}), f"{{{YNS}}}ShapeNode")
    ET.SubElement(shape, f"{{{YNS}}}Geometry", {"x": repr(cx - w / 2), "y": repr(cy - h / 2),
                                                 "width": repr(w), "height": repr(h)})
    ET.SubElement(shape, f"{{{YNS}}}Fill", {"color": FILLS.get(n.kind, "#FFFFFF"), "transparent": "false"})
    ET.SubElement(shape, f"{{{YNS}}}BorderStyle", {"color": "#333333", "type": "line", "width": "1.0"})
    label = ET.SubElement(shape, f"{{{YNS}}}NodeLabel")
    label.text = _clean(n.label)
    ET.SubElement(shape, f"{{{YNS}}}Shape",
                  {"type": "rectangle" if n.kind == "strategy" else "roundrectangle"})


def _write_edge(graph, e: Edge) -> None:
    el = ET.SubElement(graph, f"{{{NS}}}edge", {"id": _clean(e.id), "source": _clean(e.source),
                                                 "target": _clean(e.target)})
    for name, value in (("relation", e.relation), ("weight", repr(e.weight)), ("label", e.label)):
        _data(el, f"e_{name}", value)
    line = ET.SubElement(ET.SubElement(el, f"{{{NS}}}data", {"key": "eg"}), f"{{{YNS}}}PolyLineEdge")
    ET.SubElement(line, f"{{{YNS}}}LineStyle", {"color": COLOURS[e.relation], "width": "1.5",
                                                 "type": "dashed" if e.relation == "attack" else "line"})
    ET.SubElement(line, f"{{{YNS}}}Arrows", {"source": "none", "target": "standard"})
    if e.label or e.relation == "attack":
        ET.SubElement(line, f"{{{YNS}}}EdgeLabel").text = _clean(e.label or "−")


# ----- reading -------------------------------------------------------------------------
def read_graphml(text: str) -> ImportResult:
    """Parse GraphML (ours, yEd's or another tool's) into a map."""
    root = _parse(check_size(text, WHAT))
    if _local(root.tag) != "graphml":
        raise FormatError(f"Not a GraphML file: the root element is <{_local(root.tag)}>")
    keys = _keys(root)
    notes: list[str] = []
    nodes_el = [el for el in root.iter() if _local(el.tag) == "node"]
    edges_el = [el for el in root.iter() if _local(el.tag) == "edge"]
    check_count(len(nodes_el) + len(edges_el), WHAT)
    nodes: dict[str, Node] = {}
    for i, el in enumerate(nodes_el):
        gid, node = _read_node(el, i, keys, notes)
        if gid in nodes:
            raise FormatError(f"<node> #{i + 1}: the id {gid!r} is used twice")
        nodes[gid] = node
    collector = EdgeCollector(notes)
    assumed = 0
    for i, el in enumerate(edges_el):
        edge, was_assumed = _read_edge(el, i, keys, nodes, notes)
        assumed += was_assumed
        collector.add(edge)
    if assumed:
        notes.append(f"{assumed} relation(s) had no relation type and were taken as supports")
    meta = _graph_meta(root, keys, notes)
    edges = collector.finish(WHAT)
    return ImportResult(build_checked(nodes.values(), edges, WHAT, meta=meta), _dedupe(notes))


def _graph_meta(root, keys, notes: list[str]) -> dict:
    """The map title from the first <graph>, and a note if that graph is undirected."""
    graph = next((el for el in root.iter() if _local(el.tag) == "graph"), None)
    if graph is None:
        return {}
    if graph.get("edgedefault") == "undirected":
        notes.append("The graph was undirected; each edge was read as pointing from its source to its target")
    title = _values(graph, keys).get("map_title", "").strip()
    return {"title": title} if title else {}


def _parse(text: str):
    try:
        root = SafeET.fromstring(text, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise FormatError("The GraphML file declares a DTD or entities; Reasonmap refuses those "
                          "for safety (they can be used to blow up memory or read local files)") from None
    except ET.ParseError as exc:
        line, col = getattr(exc, "position", (0, 0))
        raise FormatError(f"Not valid XML at line {line}, column {col + 1}: {_reason(exc)}") from None
    except (ExpatError, ValueError) as exc:
        raise FormatError(f"Not valid XML: {exc}") from None
    _check_depth(root)
    return root


def _reason(exc) -> str:
    return re.sub(r":\s*line \d+, column \d+$", "", str(exc))


def _check_depth(root) -> None:
    stack = [(root, 1)]
    while stack:
        el, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise FormatError(f"The GraphML file nests elements more than {MAX_DEPTH} deep")
        stack.extend((child, depth + 1) for child in el)


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _keys(root) -> dict[str, tuple[str, str]]:
    """key id → (attr.name, yfiles.type) for every <key>."""
    keys = {}
    for el in root:
        if _local(el.tag) == "key" and el.get("id"):
            keys[el.get("id")] = ((el.get("attr.name") or el.get("id")).strip(), el.get("yfiles.type") or "")
    return keys


def _values(el, keys) -> dict[str, str]:
    """attr.name → text of the element's own <data> children."""
    out = {}
    for child in el:
        if _local(child.tag) == "data":
            name, _ = keys.get(child.get("key", ""), (child.get("key", ""), ""))
            out[name] = child.text or ""
    return out


def _graphics(el, keys):
    """The yEd graphics element (ShapeNode, GenericNode, PolyLineEdge...) of *el*, if any."""
    for child in el:
        if _local(child.tag) == "data" and keys.get(child.get("key", ""), ("", ""))[1].endswith("graphics"):
            return child
    return None


def _read_node(el, i: int, keys, notes: list[str]) -> tuple[str, Node]:
    where = f"<node> #{i + 1}"
    gid = el.get("id")
    if not gid:
        raise FormatError(f"{where} has no id")
    where = f"<node id={gid!r}>"
    vals = _values(el, keys)
    gfx = _graphics(el, keys)
    label, box = _yed_label_and_box(gfx)
    label = label or next((vals[k] for k in vals if k.lower() in ("label", "name", "title")), "") or gid
    text = vals.get("text", label if "title" not in vals else "")
    title = vals["title"] if "title" in vals else short_title(label)
    x = y = None
    if box and vals.get("placed", "true") != "false":
        x, y = box[0] + box[2] / 2, box[1] + box[3] / 2
    node = Node(id=new_id(), kind=_kind(vals.get("kind"), where), title=title, text=text,
                base_score=_unit(vals.get("base_score"), 0.5, where, "base_score", notes),
                tags=_tags(vals.get("tags"), where), x=x, y=y, data={"graphml_id": gid})
    return gid, _valid(node, where)


def _yed_label_and_box(gfx):
    if gfx is None:
        return "", None
    label, box = "", None
    for el in gfx.iter():
        name = _local(el.tag)
        if name == "NodeLabel" and not label:
            label = (el.text or "").strip()
        elif name == "Geometry" and box is None:
            try:
                box = tuple(float(el.get(k, "0")) for k in ("x", "y", "width", "height"))
            except ValueError:
                box = None
            if box and not all(abs(v) < 1e9 for v in box):
                box = None
    return label, box


def _kind(value, where: str) -> str:
    if value is None or not value.strip():
        return "claim"
    if value.strip() not in NODE_KINDS:
        raise FormatError(f"{where}: unknown kind {value!r} (expected one of {', '.join(NODE_KINDS)})")
    return value.strip()


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


def _valid(record, where: str):
    try:
        return record.validate()
    except ModelError as exc:
        raise FormatError(f"{where}: {exc}") from None


def _read_edge(el, i: int, keys, nodes: dict, notes: list[str]) -> tuple[Edge, bool]:
    where = f"<edge> #{i + 1}" + (f" (id {el.get('id')!r})" if el.get("id") else "")
    ends = []
    for attr in ("source", "target"):
        ref = el.get(attr)
        if ref is None:
            raise FormatError(f"{where} has no {attr}")
        if ref not in nodes:
            raise FormatError(f"{where}: its {attr} {ref!r} names no node of the file")
        ends.append(nodes[ref].id)
    vals = _values(el, keys)
    raw = (vals.get("relation") or "").strip()
    relation = SYNONYMS.get(raw.lower(), "support")
    if raw and raw.lower() not in SYNONYMS and not any(n.startswith("Unknown relation") for n in notes):
        notes.append(f"Unknown relation types (such as {raw[:40]!r}) were taken as supports")
    label = vals["label"] if "label" in vals else _yed_edge_label(_graphics(el, keys))
    edge = Edge(id=new_id(), source=ends[0], target=ends[1], relation=relation,
                weight=_unit(vals.get("weight"), 1.0, where, "weight", notes), label=label)
    return (_valid(edge, where) if ends[0] != ends[1] else edge), not raw


def _yed_edge_label(gfx) -> str:
    if gfx is None:
        return ""
    for el in gfx.iter():
        if _local(el.tag) == "EdgeLabel":
            text = (el.text or "").strip()
            return "" if text == "−" else text
    return ""


def _dedupe(notes: list[str]) -> list[str]:
    return list(dict.fromkeys(notes))
