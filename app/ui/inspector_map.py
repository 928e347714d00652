"""The inspector's page when nothing is selected: the map itself (its title and description).

The description is where a map's author says what the map is about and how its base scores
and weights were chosen, so a new reader meets it first. Both fields are edited in place;
each edit is one undo step (``SetMeta``, run by the panel), committed when the field is left.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QWidget

HINT = "Select a card or a relation to see and edit its details here."


def map_page(panel, text_edit_class) -> QWidget:
    """Build the page on *panel* (an InspectorPanel): sets panel.empty (the page), panel.map_title
    and panel.map_description."""
    page = QWidget()
    form = QFormLayout(page)
    form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
    hint = QLabel(HINT)
    hint.setWordWrap(True)
    hint.setObjectName("inspectorEmpty")
    panel.empty = page
    panel.map_title = QLineEdit(placeholderText="the map's title")
    panel.map_description = text_edit_class()
    panel.map_description.setPlaceholderText("What the map is about and how its scores were chosen")
    panel.map_description.setTabChangesFocus(True)
    panel.map_description.setMinimumHeight(120)
    form.addRow(hint)
    heading = QLabel("This map")
    heading.setStyleSheet("font-weight: bold; margin-top: 8px;")
    form.addRow(heading)
    for label, widget in (("Title", panel.map_title), ("Description", panel.map_description)):
        widget.setAccessibleName(f"Map {label.lower()}")
        form.addRow(label, widget)
    panel.map_title.editingFinished.connect(
        lambda: panel._edit_meta(panel.map_title, "title", panel.map_title.text().strip()))
    panel.map_description.editing_finished.connect(
        lambda: panel._edit_meta(panel.map_description, "description",
                                 panel.map_description.toPlainText().strip()))
    return page


def load_map(panel, amap) -> None:
    """Show *amap*'s title and description on the page (without committing anything)."""
    title, description = str(amap.meta.get("title", "")), str(amap.meta.get("description", ""))
    if panel.map_title.text() != title:
        panel.map_title.blockSignals(True)
        panel.map_title.setText(title)
        panel.map_title.blockSignals(False)
    set_plain_quietly(panel.map_description, description)


def set_plain_quietly(field, text: str) -> None:
    """Put *text* into a multi-line field without it reporting an edit."""
    if field.toPlainText() != text:
        field.blockSignals(True)
        field.setPlainText(text)
        field.blockSignals(False)

