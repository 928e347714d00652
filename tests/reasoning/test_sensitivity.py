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
from app.reasoning import evaluate, framework_from_edges, rank_strategies, sensitivity, sweep

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
