"""Reasonmap's lossless JSON format (DESIGN §6).

>>> from app.model.build import build_map
>>> from app.model.entities import Node
>>> text = write_json(build_map([Node(id="a", title="A")]))
>>> read_json(text).map.node("a").title
'A'
"""

from __future__ import annotations

import json
from typing import Any

from ..model import ArgumentMap, Assessment, Edge, ModelError, Node, Participant, Source, validate_meta
from ..model.argmap import DEFAULT_META
from ..model.build import build_map
from .base import FormatError, ImportResult, number_problem
from .native_method import BUILDERS as METHOD_BUILDERS
from .native_method import SECTIONS as METHOD_SECTIONS
from .native_method import method_sections

FORMAT_NAME = "reasonmap"
FORMAT_VERSION = 1
MAX_ITEMS = 200_000


def map_to_dict(amap: ArgumentMap) -> dict:
    """The map as a JSON-ready dict."""
    return {
        "format": FORMAT_NAME, "version": FORMAT_VERSION,
        "map": dict(amap.meta),
        "nodes": [_node_dict(n) for n in amap.nodes.values()],
        "edges": [{"id": e.id, "source": e.source, "target": e.target, "relation": e.relation,
                   "weight": e.weight, "label": e.label, "data": e.data} for e in amap.edges.values()],
        "participants": [{"id": p.id, "name": p.name, "colour": p.colour}
                         for p in amap.participants.values()],
        "assessments": [{"participant": a.participant, "target": a.target, "value": a.value,
                         "note": a.note, "modified": a.modified} for a in amap.assessments.values()],
        "sources": [{"id": s.id, "title": s.title, "text": s.text} for s in amap.sources.values()],
        **method_sections(amap),
    }


def _node_dict(n: Node) -> dict:
    return {"id": n.id, "kind": n.kind, "title": n.title, "text": n.text,
            "base_score": n.base_score, "tags": list(n.tags), "source_ref": n.source_ref,
            "anchor": n.anchor, "x": n.x, "y": n.y, "collapsed": n.collapsed, "data": n.data,
            "created": n.created, "modified": n.modified}


def write_json(amap: ArgumentMap) -> str:
    """The map as native JSON: top-level keys on their own lines and one record per line.

    One line a record keeps diffs readable, and it lets ``json`` use its C encoder (any
    ``indent`` switches to the pure-Python one, three times slower on a 10,000-card map).

    >>> print(write_json(ArgumentMap()).splitlines()[1])
      "format": "reasonmap",
    """
    parts = []
    for key, value in map_to_dict(amap).items():
        if isinstance(value, list) and value:
            rows = ",\n    ".join(_compact(v) for v in value)
            parts.append(f"  {_compact(key)}: [\n    {rows}\n  ]")
        else:
            parts.append(f"  {_compact(key)}: {_compact(value)}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": "))
# The C encoder made once and called per record: json.dumps and JSONEncoder.encode make a new
# one on every call, which took half the time of writing a map of small records.
_C_ENCODE = (json.encoder.c_make_encoder(None, _ENCODER.default, json.encoder.encode_basestring, None,
                                         ": ", ", ", False, False, True)
             if json.encoder.c_make_encoder is not None else None)


def _compact(value) -> str:
    """*value* as one line of JSON, as ``json.dumps(value, ensure_ascii=False,
    separators=(", ", ": "))`` writes it (maps hold no cycles, so none is looked for)."""
    if _C_ENCODE is None or isinstance(value, str):
        return _ENCODER.encode(value)
    return "".join(_C_ENCODE(value, 0))


def read_json(text: str) -> ImportResult:
    """Parse native JSON; every problem becomes one FormatError naming where it is."""
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise FormatError(f"Not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}") from None
    except RecursionError:
        raise FormatError("Not valid JSON: nested too deeply") from None
    except ValueError as exc:   # e.g. an integer of more than 4,300 digits
        raise FormatError(f"Not valid JSON: {number_problem(exc)}") from None
    if _looks_like_aif(doc):  # OVA and AIFdb also name their files *.json
        from .aif import read_aif
        return read_aif(text)
    return ImportResult(map_from_dict(doc))


def _looks_like_aif(doc) -> bool:
    """True for AIF: OVA's {"AIF": ...} wrapper, nodes with a nodeID, or an empty nodeset
    (AIFdb writes ``{"nodes": [], "edges": [], "locutions": []}`` for a nodeset with nothing in it)."""
    if isinstance(doc, dict) and "AIF" in doc and isinstance(doc["AIF"], dict):
        return True
    if not isinstance(doc, dict) or "format" in doc:
        return False
    nodes = doc.get("nodes")
    if not isinstance(nodes, list):
        return False
    if nodes:
        return isinstance(nodes[0], dict) and "nodeID" in nodes[0]
    return isinstance(doc.get("edges"), list) and ("locutions" in doc or set(doc) <= {"nodes", "edges"})


def map_from_dict(doc: Any) -> ArgumentMap:
    if not isinstance(doc, dict) or doc.get("format") != FORMAT_NAME:
        raise FormatError('Not a Reasonmap JSON file (expected "format": "reasonmap")')
    if doc.get("version") != FORMAT_VERSION:
        raise FormatError(f"Unsupported Reasonmap JSON version {doc.get('version')!r} "
                          f"(this version reads {FORMAT_VERSION})")
    sections = {k: _list(doc, k) for k in ("nodes", "edges", "participants", "assessments", "sources",
                                           *METHOD_SECTIONS)}
    if sum(map(len, sections.values())) > MAX_ITEMS:
        raise FormatError(f"The file holds more than {MAX_ITEMS} items")
    meta = doc.get("map", {})
    if not isinstance(meta, dict):
        raise FormatError('"map" must be an object')
    try:
        meta = validate_meta({k: v for k, v in meta.items() if k in DEFAULT_META})
    except ModelError as exc:
        raise FormatError(f'"map": {exc}') from None
    builders = {"nodes": _node, "edges": _edge, "participants": _participant,
                "assessments": _assessment, "sources": _source, **METHOD_BUILDERS}
    records = {}
    for key, build in builders.items():
        records[key] = [_at(key, i, build, item) for i, item in enumerate(sections[key])]
    try:
        return build_map(meta=meta, **records)
    except ModelError as exc:
        raise FormatError(f"Inconsistent map: {exc}") from None


def _list(doc: dict, key: str) -> list:
    value = doc.get(key, [])
    if not isinstance(value, list):
        raise FormatError(f'"{key}" must be a list')
    return value


def _at(section: str, index: int, build, item):
    if not isinstance(item, dict):
        raise FormatError(f"{section}[{index}] must be an object")
    try:
        return build(item).validate()
    except KeyError as exc:
        raise FormatError(f"{section}[{index}] lacks the field {exc.args[0]!r}") from None
    except (ModelError, TypeError, ValueError) as exc:
        raise FormatError(f"{section}[{index}]: {exc}") from None


def _opt(item: dict, key: str, default):
    value = item.get(key, default)
    return default if value is None and default is not None else value


def _node(d: dict) -> Node:
    tags = _opt(d, "tags", [])
    if not isinstance(tags, list):
        raise ModelError("tags must be a list")
    return Node(id=d["id"], kind=_opt(d, "kind", "claim"), title=_opt(d, "title", ""),
                text=_opt(d, "text", ""), base_score=_opt(d, "base_score", 0.5), tags=tuple(tags),
                source_ref=_opt(d, "source_ref", ""), anchor=d.get("anchor"), x=d.get("x"), y=d.get("y"),
                collapsed=bool(_opt(d, "collapsed", False)), data=_opt(d, "data", {}),
                created=_opt(d, "created", ""), modified=_opt(d, "modified", ""))


def _edge(d: dict) -> Edge:
    return Edge(id=d["id"], source=d["source"], target=d["target"], relation=d["relation"],
                weight=_opt(d, "weight", 1.0), label=_opt(d, "label", ""), data=_opt(d, "data", {}))


def _participant(d: dict) -> Participant:
    return Participant(id=d["id"], name=d["name"], colour=_opt(d, "colour", "#4477aa"))


def _assessment(d: dict) -> Assessment:
    return Assessment(participant=d["participant"], target=d["target"], value=d["value"],
                      note=_opt(d, "note", ""), modified=_opt(d, "modified", ""))


def _source(d: dict) -> Source:
    return Source(id=d["id"], title=_opt(d, "title", ""), text=_opt(d, "text", ""))
