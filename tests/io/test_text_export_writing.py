"""Text exports go through the same all-or-nothing writer as the pictures (app.safefile)."""

import os

import pytest

from app import safefile
from app.io import export_map
from app.model import Node, ReasonmapError
from app.model.build import build_map


def test_text_exports_write_all_or_nothing(tmp_path, monkeypatch):
    """A text export that fails part-way (here: the flush to disk) keeps the old file and
    leaves no temporary file; two exports never share a temporary name."""
    target = tmp_path / "map.md"
    target.write_text("yesterday")
    def full_disk(fd):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(safefile.os, "fsync", full_disk)
    with pytest.raises(ReasonmapError, match="No space left"):
        export_map(build_map([Node(id="a", title="A")], []), target)
    monkeypatch.setattr(safefile.os, "fsync", os.fsync)
    assert target.read_text() == "yesterday" and [p.name for p in tmp_path.iterdir()] == ["map.md"]
    assert len({safefile.temp_name(target) for _ in range(20)}) == 20
