"""Third pass: the Argdown syntax tree to a map (ids, relations, front matter).

Statements and arguments are nodes; arguments are claims with ``data["argdown"] ==
"argument"``. Ids come from ``{id: ...}`` or, deterministically, from the title, so the same
text always gives the same ids. Nothing is created until the whole map is built with
``build_map``.
"""

from __future__ import annotations

import hashlib
import math
import re
from dataclasses import dataclass, field

from ..model import NODE_KINDS, RELATIONS, Edge, ModelError, Node, Source, check_semantics
from ..model.build import build_map
from .argdown_parse import PCS, Element, Heading
from .argdown_scan import error
from .limits import MAX_ITEMS, check_count
from .registry import FormatError, ImportResult

NODE_KEYS = ("id", "kind", "base", "source_ref", "x", "y", "collapsed", "anchor", "title", "text",
             "tags", "data", "relates")
RELATES_KEYS = ("weight", "label", "rationale", "edge_id", "edge_data")
RELATION_KEYS = ("weight", "relation", "label", "rationale", "edge_id", "edge_data")
META_KEYS = ("title", "description", "semantics", "wrap_width")
_INCOMING = {"+": "support", "<+": "support", "-": "attack", "<-": "attack", "_": "undercut",
             "<_": "undercut"}
_OUTGOING = {"+>": "support", "->": "attack", "_>": "undercut"}


def derived_node_id(prefix: str, title: str) -> str:
    """The id a node gets when its Argdown gives none ("s" statement, "a" argument, "u" untitled)."""
    return "n" + hashlib.sha1(f"{prefix}:{title}".encode("utf-8")).hexdigest()[:16]


def derived_edge_id(source: str, target: str) -> str:
    return "e" + hashlib.sha1(f"{source}>{target}".encode("utf-8")).hexdigest()[:16]


@dataclass
class _NodeDraft:
    key: tuple
    pos: tuple[int, int]
    text: str = ""
    tags: list = field(default_factory=list)
    data: dict = field(default_factory=dict)
    fields: dict = field(default_factory=dict)
    prose: bool = False


@dataclass
class _EdgeDraft:
    source: tuple
    target: tuple
    relation: str
    pos: tuple[int, int]
    attrs: dict = field(default_factory=dict)
    undercut: bool = False
    pcs: bool = False           # from a premise-conclusion structure to its conclusion


class _Builder:
    def __init__(self):
        self.nodes: dict[tuple, _NodeDraft] = {}
        self.edges: dict[tuple, _EdgeDraft] = {}
        self.notes: list[str] = []
        self.heading: str | None = None
        self.heading_data: dict = {}
        self.conclusions: dict[tuple, tuple] = {}   # argument -> main conclusion of its PCS
        self.untitled = 0
        self.untitled_arguments = 0

    # ----- elements ------------------------------------------------------------------
    def block(self, block) -> None:
        if isinstance(block, Heading):
            self.heading = block.text or None
            self.heading_data = dict(block.data)
        elif isinstance(block, PCS):
            self.pcs(block)
        else:
            prose = block.title is None and not block.children
            self.element(block, prose=prose)
        if len(self.nodes) + len(self.edges) > MAX_ITEMS:
            check_count(len(self.nodes) + len(self.edges), "Argdown")

    def element(self, el: Element, *, prose: bool = False, relation_child: bool = False):
        """Register an occurrence; return its key and the relation data it carries."""
        if el.title is None:
            self.untitled += 1
            key = ("u", str(self.untitled))
        else:
            key = ("a" if el.kind == "argument" else "s", el.title)
        draft = self.nodes.get(key)
        if draft is None:
            draft = self.nodes[key] = _NodeDraft(key, el.pos, prose=prose)
            if key[0] == "a":
                draft.data["argdown"] = "argument"
            if self.heading and self.heading not in el.tags:
                draft.tags.append(self.heading)
            if self.heading_data:
                draft.data["argdown_section"] = dict(self.heading_data)
        self._merge_text(draft, el)
        if el.tags:
            draft.tags.extend(t for t in el.tags if t not in draft.tags)
        rel_data = ({k: el.data.pop(k) for k in RELATION_KEYS if k in el.data}
                    if relation_child and el.data else {})
        self._apply_data(draft, el.data, el.pos)
        for rel in el.children:
            child_key, data = self.element(rel.element, relation_child=True)
            self.relate(key, rel.symbol, child_key, data, rel.pos)
        return key, rel_data

    def _merge_text(self, draft: _NodeDraft, el: Element) -> None:
        if not el.text:
            return
        if not draft.text:
            draft.text = el.text
        elif el.text != draft.text:
            name = f"[{draft.key[1]}]" if draft.key[0] == "s" else f"<{draft.key[1]}>"
            self.notes.append(f"Line {el.pos[0]}: {name} is defined again with another text; "
                              "the first text is kept.")

    def _apply_data(self, draft: _NodeDraft, data: dict, pos) -> None:
        for key, value in data.items():
            if key == "data":
                draft.data.update(value) if isinstance(value, dict) else draft.data.update(data=value)
            elif key == "relates":
                self._relates(draft.key, value, pos)
            elif key in NODE_KEYS:
                draft.fields[key] = _check_field(key, value, pos)
            else:
                draft.data[key] = value

    def pcs(self, block: PCS) -> None:
        """Premises support the argument, the argument its main conclusion; the premises of an
        earlier inference support its intermediary conclusion, which is a premise of the next."""
        if block.argument is not None:
            arg_key, _ = self.element(block.argument)
        else:
            self.untitled_arguments += 1
            title = f"Untitled argument {self.untitled_arguments}"
            arg_key, _ = self.element(Element("argument", title, True, "", [], {}, block.pos))
        step: list[tuple] = []
        for k, (item, role) in enumerate(block.items, start=1):
            if item.title is None:
                item.title, item.kind = f"{arg_key[1]} ({k})", "statement"
            key, _ = self.element(item)
            if role == "premise":
                step.append((key, item.pos))
                continue
            target = arg_key if role == "conclusion" else key
            for premise, pos in step:
                self._edge(premise, target, "support", {}, pos)
            step = [(key, item.pos)]
            if role == "conclusion":
                self._edge(arg_key, key, "support", {}, item.pos, pcs=True)
                self.conclusions.setdefault(arg_key, key)
        if block.inferences:
            self.nodes[arg_key].data.setdefault("inferences", []).extend(block.inferences)

    def _relates(self, target: tuple, value, pos) -> None:
        """``{relates: ["[A]", {from: "<B>", weight: 0.5}]}``: plain links to this node."""
        entries = value if isinstance(value, list) else [value]
        for entry in entries:
            attrs = dict(entry) if isinstance(entry, dict) else {"from": entry}
            ref = attrs.pop("from", None)
            m = _REF.fullmatch(ref) if isinstance(ref, str) else None
            unknown = set(attrs) - set(RELATES_KEYS)
            if m is None or unknown:
                raise error(pos, "each entry of {relates: [...]} must name a statement \"[Title]\" "
                            "or an argument \"<Title>\", optionally as {from: ..., weight: ..., "
                            "label: ..., edge_id: ..., edge_data: ...}")
            kind = "statement" if m.group(1) else "argument"
            source, _ = self.element(Element(kind, m.group(1) or m.group(2), False, "", [], {}, pos))
            self._edge(source, target, "relates", attrs, pos, relates=True)

    # ----- relations -----------------------------------------------------------------
    def relate(self, parent: tuple, symbol: str, child: tuple, data: dict, pos) -> None:
        if symbol == "><":
            self._edge(parent, child, "attack", data, pos)
            self._edge(child, parent, "attack", data, pos)
        elif symbol in _OUTGOING:
            self._edge(parent, child, _OUTGOING[symbol], data, pos)
        else:
            self._edge(child, parent, _INCOMING[symbol], data, pos)

    def _edge(self, source, target, relation, data, pos, *, pcs=False, relates=False) -> None:
        if source == target:
            self.notes.append(f"Line {pos[0]}: a statement cannot support or attack itself; "
                              "that relation was left out.")
            return
        undercut = relation == "undercut"
        attrs = {k: _check_field(k, v, pos) for k, v in data.items()}
        if not relates:
            relation = attrs.pop("relation", "attack" if undercut else relation)
        old = self.edges.get((source, target))
        if old is None:
            self.edges[(source, target)] = _EdgeDraft(source, target, relation, pos, attrs, undercut, pcs)
        elif old.relation == relation:
            old.attrs.update(attrs)
            old.pcs = old.pcs or pcs
        else:
            self.notes.append(f"Line {pos[0]}: {_name(source)} already {old.relation}s {_name(target)} "
                              f"(line {old.pos[0]}); the {relation} relation here was left out.")

    # ----- records -------------------------------------------------------------------
    def redirect_from_conclusions(self) -> None:
        """A relation from an argument with a premise-conclusion structure starts at its main
        conclusion, as the Argdown tools read it (its own inference edge excepted)."""
        moved = [e for e in self.edges.values() if e.source in self.conclusions and not e.pcs]
        for e in moved:
            del self.edges[(e.source, e.target)]
        for e in moved:
            undercut, conclusion = e.undercut, self.conclusions[e.source]
            data = dict(e.attrs)
            data.setdefault("relation", e.relation)
            self._edge(conclusion, e.target, "undercut" if undercut else e.relation, data, e.pos)

    def records(self) -> tuple[list[Node], list[Edge]]:
        self.redirect_from_conclusions()
        ids: dict[tuple, str] = {}
        seen: dict[str, _NodeDraft] = {}
        for key, draft in self.nodes.items():
            node_id = draft.fields.get("id") or derived_node_id(*key)
            if node_id in seen:
                raise error(draft.pos, f"the id {node_id!r} is already used by "
                            f"{_name(seen[node_id].key)} (line {seen[node_id].pos[0]})")
            seen[node_id] = draft
            ids[key] = node_id
        nodes = [self._node(d, ids[k]) for k, d in self.nodes.items()]
        edges = [self._edge_record(e, ids) for e in self.edges.values()]
        return nodes, edges

    def _node(self, d: _NodeDraft, node_id: str) -> Node:
        f = d.fields
        kind = f.get("kind") or ("note" if d.prose else "claim")
        title = f["title"] if "title" in f else ("" if d.key[0] == "u" else d.key[1])
        tags = tuple(f["tags"]) if "tags" in f else tuple(d.tags)
        try:
            return Node(id=node_id, kind=kind, title=title, text=f.get("text", d.text),
                        base_score=f.get("base", 0.5), tags=tags, source_ref=f.get("source_ref", ""),
                        anchor=f.get("anchor"), x=f.get("x"), y=f.get("y"),
                        collapsed=f.get("collapsed", False), data=d.data).validate()
        except ModelError as exc:
            raise error(d.pos, str(exc)) from None

    def _edge_record(self, e: _EdgeDraft, ids: dict) -> Edge:
        src, dst = ids[e.source], ids[e.target]
        data = dict(e.attrs.get("edge_data") or {})
        if "rationale" in e.attrs:       # a relation's rationale is written beside its weight
            data["rationale"] = e.attrs["rationale"]
        if e.undercut:
            data.setdefault("argdown", "undercut")
            self.notes.append(f"Warning, line {e.pos[0]}: {_name(e.source)} undercuts "
                              f"{_name(e.target)}; Reasonmap has no undercut relation, so it was "
                              "imported as an attack on it.")
        try:
            return Edge(id=e.attrs.get("edge_id") or derived_edge_id(src, dst), source=src, target=dst,
                        relation=e.relation, weight=e.attrs.get("weight", 1.0),
                        label=e.attrs.get("label", ""), data=data).validate()
        except ModelError as exc:
            raise error(e.pos, str(exc)) from None


_REF = re.compile(r"\[(.+)\]|<(.+)>")


def _name(key: tuple) -> str:
    return {"s": f"[{key[1]}]", "a": f"<{key[1]}>"}.get(key[0], f"untitled statement {key[1]}")


def _short(value) -> str:
    """A value for a message, cut short (a hostile value may be huge)."""
    text = repr(value) if not isinstance(value, int) or abs(value) < 10 ** 30 else "a very long integer"
    return text if len(text) <= 60 else text[:57] + "..."


_FIELD_TYPES = {"id": (str, int), "source_ref": (str, int, float), "title": (str,), "text": (str,),
                "label": (str,), "rationale": (str,), "edge_id": (str, int), "collapsed": (bool,), "anchor": (dict,),
                "edge_data": (dict,), "tags": (list,)}


def _check_field(key: str, value, pos):
    """Validate one reserved data value; numbers given for ids or references become text."""
    if key in ("base", "weight", "x", "y"):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise error(pos, f"{{{key}: ...}} must be a number, not {_short(value)}")
        if isinstance(value, int) and abs(value) > 10 ** 15 or not math.isfinite(value):
            raise error(pos, f"{{{key}: ...}} must be a finite number of sensible size, "
                        f"not {_short(value)}")
        return float(value) if key in ("base", "weight") else value
    if key == "kind" and value not in NODE_KINDS:
        raise error(pos, f"unknown kind {value!r} (expected one of {', '.join(NODE_KINDS)})")
    if key == "relation" and value not in RELATIONS:
        raise error(pos, f"unknown relation {value!r} (expected one of {', '.join(RELATIONS)})")
    if key in _FIELD_TYPES and not isinstance(value, _FIELD_TYPES[key]):
        raise error(pos, f"{{{key}: ...}} has the wrong type ({type(value).__name__})")
    if key == "tags" and not all(isinstance(t, str) for t in value):
        raise error(pos, "{tags: [...]} must be a list of texts")
    return str(value) if key in ("id", "source_ref", "edge_id") else value


def front_matter(front: dict | None, line: int, notes: list[str]) -> tuple[dict, list[Source]]:
    """Map meta and sources from the YAML front matter; other keys are reported in *notes*."""
    meta: dict = {}
    sources: list[Source] = []
    for key, value in (front or {}).items():
        if key in ("title", "description") and isinstance(value, (str, int, float)):
            meta[key] = str(value)
        elif key == "semantics":
            try:
                meta[key] = check_semantics(value)
            except ModelError as exc:
                raise error((line, 1), str(exc)) from None
        elif key == "wrap_width" and isinstance(value, int) and not isinstance(value, bool):
            meta[key] = value
        elif key == "sources":
            sources = _sources(value, line)
        else:
            notes.append(f"The front matter's {_short(key)} is not used by Reasonmap: {_short(value)}")
    return meta, sources


def _sources(value, line: int) -> list[Source]:
    if not isinstance(value, list) or not all(isinstance(s, dict) for s in value):
        raise error((line, 1), "sources in the front matter must be a list of {id, title, text}")
    out = []
    for s in value:
        title, text = s.get("title", ""), s.get("text", "")
        if not isinstance(title, str) or not isinstance(text, str):
            raise error((line, 1), "a source's title and text must be text")
        sid = str(s.get("id") or derived_node_id("source", title))
        out.append(Source(id=sid, title=title, text=text))
    return out


def build(blocks: list, front: dict | None, front_line: int) -> ImportResult:
    """The whole map from parsed blocks, or one FormatError."""
    builder = _Builder()
    for block in blocks:
        builder.block(block)
    meta, sources = front_matter(front, front_line, builder.notes)
    nodes, edges = builder.records()
    try:
        amap = build_map(nodes, edges, sources=sources, meta=meta)
    except ModelError as exc:
        raise FormatError(f"This Argdown does not make a consistent map: {exc}") from None
    return ImportResult(amap, builder.notes)
