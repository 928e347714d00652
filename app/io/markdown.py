"""Markdown outline export: each conclusion with its reasons (+) and objections (−) nested below.

The outline starts from the roots (nodes that support or attack nothing) and walks down their
incoming relations. Each item shows the base score τ and the strength σ under DF-QuAD. Titles,
texts and the map's description are written as plain text: Markdown's special characters,
``<`` (raw HTML) and ``&`` (entities) are escaped, so nothing in a map renders as markup. A node
met a second time is listed again but not expanded ("see above"), so shared reasons and cycles
neither repeat whole subtrees nor loop.

>>> from app.model.build import build_map
>>> from app.model import Node, Edge
>>> m = build_map([Node(id="c", title="Plan"), Node(id="r", title="Cheap", base_score=0.8)],
...               [Edge(id="e", source="r", target="c")], meta={"title": "Demo"})
>>> print(write_markdown(m))
# Demo
<BLANKLINE>
- **Plan** — τ 0.50, σ 0.90
  - + **Cheap** — τ 0.80, σ 0.80
<BLANKLINE>
"""

from __future__ import annotations

import re

from ..model.rationale import rationale_of

MARKERS = {"support": "+", "attack": "−", "answer": "answers:", "relates": "~"}
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|&!~])")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")   # invisible, and NUL ends many readers


def md_escape(text: str) -> str:
    """*text* on one line with Markdown's special characters escaped.

    >>> md_escape("<img src=x onerror=alert(1)> & *bold*")
    '\\\\<img src=x onerror=alert(1)\\\\> \\\\& \\\\*bold\\\\*'
    """
    return _MD_SPECIAL.sub(r"\\\1", " ".join(_CONTROL.sub("", text).split()))


def md_paragraphs(text: str) -> list[str]:
    """*text* as escaped paragraphs (blank lines between them kept, other line breaks joined)."""
    return [md_escape(p) for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]


def write_markdown(amap, view=None) -> str:
    """The map as a nested Markdown list, with base scores and DF-QuAD strengths. With a
    *view* (:func:`app.io.perspective_view.view_of`) a line under the title names whose values
    the strengths are, and each base score and weight has that perspective's value beside it
    (the group's with the number of people who assessed it)."""
    strengths = _strengths(amap) if view is None else view.strengths(amap, "dfquad")
    lines = [f"# {md_escape(str(amap.meta.get('title', '')) or 'Untitled map')}", ""]
    if view is not None:
        lines += [f"*{md_escape(view.heading())}; σ under DF-QuAD*", ""]
    for paragraph in md_paragraphs(str(amap.meta.get("description", ""))):
        lines += [paragraph, ""]
    shown: set[str] = set()
    roots = [nid for nid in amap.nodes if not amap.outgoing(nid)]
    for start in roots + list(amap.nodes):
        if start not in shown:
            _outline(amap, start, strengths, shown, lines, view)
    return "\n".join(lines) + "\n"


def _strengths(amap) -> dict[str, float]:
    from ..reasoning import evaluate, framework_from_map
    return evaluate(framework_from_map(amap), "dfquad").strengths


def _outline(amap, start: str, strengths: dict, shown: set[str], lines: list[str],
             view=None) -> None:
    """Append the outline below *start* (iteratively, so deep maps cannot overflow the stack)."""
    stack = [(start, None, 0)]
    while stack:
        nid, edge, depth = stack.pop()
        again = nid in shown
        lines.append("  " * depth + "- " + _item(amap.nodes[nid], edge, strengths, again, view))
        lines.extend("  " * (depth + 1) + why for why in _whys(amap.nodes[nid], edge, again))
        if again:
            continue
        shown.add(nid)
        text = amap.nodes[nid].text.strip()
        if text and " ".join(text.split()) != " ".join(amap.nodes[nid].title.split()):
            lines.append("  " * (depth + 1) + md_escape(text))
        children = sorted(amap.incoming(nid), key=lambda e: (e.relation != "support", amap.nodes[e.source].label))
        stack.extend((e.source, e, depth + 1) for e in reversed(children))


def _whys(node, edge, again: bool) -> list[str]:
    """The rationale of the relation and (the first time the card is listed) of the card."""
    out = []
    if edge is not None and rationale_of(edge):
        out.append(f"*Why weight {edge.weight:.2f}:* {md_escape(rationale_of(edge))}")
    if not again and rationale_of(node):
        out.append(f"*Why τ {node.base_score:.2f}:* {md_escape(rationale_of(node))}")
    return out


def _item(node, edge, strengths: dict, again: bool, view=None) -> str:
    marker = f"{MARKERS[edge.relation]} " if edge is not None else ""
    parts = [f"τ {node.base_score:.2f}" + _beside(view, node.id, node.base_score, "τ")]
    if node.id in strengths:
        parts.append(f"σ {strengths[node.id]:.2f}")
    else:
        parts.append("not evaluated")
    if edge is not None and (edge.weight != 1.0 or (view is not None and edge.id in view.values)):
        parts.append(f"weight {edge.weight:.2f}" + _beside(view, edge.id, edge.weight, "weight"))
    kind = f" ({node.kind})" if node.kind != "claim" else ""
    tail = " (see above)" if again else ""
    return f"{marker}**{md_escape(node.label)}**{kind} — {', '.join(parts)}{tail}"


def _beside(view, target: str, own: float, what: str) -> str:
    """The perspective's value of *target* beside the map's own, e.g. " (group τ 0.60, 3
    assessors)"; nothing for the map's own view."""
    if view is None:
        return ""
    value = view.values.get(target, own)
    if not view.is_group:
        return f" ({md_escape(view.label)} {what} {value:.2f})"
    n = view.count(target)
    return f" (group {what} {value:.2f}, {n} assessor{'' if n == 1 else 's'})"
