"""Write a map as Argdown that reads back to an equal map and that the Argdown tools accept.

Every node is written once, at the top level, with its incoming relations as an indented
tree of references under it (``<+ [Reason]``, ``<- <Objection>``). What plain Argdown cannot
say goes into ``{data}``: the id when it is not the one the title gives, kind, base score,
source reference, position (``x``, ``y``), ``collapsed``, ``anchor``; the exact ``title``,
``text`` or ``tags`` when they cannot be written in Argdown syntax (empty or duplicate
titles, brackets in titles, line breaks in texts...); on a relation line ``weight``,
``relation`` (answer, relates), ``label``, ``edge_id`` and ``edge_data``. Creation and
modification times are not written.
"""

from __future__ import annotations

import math
import re
import unicodedata

from ..model import DEFAULT_META, ArgumentMap, Edge, Node
from .argdown_build import NODE_KEYS, RELATION_KEYS, derived_edge_id, derived_node_id

_TAG_WORD = re.compile("[A-Za-z0-9\\-\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef]+")
_BARE_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_YAML_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"}
_TEXT_SPECIAL = set("\\#{}[]<>@*_")
_RESERVED = (set(NODE_KEYS) | set(RELATION_KEYS) | {"argdown", "argdown_section"}) - {"rationale"}
_BAD_FIRST = "+-_!"   # "<+x>" or "<_x>" opens a relation line, "<!--" a comment
_SYMBOL = {"support": "<+", "attack": "<-", "answer": "<+"}


def _plain_char(c: str) -> bool:
    """A character Argdown and YAML take as it is (no control, format or line character;
    private-use characters are plain text)."""
    if c == " ":
        return True
    cat = unicodedata.category(c)
    return cat[0] not in "CZ" or cat == "Co"


def writable_title(title: str) -> bool:
    """True if *title* can stand between brackets as it is."""
    return (bool(title) and title == title.strip() and title[0] not in _BAD_FIRST
            and all(_plain_char(c) and c not in "[]<>{}\\" for c in title) and "  " not in title)


def _sanitised(title: str) -> str:
    kept = "".join(c if _plain_char(c) and c not in "[]<>{}\\" else " " for c in title)
    return " ".join(kept.split()).lstrip(_BAD_FIRST + " ") or "Untitled"


def assign_titles(amap: ArgumentMap) -> dict[str, str]:
    """A unique bracket title per node id (statements and arguments are separate namespaces)."""
    used: set[tuple[str, str]] = set()
    out: dict[str, str] = {}
    for node in amap.nodes.values():
        key = (_prefix(node), node.title)
        if writable_title(node.title) and key not in used:
            used.add(key)
            out[node.id] = node.title
    for node in amap.nodes.values():
        if node.id in out:
            continue
        base, n = _sanitised(node.title), 1
        title = base
        while (_prefix(node), title) in used:
            n += 1
            title = f"{base} ({n})"
        used.add((_prefix(node), title))
        out[node.id] = title
    return out


def _prefix(node: Node) -> str:
    return "a" if node.data.get("argdown") == "argument" else "s"


def yaml_value(value) -> str:
    """A YAML flow value that PyYAML and the JavaScript YAML reader both read back exactly."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _yaml_float(value)
    if isinstance(value, str):
        return _yaml_str(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(yaml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_yaml_key(k)}: {yaml_value(v)}" for k, v in value.items()) + "}"
    raise TypeError(f"cannot write {type(value).__name__} as Argdown data")


def _yaml_float(v: float) -> str:
    if math.isnan(v) or math.isinf(v):
        return ".nan" if math.isnan(v) else (".inf" if v > 0 else "-.inf")
    text = repr(v)
    if "e" in text:
        mantissa, exp = text.split("e")
        mantissa = mantissa if "." in mantissa else mantissa + ".0"
        exp = exp if exp[0] in "+-" else "+" + exp
        text = f"{mantissa}e{exp}"
    return text


def _yaml_key(key) -> str:
    key = str(key)
    return key if _BARE_KEY.fullmatch(key) and key.lower() not in _YAML_WORDS else _yaml_str(key)


def _yaml_str(s: str) -> str:
    out = []
    for c in s:
        if c in '"\\':
            out.append("\\" + c)
        elif c in "{}[]<>=/#" or not (_plain_char(c) or c in "\t") or c == "\t":
            out.append(f"\\u{ord(c):04x}" if ord(c) <= 0xFFFF else f"\\U{ord(c):08x}")
        else:
            out.append(c)
    return '"' + "".join(out) + '"'


def _data_block(data: dict) -> str:
    return " " + yaml_value(data) if data else ""


def escape_text(text: str) -> str:
    """Backslash-escape what Argdown would read as syntax (tags, brackets, comments...)."""
    out = []
    for i, c in enumerate(text):
        nxt, prev = text[i + 1:i + 2], text[i - 1:i]
        if c in _TEXT_SPECIAL or (c == "/" and nxt in ("/", "*")) or (c == "=" and "=" in (nxt, prev)):
            out.append("\\" + c)
        else:
            out.append(c)
    return "".join(out)


def _plain_text(text: str) -> str:
    """The text as one Argdown line: controls and line breaks become spaces, runs collapse."""
    return " ".join("".join(c if _plain_char(c) else " " for c in text).split())


def _tags(node: Node, data: dict) -> str:
    tags = node.tags
    ok = len(set(tags)) == len(tags) and all(
        t and t == t.strip() and "  " not in t and all(_plain_char(c) and c not in "()[]<>{}\\#@/*" for c in t)
        for t in tags)
    if not ok:
        data["tags"] = list(tags)
        return ""
    return "".join(" #" + t if _TAG_WORD.fullmatch(t) else f" #({t})" for t in tags)


def _node_data(node: Node, title: str) -> dict:
    data: dict = {}
    if node.id != derived_node_id(_prefix(node), title):
        data["id"] = node.id
    if node.kind != "claim":
        data["kind"] = node.kind
    if node.base_score != 0.5:
        data["base"] = node.base_score
    if node.source_ref:
        data["source_ref"] = node.source_ref
    for key in ("x", "y", "anchor"):
        if getattr(node, key) is not None:
            data[key] = getattr(node, key)
    if node.collapsed:
        data["collapsed"] = True
    if title != node.title:
        data["title"] = node.title
    if _plain_text(node.text) != node.text:
        data["text"] = node.text
    return data


def _extra_data(node: Node) -> dict:
    extra = dict(node.data)
    if extra.get("argdown") == "argument":
        del extra["argdown"]
    if any(k in _RESERVED for k in extra):
        return {"data": extra}
    return extra


def _ref(node: Node, title: str) -> str:
    return f"<{title}>" if _prefix(node) == "a" else f"[{title}]"


def _node_block(amap: ArgumentMap, node: Node, titles: dict[str, str]) -> list[str]:
    title = titles[node.id]
    data = _node_data(node, title)
    tags = _tags(node, data)
    data.update(_extra_data(node))
    links = [_relates_entry(amap, e, titles) for e in amap.incoming(node.id) if e.relation == "relates"]
    if links:
        data["relates"] = links
    text = escape_text(_plain_text(node.text))
    head = f"{_ref(node, title)}: {text}" if text else _ref(node, title)
    lines = [head + tags + _data_block(data)]
    for edge in amap.incoming(node.id):
        if edge.relation != "relates":
            lines.append("  " + _relation_line(amap, edge, titles))
    return lines


def _relates_entry(amap: ArgumentMap, edge: Edge, titles: dict[str, str]):
    """A plain link, written in the target's data (``{relates: ["[Source]"]}``), because
    Argdown has no symbol for a relation that is neither a support nor an attack."""
    ref = _ref(amap.nodes[edge.source], titles[edge.source])
    attrs = _edge_attrs(edge, dict(edge.data))
    return {"from": ref, **attrs} if attrs else ref


def _edge_attrs(edge: Edge, extra: dict) -> dict:
    data: dict = {}
    if edge.weight != 1.0:
        data["weight"] = edge.weight
    if edge.label:
        data["label"] = edge.label
    if isinstance(extra.get("rationale"), str):
        data["rationale"] = extra.pop("rationale")
    if edge.id != derived_edge_id(edge.source, edge.target):
        data["edge_id"] = edge.id
    if extra:
        data["edge_data"] = extra
    return data


def _relation_line(amap: ArgumentMap, edge: Edge, titles: dict[str, str]) -> str:
    source = amap.nodes[edge.source]
    extra = dict(edge.data)
    symbol = _SYMBOL[edge.relation]
    if edge.relation == "attack" and extra.get("argdown") == "undercut":
        symbol = "<_"
        del extra["argdown"]
    data = _edge_attrs(edge, extra)
    if edge.relation == "answer":
        data = {"relation": "answer", **data}
    return f"{symbol} {_ref(source, titles[edge.source])}{_data_block(data)}"


def _front(amap: ArgumentMap) -> list[str]:
    lines = []
    for key in ("title", "description", "semantics", "wrap_width"):
        value = amap.meta.get(key, DEFAULT_META.get(key))
        if key == "title" or value != DEFAULT_META.get(key):
            lines.append(f"{key}: {yaml_value(value)}")
    if amap.sources:
        lines.append("sources:")
        lines.extend("  - " + yaml_value({"id": s.id, "title": s.title, "text": s.text})
                     for s in amap.sources.values())
    return ["===", *lines, "==="]


def write(amap: ArgumentMap) -> str:
    """The whole map as Argdown text."""
    titles = assign_titles(amap)
    out = _front(amap)
    for node in amap.nodes.values():
        out.append("")
        out.extend(_node_block(amap, node, titles))
    if not amap.nodes:  # Argdown refuses a document that is only front matter
        out.extend(["", "# Empty map"])
    return "\n".join(out) + "\n"
