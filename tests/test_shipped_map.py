"""The shipped map of the prosocial-drives debate: its structure and that it can be weighed."""

import json
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

from app.io import import_file
from app.model import SEMANTICS

SHIPPED = Path(__file__).resolve().parents[1] / "argument_maps" / "prosocial-drives.argdown"


@pytest.fixture(scope="module")
def amap():
    result = import_file(SHIPPED)
    assert result.notes == []
    return result.map


def strategies(amap):
    return [n for n in amap.nodes.values() if n.kind == "strategy"]


def test_every_key_point_and_the_thesis_is_a_node(amap):
    refs = {n.source_ref for n in amap.nodes.values()}
    for k in range(1, 16):
        assert f"key point {k}" in refs, f"key point {k} has no node"
    assert "executive summary" in refs


def test_root_question_and_the_four_strategies(amap):
    questions = [n for n in amap.nodes.values() if n.kind == "question"]
    assert len(questions) == 1 and not amap.outgoing(questions[0].id)
    titles = {n.title for n in strategies(amap)}
    assert {"Corrigible everywhere", "Prosocial drives everywhere", "Best of both worlds",
            "Prosocial drives later"} <= titles
    answering = {e.source for e in amap.incoming(questions[0].id) if e.relation == "answer"}
    assert {n.id for n in strategies(amap)} <= answering


def test_every_strategy_has_pros_and_cons(amap):
    for s in strategies(amap):
        relations = {e.relation for e in amap.incoming(s.id)}
        assert {"support", "attack"} <= relations, s.title


def test_the_map_is_one_connected_graph(amap):
    assert nx.is_weakly_connected(amap.graph)


def test_mitigations_lower_a_risk_and_a_benefit(amap):
    """The tradeoff is in the graph: some claims attack both a risk and a benefit."""
    tagged = {n.id: set(n.tags) for n in amap.nodes.values()}
    both = [n for n in amap.nodes.values()
            if {"risk", "benefit"} <= {t for e in amap.outgoing(n.id) if e.relation == "attack"
                                      for t in tagged[e.target]}]
    assert len(both) >= 3, [n.title for n in both]


def test_rebuttals_are_real_nodes(amap):
    from app.model import role_of
    assert sum(role_of(amap, n) == "rebuttal" for n in amap.nodes) >= 5


def test_scores_are_deliberate(amap):
    """Strategies start equal; most contested claims sit near the middle; the map says why."""
    assert {n.base_score for n in strategies(amap)} == {0.5}
    claims = [n.base_score for n in amap.nodes.values() if n.kind == "claim"]
    assert sum(0.35 <= s <= 0.65 for s in claims) / len(claims) > 0.6
    assert "0.5" in amap.meta["description"] and "not confident" in amap.meta["description"]


def test_source_outline_numbers_all_key_points(amap):
    (source,) = amap.sources.values()
    for k in range(1, 16):
        assert f"\n{k}. " in source.text


@pytest.mark.parametrize("semantics", list(SEMANTICS))
def test_evaluate_ranks_the_strategies_and_converges(semantics):
    out = subprocess.run([sys.executable, "-m", "app", "evaluate", str(SHIPPED), "--semantics", semantics,
                          "--json"], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["converged"] is True
    assert len(data["ranking"]) >= 4
    strengths = [r["strength"] for r in data["ranking"]]
    assert strengths == sorted(strengths, reverse=True)
    assert all(0 < s < 1 for s in strengths)
