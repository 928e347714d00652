"""The compiled form (signed weights in index pairs) computes what the semantics' own update
functions compute, to the bit, and hands cycles back with the relations they had."""

import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.reasoning import SEMANTICS, evaluate, framework_from_edges
from app.reasoning.compiled import compile_framework
from app.reasoning.evaluate import run
from app.reasoning.framework import RELATION, SOURCE, WEIGHT
from app.reasoning.order import schedule
from app.reasoning.semantics import update_for

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# any value in the unit interval, or one at its edges, where a sign could go astray
values = st.one_of(st.floats(0.0, 1.0, allow_nan=False),
                   st.sampled_from([0.0, 1.0, 0.5, 1e-300, 0.3]))


def _frameworks(draw, cyclic: bool):
    """Up to 9 nodes; relations only from later to earlier nodes, or (*cyclic*) either way:
    cycles, self-attacks and loose nodes then."""
    n = draw(st.integers(1, 9))
    names = [f"n{i}" for i in range(n)]
    tau = {name: draw(values) for name in names}
    pairs = [(i, j) for i in range(n) for j in range(n if cyclic else i)]
    chosen = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=18)) if pairs else []
    edges = [(names[i], names[j], draw(st.sampled_from(["support", "attack"])), draw(values),
              f"e{i}_{j}") for i, j in chosen]
    return framework_from_edges(tau, edges)


@st.composite
def acyclic_frameworks(draw):
    return _frameworks(draw, cyclic=False)


@st.composite
def any_frameworks(draw):
    return _frameworks(draw, cyclic=True)


@SETTINGS
@given(fw=acyclic_frameworks(),
       semantics=st.sampled_from(SEMANTICS))
def test_compiled_evaluation_is_the_semantics_to_the_bit(fw, semantics):
    reference: dict[str, float] = {}
    run(schedule(fw.tau, fw.parents, fw.children), fw.tau, fw.parents, update_for(semantics),
        reference, {}, set(), {"tol": 1e-9, "max_sweeps": 10_000, "max_steps": 20_000})
    got = evaluate(fw, semantics).strengths
    assert got.keys() == reference.keys()
    for node, value in reference.items():
        assert got[node] == value and math.copysign(1, got[node]) == math.copysign(1, value), node


def test_an_attack_is_a_negated_weight_and_comes_back_as_an_attack():
    fw = framework_from_edges({"a": .5, "b": .4, "c": .6},
                              [("a", "c", "attack", 0.0, "e1"), ("b", "c", "support", 0.7, "e2"),
                               ("c", "a", "attack", 0.25, "e3")])
    c = compile_framework(fw)
    i = {n: k for k, n in enumerate(c.ids)}
    pairs = dict(c.parents[i["c"]])
    assert math.copysign(1, pairs[i["a"]]) == -1 and pairs[i["a"]] == 0.0
    assert pairs[i["b"]] == 0.7
    cycle = next(item for item in c.items if item.__class__ is tuple)
    records = c.records(cycle)
    back = {(c.ids[p[SOURCE]], c.ids[k]): (p[RELATION], p[WEIGHT])
            for k, plist in records.items() for p in plist}
    assert back == {("a", "c"): ("attack", 0.0), ("b", "c"): ("support", 0.7),
                    ("c", "a"): ("attack", 0.25)}
    assert math.copysign(1, back[("a", "c")][1]) == 1      # the solvers get the weight itself


@SETTINGS
@given(data=st.data(), semantics=st.sampled_from(SEMANTICS))
def test_each_compiled_update_is_the_semantics_update_to_the_bit(data, semantics):
    """The per-node functions the compiled run falls back on (after an unsettled cycle), fed
    signed (index, weight) pairs, against the semantics' own on Parent records."""
    from app.reasoning import parent
    from app.reasoning.compiled import FLAT
    n = data.draw(st.integers(0, 6))
    s = [data.draw(values) for _ in range(n)]
    rel = [(data.draw(st.sampled_from(["support", "attack"])), data.draw(values)) for _ in range(n)]
    tau = data.draw(values)
    records = tuple(parent(f"p{i}", r, w, f"e{i}") for i, (r, w) in enumerate(rel))
    pairs = tuple((i, -(w + 0.0) if r == "attack" else w + 0.0) for i, (r, w) in enumerate(rel))
    want = update_for(semantics)(tau, records, {f"p{i}": v for i, v in enumerate(s)})
    got = FLAT[semantics](tau, pairs, s)
    assert got == want and math.copysign(1, got) == math.copysign(1, want)


@SETTINGS
@given(fw=any_frameworks())
def test_the_compiled_order_is_the_schedule_and_each_node_has_its_parents(fw):
    """Compiling orders the nodes as it numbers them (one pass); the order must be the
    schedule's, cycles included, and each node's pairs its own relations."""
    c = compile_framework(fw)
    order = schedule(fw.tau, fw.parents, fw.children, whole=True)
    assert [c.ids[i] if i.__class__ is int else tuple(c.ids[k] for k in i) for i in c.items] == order
    assert list(c.tau) == [fw.tau[n] for n in c.ids]
    for k, n in enumerate(c.ids):
        want = [(src, -(w + 0.0) if rel == "attack" else w + 0.0) for src, rel, w, _e in fw.parents[n]]
        got = [(c.ids[i], w) for i, w in c.parents[k]]
        assert got == want and [math.copysign(1, w) for _s, w in got] == \
            [math.copysign(1, w) for _s, w in want]
