"""`reasonmap export MAP -o x.csv|x.md --group|--participant NAME` (issue 16): text exports of
a participant's or the group's values, with the aggregation, the latest round and the counts.

The map: strategies S (τ 0.5, supported by r through e) and T (τ 0.8, supported by x, τ 0).
Ann: r 0.2, weight e 0.5. Bo: r 0.8, T 0.6. Cy: r 0.4, T 0.9. Under DF-QuAD S = 0.5 + 0.5·r·w.
- median of inputs: r 0.4, e 0.5, T 0.75, so S = 0.5 + 0.5·0.4·0.5 = 0.6 and T = 0.75;
- median of strengths: S is 0.55 (Ann), 0.9 (Bo), 0.7 (Cy), so 0.7; T is 0.8, 0.6, 0.9, so 0.8;
- Ann alone: S = 0.5 + 0.5·0.2·0.5 = 0.55, T = 0.8.
Assessors: r 3, e 1, T 2; of an input bearing on S (S, r, e) 3 people, on T (T, x, f) 2.
"""

import csv
import io

import pytest

from app.cli import main
from app.document import Document
from app.model import Assessment, Edge, Node, Participant
from app.model.build import build_map


def small_map():
    return build_map([Node(id="S", kind="strategy", title="S", x=0.0, y=0.0),
                      Node(id="T", kind="strategy", title="T", base_score=0.8, x=300.0, y=0.0),
                      Node(id="r", title="r", x=0.0, y=200.0),
                      Node(id="x", title="x", base_score=0.0, x=300.0, y=200.0)],
                     [Edge(id="e", source="r", target="S"), Edge(id="f", source="x", target="T")],
                     participants=[Participant("A", "Ann"), Participant("B", "Bo"),
                                   Participant("C", "=Cy")],
                     assessments=[Assessment("A", "r", 0.2), Assessment("A", "e", 0.5),
                                  Assessment("B", "r", 0.8), Assessment("B", "T", 0.6),
                                  Assessment("C", "r", 0.4), Assessment("C", "T", 0.9)],
                     meta={"title": "Plan"})


@pytest.fixture
def rmap(tmp_path):
    path = tmp_path / "g.rmap"
    Document.new(path, small_map()).close()
    return path


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def rows(path):
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def test_group_csv_names_values_aggregation_round_and_counts(rmap, tmp_path, capsys):
    out = tmp_path / "g.csv"
    assert run(capsys, "export", rmap, "-o", out, "--group")[0] == 0
    got = [(r["id"], r["dfquad"], r["values"], r["aggregation"], r["round"], r["assessors"])
           for r in rows(out)]
    assert got == [("T", "0.750000", "the group's values", "median of inputs, then evaluate", "", "2"),
                   ("S", "0.600000", "the group's values", "median of inputs, then evaluate", "", "3")]
    assert run(capsys, "rounds", rmap, "--open", "First")[0] == 0
    assert run(capsys, "assess", rmap, "--participant", "Ann", "--input", "r", "--value", "0.2",
               "--round", "1")[0] == 0
    assert run(capsys, "export", rmap, "-o", out, "--group", "--aggregation", "strengths")[0] == 0
    got = [(r["id"], r["dfquad"], r["aggregation"], r["round"], r["assessors"]) for r in rows(out)]
    assert got == [("T", "0.800000", "each person's strength, then the median across people", "Round 1: First", "2"),
                   ("S", "0.700000", "each person's strength, then the median across people", "Round 1: First", "3")]


def test_participant_csv_and_formula_safe_names(rmap, tmp_path, capsys):
    out = tmp_path / "a.csv"
    assert run(capsys, "export", rmap, "-o", out, "--participant", "Ann")[0] == 0
    assert [(r["id"], r["dfquad"], r["values"]) for r in rows(out)] == [
        ("T", "0.800000", "Ann's values"), ("S", "0.550000", "Ann's values")]
    assert list(rows(out)[0]) == ["rank", "id", "title", "dfquad", "qe", "euler", "hcat", "values"]
    assert run(capsys, "export", rmap, "-o", out, "--participant", "=Cy")[0] == 0
    assert {r["values"] for r in rows(out)} == {"'=Cy's values"}


def test_group_markdown_shows_group_values_beside_the_maps(rmap, tmp_path, capsys):
    out = tmp_path / "g.md"
    assert run(capsys, "export", rmap, "-o", out, "--group")[0] == 0
    assert out.read_text(encoding="utf-8").splitlines() == [
        "# Plan", "",
        "*Values: the group's values (median of inputs, then evaluate; 3 people assessed); σ under DF-QuAD*", "",
        "- **S** (strategy) — τ 0.50 (group τ 0.50, 0 assessors), σ 0.60",
        "  - + **r** — τ 0.50 (group τ 0.40, 3 assessors), σ 0.40, weight 1.00 (group weight 0.50, 1 assessor)",
        "- **T** (strategy) — τ 0.80 (group τ 0.75, 2 assessors), σ 0.75",
        "  - + **x** — τ 0.00 (group τ 0.00, 0 assessors), σ 0.00"]
    assert run(capsys, "export", rmap, "-o", out, "--participant", "Ann")[0] == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[2] == "*Values: Ann's values; σ under DF-QuAD*"
    assert lines[4:6] == ["- **S** (strategy) — τ 0.50 (Ann τ 0.50), σ 0.55",
                          "  - + **r** — τ 0.50 (Ann τ 0.20), σ 0.20, weight 1.00 (Ann weight 0.50)"]


def test_default_text_exports_are_unchanged(rmap, tmp_path, capsys):
    from app.io.csv_ranking import write_csv
    from app.io.markdown import write_markdown
    amap = small_map()
    for name, writer in (("m.csv", write_csv), ("m.md", write_markdown)):
        assert run(capsys, "export", rmap, "-o", tmp_path / name)[0] == 0
        assert (tmp_path / name).read_bytes() == writer(amap).encode("utf-8")
    assert rows(tmp_path / "m.csv")[0]["dfquad"] == "0.800000"
    assert "values" not in rows(tmp_path / "m.csv")[0]


def test_perspective_refusals_write_nothing(rmap, tmp_path, capsys):
    cases = [(("--group",), "x.dot", "map's own values only"),
             (("--participant", "Zed"), "x.csv", "No participant called 'Zed'"),
             (("--aggregation", "strengths"), "x.csv", "only with --group"),
             (("--group", "--aggregation", "strengths"), "x.svg", "median of inputs")]
    for flags, name, message in cases:
        code, _, err = run(capsys, "export", rmap, "-o", tmp_path / name, *flags)
        assert code != 0 and message in err and len(err.strip().splitlines()) == 1, (flags, err)
        assert not (tmp_path / name).exists()
