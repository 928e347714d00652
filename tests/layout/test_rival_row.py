"""The strategies answering one question are drawn side by side in one row: they are what a
reader of a debate compares, whatever edge lengths the layering would otherwise prefer."""

from pathlib import Path

from app.drawing.placing import full_layout, measure_nodes, rival_answers
from app.io import import_file
from app.layout import layered_layout
from app.layout.layering import same_layer

SHIPPED = Path(__file__).resolve().parents[2] / "argument_maps" / "prosocial-drives.argdown"


def test_the_shipped_maps_strategies_share_one_row():
    amap = import_file(SHIPPED).map
    groups = rival_answers(amap)
    assert [len(g) for g in groups] == [4]
    sizes = {n: m.size for n, m in measure_nodes(amap).items()}
    pos = full_layout(amap, sizes)
    tops = {round(pos[n][1] - sizes[n][1] / 2, 3) for n in groups[0]}
    assert len(tops) == 1
    question = next(n for n, node in amap.nodes.items() if node.kind == "question")
    assert all(pos[n][1] > pos[question][1] for n in groups[0])


def test_a_group_shares_a_layer_and_edges_still_point_down():
    # q is answered by a and b; a has a chain of reasons; b's two reasons also support the
    # chain's last card: left alone, b sits low, right above its reasons.
    edges = [("a", "q"), ("b", "q"), ("r1", "a"), ("r2", "r1"), ("r3", "r2"),
             ("s1", "r3"), ("s2", "r3"), ("s1", "b"), ("s2", "b")]
    names = ["q", "a", "b", "r1", "r2", "r3", "s1", "s2"]
    sizes = {n: (100.0, 40.0) for n in names}
    apart = layered_layout(names, sizes, edges, max_aspect=None)
    assert apart["a"][1] < apart["b"][1]
    together = layered_layout(names, sizes, edges, max_aspect=None, together=[["a", "b"]])
    assert together["a"][1] == together["b"][1]
    assert all(together[s][1] > together[t][1] for s, t in edges)


def test_a_member_below_another_leaves_the_layers_alone():
    # 2 hangs below 0 through 1, so 0 and 2 cannot share a layer.
    assert same_layer([[1], [2], []], [0, 1, 2], [0, 2]) == [0, 1, 2]


def test_members_bound_to_each_other_are_left_alone():
    # 1 is a child of 0 and both are in the group: they cannot share a layer.
    assert same_layer([[1], []], [0, 1], [0, 1]) == [0, 1]
