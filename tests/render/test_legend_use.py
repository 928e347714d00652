"""The exported legend explains only what the picture shows: the relations, card stripes,
kinds and acceptability labels the map (or the exported part of it) uses, in the canvas's terms
(roles belong to relations; a card that supports some cards and attacks others has two colours)."""

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
    for shown in ("supports: a reason", "attacks: an objection", "supports every card",
                  "attacks every card", "claim", "strategy", "evidence", "Line width",
                  "where it comes from"):
        assert shown in texts, shown
    for absent in ("answers a question", "relates to", "rebuttal", "question", "note",
                   "two colours", "Acceptability", "card stripe"):
        assert absent not in texts, absent


def test_legend_of_a_selection_follows_the_selection(tmp_path):
    texts = _texts(export_image(_map(), tmp_path / "part.svg", legend=True, node_ids={"s", "r"}))
    assert "supports" in texts and "attacks" not in texts and "evidence" not in texts


def test_a_map_without_relations_has_no_relation_rows():
    use = LegendUse.of(_map(), ["s"], [], {"s": ""})
    relations, roles, kinds, labels = use.rows()
    assert (relations, roles, kinds, labels) == ([], [], ["strategy"], [])
    assert legend_height(use) < legend_height(LegendUse.of(_map(), ["s", "r", "o"],
                                                           list(_map().edges.values()),
                                                           {"r": "reason", "o": "objection"}))
    assert legend_height() > legend_height(use)          # without a map: everything


def _mixed_map():
    """t supports s and attacks o: it is no objection, its stripe has both colours."""
    nodes = [Node(id="s", kind="strategy", title="Plan", x=0, y=0),
             Node(id="o", title="Rival", x=300, y=0),
             Node(id="t", title="Thesis", x=150, y=200)]
    edges = [Edge(id="e1", source="t", target="s"),
             Edge(id="e2", source="t", target="o", relation="attack")]
    return build_map(nodes, edges)


def test_legend_explains_the_two_colour_stripe_of_a_mixed_card(tmp_path):
    texts = _texts(export_image(_mixed_map(), tmp_path / "mixed.svg", legend=True))
    assert "two colours: supports some cards and attacks others" in texts
    assert "supports every card" not in texts and "attacks every card" not in texts


def test_legend_says_what_the_shown_labels_mean_and_that_they_are_not_the_strength(tmp_path):
    plain = _texts(export_image(_mixed_map(), tmp_path / "plain.svg", legend=True))
    assert "Acceptability" not in plain
    texts = _texts(export_image(_mixed_map(), tmp_path / "labels.svg", legend=True,
                                labels={"s": "in", "t": "in", "o": "out"}))
    assert "Acceptability labels" in texts and "not the strength" in texts
    assert "a card attacking it is in" in texts            # out is used
    assert "every card attacking it is out" in texts       # in is used
    assert "a cycle of attacks" not in texts               # nothing is undecided


def test_legend_rows_never_run_past_the_panel(qapp):
    from app.render import style as S
    from app.render.legend import PANEL_W, _plan
    fm = S.metrics("text")
    use = LegendUse(labels=frozenset({"in", "out", "undec"}))
    for _what, _key, lines, indent in _plan(use):
        for line in lines:
            assert 12 + indent + fm.horizontalAdvance(line) <= PANEL_W - 12, line
