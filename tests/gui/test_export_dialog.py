"""Image export from the window: whole map, selection, visible area, ranking beside the map."""

import xml.etree.ElementTree as ET

import pytest

from app.ui import dialogs


def svg_words(path):
    return set(" ".join(ET.parse(path).getroot().itertext()).split())


@pytest.mark.parametrize("what", ["map", "selection", "visible"])
def test_export_what_the_user_chose(window, doc, tmp_path, what):
    window.show()
    doc.selection.set(["r1"])
    canvas = window.canvas
    if what == "visible":
        card = canvas.map_scene.cards["s2"]
        canvas.set_zoom(2.0)
        canvas.centerOn(card)
    out = tmp_path / f"{what}.svg"
    window.file_ops.export(str(out), dialogs.ImageOptions(what=what, ranking=False, legend=False))
    words = svg_words(out)
    titles = {n.id: n.title for n in doc.map.nodes.values()}
    shown = {nid for nid, t in titles.items() if set(t.split()) <= words}
    if what == "map":
        assert shown == set(titles)
    elif what == "selection":
        assert shown == {"r1"}
    else:
        assert "s2" in shown and shown == set(canvas.visible_node_ids()) and shown != set(titles)


def test_ranking_beside_the_map_and_a_page_the_size_of_the_map(window, doc, tmp_path):
    out = tmp_path / "m.svg"
    window.file_ops.export(str(out), dialogs.ImageOptions(ranking=True))
    assert "Ranking" in " ".join(ET.parse(out).getroot().itertext())
    pdf = tmp_path / "m.pdf"
    window.file_ops.export(str(pdf), dialogs.ImageOptions(page_size=None))
    assert pdf.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize("suffix", ["svg", "pdf", "png"])
def test_export_onto_a_full_disk_from_the_menu_names_it_and_keeps_the_old_file(
        window, doc, tmp_path, errors, monkeypatch, suffix):
    """File ▸ Export with the file-size limit of this process lowered for the export (the
    kernel then refuses the write part-way, as a full disk does)."""
    import resource
    target = tmp_path / f"map.{suffix}"
    target.write_bytes(b"yesterday's export")
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *a: str(target))
    monkeypatch.setattr(dialogs, "ask_image_options", lambda *a: dialogs.ImageOptions())
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (1024, hard))
    try:
        window.registry.action("file.export").trigger()
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
    assert len(errors) == 1 and "File too large" in errors[0][1] and target.name in errors[0][1]
    assert target.read_bytes() == b"yesterday's export"
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix not in (".rmap", ".lock", "")) == [target.name]
    assert "Exported" not in window.statusBar().currentMessage()
