"""Reading GraphML: Reasonmap's own export, yEd argument maps, and plain GraphML of other tools.

The parse is defensive (defusedxml: no DTDs, no entities, no external references; size and
depth caps). Each ``<node>`` is first read into a plain record (its data keys, yEd label,
box, shape and colours); :mod:`app.io.graphml_yed` then tells the claims from the connector
boxes that yEd argument maps draw between them, and turns the connectors into relations.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from xml.parsers.expat import ExpatError

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from ..model.entities import MAX_POSITION
from .base import FormatError

WHAT = "GraphML"


@dataclass
class RawNode:
    """One <node> as the file gives it."""
    gid: str
    index: int
    vals: dict[str, str]
    label: str = ""
    box: tuple[float, float, float, float] | None = None   # x, y (top-left), width, height
    style: tuple = ()                                       # yEd shape and colours
    note: bool = False                                      # a yEd UML note (a comment box)
    group: bool = False                                     # holds a nested <graph> (a yEd group)
    groups: tuple[str, ...] = ()                            # labels of the groups it sits in


@dataclass
class RawEdge:
    """One <edge>: its ends as written, its data, and how yEd draws its arrows."""
    source: str
    target: str
    index: int
    vals: dict[str, str]
    label: str = ""
    arrows: tuple[str, str] | None = None                   # (source end, target end)
    colour: str = ""


@dataclass
class RawGraph:
    nodes: dict[str, RawNode]
    edges: list[RawEdge]
    meta: dict = field(default_factory=dict)


def parse(text: str):
    """The root element of *text*, or one FormatError."""
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
    return root


def _reason(exc) -> str:
    return re.sub(r":\s*line \d+, column \d+$", "", str(exc))


def local(tag) -> str:
    """An element's tag without its namespace."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def read_raw(root, notes: list[str]) -> RawGraph:
    """Every node and edge of the file as plain records; duplicate or missing ids are errors."""
    keys = _keys(root)
    nodes: dict[str, RawNode] = {}
    edges: list[RawEdge] = []
    for el, groups in _walk(root):
        name = local(el.tag)
        if name == "node":
            node = _raw_node(el, len(nodes), keys)
            if node.gid in nodes:
                raise FormatError(f"<node> #{len(nodes) + 1}: the id {node.gid!r} is used twice")
            node.groups = groups
            node.group = any(local(child.tag) == "graph" for child in el)
            nodes[node.gid] = node
        elif name == "edge":
            edges.append(_raw_edge(el, len(edges), keys))
    for e in edges:
        for attr in ("source", "target"):
            if getattr(e, attr) not in nodes:
                raise FormatError(f"{edge_where(e)}: its {attr} {getattr(e, attr)!r} names no node of the file")
    return RawGraph(nodes, edges, _graph_meta(root, keys, notes))


def _walk(root):
    """Every element in document order with the labels of the group nodes around it."""
    stack = [(root, ())]
    while stack:
        el, groups = stack.pop()
        yield el, groups
        inner = groups
        if local(el.tag) == "node" and any(local(child.tag) == "graph" for child in el):
            inner = groups + ((_group_label(el) or el.get("id") or ""),)
        stack.extend((child, inner if local(child.tag) == "graph" else groups) for child in reversed(el))


def _group_label(el) -> str:
    """The first yEd label of a group node (its own <data>, not its members')."""
    for child in el:
        if local(child.tag) == "data":
            for item in child.iter():
                if local(item.tag) == "NodeLabel" and (item.text or "").strip():
                    return " ".join(item.text.split())
    return ""


def edge_where(e: RawEdge) -> str:
    return f"<edge> #{e.index + 1}" + (f" (id {e.vals.get('__id__')!r})" if e.vals.get("__id__") else "")


def _keys(root) -> dict[str, tuple[str, str]]:
    """key id → (attr.name, yfiles.type) for every <key>."""
    keys = {}
    for el in root:
        if local(el.tag) == "key" and el.get("id"):
            keys[el.get("id")] = ((el.get("attr.name") or el.get("id")).strip(), el.get("yfiles.type") or "")
    return keys


def _values(el, keys) -> dict[str, str]:
    """attr.name → text of the element's own <data> children (graphics excluded)."""
    out = {}
    for child in el:
        if local(child.tag) == "data":
            name, ytype = keys.get(child.get("key", ""), (child.get("key", ""), ""))
            if not ytype:
                out[name] = child.text or ""
    return out


def _graphics(el, keys):
    """The yEd graphics element (ShapeNode, GenericNode, PolyLineEdge...) of *el*, if any."""
    for child in el:
        if local(child.tag) == "data" and keys.get(child.get("key", ""), ("", ""))[1].endswith("graphics"):
            return child
    return None


def _raw_node(el, index: int, keys) -> RawNode:
    gid = el.get("id")
    if not gid:
        raise FormatError(f"<node> #{index + 1} has no id")
    node = RawNode(gid, index, _values(el, keys))
    gfx = _graphics(el, keys)
    if gfx is None:
        return node
    shape: list[str] = []
    for item in gfx.iter():
        name = local(item.tag)
        if name == "NodeLabel" and not node.label:
            node.label = (item.text or "").strip()
        elif name == "Geometry" and node.box is None:
            node.box = _box(item)
        elif name in ("ShapeNode", "GenericNode", "SVGNode", "ImageNode", "TableNode", "GroupNode"):
            shape.append(name + ":" + (item.get("configuration") or ""))
        elif name.startswith("UML") and name.endswith("Node"):
            node.note = name == "UMLNoteNode"
            shape.append(name)
        elif name == "Shape":
            shape.append(item.get("type") or "")
        elif name == "Fill":
            shape.extend((item.get("color") or "", item.get("color2") or ""))
    node.style = tuple(s.lower() for s in shape)
    return node


def _box(item) -> tuple[float, float, float, float] | None:
    try:
        box = tuple(float(item.get(k, "0")) for k in ("x", "y", "width", "height"))
    except ValueError:
        return None
    return box if all(abs(v) <= MAX_POSITION for v in box) else None   # also drops inf and nan


def _raw_edge(el, index: int, keys) -> RawEdge:
    ends = []
    for attr in ("source", "target"):
        if el.get(attr) is None:
            where = f"<edge> #{index + 1}" + (f" (id {el.get('id')!r})" if el.get("id") else "")
            raise FormatError(f"{where} has no {attr}")
        ends.append(el.get(attr))
    vals = _values(el, keys)
    if el.get("id"):
        vals["__id__"] = el.get("id")
    edge = RawEdge(ends[0], ends[1], index, vals)
    gfx = _graphics(el, keys)
    for item in gfx.iter() if gfx is not None else ():
        name = local(item.tag)
        if name == "EdgeLabel" and not edge.label:
            edge.label = (item.text or "").strip()
        elif name == "Arrows":
            edge.arrows = (item.get("source") or "none", item.get("target") or "none")
        elif name == "LineStyle":
            edge.colour = (item.get("color") or "").lower()
    return edge


def _graph_meta(root, keys, notes: list[str]) -> dict:
    """The map title and description from the first <graph>, and a note if it is undirected."""
    graph = next((el for el in root.iter() if local(el.tag) == "graph"), None)
    if graph is None:
        return {}
    if graph.get("edgedefault") == "undirected":
        notes.append("The graph was undirected; each edge was read as pointing from its source to its target")
    vals = {k.lower(): v.strip() for k, v in _values(graph, keys).items()}
    meta = {"title": vals["map_title"]} if vals.get("map_title") else {}
    if vals.get("description"):
        meta["description"] = vals["description"]
    return meta
