"""AIF JSON (OVA, AIFdb): the Argument Interchange Format of the argument-mining community.

Import: I-nodes become claims; an RA node (inference) becomes a support from each of its
premises to its conclusion, a CA node (conflict) an attack, an MA node (rephrase) a ``relates``
link. The scheme name, if given, becomes the edge label. An RA/CA aimed at another S-node
(an attack on an inference) is turned into relations aimed at that inference's premises. The
dialogue layer (L, YA, TA nodes) is left out with a note, and so is a relation node that joins
a claim to itself (AIFdb's MA "Default Rephrase" nodes often do). An empty nodeset
(``{"nodes": [], "edges": [], "locutions": []}``, common in AIFdb corpora) imports as an empty
map with a note saying so. The text an OVA file analysed (its ``"text"``) becomes the map's
source, with the claims anchored to it; an S-node typed ``"S"`` with scheme RA/CA/MA counts as
that kind. Export writes plain AIF plus a
``reasonmap`` key per node that other tools ignore and that makes re-import lossless.

>>> from app.model.build import build_map
>>> from app.model import Node, Edge
>>> m = build_map([Node(id="a", title="A", text="A holds."), Node(id="b", text="B holds.")],
...               [Edge(id="e", source="a", target="b", relation="attack")])
>>> back = read_aif(write_aif(m)).map
>>> sorted((back.nodes[e.source].text, e.relation) for e in back.edges.values())
[('A holds.', 'attack')]
"""

from __future__ import annotations

import json
from collections import Counter

from ..model import Edge, ModelError, Node, new_id, rationale_of
from ..model.entities import MAX_POSITION
from .base import FormatError, ImportResult
from .limits import EdgeCollector, build_checked, check_count, load_json, short_title, strip_surrogates

WHAT = "AIF"
S_RELATIONS = {"RA": "support", "CA": "attack", "MA": "relates"}
RELATION_TYPES = {"support": "RA", "attack": "CA", "relates": "MA", "answer": "RA"}
DEFAULT_TEXT = {"RA": "Default Inference", "CA": "Default Conflict", "MA": "Default Rephrase"}
DIALOGUE = {"L": "locutions (L)", "YA": "illocutions (YA)", "TA": "transitions (TA)"}
EXT = "reasonmap"


# ----- reading -------------------------------------------------------------------------
def read_aif(text: str) -> ImportResult:
    """Parse AIF JSON (plain, AIFdb, or OVA's {"AIF": ..., "OVA": ...} wrapper)."""
    doc = load_json(text, WHAT)
    aif, ova = _unwrap(doc)
    raw_nodes = _list(aif, "nodes")
    raw_edges = _list(aif, "edges", required=False)
    check_count(len(raw_nodes) + len(raw_edges), WHAT)
    nodes = {}
    for i, item in enumerate(raw_nodes):
        parsed = _aif_node(i, item)
        if parsed["id"] in nodes:
            raise FormatError(f"nodes[{i}]: the nodeID {parsed['id']!r} is used twice")
        nodes[parsed["id"]] = parsed
    links = [_aif_edge(i, item, nodes) for i, item in enumerate(raw_edges)]
    _apply_positions(nodes, ova)
    notes: list[str] = ["This is an empty AIF nodeset (no nodes, no edges): the map is empty"] if not nodes else []
    claims = {nid: _claim(n) for nid, n in nodes.items() if n["type"] == "I"}
    edges = _relations(nodes, links, claims, notes)
    _note_dropped(nodes, notes)
    cleaned = sum(n["cleaned"] for n in nodes.values())
    if cleaned:
        notes.append(f"{cleaned} AIF text(s) held broken characters (lone surrogates), which were removed")
    title = doc.get("title") if isinstance(doc, dict) else None
    meta = {"title": strip_surrogates(title)[0]} if isinstance(title, str) and title.strip() else {}
    amap = build_checked(claims.values(), edges, WHAT, meta=meta)
    return ImportResult(_with_ova_text(amap, doc, notes) if ova is not None else amap, notes, "aif")


def _with_ova_text(amap, doc: dict, notes: list[str]):
    """*amap* with the analysed text OVA keeps beside its AIF (``"text"``) as its source."""
    text = doc.get("text")
    if isinstance(text, dict):
        text = text.get("txt")
    if not isinstance(text, str) or not text.strip() or not amap.nodes:
        return amap
    from .aif_source import HTML_TAG, anchor_to_source, html_to_text
    plain = strip_surrogates(html_to_text(text) if HTML_TAG.search(text) else text)[0]
    amap = anchor_to_source(amap, "OVA text", plain)
    anchored = sum(n.anchor is not None for n in amap.nodes.values())
    notes.append(f"Anchored {anchored} of {len(amap.nodes)} claims to the text OVA analysed (kept as a source)")
    return amap


def _unwrap(doc) -> tuple[dict, dict | None]:
    if not isinstance(doc, dict):
        raise FormatError("Not an AIF file: expected a JSON object with \"nodes\" and \"edges\"")
    for key in ("AIF", "aif"):
        if isinstance(doc.get(key), dict):
            ova = doc.get("OVA") or doc.get("ova")
            return doc[key], ova if isinstance(ova, dict) else None
    return doc, None


def _list(doc: dict, key: str, required: bool = True) -> list:
    if key not in doc:
        if required:
            raise FormatError(f'Not an AIF file: there is no "{key}" list')
        return []
    if not isinstance(doc[key], list):
        raise FormatError(f'"{key}" must be a list')
    return doc[key]


def _ident(value, where: str) -> str:
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise FormatError(f"{where} must be a text or number id, not {value!r}")
    return str(value)


def _aif_node(i: int, item) -> dict:
    where = f"nodes[{i}]"
    if not isinstance(item, dict):
        raise FormatError(f"{where} must be an object")
    if "nodeID" not in item:
        raise FormatError(f"{where} has no nodeID")
    kind, text = item.get("type", ""), item.get("text", "")
    if not isinstance(kind, str):
        raise FormatError(f"{where}: the type must be text")
    if not isinstance(text, str):
        raise FormatError(f"{where}: the text must be text")
    scheme = item.get("scheme")
    kind = kind.strip().upper()
    if kind == "S" and isinstance(scheme, str) and scheme.strip().upper() in S_RELATIONS:
        kind = scheme.strip().upper()    # some tools write {"type": "S", "scheme": "RA"}
    text, bad = strip_surrogates(text)
    scheme, bad_scheme = strip_surrogates(scheme if isinstance(scheme, str) else "")
    return {"id": _ident(item["nodeID"], f"{where}.nodeID"), "index": i, "type": kind,
            "text": text, "scheme": scheme, "cleaned": bool(bad or bad_scheme),
            "x": _coord(item.get("x")), "y": _coord(item.get("y")),
            "ext": item.get(EXT) if isinstance(item.get(EXT), dict) else {}}


def _coord(value) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:
        return None
    try:
        return float(value) if abs(value) <= MAX_POSITION else None
    except OverflowError:   # an integer too large for a float
        return None


def _aif_edge(i: int, item, nodes: dict) -> tuple[str, str]:
    where = f"edges[{i}]"
    if not isinstance(item, dict):
        raise FormatError(f"{where} must be an object")
    ends = []
    for key in ("fromID", "toID"):
        if key not in item:
            raise FormatError(f"{where} has no {key}")
        ident = _ident(item[key], f"{where}.{key}")
        if ident not in nodes:
            raise FormatError(f"{where}: {key} {ident!r} names no node of the file")
        ends.append(ident)
    return ends[0], ends[1]


def _apply_positions(nodes: dict, ova: dict | None) -> None:
    """Take OVA positions (from its own node list) where the AIF nodes carry none."""
    if not ova or not isinstance(ova.get("nodes"), list):
        return
    for item in ova["nodes"]:
        if isinstance(item, dict) and isinstance(item.get("nodeID"), (str, int)):
            node = nodes.get(str(item["nodeID"]))
            if node and node["x"] is None:
                node["x"], node["y"] = _coord(item.get("x")), _coord(item.get("y"))


def _claim(n: dict) -> Node:
    """The claim for one I-node; our own export's extra fields are used when present."""
    ext, text = n["ext"], n["text"]
    x, y = (n["x"], n["y"]) if n["x"] is not None and n["y"] is not None else (None, None)
    node = Node(id=new_id(), kind=ext.get("kind", "claim"), title=ext.get("title", short_title(text)),
                text=ext.get("text", text), base_score=ext.get("base_score", 0.5), tags=tuple(ext.get("tags", ()))
                if isinstance(ext.get("tags", ()), list) else (), x=x, y=y, data=_with_rationale({"aif_id": n["id"]}, ext))
    try:
        return node.validate()
    except (ModelError, TypeError) as exc:
        raise FormatError(f"{_where(n)}: {exc}") from None


def _where(n: dict) -> str:
    """How a message names an AIF node: its place in the list, its type and its nodeID."""
    return f"nodes[{n['index']}] ({n['type'] or 'untyped'} node {n['id']!r})"


def _relations(nodes: dict, links: list, claims: dict, notes: list[str]) -> list[Edge]:
    """Edges from the S-nodes (RA, CA, MA), including attacks on inferences."""
    ins: dict[str, list[str]] = {nid: [] for nid in nodes}
    outs: dict[str, list[str]] = {nid: [] for nid in nodes}
    for a, b in links:
        outs[a].append(b)
        ins[b].append(a)
    collector = EdgeCollector(notes)
    undercuts = incomplete = 0
    selfish: list[dict] = []
    for sid, s in nodes.items():
        if s["type"] not in S_RELATIONS:
            continue
        premises = [p for p in ins[sid] if p in claims]
        targets = [t for t in outs[sid] if t in claims]
        for t in outs[sid]:
            if nodes[t]["type"] in S_RELATIONS:   # aimed at an inference: aim at its premises
                undercuts += 1
                targets += [p for p in ins[t] if p in claims]
        pairs = [(p, t) for p in premises for t in dict.fromkeys(targets)]
        if any(p == t for p, t in pairs):
            selfish.append(s)
        if not premises or not targets:
            incomplete += 1
        for p, t in pairs:
            if p != t:
                collector.add(_edge(s, claims[p].id, claims[t].id))
    edges = collector.finish(WHAT)
    if selfish:
        first = selfish[0]
        notes.append(f"Left out {len(selfish)} link(s) of a claim to itself made by a relation node "
                     f"(such as {first['type']} node {first['id']!r}, {first['scheme'] or first['text']!r})")
    if undercuts:
        notes.append(f"{undercuts} relation(s) aimed at another relation (an attack on an "
                     "inference) were turned into relations aimed at that inference's premises")
    if incomplete:
        notes.append(f"{incomplete} AIF relation node(s) lacked a premise or a conclusion and were left out")
    return edges


def _edge(s: dict, source: str, target: str) -> Edge:
    ext = s["ext"]
    edge = Edge(id=new_id(), source=source, target=target,
                relation=ext.get("relation", S_RELATIONS[s["type"]]), weight=ext.get("weight", 1.0),
                label=ext.get("label", s["scheme"]), data=_with_rationale({"aif_id": s["id"]}, ext))
    try:
        return edge.validate()
    except (ModelError, TypeError) as exc:
        raise FormatError(f"{_where(s)}: {exc}") from None


def _with_rationale(data: dict, ext: dict) -> dict:
    """*data* with the rationale our own export keeps in its extra fields, when there is one."""
    text = ext.get("rationale")
    return {**data, "rationale": text.strip()} if isinstance(text, str) and text.strip() else data


def _note_dropped(nodes: dict, notes: list[str]) -> None:
    counts = Counter(n["type"] for n in nodes.values() if n["type"] != "I" and n["type"] not in S_RELATIONS)
    dialogue = [f"{counts.pop(t)} {label}" for t, label in DIALOGUE.items() if t in counts]
    if dialogue:
        notes.append("Left out the dialogue layer: " + ", ".join(dialogue))
    if counts:
        others = ", ".join(f"{n} of type {t or '(none)'}" for t, n in sorted(counts.items()))
        notes.append(f"Left out AIF nodes Reasonmap has no counterpart for: {others}")


# ----- writing -------------------------------------------------------------------------
def write_aif(amap) -> str:
    """The map as AIF JSON: I-nodes for the nodes, one RA/CA/MA node per relation."""
    ids = _export_ids(amap)
    nodes, edges = [], []
    for n in amap.nodes.values():
        entry = {"nodeID": ids[n.id], "text": n.text or n.title, "type": "I",
                 EXT: {"kind": n.kind, "title": n.title, "base_score": n.base_score, "tags": list(n.tags)}}
        if not n.text:
            entry[EXT]["text"] = ""
        if rationale_of(n):
            entry[EXT]["rationale"] = rationale_of(n)
        if n.x is not None and n.y is not None:
            entry["x"], entry["y"] = n.x, n.y
        nodes.append(entry)
    used = set(ids.values())
    for e in amap.edges.values():
        kind = RELATION_TYPES[e.relation]
        sid = f"{kind.lower()}-{e.id}"
        while sid in used:
            sid += "'"
        used.add(sid)
        entry = {"nodeID": sid, "text": e.label or DEFAULT_TEXT[kind], "type": kind,
                 EXT: {"relation": e.relation, "weight": e.weight, "label": e.label}}
        if rationale_of(e):
            entry[EXT]["rationale"] = rationale_of(e)
        if e.label:
            entry["scheme"] = e.label
        nodes.append(entry)
        edges.append({"edgeID": f"{e.id}-in", "fromID": ids[e.source], "toID": sid})
        edges.append({"edgeID": f"{e.id}-out", "fromID": sid, "toID": ids[e.target]})
    doc = {"nodes": nodes, "edges": edges, "locutions": []}
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def _export_ids(amap) -> dict[str, str]:
    """The AIF id of each node: its imported AIF id when that is unique, else its own id."""
    wanted = {nid: n.data.get("aif_id") for nid, n in amap.nodes.items()}
    counts = Counter(v for v in wanted.values() if isinstance(v, str) and v)
    taken = set(amap.nodes) | set(amap.edges)
    return {nid: v if isinstance(v, str) and counts.get(v) == 1 and (v == nid or v not in taken) else nid
            for nid, v in wanted.items()}
