"""Export then import gives back an equal map, for random maps with awkward content."""

from __future__ import annotations

import uuid

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.io.argdown import read_argdown, write_argdown
from app.io.argdown_build import derived_edge_id, derived_node_id
from app.model import NODE_KINDS, RELATIONS, SEMANTICS, Edge, Node, Source
from app.model.build import build_map

# Any character but lone surrogates (which are not text), the private-use planes included:
# the scanner's placeholders cannot be confused with them.
CHARS = st.characters(blacklist_categories=("Cs",))
AWKWARD = st.sampled_from(list("[]<>#{}:/\\@*_-+()=\"' \n\t") + ["//", "/*", "<!--", "===", "é", "中", "\u2028",
                                                              "\U00100000", "\U000F0041", "**", "__"])
TEXT = st.lists(st.one_of(AWKWARD, st.text(CHARS, max_size=6)), max_size=6).map("".join)
TITLES = st.one_of(st.sampled_from(["", "Same", "Same", "A title", "- dash", " padded "]), TEXT)
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-10**12, 10**12),
                    st.floats(allow_nan=False, allow_infinity=False), TEXT)
JSONISH = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(TEXT, inner, max_size=3)), max_leaves=6)
DATA_KEYS = st.one_of(TEXT, st.sampled_from(["id", "base", "kind", "weight", "data", "argdown",
                                             "title", "tags", "x"]))
DATA = st.dictionaries(DATA_KEYS, JSONISH, max_size=3)
UNIT = st.floats(0, 1)
COORD = st.one_of(st.none(), st.floats(-1e6, 1e6))


@st.composite
def nodes(draw, index):
    title = draw(TITLES)
    argument = draw(st.booleans())
    data = draw(DATA)
    data.pop("argdown", None)
    if argument:
        data["argdown"] = "argument"
    node_id = draw(st.sampled_from(["hex", "derived"]))
    node_id = (derived_node_id("a" if argument else "s", title) if node_id == "derived"
               else uuid.UUID(int=index + 1).hex)
    return Node(id=node_id, kind=draw(st.sampled_from(NODE_KINDS)), title=title, text=draw(TEXT),
                base_score=draw(UNIT), tags=tuple(draw(st.lists(TEXT, max_size=3))),
                source_ref=draw(TEXT), anchor=draw(st.one_of(st.none(), st.dictionaries(TEXT, SCALARS, max_size=2))),
                x=draw(COORD), y=draw(COORD), collapsed=draw(st.booleans()), data=data)


@st.composite
def maps(draw):
    count = draw(st.integers(0, 7))
    drafted = [draw(nodes(i)) for i in range(count)]
    unique = list({n.id: n for n in drafted}.values())
    ids = [n.id for n in unique]
    pairs = draw(st.lists(st.tuples(st.sampled_from(ids), st.sampled_from(ids)), max_size=10)) if ids else []
    edges, seen = [], set()
    for src, dst in pairs:
        if src == dst or (src, dst) in seen:
            continue
        seen.add((src, dst))
        edge_id = derived_edge_id(src, dst) if draw(st.booleans()) else f"edge {len(edges)} {TEXT_SAMPLE}"
        edges.append(Edge(id=edge_id, source=src, target=dst, relation=draw(st.sampled_from(RELATIONS)),
                          weight=draw(UNIT), label=draw(TEXT), data=draw(DATA)))
    sources = [Source(id=f"src{i}", title=draw(TEXT), text=draw(TEXT)) for i in range(draw(st.integers(0, 2)))]
    meta = {"title": draw(TEXT), "description": draw(TEXT),
            "semantics": draw(st.sampled_from(sorted(SEMANTICS))), "wrap_width": draw(st.integers(1, 999))}
    return build_map(unique, edges, sources=sources, meta=meta)


TEXT_SAMPLE = "ü/[x]"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(maps())
def test_export_import_gives_an_equal_map(amap):
    text = write_argdown(amap)
    again = read_argdown(text).map
    assert again.nodes == amap.nodes
    assert again.edges == amap.edges
    assert again.sources == amap.sources
    assert again.meta == amap.meta


def test_undercut_survives_a_round_trip():
    result = read_argdown("<A>: a\n  <_ <U>: u")
    text = write_argdown(result.map)
    assert "<_ <U>" in text
    assert read_argdown(text).map == result.map


def test_duplicate_and_empty_titles_keep_their_ids():
    amap = build_map([Node(id="one", title="Same"), Node(id="two", title="Same"), Node(id="three")],
                     [Edge(id="e", source="two", target="one", relation="attack", weight=0.25)])
    again = read_argdown(write_argdown(amap)).map
    assert again == amap
    assert {n.title for n in again.nodes.values()} == {"Same", ""}
