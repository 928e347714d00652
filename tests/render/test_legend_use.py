"""The exported legend explains only what the picture shows: the relations, card roles and
kinds the map (or the exported part of it) uses."""

from xml.etree import ElementTree

from app.model import Edge, Node
from app.model.build import build_map
from app.render.export import export_image
from app.render.legend import LegendUse, legend_height


def _texts(path):
    root = ElementTree.parse(str(path)).getroot()
    return " ".join("".join(el.itertext()) for el in root.iter() if el.tag.endswith("text"))


def _map():
    nodes = [Node(id="s", kind="strategy", title="Plan", x=0, y=0),
             Node(id="r", title="Cheap", x=-150, y=200),
             Node(id="o", kind="evidence", title="Survey", x=150, y=200)]
    edges = [Edge(id="e1", source="r", target="s"),
             Edge(id="e2", source="o", target="s", relation="attack")]
    return build_map(nodes, edges)


def test_legend_lists_only_used_relations_roles_and_kinds(tmp_path):
    texts = _texts(export_image(_map(), tmp_path / "m.svg", legend=True))
    for shown in ("supports", "attacks", "reason (card stripe)", "objection (card stripe)",
                  "claim", "strategy", "evidence", "line width"):
        assert shown in texts, shown
    for absent in ("answers a question", "relates to", "rebuttal", "question", "note"):
        assert absent not in texts, absent


def test_legend_of_a_selection_follows_the_selection(tmp_path):
    texts = _texts(export_image(_map(), tmp_path / "part.svg", legend=True, node_ids={"s", "r"}))
    assert "supports" in texts and "attacks" not in texts and "evidence" not in texts


def test_a_map_without_relations_has_no_relation_rows():
    use = LegendUse.of(_map(), ["s"], [], {"s": ""})
    relations, roles, kinds = use.rows()
    assert (relations, roles, kinds) == ([], [], ["strategy"])
    assert legend_height(use) < legend_height(LegendUse.of(_map(), ["s", "r", "o"],
                                                           list(_map().edges.values()),
                                                           {"r": "reason", "o": "objection"}))
    assert legend_height() > legend_height(use)          # without a map: everything
