"""A tie is not a reversal: the searches list only values at which the other strategy comes
out strictly stronger (the ranking settles an exact tie by title, which no input changes).

Map: strategy "Zebra plan" (τ .5) supported by r (τ .4, weight .5), so σ = .5 + .5·.5·.4 = .6;
strategy "Aardvark plan" (τ .5) alone, σ = .5. Weight 0 or τr = 0 brings Zebra down to .5: a
tie, which the ranking gives to Aardvark by title, yet Aardvark is not stronger. Moving Zebra's
own base score does reverse them: x + .2(1 − x) < .5 for x < .375.
"""

import pytest

from app.reasoning import (evaluate, framework_from_edges, leader_changes, pair_flips,
                           rank_strategies, sensitivity)

TAU = {"Z": .5, "r": .4, "A": .5}
TITLES = {"Z": "Zebra plan", "r": "A reason", "A": "Aardvark plan"}
FW = framework_from_edges(TAU, [("r", "Z", "support", .5, "rZ")], strategies=("Z", "A"),
                          titles=TITLES)


@pytest.mark.parametrize("search", [
    lambda fw: sensitivity(fw, "dfquad"),
    lambda fw: pair_flips(fw, "dfquad", "A", "Z"),
    lambda fw: leader_changes(fw, "dfquad"),
])
def test_a_value_that_only_reaches_a_tie_is_not_a_flip(search):
    result = search(FW)
    assert result.top == ("Z", "A") and not result.tied
    assert {f.input for f in result.flips} == {"Z", "A"}      # not rZ (weight 0), not r (τ 0)
    by_input = {f.input: f for f in result.flips}
    assert by_input["Z"].flip_at == pytest.approx(.375, abs=1e-6)
    for f in result.flips:
        moved = FW.with_values({f.input: f.flip_at})
        s = evaluate(moved).strengths
        assert s["A"] > s["Z"]                                   # strictly ahead there


def test_strategies_tied_now_list_no_zero_moves_and_say_so():
    fw = FW.with_values({"rZ": 0.0})
    assert rank_strategies(fw, evaluate(fw))[0].id == "A"       # ahead by title only
    for result in (sensitivity(fw), pair_flips(fw, "dfquad", "A", "Z"), leader_changes(fw)):
        assert result.tied and result.flips == [] and result.complete
        assert any(line.startswith("They tie now") for line in result.caveats())
