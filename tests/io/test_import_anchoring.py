"""Imports that come with their source text are anchored to it."""

from app.io import import_file


def test_aif_with_its_text_beside_it_is_anchored(tmp_path):
    import shutil
    from pathlib import Path
    fixtures = Path(__file__).resolve().parents[1] / "fixtures" / "aif"
    for suffix in (".json", ".txt"):
        shutil.copy(fixtures / f"microtexts-nodeset6361{suffix}", tmp_path / f"m{suffix}")
    result = import_file(tmp_path / "m.json")
    (source,) = result.map.sources.values()
    anchored = [n for n in result.map.nodes.values() if n.anchor]
    assert anchored and any("Anchored" in note for note in result.notes)
    for n in anchored:
        a = n.anchor
        assert source.text[a["start"]:a["end"]] == a["quote"]
    (tmp_path / "m.txt").unlink()
    assert import_file(tmp_path / "m.json").map.sources == {}
