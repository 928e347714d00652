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


def ranking_lines(path):
    words = [t.strip() for t in ET.parse(path).getroot().itertext() if t.strip()]
    start = words.index("Ranking")
    return words[start + 1:start + 6]


def test_the_exported_ranking_is_the_one_on_screen(doc, documents, errors, tmp_path, qtbot):
    """Choosing a participant's values in the weighing panel (keyboard on the real combo box)
    changes the exported strengths and ranking too, and the ranking says whose they are."""
    from PySide6.QtCore import Qt

    from app.model import AddParticipant, Assess
    from app.ui.main_window import build_main_window
    window = build_main_window()                   # the composed window, weighing panel and all
    qtbot.addWidget(window)
    window.set_document(doc)
    doc.execute(AddParticipant("Ann", participant_id="A"))
    doc.execute(Assess("A", "r1", 0.9))
    doc.execute(Assess("A", "o1", 0.0))
    before = tmp_path / "map.svg"
    window.file_ops.export(str(before), dialogs.ImageOptions(ranking=True))
    lines = ranking_lines(before)
    assert lines[0] == "DF-QuAD, the map's own values" and lines[1].startswith("1. Strategy two")
    window.show()
    box = window.weighing.panel.perspective_box
    box.setFocus()
    qtbot.keyClick(box, Qt.Key_Down)          # "Ann", the next entry after the map's values
    assert doc.weighing.perspective == "A"
    after = tmp_path / "ann.svg"
    window.file_ops.export(str(after), dialogs.ImageOptions(ranking=True))
    lines = ranking_lines(after)
    assert lines[0] == "DF-QuAD, Ann's values" and lines[1].startswith("1. Strategy one")
    assert "0.95" in lines and "0.95" not in ranking_lines(before)
