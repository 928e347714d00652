"""Re-evaluation after edits equals evaluating afresh: random edit sequences (scores, weights,
relations added and removed so that cycles close and break, cards deleted, edits undone) on
random frameworks, for the four semantics, with the evaluation plan carried across the edits
as the live weighing carries it, and with the large-component path (a warm start under a
certificate) forced onto small components too."""

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.reasoning import SEMANTICS, evaluate, framework_from_edges, grounded_labelling, reevaluate
from app.reasoning import incremental
from app.reasoning.framework import SOURCE
from app.reasoning.labelling import relabelled
from app.reasoning.order import schedule
from app.reasoning.warm import certify, gain

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                    HealthCheck.function_scoped_fixture])
LARGE = incremental.WARM_MIN_SIZE
TOL = 1e-7      # a warm start reaches the same fixed point within the solver's tolerance


def _edges(fw):
    return [(src, n, rel, w, e) for n, ps in fw.parents.items() for src, rel, w, e in ps]


def _rebuilt(tau, edges, old):
    """A framework of *tau* and *edges*, with *old*'s plan brought up to date (as the weighing
    does after cards and relations are added or removed)."""
    new = framework_from_edges(tau, edges)
    before = {(e[0], e[1]) for e in _edges(old)}
    after = {(e[0], e[1]) for e in edges}
    plan = old.plan.after(new, added_nodes=[n for n in tau if n not in old.tau],
                          removed_nodes=[n for n in old.tau if n not in tau],
                          added_edges=sorted(after - before), removed_edges=sorted(before - after))
    if plan is not None:
        new.__dict__["plan"] = plan
    return new


def _changed(old, new):
    """What reevaluate is told: nodes whose base score or parents differ."""
    out = {n for n in new.tau if n not in old.tau or old.tau[n] != new.tau[n]
           or old.parents[n] != new.parents[n]}
    return out


def _step(fw, rng, history):
    """One random edit (or an undo back to an earlier framework)."""
    edges, nodes = _edges(fw), sorted(fw.tau)
    kind = rng.choice(["tau", "weight", "add", "add", "remove", "delete", "new", "undo"])
    if kind == "undo" and history:
        return _rebuilt(history[-1].tau, _edges(history[-1]), fw)
    if kind == "tau" or (kind == "weight" and not edges):
        return fw.with_values({rng.choice(nodes): rng.random()})
    if kind == "weight":
        return fw.with_values({rng.choice(edges)[4]: rng.random()})
    if kind == "remove" and edges:
        edges.pop(rng.randrange(len(edges)))
        return _rebuilt(fw.tau, edges, fw)
    if kind == "delete" and len(nodes) > 1:
        gone = rng.choice(nodes)
        tau = {n: v for n, v in fw.tau.items() if n != gone}
        return _rebuilt(tau, [e for e in edges if gone not in e[:2]], fw)
    if kind == "new":
        name = f"m{rng.randrange(10 ** 9)}"
        return _rebuilt({**fw.tau, name: rng.random()},
                        edges + [(name, rng.choice(nodes), rng.choice(["support", "attack"]),
                                  rng.random(), f"e-{name}")], fw)
    a, b = rng.choice(nodes), rng.choice(nodes)
    if a == b or any(e[0] == a and e[1] == b for e in edges):
        return fw
    return _rebuilt(fw.tau, edges + [(a, b, rng.choice(["support", "attack"]), rng.random(),
                                      f"x{rng.randrange(10 ** 9)}")], fw)


@st.composite
def frameworks(draw, max_nodes=9):
    n = draw(st.integers(2, max_nodes))
    names = [f"n{i}" for i in range(n)]
    tau = {name: draw(st.floats(0.0, 1.0)) for name in names}
    pairs = [(i, j) for i in range(n) for j in range(n) if i != j]
    chosen = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=2 * n))
    return framework_from_edges(tau, [(names[i], names[j], draw(st.sampled_from(["support", "attack"])),
                                       draw(st.floats(0.0, 1.0)), f"e{i}_{j}") for i, j in chosen])


def _same(again, fresh, exact: bool):
    assert again.strengths.keys() == fresh.strengths.keys()
    assert again.unconverged == fresh.unconverged
    assert again.converged == fresh.converged
    if exact:
        assert again == fresh
        assert again.strengths == fresh.strengths     # to the bit, not approximately
    else:
        for n, v in fresh.strengths.items():
            if n not in fresh.unconverged:
                assert again.strengths[n] == pytest.approx(v, abs=TOL), n


def _plan_is_valid(fw):
    plan = fw.plan
    for n, ps in fw.parents.items():
        for p in ps:
            a, b = plan.item_of[p[SOURCE]], plan.item_of[n]
            assert a == b or plan.key[a] < plan.key[b]
    components = {i for i in schedule(fw.tau, fw.parents, fw.children) if i.__class__ is tuple}
    assert {i for i in plan.item_of.values() if i.__class__ is tuple} == components
    assert len(set(plan.key.values())) == len(plan.key)


@SETTINGS
@given(fw=frameworks(), semantics=st.sampled_from(SEMANTICS), seed=st.integers(0, 10 ** 6),
       warm=st.booleans())
def test_random_edit_sequences_equal_fresh_evaluations(fw, semantics, seed, warm, monkeypatch):
    monkeypatch.setattr(incremental, "WARM_MIN_SIZE", 2 if warm else LARGE)
    rng = random.Random(seed)
    ev, labels = evaluate(fw, semantics), grounded_labelling(fw)
    fw.plan                                                   # noqa: B018 -- kept from now on
    history = []
    for _ in range(12):
        new = _step(fw, rng, history)
        history.append(fw)
        changed = _changed(fw, new)
        if "plan" in new.__dict__:
            _plan_is_valid(new)
        again = reevaluate(new, ev, changed)
        _same(again, evaluate(new, semantics), exact=not warm)
        labels, moved = relabelled(new, labels, changed | (fw.tau.keys() - new.tau.keys()))
        assert labels == grounded_labelling(new)
        assert moved <= set(labels) | set(fw.tau)
        fw, ev = new, again


def test_a_warm_start_stays_on_the_certified_fixed_point():
    # a ring of 30 attacks with weight .9: large enough to be settled from its last values
    names = [f"r{i}" for i in range(30)]
    tau = {n: 0.3 + 0.4 * (i % 3) / 2 for i, n in enumerate(names)}
    ring = [(names[i], names[(i + 1) % 30], "attack", 0.9, f"e{i}") for i in range(30)]
    fw = framework_from_edges({**tau, "in": 0.5}, ring + [("in", "r0", "support", 1.0, "ein")])
    for semantics in SEMANTICS:
        ev = evaluate(fw, semantics)
        fw.plan                                               # noqa: B018
        moved = fw.with_values({"in": 0.9})
        again = reevaluate(moved, ev, ["in"])
        fresh = evaluate(moved, semantics)
        assert again.certificates, semantics          # the ring was certified and warm-started
        assert again.iterations < fresh.iterations or fresh.iterations <= 2
        _same(again, fresh, exact=False)


def test_no_certificate_for_a_ring_with_many_fixed_points():
    # DF-QuAD on a mutual attack of two base-1 cards: every σ_a + σ_b = 1 is a fixed point
    fw = framework_from_edges({"a": 1.0, "b": 1.0}, [("a", "b", "attack"), ("b", "a", "attack")])
    assert certify(("a", "b"), fw.tau, fw.parents, "dfquad") is None


@given(tau=st.floats(0.0, 1.0), e=st.floats(-20, 20), w=st.floats(0.0, 1.0), v=st.floats(0.0, 1.0),
       semantics=st.sampled_from(SEMANTICS), relation=st.sampled_from(["support", "attack"]))
@settings(max_examples=300, deadline=None)
def test_gain_bounds_the_slope_of_every_semantics(tau, e, w, v, semantics, relation):
    # one parent among others (summarised by a second parent of value e-ish): a small move of
    # the parent moves the node by at most gain(τ)·w times as much
    from app.reasoning import parent
    from app.reasoning.semantics import UPDATES
    other = parent("o", "support" if e >= 0 else "attack", 1.0, "eo")
    parents = (parent("p", relation, w, "ep"), other)
    f = UPDATES[semantics]
    h = 1e-6
    lo, hi = max(0.0, v - h), min(1.0, v + h)
    s_lo, s_hi = {"p": lo, "o": min(1.0, abs(e) / 20)}, {"p": hi, "o": min(1.0, abs(e) / 20)}
    if hi > lo:
        slope = abs(f(tau, parents, s_hi) - f(tau, parents, s_lo)) / (hi - lo)
        assert slope <= gain(semantics, tau) * w + 1e-6
