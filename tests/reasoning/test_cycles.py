"""Cycles: iteration, the RK4 fallback, and honest reporting when nothing settles."""

import math

import pytest

from app.reasoning import evaluate, framework_from_edges, reevaluate
from app.reasoning.semantics import UPDATES

STRONG_PAIR = framework_from_edges({"a": 1.0, "b": 1.0, "up": .3, "down": .5, "other": .4},
                                   [("a", "b", "attack"), ("b", "a", "attack"),
                                    ("up", "a", "support", 0.0), ("b", "down", "attack")])


def residual(fw, ev):
    """max |f(σ) − σ| over all nodes: 0 at a fixed point."""
    f = UPDATES[ev.semantics]
    return max(abs(f(fw.tau[n], fw.parents[n], ev.strengths) - ev.strengths[n]) for n in fw.tau)


def test_plain_iteration_oscillates_on_strong_mutual_attack():
    # σ = τ: a = b = 1 → a = 1 − b = 0, b = 0 → a = b = 1 → ... Jacobi alone never settles.
    ev = evaluate(STRONG_PAIR, "dfquad", max_steps=0)  # no RK4 allowed
    assert not ev.converged
    assert ev.unconverged == {"a", "b", "down"}  # the cycle and what depends on it
    assert ev.method == "rk4" and ev.strengths["up"] == .3 and ev.strengths["other"] == .4


def test_rk4_fallback_converges_to_a_fixed_point():
    ev = evaluate(STRONG_PAIR, "dfquad")
    assert ev.converged and ev.method == "rk4" and ev.unconverged == frozenset()
    # symmetric start, so the ODE ends on the symmetric point of the line a + b = 1
    assert ev.strengths["a"] == pytest.approx(.5, abs=1e-8)
    assert ev.strengths["b"] == pytest.approx(.5, abs=1e-8)
    assert residual(STRONG_PAIR, ev) < 1e-8


def test_odd_cycle_of_strong_attacks():
    fw = framework_from_edges(dict.fromkeys("abc", 1.0),
                              [("a", "b", "attack"), ("b", "c", "attack"), ("c", "a", "attack")])
    ev = evaluate(fw, "dfquad")
    assert ev.converged and ev.method == "rk4"
    assert all(v == pytest.approx(.5, abs=1e-8) for v in ev.strengths.values())


@pytest.mark.parametrize("semantics", ["qe", "euler", "hcat"])
def test_contracting_cycles_settle_by_iteration(semantics):
    fw = framework_from_edges({"a": .6, "b": .7, "c": .2},
                              [("a", "b", "attack"), ("b", "a", "support", .5), ("c", "a", "attack")])
    ev = evaluate(fw, semantics)
    assert ev.converged and ev.method == "iteration" and ev.iterations > 1
    assert residual(fw, ev) < 1e-9


def test_hcat_two_cycle_is_the_golden_ratio():
    fw = framework_from_edges({"a": 1.0, "b": 1.0}, [("a", "b", "attack"), ("b", "a", "attack")])
    ev = evaluate(fw, "hcat")  # σ = 1/(1+σ) → σ² + σ − 1 = 0
    assert ev.strengths["a"] == pytest.approx((math.sqrt(5) - 1) / 2, abs=1e-9)


def test_capped_iteration_without_rk4_is_never_reported_final():
    # a cycle that does settle, given the chance; with no sweeps and no steps it has not
    fw = framework_from_edges({"a": .5, "b": .5}, [("a", "b", "support", .99), ("b", "a", "attack", .99)])
    ev = evaluate(fw, "hcat", max_sweeps=0, max_steps=0)
    assert not ev.converged and ev.unconverged == {"a", "b"}
    full = evaluate(fw, "hcat")
    assert full.converged and full.unconverged == frozenset()


def test_reevaluate_keeps_unconverged_upstream_marked():
    ev = evaluate(STRONG_PAIR, "dfquad", max_steps=0)
    moved = STRONG_PAIR.with_values({"down": .9})
    again = reevaluate(moved, ev, ["down"])
    assert again == evaluate(moved, "dfquad", max_steps=0)
    assert "down" in again.unconverged and not again.converged


def test_reevaluate_through_a_cycle_equals_evaluate():
    fw = framework_from_edges({"x": .3, "a": .6, "b": .7, "z": .5},
                              [("x", "a", "support"), ("a", "b", "attack"), ("b", "a", "attack"),
                               ("b", "z", "support")])
    for semantics in ("dfquad", "qe", "euler", "hcat"):
        ev = evaluate(fw, semantics)
        moved = fw.with_values({"x": .9})
        assert reevaluate(moved, ev, ["x"]) == evaluate(moved, semantics)
