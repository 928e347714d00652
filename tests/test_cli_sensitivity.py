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
    nodes = [Node(id=f"c{i}", kind="strategy" if i < 2 else "claim", title=f"C{i}", base_score=1.0)
             for i in range(21)]
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
