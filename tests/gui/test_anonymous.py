"""Anonymous mode for the projector: View ▸ Anonymous names turns names into numbers in the
group table, the perspective choice and the words exports use; turning it off brings them back."""

from app.model import AddParticipant, Assess
from app.ui.main_window import build_main_window


def test_anonymous_names_in_projected_views(qtbot, doc):
    doc.execute(AddParticipant("Zoe", participant_id="Z"))
    doc.execute(AddParticipant("Ann", participant_id="A"))
    doc.execute(Assess("Z", "r1", 0.9))
    window = build_main_window()
    qtbot.addWidget(window)
    window.set_document(doc)
    panel = window.weighing.panel
    panel.tabs.setCurrentIndex(2)
    heads = lambda: [panel.group_view.table.horizontalHeaderItem(i).text()       # noqa: E731
                     for i in range(panel.group_view.table.columnCount())]
    combo = lambda: [panel.perspective_box.itemText(i) for i in range(panel.perspective_box.count())]  # noqa: E731
    assert heads() == ["Group", "Ann", "Zoe"]
    window.registry.run("view.anonymous")
    assert window.registry.action("view.anonymous").isChecked()
    assert heads() == ["Group", "Participant 1", "Participant 2"], "numbered in the order they were added"
    assert "Zoe" not in " ".join(combo()) and "Participant 1" in combo()
    doc.weighing.set_perspective("Z")
    assert "Participant 1" in doc.weighing.whose() and "Zoe" not in doc.weighing.whose()
    window.registry.run("view.anonymous")
    assert heads() == ["Group", "Ann", "Zoe"] and "Zoe" in doc.weighing.whose()
