"""Properties of the semantics on random frameworks (hypothesis).

Duality, precisely: for a node x with τ ∈ (0, 1) whose parents do not depend on x, write
ρ(σ) = (σ − τ)/(1 − τ) when σ ≥ τ and (σ − τ)/τ when σ < τ (the change as a share of the room
to move). Swapping support ↔ attack on all of x's incoming relations turns ρ into −ρ, for
DF-QuAD and QE.
"""

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.reasoning import SEMANTICS, evaluate, framework_from_edges, parent, reevaluate
from app.reasoning.framework import RELATION

unit = st.floats(0.0, 1.0, allow_nan=False)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def frameworks(draw, acyclic=True, max_nodes=8):
    """A random framework; in the acyclic case every edge goes from a later to an earlier node."""
    n = draw(st.integers(1, max_nodes))
    names = [f"n{i}" for i in range(n)]
    tau = {name: draw(unit) for name in names}
    pairs = [(i, j) for i in range(n) for j in range(n) if i != j and (not acyclic or i > j)]
    chosen = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=14)) if pairs else []
    edges = [(names[i], names[j], draw(st.sampled_from(["support", "attack"])), draw(unit),
              f"e{i}_{j}") for i, j in chosen]
    return framework_from_edges(tau, edges)


@SETTINGS
@given(fw=st.one_of(frameworks(True), frameworks(False)), semantics=st.sampled_from(SEMANTICS))
def test_strengths_are_in_the_unit_interval(fw, semantics):
    ev = evaluate(fw, semantics)
    assert set(ev.strengths) == set(fw.tau)
    assert all(0.0 <= v <= 1.0 for v in ev.strengths.values())
    assert ev.converged == (not ev.unconverged)


@SETTINGS
@given(fw=frameworks(True), tau=unit, x=unit, y=unit, semantics=st.sampled_from(["dfquad", "qe", "euler"]))
def test_balance(fw, tau, x, y, semantics):
    # leaves s (τ x) and t (τ y) with weights y and x: both contribute x·y
    fw = framework_from_edges({**fw.tau, "X": tau, "s": x, "t": y},
                              [(src, n, rel, w, e)
                               for n, ps in fw.parents.items() for src, rel, w, e in ps]
                              + [("s", "X", "support", y), ("t", "X", "attack", x)])
    assert evaluate(fw, semantics).strengths["X"] == pytest.approx(tau, abs=1e-12)


def _with_leaf(fw, target, relation, weight, value):
    edges = [(src, n, rel, w, e) for n, ps in fw.parents.items() for src, rel, w, e in ps]
    return framework_from_edges({**fw.tau, "L": value}, edges + [("L", target, relation, weight, "eL")])


@SETTINGS
@given(fw=frameworks(True), data=st.data(), semantics=st.sampled_from(SEMANTICS))
def test_monotone_in_a_parents_base_score(fw, data, semantics):
    # L's only path to its target is the one relation, so only its sign matters
    target = data.draw(st.sampled_from(sorted(fw.tau)))
    relation = data.draw(st.sampled_from(["support", "attack"]))
    weight, low, high = data.draw(unit), data.draw(unit), data.draw(unit)
    low, high = min(low, high), max(low, high)
    before = evaluate(_with_leaf(fw, target, relation, weight, low), semantics).strengths[target]
    after = evaluate(_with_leaf(fw, target, relation, weight, high), semantics).strengths[target]
    if relation == "support":
        assert after >= before - 1e-12
    else:
        assert after <= before + 1e-12


@SETTINGS
@given(fw=frameworks(True), data=st.data(), semantics=st.sampled_from(SEMANTICS))
def test_monotone_in_a_weight(fw, data, semantics):
    edges = list(fw.edge_index)
    if not edges:
        return
    edge = data.draw(st.sampled_from(edges))
    target, i = fw.edge_index[edge]
    relation = fw.parents[target][i][RELATION]
    low, high = sorted((data.draw(unit), data.draw(unit)))
    before = evaluate(fw.with_values({edge: low}), semantics).strengths[target]
    after = evaluate(fw.with_values({edge: high}), semantics).strengths[target]
    assert (after >= before - 1e-12) if relation == "support" else (after <= before + 1e-12)


def _rho(sigma, tau):
    return (sigma - tau) / (1 - tau) if sigma >= tau else (sigma - tau) / tau


@SETTINGS
@given(fw=frameworks(True), data=st.data(), semantics=st.sampled_from(["dfquad", "qe"]))
def test_attack_support_duality(fw, data, semantics):
    node = data.draw(st.sampled_from(sorted(fw.tau)))
    tau = data.draw(st.floats(0.01, 0.99))
    fw = fw.with_values({node: tau})
    flipped = {"support": "attack", "attack": "support"}
    swapped = dict(fw.parents)
    swapped[node] = tuple(parent(src, flipped[rel], w, e) for src, rel, w, e in fw.parents[node])
    dual = framework_from_edges(fw.tau, [(src, n, rel, w, e)
                                         for n, ps in swapped.items() for src, rel, w, e in ps])
    sigma = evaluate(fw, semantics).strengths[node]
    sigma_dual = evaluate(dual, semantics).strengths[node]
    assert _rho(sigma_dual, tau) == pytest.approx(-_rho(sigma, tau), abs=1e-9)


def _random_change(fw, rng):
    """A changed framework and the ids to pass to reevaluate."""
    edges = [(src, n, rel, w, e) for n, ps in fw.parents.items() for src, rel, w, e in ps]
    kind = rng.choice(["tau", "weight", "relation", "remove", "add"])
    if kind == "tau" or not edges and kind != "add":
        node = rng.choice(sorted(fw.tau))
        return fw.with_values({node: rng.random()}), [node]
    if kind == "weight":
        edge = rng.choice(edges)[4]
        return fw.with_values({edge: rng.random()}), [edge]
    if kind in ("relation", "remove"):
        k = rng.randrange(len(edges))
        s, t, rel, w, e = edges[k]
        rest = edges[:k] + edges[k + 1:]
        if kind == "relation":
            rest.append((s, t, "support" if rel == "attack" else "attack", w, e))
            return framework_from_edges(fw.tau, rest), [e]
        return framework_from_edges(fw.tau, rest), [t]
    nodes = sorted(fw.tau)
    s, t = rng.choice(nodes), rng.choice(nodes)
    if s == t or any(e[0] == s and e[1] == t for e in edges):
        return fw, []
    new_id = f"new{len(edges)}-{rng.randrange(10 ** 9)}"   # edge ids are unique, as in maps
    return framework_from_edges(fw.tau, edges + [(s, t, "attack", rng.random(), new_id)]), [new_id]


@SETTINGS
@given(fw=st.one_of(frameworks(True), frameworks(False)), semantics=st.sampled_from(SEMANTICS),
       seed=st.integers(0, 10 ** 6))
def test_reevaluate_equals_evaluate(fw, semantics, seed):
    rng = random.Random(seed)
    ev = evaluate(fw, semantics)
    for _ in range(3):
        fw, changed = _random_change(fw, rng)
        again = reevaluate(fw, ev, changed)
        fresh = evaluate(fw, semantics)
        assert again == fresh
        assert again.strengths == fresh.strengths  # exactly, not approximately
        ev = again
