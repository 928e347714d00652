"""The command line, run as a user would: a subprocess per command."""

import json
import subprocess
import sys

import pytest

from app.io import export_map


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "app", *map(str, args)], capture_output=True,
                          text=True, cwd=cwd, timeout=120)


@pytest.fixture
def map_json(tmp_path, small_map):
    path = tmp_path / "small.json"
    export_map(small_map, path)
    return path


def test_version():
    out = run("--version")
    assert out.returncode == 0 and out.stdout.startswith("reasonmap ")


def test_import_export_check_round_trip(tmp_path, map_json, small_map):
    rmap = tmp_path / "small.rmap"
    out = run("import", map_json, "-o", rmap)
    assert out.returncode == 0, out.stderr
    assert "Imported 5 nodes" in out.stdout
    assert run("check", rmap).returncode == 0
    back = tmp_path / "back.json"
    assert run("export", rmap, "-o", back).returncode == 0
    from app.io import import_file
    again = import_file(back).map
    # the import gave every card a position (so the window shows it as exported) and nothing else
    assert all(n.x is not None and n.y is not None for n in again.nodes.values())
    from app.model.build import with_positions
    assert again == with_positions(small_map, {n.id: (n.x, n.y) for n in again.nodes.values()})


def test_import_refuses_to_overwrite(tmp_path, map_json):
    rmap = tmp_path / "x.rmap"
    assert run("import", map_json, "-o", rmap).returncode == 0
    before = rmap.read_bytes()
    out = run("import", map_json, "-o", rmap)
    assert out.returncode == 1 and "already exists" in out.stderr
    assert rmap.read_bytes() == before


def test_errors_are_one_line_and_write_nothing(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "reasonmap", "version": 1, "nodes": [{"id": "a", "base_score": 9}]}')
    target = tmp_path / "out.rmap"
    out = run("import", bad, "-o", target)
    assert out.returncode == 1
    assert out.stderr.count("\n") == 1 and out.stderr.startswith("reasonmap: error:")
    assert not target.exists() and not list(tmp_path.glob(".*"))


def test_check_fails_on_a_corrupt_file(tmp_path):
    p = tmp_path / "junk.rmap"
    p.write_bytes(b"SQLite format 3\x00" + bytes(200))
    out = run("check", p)
    assert out.returncode == 1 and "reasonmap: error:" in out.stderr


def test_missing_file_is_one_clear_line(tmp_path):
    out = run("evaluate", tmp_path / "nothing.rmap")
    assert out.returncode == 1 and "does not exist" in out.stderr


def test_evaluate_json_shape(map_json):
    out = run("evaluate", map_json, "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert set(data) == {"semantics", "converged", "strengths", "labels", "ranking"}
    assert data["semantics"] == "dfquad" and data["converged"] is True
    # DF-QuAD by hand: s1 = 0.5 + 0.5*(0.7 - 0.8*0.4) = 0.69; s2 = 0.5 + 0.5*0.6 = 0.8
    assert data["strengths"]["s1"] == pytest.approx(0.69)
    assert data["strengths"]["s2"] == pytest.approx(0.8)
    assert [r["id"] for r in data["ranking"]] == ["s2", "s1"]
    assert data["labels"]["o1"] == "in" and data["labels"]["s1"] == "out"


def test_evaluate_table_and_semantics_choice(map_json):
    out = run("evaluate", map_json, "--semantics", "hcat")
    assert out.returncode == 0, out.stderr
    assert "Weighted h-categorizer" in out.stdout and "Strategy two" in out.stdout


def test_evaluate_unknown_participant(map_json):
    out = run("evaluate", map_json, "--participant", "Zed")
    assert out.returncode == 1 and "No participant" in out.stderr


def test_sensitivity_json(map_json):
    out = run("sensitivity", map_json, "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["top"] == ["s2", "s1"]
    flips = {f["input"]: f for f in data["flips"]}
    # r2 (τ .6) supports s2: s2 = 0.5 + 0.5*τ ; s2 = s1 = 0.69 when τ = 0.38
    assert flips["r2"]["flip_at"] == pytest.approx(0.38, abs=1e-6)
    assert flips["r2"]["field"] == "base_score"


def test_help_lists_every_sub_command():
    out = run("--help")
    for command in ("open", "import", "export", "evaluate", "sensitivity", "check"):
        assert command in out.stdout


def test_help_is_wrapped_to_the_terminal_width():
    """The help text fits the width ``COLUMNS`` gives (argparse's formatter is given the width
    without importing shutil: see ``app.cli._Formatter``), and 80 columns without a terminal."""
    import os
    narrow = subprocess.run([sys.executable, "-m", "app", "export", "--help"], capture_output=True,
                            text=True, timeout=120, env={**os.environ, "COLUMNS": "50"})
    plain = subprocess.run([sys.executable, "-m", "app", "export", "--help"], capture_output=True,
                           text=True, timeout=120,
                           env={k: v for k, v in os.environ.items() if k != "COLUMNS"})
    assert narrow.returncode == plain.returncode == 0
    lines = {name: out.stdout.splitlines() for name, out in (("narrow", narrow), ("plain", plain))}
    # (argparse never breaks a bracketed option group: one may overrun a narrow width)
    overrun = [line for line in lines["narrow"] if len(line) > 50 and "[" not in line]
    assert not overrun and max(map(len, lines["narrow"])) < max(map(len, lines["plain"])) <= 80
    assert len(lines["narrow"]) > len(lines["plain"])
    assert "--poster" in narrow.stdout and "--poster" in plain.stdout


def test_export_follows_a_perspective_and_says_whose_values(tmp_path, small_map):
    """`export --participant` / `--group`: the picture's ranking is that perspective's and
    its caption names it; a text export refuses the options instead of ignoring them."""
    import xml.etree.ElementTree as ET

    from app.document import Document
    from app.model import AddParticipant, Assess
    path = tmp_path / "w.rmap"
    doc = Document.new(path, small_map)
    doc.execute(AddParticipant("Ann", participant_id="A"))
    doc.execute(Assess("A", "r1", 0.9))
    doc.execute(Assess("A", "o1", 0.0))
    doc.close()

    def ranking(*options):
        out = tmp_path / "r.svg"
        r = run("export", str(path), "-o", str(out), "--ranking", *options)
        assert r.returncode == 0, r.stderr
        words = [t.strip() for t in ET.parse(out).getroot().itertext() if t.strip()]
        return words[words.index("Ranking") + 1:words.index("Ranking") + 3]

    assert ranking() == ["DF-QuAD, the map's own values", "1. Strategy two"]
    assert ranking("--participant", "Ann") == ["DF-QuAD, Ann's values", "1. Strategy one"]
    out = tmp_path / "g.svg"
    assert run("export", str(path), "-o", str(out), "--ranking", "--group").returncode == 0
    words = [t.strip() for t in ET.parse(out).getroot().itertext() if t.strip()]
    caption = " ".join(words[words.index("Ranking") + 1:next(i for i, w in enumerate(words) if w.startswith("1. "))])
    assert caption == ("DF-QuAD, the group's values (median of inputs, then evaluate; 1 of 1 people "
                       "assessed, 1 per input)"), "the caption wraps, names the aggregation and the counts"
    r = run("export", str(path), "-o", str(tmp_path / "x.argdown"), "--group")
    assert r.returncode != 0 and "map's own values only" in r.stderr
    assert not (tmp_path / "x.argdown").exists()
