"""Exports are written whole or not at all, and an SVG stays well-formed whatever the titles hold.

The full disk is real: the CLI runs in a subprocess whose file-size limit (RLIMIT_FSIZE) is
below the size of the picture, so the kernel refuses the write part-way (EFBIG), exactly as a
full disk refuses it with ENOSPC.
"""

import errno
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest
from defusedxml import ElementTree

from app.document import Document
from app.model import Edge, ModelError, Node
from app.model.build import build_map
from app.render import ExportError, export_image
from app import safefile
from app.render import devices, writing

HOSTILE = "nul\x00here \x01\x08\x0b\x0c\x1b\x1f bell\x07 \ufffe\uffff end"


def many_cards(n=30):
    nodes = [Node(id=f"n{i}", title=f"Card number {i} with a few words", text="Some text " * 8,
                  x=float(260 * (i % 6)), y=float(200 * (i // 6))) for i in range(n)]
    edges = [Edge(id=f"e{i}", source=f"n{i}", target=f"n{i - 6}") for i in range(6, n)]
    return build_map(nodes, edges, meta={"title": "Big enough"})


def test_control_characters_in_titles_keep_the_svg_well_formed(tmp_path):
    amap = build_map([Node(id="a", title=HOSTILE, text=HOSTILE, x=0.0, y=0.0),
                      Node(id="b", title="plain", x=0.0, y=200.0)],
                     [Edge(id="e", source="b", target="a", label=HOSTILE)], meta={"title": HOSTILE})
    path = export_image(amap, tmp_path / "odd.svg", legend=True, ranking=[(HOSTILE, 0.5)])
    root = ElementTree.parse(str(path)).getroot()          # raises if ill-formed
    text = " ".join(root.itertext())
    assert "nul\u2400here" in text                           # NUL shown as the NUL picture
    assert "\u241b" in text and "\u2407" in text and "\ufffd" in text
    assert "\x00" not in path.read_text(encoding="utf-8")


def test_a_truncated_picture_is_never_accepted():
    amap = many_cards(4)
    from app.render.export import _Composition
    comp = _Composition(amap, None, {}, False, None)
    for kind, data in (("png", devices.png_bytes(comp, 1.0, None, False, 10**8, [])),
                       ("pdf", devices.pdf_bytes(comp, "A4", True, True, "t"))):
        assert devices._whole(data, kind) == data
        with pytest.raises(ExportError, match="incomplete"):
            devices._whole(data[: len(data) * 2 // 3], kind)


def _limited(limit):
    def set_limit():
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.getrlimit(resource.RLIMIT_FSIZE)[1]))
    return set_limit


@pytest.fixture
def big_rmap(tmp_path):
    doc = Document.new(tmp_path / "big.rmap", many_cards())
    doc.close()
    return tmp_path / "big.rmap"


@pytest.mark.parametrize("suffix", ["svg", "pdf", "png", "md"])
def test_cli_export_onto_a_full_disk_fails_cleanly(tmp_path, big_rmap, suffix):
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    target = out_dir / f"map.{suffix}"
    target.write_bytes(b"the previous export")
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "QT_QPA_PLATFORM": "offscreen"}
    run = subprocess.run([sys.executable, "-m", "app", "export", str(big_rmap), "-o", str(target)],
                         capture_output=True, text=True, timeout=120, env=env,
                         preexec_fn=_limited(2048))
    assert run.returncode != 0
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("reasonmap: error:"), run.stderr
    assert "Wrote" not in run.stdout
    assert target.read_bytes() == b"the previous export"
    assert sorted(p.name for p in out_dir.iterdir()) == [target.name]


def test_cli_export_without_a_limit_writes_the_whole_file(tmp_path, big_rmap):
    target = tmp_path / "map.svg"
    run = subprocess.run([sys.executable, "-m", "app", "export", str(big_rmap), "-o", str(target)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert target.stat().st_size > 2048                      # so the limit above really bites
    ElementTree.parse(str(target))


def test_a_write_that_fails_at_flush_leaves_nothing(tmp_path, monkeypatch):
    target = tmp_path / "map.pdf"
    target.write_bytes(b"old")

    def full_disk(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    monkeypatch.setattr(safefile.os, "fsync", full_disk)
    with pytest.raises(ExportError) as err:
        export_image(many_cards(6), target)
    assert "No space left on device" in str(err.value) and "left as it was" in str(err.value)
    assert target.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["map.pdf"]


def test_short_writes_are_completed(tmp_path, monkeypatch):
    real_write = os.write
    monkeypatch.setattr(safefile.os, "write", lambda fd, data: real_write(fd, bytes(data[:1000])))
    path = export_image(many_cards(6), tmp_path / "map.svg")
    ElementTree.parse(str(path))


def test_temporary_names_are_unique_and_beside_the_target(tmp_path):
    target = tmp_path / ("x" * 250 + ".svg")
    names = {writing.temp_name(target) for _ in range(50)}
    assert len(names) == 50
    assert all(n.parent == tmp_path and len(n.name) < 255 and n.name.startswith(".") for n in names)
    export_image(many_cards(2), target)                      # a long name still exports
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


def test_read_only_targets_and_folders_are_refused_before_drawing(tmp_path):
    target = tmp_path / "locked.png"
    target.write_bytes(b"keep me")
    target.chmod(0o444)                                      # refused even for root
    with pytest.raises(ExportError, match="read-only"):
        export_image(many_cards(2), target)
    assert target.read_bytes() == b"keep me"
    (tmp_path / "dir.svg").mkdir()
    with pytest.raises(ExportError, match="is a folder"):
        export_image(many_cards(2), tmp_path / "dir.svg")


def test_an_unwritable_folder_gives_one_message(tmp_path):
    folder = tmp_path / "shut"
    folder.mkdir()
    folder.chmod(0o555)
    if os.access(folder, os.W_OK):       # root ignores the mode: /sys refuses new files to all
        folder = Path("/sys")
    try:
        before = sorted(os.listdir(folder))
        with pytest.raises(ExportError, match="Permission denied; nothing was written"):
            export_image(many_cards(2), folder / "map.svg")
        assert sorted(os.listdir(folder)) == before
    finally:
        (tmp_path / "shut").chmod(0o755)


def test_a_device_or_pipe_is_never_replaced(tmp_path):
    fifo = tmp_path / "pipe.svg"
    os.mkfifo(fifo)
    for target in (fifo, Path("/dev/null")):
        with pytest.raises(ExportError, match="not a regular file"):
            export_image(many_cards(2), target, fmt="svg")
    assert fifo.is_fifo() and Path("/dev/null").is_char_device()
    assert not [p for p in Path("/dev").iterdir() if p.name.endswith(".part")]


def test_a_symbolic_link_is_written_through(tmp_path):
    real = tmp_path / "real.svg"
    real.write_text("old")
    link = tmp_path / "link.svg"
    link.symlink_to(real)
    export_image(many_cards(2), link)
    assert link.is_symlink() and ElementTree.parse(str(real)).getroot() is not None


@pytest.mark.parametrize("x", [9.9e6, -5e6])
def test_absurd_positions_give_one_message(tmp_path, x):
    """Positions the model accepts (within ±1e7) can still make a picture too large to draw."""
    amap = build_map([Node(id="a", title="near", x=0.0, y=0.0), Node(id="b", title="far", x=x, y=0.0)], [])
    for suffix in ("svg", "pdf", "png"):
        with pytest.raises(ExportError, match="more than a million pixels"):
            export_image(amap, tmp_path / f"far.{suffix}")
    assert list(tmp_path.iterdir()) == []


def test_positions_the_model_refuses_never_reach_an_export():
    with pytest.raises(ModelError, match="finite number"):
        build_map([Node(id="a", title="far", x=1e300, y=0.0)], [])
