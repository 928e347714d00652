import pytest

from app.model import (AddNode, AddParticipant, Assess, ChangeSet, Connect, DeleteNodes, EditEdge,
                       EditNode, ModelError, MoveNodes, Reconnect, RemoveParticipant, SetMeta,
                       SetScore, SetWeight, role_of)
from app.model.build import build_map
from app.model.entities import Node


def apply(amap, command):
    cs = command.changes(amap)
    amap.apply(cs)
    return cs


def test_commands_do_not_mutate_until_applied(small_map):
    before = build_map(small_map.nodes.values(), small_map.edges.values(), meta=small_map.meta)
    cs = DeleteNodes(("s1",)).changes(small_map)
    assert small_map == before
    assert {type(c).__name__ for c in cs.changes} == {"Removed"}


def test_delete_node_removes_edges_and_assessments_then_undo_restores(small_map):
    apply(small_map, AddParticipant("Ann", participant_id="p"))
    apply(small_map, Assess("p", "s1", 0.9))
    apply(small_map, Assess("p", "e1", 0.2))
    snapshot = (dict(small_map.nodes), dict(small_map.edges), dict(small_map.assessments))
    cs = apply(small_map, DeleteNodes(("s1",)))
    assert "s1" not in small_map.nodes
    assert set(small_map.edges) == {"e2"}
    assert small_map.assessments == {}
    small_map.apply(cs.inverse())
    assert (small_map.nodes, small_map.edges, small_map.assessments) == snapshot
    assert small_map.graph.has_edge("r1", "s1")


@pytest.mark.parametrize("command, message", [
    (lambda: Connect("r1", "r1"), "itself"),
    (lambda: Connect("r1", "s1"), "already connected"),
    (lambda: Connect("r1", "nope"), "no node"),
    (lambda: Connect("r1", "s2", relation="endorse"), "Unknown relation"),
    (lambda: AddNode(kind="opinion"), "Unknown node kind"),
    (lambda: SetScore("r1", 1.5), "between 0 and 1"),
    (lambda: SetWeight("e1", -0.1), "between 0 and 1"),
    (lambda: EditNode("r1", {"base_score": float("nan")}), "between 0 and 1"),
    (lambda: EditNode("zzz", {"title": "x"}), "no node"),
    (lambda: EditNode("r1", {"id": "x"}), "no editable field"),
    (lambda: EditEdge("e1", {"source": "s2"}), "no editable field"),
    (lambda: DeleteNodes(()), "Nothing selected"),
    (lambda: Assess("ghost", "r1", 0.5), "no participant"),
    (lambda: SetMeta("semantics", "vibes"), "Unknown semantics"),
    (lambda: Reconnect("e1", "r1"), "itself"),
])
def test_invalid_commands_raise_one_clear_error(small_map, command, message):
    with pytest.raises(ModelError, match=message):
        command().changes(small_map)


def test_add_reason_creates_node_and_edge_in_one_change_set(small_map):
    cs = apply(small_map, AddNode(title="New", parent="s2", relation="attack"))
    new_id = cs.changes[0].record.id
    assert small_map.edge_between(new_id, "s2").relation == "attack"
    assert cs.label == "Add objection"


def test_edit_records_old_and_new_and_inverts(small_map):
    cs = apply(small_map, EditNode("r1", {"title": "Renamed", "tags": ["a", "b"]}))
    assert small_map.node("r1").tags == ("a", "b")
    small_map.apply(cs.inverse())
    assert small_map.node("r1").title == "Reason one" and small_map.node("r1").tags == ()


def test_move_nodes_is_one_change_set_for_many_nodes(small_map):
    cs = apply(small_map, MoveNodes({"s1": (10, 20), "s2": (30, 40)}))
    assert len(cs.changes) == 4 and cs.label == "Move 2 nodes"
    assert (small_map.node("s2").x, small_map.node("s2").y) == (30, 40)


def test_reconnect_moves_edge_to_new_target(small_map):
    apply(small_map, Reconnect("e1", "s2"))
    assert small_map.edge_between("r1", "s2") is not None
    assert small_map.edge_between("r1", "s1") is None


def test_failed_change_set_leaves_map_unchanged(small_map):
    good = AddNode(title="x", node_id="x").changes(small_map).changes
    from app.model import Added, Edge
    duplicate_edge = Added(Edge(id="dup", source="r1", target="s1"))
    before = (dict(small_map.nodes), dict(small_map.edges))
    with pytest.raises(ModelError, match="already connected"):
        small_map.apply(ChangeSet("mixed", good + (duplicate_edge,)))
    assert (small_map.nodes, small_map.edges) == before
    assert "x" not in small_map.graph


def test_remove_participant_removes_their_assessments(small_map):
    apply(small_map, AddParticipant("Ann", participant_id="p"))
    apply(small_map, Assess("p", "r1", 0.1))
    apply(small_map, RemoveParticipant("p"))
    assert not small_map.participants and not small_map.assessments


def test_roles_follow_edges(small_map):
    apply(small_map, AddNode(title="Rebut", node_id="rb", parent="o1", relation="attack"))
    assert role_of(small_map, "r1") == "reason"
    assert role_of(small_map, "o1") == "objection"
    assert role_of(small_map, "rb") == "rebuttal"
    assert role_of(small_map, "s1") == ""


def test_node_label_falls_back_to_text():
    assert Node(id="a", text="First line\nsecond").label == "First line"
    assert Node(id="a").label == "(untitled)"


def test_upstream_is_every_card_reaching_one_through_the_relations_named():
    """``ArgumentMap.upstream`` (a strategy's case) against a plain walk of ``incoming``, on
    generated maps with cycles and every kind of relation, for each card and two choices of
    relations."""
    import random

    from mapgen import generate_links_map, generate_map

    def walk(amap, start, relations):
        seen, todo = {start}, [start]
        while todo:
            for e in amap.incoming(todo.pop()):
                if e.relation in relations and e.source not in seen:
                    seen.add(e.source)
                    todo.append(e.source)
        return seen
    for amap in (generate_map(300, seed=3), generate_links_map(300, seed=4)):
        kinds = {e.relation for e in amap.edges.values()}
        assert {"support", "attack"} <= kinds
        for nid in random.Random(5).sample(sorted(amap.nodes), 60):
            for relations in (("support", "attack"), ("support",)):
                assert amap.upstream(nid, relations) == walk(amap, nid, relations)
        assert max(len(amap.upstream(n, ("support", "attack"))) for n in amap.nodes) > 20
