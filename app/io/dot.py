r"""Graphviz DOT export: claims as rounded boxes, strategies as plain boxes, relations coloured.

Supports are solid blue arrows, attacks dashed vermillion arrows labelled "−" (Okabe–Ito
colours, readable with colour-blindness). Labels are escaped for DOT: quotes, backslashes and
line breaks, and ``&`` and non-ASCII characters become HTML entities, which Graphviz resolves.

>>> print(escape_label('Say "hi" \\ back\nÄ & B'))
Say \"hi\" \\ back\n&#196; &amp; B
"""

from __future__ import annotations

import textwrap

SUPPORT, ATTACK, ANSWER, RELATES = "#0072B2", "#D55E00", "#009E73", "#999999"
EDGE_STYLE = {
    "support": f'color="{SUPPORT}"',
    "attack": f'color="{ATTACK}", style=dashed, label="&#8722;", fontcolor="{ATTACK}"',
    "answer": f'color="{ANSWER}"',
    "relates": f'color="{RELATES}", style=dotted, arrowhead=none',
}
NODE_STYLE = {
    "claim": 'shape=box, style="rounded"',
    "strategy": 'shape=box, style="filled,bold", fillcolor="#E8F1FA"',
    "question": 'shape=box, style="rounded,filled", fillcolor="#FFF6D5"',
    "evidence": 'shape=note',
    "note": 'shape=box, style="rounded,dashed", fontcolor="#555555"',
}
WRAP = 32


def escape_label(text: str) -> str:
    """*text* as the inside of a DOT double-quoted label."""
    out = []
    for ch in text.replace("\r\n", "\n").replace("\r", "\n"):
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ch == "&":
            out.append("&amp;")
        elif ord(ch) > 126 or ord(ch) < 32:
            out.append(f"&#{ord(ch)};" if ord(ch) > 126 or ch == "\t" else "")
        else:
            out.append(ch)
    return "".join(out)


def _wrapped(text: str) -> str:
    """*text* wrapped at about WRAP characters, keeping its own line breaks."""
    return "\n".join("\n".join(textwrap.wrap(line, WRAP)) or line for line in text.splitlines()) or text


def write_dot(amap) -> str:
    """The map as a DOT digraph (reasons below what they support, arrows pointing up)."""
    short = {nid: f"n{i}" for i, nid in enumerate(amap.nodes)}
    title = escape_label(str(amap.meta.get("title", "")))
    lines = ["digraph reasonmap {",
             f'  graph [rankdir=BT, labelloc=t, label="{title}", fontname="Helvetica"];',
             '  node [fontname="Helvetica", fontsize=11];',
             '  edge [fontname="Helvetica", fontsize=11];']
    for nid, n in amap.nodes.items():
        style = NODE_STYLE.get(n.kind, NODE_STYLE["claim"])
        lines.append(f'  {short[nid]} [label="{escape_label(_wrapped(n.label))}", {style}];')
    for e in amap.edges.values():
        attrs = EDGE_STYLE[e.relation]
        if e.label:
            attrs += f', xlabel="{escape_label(e.label)}"'
        if e.weight != 1.0:
            attrs += f", penwidth={0.5 + 1.5 * e.weight:.2f}"
        lines.append(f"  {short[e.source]} -> {short[e.target]} [{attrs}];")
    lines.append("}")
    return "\n".join(lines) + "\n"
