"""Named snapshots of the map, its assessments and its ranking, and the comparison of two.

A snapshot keeps the map as native JSON (cards, relations, participants, assessments; not
the rounds or other snapshots), the strategy ranking on the map's own values and, when the
map has participants, the group's ranking (median of inputs), under the semantics in use.
:func:`compare` lists what differs between two snapshots: cards and relations added,
removed or changed (which fields), values moved (base scores, weights, assessments) and how
each strategy's rank and strength moved.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..io.native_json import map_to_dict
from ..model import ModelError
from ..model.round_commands import TakeSnapshot
from ..reasoning import evaluate, framework_from_map, group_overrides, rank_strategies

_NODE_FIELDS = ("kind", "title", "text", "tags", "source_ref")
_EDGE_FIELDS = ("relation", "label", "source", "target")


def ranking_of(amap, semantics: str, overrides=None) -> list[dict]:
    fw = framework_from_map(amap, overrides or {})
    ev = evaluate(fw, semantics)
    return [{"id": e.id, "title": e.title, "strength": e.strength} for e in rank_strategies(fw, ev)]


def snapshot_data(amap, semantics: str) -> dict:
    body = map_to_dict(amap)
    for key in ("rounds", "answers", "snapshots"):
        body.pop(key, None)
    data = {"semantics": semantics, "map": body, "ranking": ranking_of(amap, semantics)}
    if amap.participants and amap.assessments:
        data["group_ranking"] = ranking_of(amap, semantics, group_overrides(amap))
    return data


def take_snapshot(doc, name: str):
    """Keep the document's map and rankings now as *name* (one undoable step)."""
    if not name.strip():
        raise ModelError("A snapshot needs a name")
    return doc.execute(TakeSnapshot(name, snapshot_data(doc.map, doc.weighing.semantics)))


def snapshot_named(amap, name: str):
    for s in amap.snapshots.values():
        if s.name == name.strip():
            return s
    names = ", ".join(sorted(s.name for s in amap.snapshots.values())) or "none"
    raise ModelError(f"No snapshot called {name!r} (snapshots: {names})")


@dataclass
class Comparison:
    before: str
    after: str
    nodes_added: list[str] = field(default_factory=list)          # titles
    nodes_removed: list[str] = field(default_factory=list)
    nodes_changed: list[tuple[str, list[str]]] = field(default_factory=list)   # (title, fields)
    edges_added: list[str] = field(default_factory=list)
    edges_removed: list[str] = field(default_factory=list)
    edges_changed: list[tuple[str, list[str]]] = field(default_factory=list)
    values: list[tuple[str, float | None, float | None]] = field(default_factory=list)
    ranking: list[tuple[str, int | None, int | None, float | None, float | None]] = field(default_factory=list)
    group_ranking: list[tuple] = field(default_factory=list)

    @property
    def same(self) -> bool:
        return not any((self.nodes_added, self.nodes_removed, self.nodes_changed, self.edges_added,
                        self.edges_removed, self.edges_changed, self.values,
                        [r for r in self.ranking if r[1] != r[2] or r[3] != r[4]]))

    def as_json(self) -> dict:
        return {"before": self.before, "after": self.after,
                "cards": {"added": self.nodes_added, "removed": self.nodes_removed,
                          "changed": [{"title": t, "fields": f} for t, f in self.nodes_changed]},
                "relations": {"added": self.edges_added, "removed": self.edges_removed,
                              "changed": [{"relation": t, "fields": f} for t, f in self.edges_changed]},
                "values": [{"input": n, "before": a, "after": b} for n, a, b in self.values],
                "ranking": [_rank_json(r) for r in self.ranking],
                "group_ranking": [_rank_json(r) for r in self.group_ranking]}


def _rank_json(r) -> dict:
    return {"title": r[0], "rank_before": r[1], "rank_after": r[2], "strength_before": r[3],
            "strength_after": r[4]}


def _by_id(data: dict, key: str) -> dict:
    return {d["id"]: d for d in data.get("map", {}).get(key, []) if isinstance(d, dict) and "id" in d}


def _edge_name(e: dict, nodes: dict) -> str:
    title = lambda i: (nodes.get(i) or {}).get("title") or i                    # noqa: E731
    verb = {"support": "supports", "attack": "attacks"}.get(e.get("relation"), e.get("relation"))
    return f"\u201c{title(e.get('source'))}\u201d {verb} \u201c{title(e.get('target'))}\u201d"


def compare(before, after) -> Comparison:
    """What differs from snapshot *before* to snapshot *after*."""
    out = Comparison(before.name, after.name)
    a_nodes, b_nodes = _by_id(before.data, "nodes"), _by_id(after.data, "nodes")
    a_edges, b_edges = _by_id(before.data, "edges"), _by_id(after.data, "edges")
    names = {**a_nodes, **b_nodes}
    label = lambda d: d.get("title") or (d.get("text") or "")[:60] or d["id"]    # noqa: E731
    out.nodes_added = [label(b_nodes[i]) for i in b_nodes if i not in a_nodes]
    out.nodes_removed = [label(a_nodes[i]) for i in a_nodes if i not in b_nodes]
    out.nodes_changed = [(label(b_nodes[i]), f) for i in b_nodes if i in a_nodes
                         if (f := [k for k in _NODE_FIELDS if a_nodes[i].get(k) != b_nodes[i].get(k)])]
    out.edges_added = [_edge_name(b_edges[i], names) for i in b_edges if i not in a_edges]
    out.edges_removed = [_edge_name(a_edges[i], names) for i in a_edges if i not in b_edges]
    out.edges_changed = [(_edge_name(b_edges[i], names), f) for i in b_edges if i in a_edges
                         if (f := [k for k in _EDGE_FIELDS if a_edges[i].get(k) != b_edges[i].get(k)])]
    out.values = _values(a_nodes, b_nodes, a_edges, b_edges, names, before.data, after.data)
    out.ranking = _ranks(before.data.get("ranking", []), after.data.get("ranking", []))
    out.group_ranking = _ranks(before.data.get("group_ranking", []), after.data.get("group_ranking", []))
    return out


def _values(a_nodes, b_nodes, a_edges, b_edges, names, a_data, b_data) -> list:
    moved = []
    for i in b_nodes.keys() & a_nodes.keys():
        if a_nodes[i].get("base_score") != b_nodes[i].get("base_score"):
            moved.append((f"base score of {b_nodes[i].get('title') or i}", a_nodes[i].get("base_score"),
                          b_nodes[i].get("base_score")))
    for i in b_edges.keys() & a_edges.keys():
        if a_edges[i].get("weight") != b_edges[i].get("weight"):
            moved.append((f"weight of {_edge_name(b_edges[i], names)}", a_edges[i].get("weight"),
                          b_edges[i].get("weight")))
    people = {p["id"]: p.get("name", p["id"]) for d in (a_data, b_data)
              for p in d.get("map", {}).get("participants", []) if isinstance(p, dict) and "id" in p}
    edges = {**a_edges, **b_edges}
    a_ass, b_ass = (_assessments(d) for d in (a_data, b_data))
    for key in sorted(a_ass.keys() | b_ass.keys()):
        if a_ass.get(key) != b_ass.get(key):
            pid, target = key
            what = names[target].get("title") if target in names else (
                _edge_name(edges[target], names) if target in edges else target)
            moved.append((f"{people.get(pid, pid)}: {what}", a_ass.get(key), b_ass.get(key)))
    return sorted(moved, key=lambda m: m[0].casefold())


def _assessments(data: dict) -> dict:
    return {(a["participant"], a["target"]): a.get("value") for a in data.get("map", {}).get("assessments", [])
            if isinstance(a, dict) and "participant" in a and "target" in a}


def _ranks(before: list, after: list) -> list:
    pos_a = {e["id"]: (i, e) for i, e in enumerate(before, 1)}
    pos_b = {e["id"]: (i, e) for i, e in enumerate(after, 1)}
    out = []
    for sid in list(pos_b) + [s for s in pos_a if s not in pos_b]:
        ra, ea = pos_a.get(sid, (None, None))
        rb, eb = pos_b.get(sid, (None, None))
        title = (eb or ea)["title"]
        out.append((title, ra, rb, ea["strength"] if ea else None, eb["strength"] if eb else None))
    return out


def _num(v) -> str:
    return "\u2014" if v is None else f"{v:.2f}"


def diff_lines(c) -> list[str]:
    """The comparison as plain lines (the CLI's text output; the dialog shows the same)."""
    out = [f"From {c.before!r} to {c.after!r}"]
    for words, items in (("Cards added", c.nodes_added), ("Cards removed", c.nodes_removed),
                         ("Relations added", c.edges_added), ("Relations removed", c.edges_removed)):
        out += [f"{words}:"] + [f"  {t}" for t in items] if items else []
    for words, items in (("Cards changed", c.nodes_changed), ("Relations changed", c.edges_changed)):
        out += [f"{words}:"] + [f"  {t} ({', '.join(f)})" for t, f in items] if items else []
    if c.values:
        out += ["Values moved:"] + [f"  {n}: {_num(a)} -> {_num(b)}" for n, a, b in c.values]
    for words, rows in (("Ranking (map values)", c.ranking), ("Group ranking", c.group_ranking)):
        if rows:
            out.append(f"{words}:")
            out += [f"  {t}: {'-' if ra is None else ra} -> {'-' if rb is None else rb}  "
                    f"({_num(sa)} -> {_num(sb)})" for t, ra, rb, sa, sb in rows]
    if c.same:
        out.append("No differences.")
    return out
