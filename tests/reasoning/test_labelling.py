"""Grounded labelling beyond the oracle: reinstatement, odd cycles, supports ignored."""

from app.reasoning import framework_from_edges, grounded_labelling


def labels(nodes, edges):
    return grounded_labelling(framework_from_edges(dict.fromkeys(nodes, .5), edges))


def test_attacked_attacker_reinstates_its_target():
    got = labels("abc", [("b", "a", "attack"), ("c", "b", "attack")])
    assert got == {"a": "in", "b": "out", "c": "in"}


def test_unattacked_node_is_in_and_weights_do_not_matter():
    fw = framework_from_edges({"a": .1, "b": 1.0}, [("a", "b", "attack", 0.0)])
    assert grounded_labelling(fw) == {"a": "in", "b": "out"}


def test_odd_cycle_and_its_victim_are_undecided():
    got = labels("abcd", [("a", "b", "attack"), ("b", "c", "attack"), ("c", "a", "attack"),
                          ("c", "d", "attack")])
    assert got == dict.fromkeys("abcd", "undec")


def test_in_attacker_defeats_node_also_attacked_by_a_cycle():
    got = labels("abcx", [("a", "b", "attack"), ("b", "a", "attack"), ("a", "c", "attack"),
                          ("x", "c", "attack")])
    assert got == {"a": "undec", "b": "undec", "c": "out", "x": "in"}


def test_self_attack_is_undecided():
    assert labels("ab", [("a", "a", "attack"), ("a", "b", "attack")]) == {"a": "undec", "b": "undec"}


def test_supports_are_ignored():
    got = labels("abc", [("a", "b", "support"), ("b", "c", "support"), ("c", "a", "support")])
    assert got == dict.fromkeys("abc", "in")
