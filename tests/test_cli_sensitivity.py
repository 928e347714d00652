"""`reasonmap sensitivity` says whether its numbers settled and whether it looked at everything."""

import json
import subprocess
import sys

import pytest

from app.io import export_map
from app.model import Edge, Node
from app.model.build import build_map


def run(*args):
    return subprocess.run([sys.executable, "-m", "app", *map(str, args)], capture_output=True,
                          text=True, timeout=120)


@pytest.fixture
def oscillator(tmp_path):
    """Three strategies in a loop: each supports four claims (τ 0) that all attack the next.

    Each link has a gain of about 1.5 at the fixed point, too much for a loop of three
    negative links: DF-QuAD's ODE runs into a limit cycle, so nothing settles (the lead
    strategy's base score of .9 breaks the symmetry that would let RK4 sit on the fixed point).
    """
    nodes = [Node(id=f"s{i}", kind="strategy", title=f"Strategy {i}", base_score=.9 if i == 0 else 1.0)
             for i in range(3)]
    nodes += [Node(id=f"m{i}{k}", title=f"Claim {i}.{k}", base_score=0.0) for i in range(3) for k in range(4)]
    edges = [Edge(id=f"u{i}{k}", source=f"s{i}", target=f"m{i}{k}") for i in range(3) for k in range(4)]
    edges += [Edge(id=f"x{i}{k}", source=f"m{i}{k}", target=f"s{(i + 1) % 3}", relation="attack")
              for i in range(3) for k in range(4)]
    path = tmp_path / "oscillator.json"
    export_map(build_map(nodes, edges, meta={"title": "Oscillator"}), path)
    return path


def test_unsettled_map_gives_a_caveat_and_no_flips(oscillator):
    out = run("sensitivity", oscillator, "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["converged"] is False and data["method"] == "rk4" and data["searched"] is False
    assert data["flips"] == [] and data["complete"] is False
    text = run("sensitivity", oscillator).stdout
    caveat = [line for line in text.splitlines() if line.startswith("Caveat:")]
    assert caveat == ["Caveat: the strengths did not settle (method: rk4); no flips are computed "
                      "from unsettled numbers."]


@pytest.fixture
def ring(tmp_path):
    # every base score 1 but c0's a hair lower: the symmetric ring would tie c0 and c1
    nodes = [Node(id=f"c{i}", kind="strategy" if i < 2 else "claim", title=f"C{i}",
                  base_score=1 - 1e-9 if i == 0 else 1.0) for i in range(21)]
    edges = [Edge(id=f"e{i}", source=f"c{i}", target=f"c{(i + 1) % 21}", relation="attack")
             for i in range(21)]
    path = tmp_path / "ring.json"
    export_map(build_map(nodes, edges, meta={"title": "Ring"}), path)
    return path


def test_settled_ring_reports_converged_and_every_input(ring):
    data = json.loads(run("sensitivity", ring, "--json").stdout)
    assert data["converged"] is True and data["method"] == "rk4" and data["complete"] is True
    assert data["examined"] == data["total"] == 42 and len(data["flips"]) == 20


def test_work_limit_stops_early_and_says_so(ring):
    data = json.loads(run("sensitivity", ring, "--json", "--work", "0.4").stdout)
    assert data["complete"] is False and 0 < data["examined"] < data["total"] == 42
    text = run("sensitivity", ring, "--work", "0.4").stdout
    assert f"Stopped early: {data['examined']} of 42 inputs examined" in text
    bad = run("sensitivity", ring, "--work", "0")
    assert bad.returncode == 1 and bad.stderr.count("\n") == 1 and "--work" in bad.stderr


def tie_map(tmp_path, weight):
    """"Zebra plan" (τ .5, supported by a reason τ .4 with *weight*) against "Aardvark plan"
    (τ .5): weight 0 leaves them tied at .5, which the ranking gives to Aardvark by title."""
    nodes = [Node(id="Z", kind="strategy", title="Zebra plan", base_score=.5),
             Node(id="A", kind="strategy", title="Aardvark plan", base_score=.5),
             Node(id="r", title="A reason", base_score=.4)]
    path = tmp_path / f"tie{weight}.json"
    export_map(build_map(nodes, [Edge(id="rZ", source="r", target="Z", weight=weight)],
                         meta={"title": "Tie"}), path)
    return path


def test_a_value_that_only_ties_is_no_flip_in_sensitivity_and_compare(tmp_path):
    path = tie_map(tmp_path, .5)
    for command in ("sensitivity", "compare"):
        out = run(command, path)
        assert out.returncode == 0, out.stderr
        assert "Zebra plan" in out.stdout and "tie" not in out.stdout
        moves = [line for line in out.stdout.splitlines()
                 if line.split()[:1] in (["base_score"], ["weight"])]
        # only the strategies' own base scores: weight 0 or τ 0 of the reason merely ties
        assert moves and not any("A reason" in m for m in moves), out.stdout
    flips = json.loads(run("sensitivity", path, "--json").stdout)["flips"]
    assert sorted(f["input"] for f in flips) == ["A", "Z"]


def test_strategies_tied_now_are_said_to_tie_not_given_zero_moves(tmp_path):
    path = tie_map(tmp_path, 0.0)
    text = run("sensitivity", path).stdout
    assert "They tie now" in text and " -> " not in text and "No single" not in text
    data = json.loads(run("sensitivity", path, "--json").stdout)
    assert data["tied"] is True and data["flips"] == []
    text = run("compare", path).stdout
    assert text.count("They tie now") == 2 and "No single" not in text
    data = json.loads(run("compare", path, "--json").stdout)
    assert data["head_to_head"]["tied"] and data["leader_changes"]["tied"]
    assert data["head_to_head"]["flips"] == data["leader_changes"]["flips"] == []
