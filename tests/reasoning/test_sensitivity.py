"""Sensitivity: flips computed by hand on a small map, inputs that cannot flip, sweeps.

Map: strategy A (τ .5) supported by r (τ .4, weight 1); strategy B (τ .6) supported by q
(τ .3, weight 1); strategy C (τ .1) supported by z (τ .2, σC = .28); an unrelated claim u supports claim c.
DF-QuAD with one supporter: σ = τ + (1 − τ)·w·σ(supporter), so σA = .7, σB = .72 (B leads).
Swapping them by hand:
  τA = x:  x + .4(1 − x) = .72  → x = 8/15      τr = y:  .5 + .5y = .72 → y = .44
  τB = z:  z + .3(1 − z) = .7   → z = 4/7       τq = u:  .6 + .4u = .7  → u = .25
  w(q→B) = v: .6 + .4·.3v = .7  → v = 5/6
  w(r→A) cannot: σA ≤ .7 < .72 for every weight. Nothing upstream of C, u or c counts.
At an exact tie A wins (title "A" < "B"), so each flip value is the tie point itself.
"""

import pytest

from app.model import ReasonmapError
from app.reasoning.framework import WEIGHT
from app.reasoning import (Cancelled, evaluate, framework_from_edges, leader_changes, pair_flips,
                            rank_strategies, sensitivity, sweep)

TAU = {"A": .5, "r": .4, "B": .6, "q": .3, "C": .1, "z": .2, "u": .5, "c": .5}
EDGES = [("r", "A", "support", 1.0, "rA"), ("q", "B", "support", 1.0, "qB"),
         ("z", "C", "support", 1.0, "zC"), ("u", "c", "support", 1.0, "uc")]
FW = framework_from_edges(TAU, EDGES, strategies=("A", "B", "C"),
                          titles={n: n for n in TAU})


def test_dfquad_flips_match_hand_computation():
    result = sensitivity(FW, "dfquad")
    assert result.top == ("B", "A")
    expected = {"A": 8 / 15, "r": .44, "B": 4 / 7, "q": .25, "qB": 5 / 6}
    assert {f.input: f.flip_at for f in result.flips} == pytest.approx(expected, abs=1e-6)
    assert [f.input for f in result.flips] == ["B", "A", "r", "q", "qB"]  # nearest first
    fields = {f.input: (f.field, f.current) for f in result.flips}
    assert fields["qB"] == ("weight", 1.0) and fields["A"] == ("base_score", .5)


def test_flip_value_really_swaps():
    for flip in sensitivity(FW, "dfquad").flips:
        moved = FW.with_values({flip.input: flip.flip_at})
        assert rank_strategies(moved, evaluate(moved))[0].id == "A"


def test_hcat_ignores_supports_so_only_the_strategies_own_scores_flip():
    result = sensitivity(FW, "hcat")  # no attacks: σ = τ, B (.6) ahead of A (.5)
    assert result.top == ("B", "A")
    assert {f.input: f.flip_at for f in result.flips} == pytest.approx({"A": .6, "B": .5}, abs=1e-6)


def test_fewer_than_two_strategies():
    one = framework_from_edges({"A": .5, "r": .4}, [("r", "A", "support")], strategies=("A",))
    assert sensitivity(one).top is None and sensitivity(one).flips == []


def test_sweep_follows_the_formula():
    rows = sweep(FW, "dfquad", "r", "A", "B", steps=5)
    assert [v for v, _, _ in rows] == [0, .25, .5, .75, 1]
    for value, sa, sb in rows:
        assert sa == pytest.approx(.5 + .5 * value, abs=1e-12)
        assert sb == pytest.approx(.72, abs=1e-12)


@pytest.mark.parametrize("call", [
    lambda: sweep(FW, "dfquad", "nothing", "A", "B"),
    lambda: sweep(FW, "dfquad", "r", "A", "nobody"),
    lambda: sweep(FW, "dfquad", "r", "A", "B", steps=1),
    lambda: sweep(FW, "bogus", "r", "A", "B"),
    lambda: sensitivity(FW, "bogus"),
    lambda: sensitivity(FW, tol=0),
])
def test_bad_requests_are_clear_errors(call):
    with pytest.raises(ReasonmapError):
        call()


def test_cyclic_map_flips_match_the_fixed_point_by_hand():
    # A (τ .9) and B (τ .5) attack each other; q (τ .2) supports B. DF-QuAD fixed point:
    # A = τA(1 − B), B = τB(1 − (w·A − q)). A tie A = B = s needs, moving one input alone:
    # τB: s = 9/19, τB = s/(1.2 − s) = 15/23;  q: 18/19 = 1 + q − 9/19 → q = 8/19;
    # τA: s = .6 − .5s → s = .4, τA = 2/3;  w(A→B): 9w/19 = 1.2 − 18/19 → w = 8/15.
    fw = framework_from_edges({"A": .9, "B": .5, "q": .2},
                              [("A", "B", "attack", 1.0, "AB"), ("B", "A", "attack", 1.0, "BA"),
                               ("q", "B", "support", 1.0, "qB")], strategies=("A", "B"))
    result = sensitivity(fw, "dfquad")
    assert result.top == ("A", "B")
    expected = {"B": 15 / 23, "q": 8 / 19, "A": 2 / 3, "AB": 8 / 15}
    assert {f.input: f.flip_at for f in result.flips} == pytest.approx(expected, abs=1e-6)


# ----- leader changes (same map: B leads with .72, A .7, C .28) --------------------------
# C overtakes B alone: τC = x: x + .2(1 − x) = .72 → x = .65; τz = y: .1 + .9y = .72 → y = 31/45.
# w(z→C) cannot (σC ≤ .28). The rest are the pair flips above, all putting A first.

def test_leader_changes_include_a_third_strategy():
    result = leader_changes(FW, "dfquad")
    assert result.top == ("B", "A") and result.complete
    expected = {"A": (8 / 15, "A"), "r": (.44, "A"), "B": (4 / 7, "A"), "q": (.25, "A"),
                "qB": (5 / 6, "A"), "C": (.65, "C"), "z": (31 / 45, "C")}
    got = {f.input: (f.flip_at, f.leader) for f in result.flips}
    assert got.keys() == expected.keys()
    for key, (value, leader) in expected.items():
        assert got[key][0] == pytest.approx(value, abs=1e-6) and got[key][1] == leader
        moved = FW.with_values({key: got[key][0]})
        assert rank_strategies(moved, evaluate(moved))[0].id == leader


def test_pair_flips_of_any_two_strategies():
    result = pair_flips(FW, "dfquad", "C", "A")   # A (.7) ahead of C (.28)
    assert result.top == ("A", "C")
    # τC: x + .2(1 − x) = .7 → x = .625; τz: .1 + .9y = .7 → y = 2/3; τA: x + .4(1 − x) = .28 → none
    assert {f.input: f.flip_at for f in result.flips} == pytest.approx({"C": .625, "z": 2 / 3},
                                                                       abs=1e-6)
    with pytest.raises(ReasonmapError):
        pair_flips(FW, "dfquad", "A", "r")


# ----- bounded, interruptible, honest ----------------------------------------------------

def ring(n, strategies=("c0", "c1")):
    """An odd ring of attacks, every base score 1 (DF-QuAD needs RK4 for it)."""
    return framework_from_edges({f"c{i}": 1.0 for i in range(n)},
                                [(f"c{i}", f"c{(i + 1) % n}", "attack", 1.0, f"e{i}")
                                 for i in range(n)], strategies=strategies)


def lopsided_ring(n):
    """The ring with c0's base score a hair below 1: the symmetric ring ties every node (no
    lead to reverse), this one puts c1 strictly ahead of c0 and still needs RK4."""
    return ring(n).with_values({"c0": 1 - 1e-9})


def reference_flips(fw, semantics, a, b):
    """The slow way: every input, eight samples per side, bisection with full evaluations
    (a reversal is strict: b comes out stronger than a; a tie settled by title is not one)."""
    def swapped(key, value):
        s = evaluate(fw.with_values({key: value}), semantics).strengths
        return round(s[b], 12) > round(s[a], 12)
    found = {}
    keys = list(fw.tau) + list(fw.edge_index)
    for key in keys:
        if key in fw.tau:
            current = fw.tau[key]
        else:
            target, i = fw.edge_index[key]
            current = fw.parents[target][i][WEIGHT]
        best = None
        for side in ([i / 8 for i in range(9) if i / 8 > current],
                     [i / 8 for i in reversed(range(9)) if i / 8 < current]):
            kept = current
            for value in side:
                if swapped(key, value):
                    lo, hi = kept, value
                    while abs(hi - lo) > 2.5e-7:
                        mid = (lo + hi) / 2
                        lo, hi = (lo, mid) if swapped(key, mid) else (mid, hi)
                    if best is None or abs(hi - current) < abs(best - current):
                        best = hi
                    break
                kept = value
        if best is not None:
            found[key] = best
    return found


@pytest.mark.parametrize("semantics", ["dfquad", "qe", "euler", "hcat"])
def test_odd_ring_flips_equal_the_slow_way(semantics):
    fw = ring(7).with_values({"c3": .8, "e5": .6})
    fast = sensitivity(fw, semantics)
    assert fast.complete
    if semantics == "euler":    # Euler keeps σ = τ = 1 for c0 and c1: a tie, nothing to reverse
        assert fast.tied and fast.flips == []
        return
    a, b = fast.top
    slow = reference_flips(fw, semantics, a, b)
    assert {f.input: f.flip_at for f in fast.flips} == pytest.approx(slow, abs=1e-6)


def test_ring_of_21_with_base_one_is_examined_completely():
    fw = lopsided_ring(21)
    result = sensitivity(fw, "dfquad")
    assert result.complete and result.method == "rk4" and result.examined == result.total == 42
    assert len(result.flips) == 20
    for flip in result.flips:    # each flip value really swaps the two, by a full evaluation
        moved = fw.with_values({flip.input: flip.flip_at})
        assert rank_strategies(moved, evaluate(moved))[0].id == "c0"


def test_should_stop_cancels_and_progress_counts_inputs():
    calls, seen = [], []
    result = sensitivity(FW, "dfquad", should_stop=lambda: calls.append(1) and False,
                         progress=lambda done, total: seen.append((done, total)))
    assert calls and seen == [(i, result.total) for i in range(1, result.total + 1)]
    asked = []

    def stop_on_third():
        asked.append(1)
        return len(asked) >= 3
    assert issubclass(Cancelled, Exception)
    with pytest.raises(Cancelled):
        sensitivity(lopsided_ring(21), "dfquad", should_stop=stop_on_third)
    assert len(asked) == 3


def test_cancel_reaches_into_a_long_solve():
    # one probe of a 301-node ring runs thousands of RK4 steps: the poll is called inside it
    fw = lopsided_ring(301)
    asked = []
    with pytest.raises(Cancelled):
        sensitivity(fw, "dfquad", should_stop=lambda: asked.append(1) or len(asked) > 40)
    assert len(asked) == 41


def test_work_cap_gives_a_partial_result_that_says_so():
    full = sensitivity(lopsided_ring(21), "dfquad")
    part = sensitivity(lopsided_ring(21), "dfquad", work=400_000)
    assert 0 < part.examined < part.total == full.total and not part.complete
    assert {f.input for f in part.flips} <= {f.input for f in full.flips}
    assert f"Stopped early: {part.examined} of {part.total} inputs examined" in part.caveats()[0]


def test_unsettled_strategies_give_no_flips_and_say_why():
    fw = framework_from_edges({"a": 1.0, "b": 1.0}, [("a", "b", "attack"), ("b", "a", "attack")],
                              strategies=("a", "b"))
    stuck = evaluate(fw, "dfquad", max_steps=0)      # Jacobi alone oscillates here
    result = sensitivity(fw, "dfquad", base=stuck)
    assert not result.converged and not result.searched and result.method == "rk4"
    assert result.flips == [] and not result.complete
    assert result.caveats()[0].startswith("Caveat: the strengths did not settle")
    assert sensitivity(fw, "dfquad").converged      # settled by RK4 when allowed
