"""The correctness oracles of DESIGN §5 (numbers from independent implementations)."""

import pytest

from app.reasoning import evaluate, framework_from_edges, grounded_labelling


def test_oracle1_dfquad():
    tau = dict(A1=.5, A2=.5, P1=.7, P2=.5, P3=.9, C1=.2, C2=.2, C3=.6, C4=.5)
    edges = [("C1", "A2", "attack"), ("C2", "P2", "attack"), ("C3", "P2", "attack"),
             ("C4", "P2", "attack"), ("P1", "A1", "support"), ("P2", "A1", "support"),
             ("P3", "A2", "support")]
    ev = evaluate(framework_from_edges(tau, edges), "dfquad")
    # the stated values are exact decimals (products of the given one-digit scores)
    assert ev.strengths["A1"] == pytest.approx(0.862, abs=1e-12)
    assert ev.strengths["A2"] == pytest.approx(0.85, abs=1e-12)
    assert ev.strengths["P2"] == pytest.approx(0.08, abs=1e-12)
    assert (ev.method, ev.converged, ev.unconverged) == ("exact", True, frozenset())


ORACLE2 = framework_from_edges(
    dict(a=.5, b=.2, c=.85, d=.65, e=.4, f=1.0),
    [("c", "a", "attack"), ("e", "b", "attack"), ("f", "c", "attack"),
     ("b", "a", "support"), ("d", "a", "support"), ("e", "c", "support")])


@pytest.mark.parametrize("semantics, expected, digits", [
    ("qe", dict(a=0.5187551724, b=0.1724137931, c=0.625), 10),
    ("dfquad", dict(a=0.676, b=0.12, c=0.34), 12),  # exact decimals
    ("euler", dict(a=0.4987871928, b=0.1534869353, c=0.8107726471), 10),
])
def test_oracle2(semantics, expected, digits):
    ev = evaluate(ORACLE2, semantics)
    for node, value in expected.items():
        assert ev.strengths[node] == pytest.approx(value, abs=0.5 * 10 ** -digits)


def test_oracle3_qe_support_attack_and_self_attack():
    sup = evaluate(framework_from_edges({"a": .5, "b": .5}, [("a", "b", "support")]), "qe")
    att = evaluate(framework_from_edges({"a": .5, "b": .5}, [("a", "b", "attack")]), "qe")
    assert sup.strengths["b"] == pytest.approx(0.6, abs=1e-12)
    assert att.strengths["b"] == pytest.approx(0.4, abs=1e-12)
    selfish = evaluate(framework_from_edges({"a": .5}, [("a", "a", "attack")]), "qe")
    s = selfish.strengths["a"]
    assert s == pytest.approx(0.4238537990, abs=5e-10)
    assert abs(s ** 3 + s - 0.5) < 1e-9
    assert selfish.converged and selfish.method in ("iteration", "rk4")


def test_oracle4_dfquad_mutual_attack():
    fw = framework_from_edges({"a": 1.0, "b": .5}, [("a", "b", "attack"), ("b", "a", "attack")])
    ev = evaluate(fw, "dfquad")
    assert ev.converged and ev.method in ("iteration", "rk4")
    assert ev.strengths["a"] == pytest.approx(1.0, abs=1e-9)
    assert ev.strengths["b"] == pytest.approx(0.0, abs=1e-9)


def test_oracle5_grounded_labelling():
    chain = framework_from_edges(dict.fromkeys("abcd", .5),
                                 [("a", "b", "attack"), ("b", "c", "attack"), ("c", "d", "attack")])
    assert grounded_labelling(chain) == {"a": "in", "b": "out", "c": "in", "d": "out"}
    loop = framework_from_edges(dict.fromkeys("ab", .5), [("a", "b", "attack"), ("b", "a", "attack")])
    assert grounded_labelling(loop) == {"a": "undec", "b": "undec"}
