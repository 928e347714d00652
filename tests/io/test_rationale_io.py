"""Rationales travel through every format that can carry them: Argdown (as ``{rationale: ...}``
beside the base score or weight), native JSON, GraphML and AIF (read back), Markdown (shown)."""

from dataclasses import replace

import pytest

from app.io.aif import read_aif, write_aif
from app.io.argdown import read_argdown
from app.io.argdown_write import write
from app.io.graphml import read_graphml, write_graphml
from app.io.markdown import write_markdown
from app.io.native_json import read_json, write_json
from app.model import rationale_of
from app.model.build import build_map

NODE_WHY = 'Seen in "most" trials: {3 of 4} #often'
EDGE_WHY = "Only half the cases fit <here>."


@pytest.fixture
def reasoned(small_map):
    nodes = [replace(n, text=n.title + ".", data={"rationale": NODE_WHY}) if n.id == "r1" else n
             for n in small_map.nodes.values()]
    edges = [replace(e, data={"rationale": EDGE_WHY, "other": 1}) if e.id == "e3" else e
             for e in small_map.edges.values()]
    return build_map(nodes, edges, meta=small_map.meta)


def _whys(amap):
    by_title = {n.title: rationale_of(n) for n in amap.nodes.values()}
    by_ends = {(amap.nodes[e.source].title, amap.nodes[e.target].title): rationale_of(e)
               for e in amap.edges.values()}
    return by_title["Reason one"], by_ends[("Objection", "Strategy one")], by_title["Reason two"]


def test_argdown_writes_rationale_as_plain_data_and_reads_it_back(reasoned):
    text = write(reasoned)
    relation_line = next(line for line in text.splitlines() if "weight: 0.8" in line)
    assert "rationale: " in relation_line and "edge_data: {other: 1}" in relation_line
    node_line = next(line for line in text.splitlines() if line.startswith("[Reason one]"))
    assert "rationale: " in node_line and "data:" not in node_line
    back = read_argdown(text).map
    assert _whys(back) == (NODE_WHY, EDGE_WHY, "")
    assert back.edges["e3"].data == {"rationale": EDGE_WHY, "other": 1}


def test_hand_written_argdown_relation_and_nested_node_rationales():
    text = ("[S]: A plan. {kind: strategy}\n"
            "  + [R]: A reason. {base: 0.7, weight: 0.4, rationale: \"why the weight\", "
            "data: {rationale: \"why the base\"}}\n")
    amap = read_argdown(text).map
    (node,) = [n for n in amap.nodes.values() if n.title == "R"]
    (edge,) = amap.edges.values()
    assert rationale_of(node) == "why the base" and rationale_of(edge) == "why the weight"


def test_argdown_refuses_a_rationale_that_is_not_text():
    from app.io.registry import FormatError
    with pytest.raises(FormatError, match="rationale"):
        read_argdown("[S]: A plan.\n  + [R]: A reason. {rationale: [1, 2]}\n")


@pytest.mark.parametrize("write_, read_", [(write_json, read_json), (write_graphml, read_graphml),
                                           (write_aif, read_aif)])
def test_other_formats_carry_rationales(reasoned, write_, read_):
    back = read_(write_(reasoned)).map
    assert _whys(back) == (NODE_WHY, EDGE_WHY, "")


def test_markdown_shows_why_beside_the_score_and_weight(reasoned):
    text = write_markdown(reasoned)
    assert "*Why τ 0.70:* Seen in \"most\" trials: {3 of 4} \\#often" in text
    assert "*Why weight 0.80:* Only half the cases fit \\<here\\>." in text
