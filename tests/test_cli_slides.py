"""`reasonmap export --slides` and `--poster`, run as a user would."""

import os
import re
import struct
import subprocess
import sys
from pathlib import Path

from app.io import export_map
from app.model import Assessment, Edge, Node, Participant
from app.model.build import build_map

SHIPPED = Path(__file__).resolve().parents[1] / "argument_maps" / "prosocial-drives.argdown"


def run(*args):
    return subprocess.run([sys.executable, "-m", "app", *map(str, args)], capture_output=True,
                          text=True, timeout=120, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})


def pages(path) -> int:
    return len(re.findall(rb"/Type\s*/Page(?!s)", path.read_bytes()))


def png_size(path) -> tuple[int, int]:
    return struct.unpack(">II", path.read_bytes()[16:24])


def test_slides_of_the_shipped_map_as_pdf_and_pngs(tmp_path):
    r = run("export", SHIPPED, "-o", tmp_path / "deck.pdf", "--slides")
    assert r.returncode == 0, r.stderr
    assert pages(tmp_path / "deck.pdf") == 5            # the ranking, then 4 strategies
    r = run("export", SHIPPED, "-o", tmp_path / "deck.png", "--slides")
    assert r.returncode == 0, r.stderr
    names = sorted(p.name for p in tmp_path.glob("deck-*.png"))
    assert names == [f"deck-0{i}.png" for i in range(1, 6)]
    assert all(png_size(tmp_path / n) == (1920, 1080) for n in names)
    assert "Wrote 5 slides" in r.stdout


def test_slides_follow_the_participant(tmp_path):
    nodes = [Node(id="a", kind="strategy", title="Act"), Node(id="b", kind="strategy", title="Bide"),
             Node(id="r", title="Reason", base_score=0.2)]
    amap = build_map(nodes, [Edge(id="e", source="r", target="a")],
                     [Participant(id="p", name="Pia", colour="#336699")], [Assessment("p", "r", 1.0, "")],
                     meta={"title": "Tiny"})
    src = tmp_path / "tiny.json"
    export_map(amap, src)
    mine, hers = tmp_path / "map.png", tmp_path / "pia.png"
    assert run("export", src, "-o", mine, "--slides").returncode == 0
    assert run("export", src, "-o", hers, "--slides", "--participant", "Pia").returncode == 0
    # the title slides differ (her values make "Act" stronger), the empty "Bide" slides too
    assert (tmp_path / "map-01.png").read_bytes() != (tmp_path / "pia-01.png").read_bytes()
    r = run("export", src, "-o", tmp_path / "x.pdf", "--slides", "--participant", "Nobody")
    assert r.returncode != 0 and "No participant called 'Nobody'" in r.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_poster_across_pages(tmp_path):
    fit, poster = tmp_path / "fit.pdf", tmp_path / "poster.pdf"
    assert run("export", SHIPPED, "-o", fit).returncode == 0
    r = run("export", SHIPPED, "-o", poster, "--poster", "--page", "A3")
    assert r.returncode == 0, r.stderr
    assert pages(fit) == 1 and pages(poster) > 2
    r = run("export", SHIPPED, "-o", tmp_path / "p.png", "--poster")
    assert r.returncode != 0 and "--poster writes a PDF" in r.stderr
    r = run("export", SHIPPED, "-o", tmp_path / "p.pdf", "--poster", "--slides")
    assert r.returncode != 0 and not (tmp_path / "p.pdf").exists()


def test_a_page_size_without_poster_is_refused_and_writes_nothing(tmp_path):
    r = run("export", SHIPPED, "-o", tmp_path / "fit.pdf", "--page", "A3")
    assert r.returncode != 0 and "--page sets the sheet size of --poster" in r.stderr
    assert not (tmp_path / "fit.pdf").exists()


def test_picture_options_that_would_be_ignored_are_refused_and_nothing_is_written(tmp_path):
    for out, options, named in [
            ("deck.pdf", ["--slides", "--legend"], "--legend does not apply to --slides"),
            ("deck.png", ["--slides", "--ranking", "--scale", "2"],
             "--ranking and --scale do not apply to --slides"),
            ("deck.png", ["--slides", "--legend", "--ranking", "--scale", "1", "--transparent"],
             "--legend, --ranking, --scale and --transparent do not apply to --slides"),
            ("map.pdf", ["--scale", "3"], "--scale does not apply to a PDF"),
            ("map.pdf", ["--poster", "--transparent"], "--transparent does not apply to a PDF"),
            ("map.json", ["--legend"], "--legend does not apply to a json export")]:
        r = run("export", SHIPPED, "-o", tmp_path / out, *options)
        assert r.returncode != 0 and named in r.stderr, (options, r.stderr)
        assert len(r.stderr.strip().splitlines()) == 1
        assert list(tmp_path.iterdir()) == [], options
    # where they mean something they are honoured
    r = run("export", SHIPPED, "-o", tmp_path / "map.pdf", "--poster", "--legend", "--ranking")
    assert r.returncode == 0, r.stderr
    r = run("export", SHIPPED, "-o", tmp_path / "map.png", "--scale", "0.5", "--transparent")
    assert r.returncode == 0, r.stderr
