"""A map whose FILE NAME looks like HTML is named literally everywhere the window shows it:
title bar, status bar, recent-files menu, the inspector's and the assessment round's error
labels, and error dialogs. Errors are real: a trigger planted in the file refuses writes,
so the store's own message (which names the file) reaches the labels."""

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QPushButton

from app.document import Document
from app.model import AddParticipant, SetMeta
from app.render.export import with_layout
from app.ui.plain import menu_text
from app.ui.workshop import AssessmentRound


NAME = "<img src=x>.rmap"


def _refuse_writes(doc) -> None:
    """Plant triggers (as a damaged or hostile file might hold) that make SQLite refuse every
    node edit and every assessment; the map file is locked, so through the open connection."""
    doc.store.conn.executescript(
        "CREATE TRIGGER no_edit BEFORE UPDATE ON nodes BEGIN SELECT RAISE(ABORT, 'refused'); END;"
        "CREATE TRIGGER no_vote BEFORE INSERT ON assessments BEGIN SELECT RAISE(ABORT, 'refused'); END;")


def _labels_naming_the_file():
    return [w for w in QApplication.allWidgets() if isinstance(w, QLabel) and "<img" in w.text()]


def test_an_html_file_name_is_plain_text_everywhere(window, tmp_path, small_map, qtbot):
    path = tmp_path / NAME
    doc = Document.new(path, with_layout(small_map))
    doc.execute(AddParticipant("Ann", participant_id="A"))
    doc.execute(SetMeta("title", ""))            # the window then names the map by its file
    doc.close()
    assert window.file_ops.open_map(str(path))
    assert window.windowTitle() == "<img src=x> \u2014 Reasonmap"
    assert window.saved.text() == f"All changes saved in {NAME}"

    window.file_ops.recent_menu.aboutToShow.emit()
    texts = [a.text() for a in window.file_ops.recent_menu.actions()]
    assert menu_text(NAME) in texts

    _refuse_writes(window.doc)
    window.doc.selection.set(["r1"])
    title = window.inspector.title
    title.setFocus()
    title.selectAll()
    qtbot.keyClicks(title, "A new title")
    qtbot.keyClick(title, Qt.Key_Return)
    assert NAME in window.inspector.error_text()
    assert window.doc.map.nodes["r1"].title == "Reason one"

    dialog = AssessmentRound(window.doc)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.who.setCurrentIndex(dialog.who.findData("A"))
    qtbot.mouseClick(dialog.findChild(QPushButton, "start"), Qt.LeftButton)
    qtbot.keyClicks(dialog.page, "7")
    assert NAME in dialog.progress.text()

    shown = _labels_naming_the_file()
    assert {window.saved, window.inspector.error_label, dialog.progress} <= set(shown)
    for label in shown:
        assert label.textFormat() == Qt.PlainText, label.objectName()


def test_error_dialogs_show_an_html_file_name_literally(qtbot, tmp_path, documents):
    from app.ui.main_window import MainWindow
    bad = tmp_path / "<b>bold<b>.rmap"
    bad.write_bytes(b"not a map at all")
    win = MainWindow()
    qtbot.addWidget(win)
    seen = []

    def read_the_dialog():
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append((box.textFormat(), box.text()))
            box.accept()
        else:
            QTimer.singleShot(20, read_the_dialog)
    QTimer.singleShot(0, read_the_dialog)
    assert not win.file_ops.open_map(str(bad))
    assert seen and seen[0][0] == Qt.PlainText and "<b>bold<b>.rmap" in seen[0][1]
