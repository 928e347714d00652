"""`reasonmap compare`, run as a user would, on a small map computed by hand and on the
shipped map.

The small map (DF-QuAD unless said otherwise): strategies a "Act now" (τ .5), b "Build
slowly" (τ .62), c "Collaborate" (τ .55, nothing bears on it); r (τ .4) supports a; o (τ .5)
attacks r and b. So σo = .5, σr = .4(1 − .5) = .2, σa = .5 + .5·.2 = .6, σb = .62·.5 = .31,
σc = .55: a leads, then c, then b.

Contributions (σ minus σ with every relation out of the consideration removed):
  r → a: .6 − .5 = +.1;  o → a: .6 − (.5 + .5·.4) = −.1;  o → b: .31 − .62 = −.31.
Head to head a vs b: o separates them by −.1 − (−.31) = +.21, r by +.1.
b overtakes a alone: τa = x: x + .2(1 − x) = .31 → x = .1375;
  w(o→b) = u: .62(1 − .5u) = .6 → u = 2/31.  (τb ≤ 1 gives σb ≤ .5; τo, τr, w(r→a), w(o→r)
  cannot: σa ≥ .5 > .31 whatever they are, and o lowers b as much as a.)
Leader changes (whoever overtakes a): τa: x + .2(1 − x) = .55 → x = .4375 (c); τc → .6 (c);
  τr = t: .5 + .25t = .55 → t = .2 (c); τo = z: .7 − .2z = .55 → z = .75 (c);
  w(r→a) = v: .5 + .1v = .55 → v = .5 (c); w(o→b) → 2/31 (b).
Other semantics: quadratic energy σr = .4 − .4·h(.5) = .32 (h(x) = x²/(1+x²)), σa = .5 +
  .5·h(.32) = .54644 < .55, so c leads and a is second; the h-categorizer ignores r's support:
  σa = .5, σb = .62/1.5, σc = .55, a second again; Euler-based σa = .55655, a leads. So a and
  c lead under two semantics each; the tie goes to DF-QuAD's leader, a.
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from app.io import export_map
from app.model import Assessment, Edge, Node, Participant
from app.model.build import build_map

SHIPPED = Path(__file__).resolve().parents[1] / "argument_maps" / "prosocial-drives.argdown"


def run(*args):
    return subprocess.run([sys.executable, "-m", "app", *map(str, args)], capture_output=True,
                          text=True, timeout=120)


@pytest.fixture
def small(tmp_path):
    nodes = [Node(id="a", kind="strategy", title="Act now"),
             Node(id="b", kind="strategy", title="Build slowly", base_score=.62),
             Node(id="c", kind="strategy", title="Collaborate", base_score=.55),
             Node(id="r", title="Quick wins", base_score=.4),
             Node(id="o", title="Hidden costs")]
    edges = [Edge(id="ra", source="r", target="a"),
             Edge(id="or", source="o", target="r", relation="attack"),
             Edge(id="ob", source="o", target="b", relation="attack")]
    people = [Participant(id="p1", name="Pia", colour="#336699")]
    amap = build_map(nodes, edges, people, [Assessment("p1", "o", 0.0, "")],
                     meta={"title": "Small"})
    path = tmp_path / "small.json"
    export_map(amap, path)
    return path


def compare_json(*args):
    out = run("compare", *args, "--json")
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_table_of_contributions_matches_the_hand_computation(small):
    data = compare_json(small)
    assert data["converged"] and data["method"] == "exact" and data["semantics"] == "dfquad"
    assert [(s["id"], s["rank"]) for s in data["strategies"]] == [("a", 1), ("c", 2), ("b", 3)]
    assert [s["strength"] for s in data["strategies"]] == pytest.approx([.6, .55, .31])
    rows = {r["id"]: r["contributions"] for r in data["rows"]}
    assert rows.keys() == {"o", "r"}          # nothing bears on c; strategies are columns
    assert rows["o"] == pytest.approx({"a": -.1, "b": -.31})
    assert rows["r"] == pytest.approx({"a": .1})
    assert [r["id"] for r in data["rows"]] == ["o", "r"]     # most influential first


def test_head_to_head_by_title_and_id(small):
    duel = compare_json(small, "Build slowly", "a")["head_to_head"]
    assert (duel["a"], duel["b"]) == ("a", "b")               # the one ahead comes first
    assert [(x["id"], x["difference"]) for x in duel["separating"]] == [
        ("o", pytest.approx(.21)), ("r", pytest.approx(.1))]
    flips = {f["input"]: f["flip_at"] for f in duel["flips"]}
    assert flips == pytest.approx({"a": .1375, "ob": 2 / 31}, abs=1e-6)
    assert duel["complete"] and duel["caveats"] == []


def test_leader_changes_count_a_third_strategy(small):
    leads = compare_json(small)["leader_changes"]
    assert leads["leader"] == "a" and leads["complete"]
    got = {f["input"]: (f["flip_at"], f["leader"]) for f in leads["flips"]}
    expected = {"a": (.4375, "c"), "c": (.6, "c"), "r": (.2, "c"), "o": (.75, "c"),
                "ra": (.5, "c"), "ob": (2 / 31, "b")}
    assert got.keys() == expected.keys()
    for key, (value, leader) in expected.items():
        assert got[key][0] == pytest.approx(value, abs=1e-6) and got[key][1] == leader


def test_robustness_sentence(small):
    robust = compare_json(small)["robustness"]
    assert robust["rankings"]["qe"] == ["c", "a", "b"]
    assert robust["rankings"]["hcat"] == ["c", "a", "b"]
    assert robust["rankings"]["euler"][0] == "a"
    assert robust["sentence"] == ("Act now leads under 2 of 4 semantics; quadratic energy puts "
                                  "it second; the h-categorizer, which ignores supports, puts "
                                  "it second.")


def test_perspective_of_a_participant(small):
    # Pia gives o a base score of 0: σr = .4, σa = .7, and o contributes nothing
    data = compare_json(small, "--participant", "Pia")
    assert data["perspective"] == "Pia's assessments"
    assert data["strategies"][0]["strength"] == pytest.approx(.7)
    rows = {r["id"]: r["contributions"] for r in data["rows"]}
    assert rows["o"] == pytest.approx({"a": 0.0, "b": 0.0}) and rows["r"] == pytest.approx({"a": .2})
    group = compare_json(small, "--group")     # one participant: the group's median is hers
    assert group["strategies"] == data["strategies"]


def test_text_output_shows_table_duel_and_sentence(small):
    out = run("compare", small, "--semantics", "dfquad")
    assert out.returncode == 0, out.stderr
    text = out.stdout
    assert "S1   0.6000  rank 1  Act now" in text
    assert "  -0.1000           -0.3100   Hidden costs" in text
    assert "Head to head: S1 'Act now' ahead of S2 'Collaborate'" in text
    assert "(then 'Build slowly' leads)" in text
    assert "Act now leads under 2 of 4 semantics" in text


@pytest.mark.parametrize("args, message", [
    (["Act now"], "Name two strategies"),
    (["Act now", "Nobody"], "No strategy called 'Nobody'"),
    (["Act now", "act now"], "two different strategies"),
    (["--participant", "Zed"], "No participant called 'Zed'"),
])
def test_bad_requests_are_one_line(small, args, message):
    out = run("compare", small, *args)
    assert out.returncode == 1 and out.stdout == ""
    assert out.stderr.count("\n") == 1 and message in out.stderr


def test_shipped_map_leader_change_by_deploy_later():
    data = compare_json(SHIPPED)
    titles = {s["id"]: s["title"] for s in data["strategies"]}
    rows = {r["id"]: r["title"] for r in data["rows"]}
    changes = [f for f in data["leader_changes"]["flips"] if f["field"] == "weight"]
    found = [f for f in changes if titles.get(f["leader"]) == "Prosocial drives later"
             and f["current"] == 0.6 and 0.07 <= f["flip_at"] <= 0.08]
    assert len(found) == 1
    later = next(i for i, t in titles.items() if t == "Prosocial drives later")
    benefits = next(i for i, t in rows.items() if t == "Benefits forgone meanwhile")
    assert data["rows"] and benefits in rows
    # that relation runs from "Benefits forgone meanwhile" to "Prosocial drives later"
    from app.io import import_file
    amap = import_file(SHIPPED).map
    edge = amap.edges[found[0]["input"]]
    assert (edge.source, edge.target) == (benefits, later)
    assert data["robustness"]["sentence"] == (
        "Best of both worlds leads under 3 of 4 semantics; the h-categorizer, which ignores "
        "supports, puts it last.")


def test_two_strategies_with_equal_strength_are_called_level(tmp_path):
    """'Alpha plan' and 'Beta plan' both get .5 + .5·.6 = .8 from the same reason: the ranking
    lists Alpha first only by its title, and no consideration separates them."""
    nodes = [Node(id="b", kind="strategy", title="Beta plan"), Node(id="a", kind="strategy", title="Alpha plan"),
             Node(id="g", title="Good", base_score=.6)]
    edges = [Edge(id="ga", source="g", target="a"), Edge(id="gb", source="g", target="b")]
    path = tmp_path / "tie.json"
    export_map(build_map(nodes, edges, meta={"title": "Tie"}), path)
    out = run("compare", path)
    assert out.returncode == 0, out.stderr
    assert "Head to head: S1 'Alpha plan' level with S2 'Beta plan' (0.8000 each; listed first only by its title)" in out.stdout
    assert "ahead of S2" not in out.stdout
    assert "(none: no consideration bears more on one than on the other)" in out.stdout
