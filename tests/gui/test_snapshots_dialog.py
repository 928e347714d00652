"""Snapshots through Map ▸ Workshop ▸ Snapshots…: take two by typing names, compare them."""

from PySide6.QtCore import Qt

from app.model import SetScore
from app.ui.main_window import build_main_window


def test_take_two_snapshots_and_compare(qtbot, doc, errors):
    window = build_main_window()
    qtbot.addWidget(window)
    window.set_document(doc)
    window.show()
    window.registry.run("workshop.snapshots")
    dialog = window.method.snapshots_dialog
    assert errors == [] and dialog.isVisible()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=3000)
    qtbot.keyClicks(dialog.name, "before")
    qtbot.keyClick(dialog.name, Qt.Key_Return)
    doc.execute(SetScore("r2", 0.0))      # s2 = .5 + .5·0 = .5, below s1 = .5 + .5·(.7 − .32) = .69
    qtbot.keyClicks(dialog.name, "after <b>")
    qtbot.keyClick(dialog.name, Qt.Key_Return)
    assert [s.name for s in dialog.snapshots()] == ["before", "after <b>"]
    groups = {dialog.view.topLevelItem(i).text(0): dialog.view.topLevelItem(i)
              for i in range(dialog.view.topLevelItemCount())}
    assert set(groups) == {"Ranking on the map's values (2)", "Values moved (1)"}
    ranking = groups["Ranking on the map's values (2)"]
    rows = [(ranking.child(i).text(0), ranking.child(i).text(1)) for i in range(ranking.childCount())]
    assert rows == [("Strategy one", "#2 \u2192 #1   (0.69 \u2192 0.69)"),
                    ("Strategy two", "#1 \u2192 #2   (0.80 \u2192 0.50)")]
    moved = groups["Values moved (1)"].child(0)
    assert (moved.text(0), moved.text(1)) == ("base score of Reason two", "0.60 \u2192 0.00")
    qtbot.keyClicks(dialog.name, "before")
    qtbot.keyClick(dialog.name, Qt.Key_Return)
    assert "already a snapshot called 'before'" in dialog.message.text()
    doc.undo()
    assert len(doc.map.snapshots) == 1, "a snapshot is an undoable step"
