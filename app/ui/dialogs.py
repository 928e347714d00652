"""Dialogs: errors, file choosers and export options (the shortcut sheet is in ``shortcut_sheet``).

Every place that asks the user something goes through a function of this module, so tests
can replace that one function (``monkeypatch.setattr(dialogs, "show_error", ...)``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QDoubleSpinBox,
                               QFileDialog, QFormLayout, QMessageBox,
                               QVBoxLayout, QWidget)

PAGE_SIZES = ("Fit the map", "A4", "A3", "Letter")


def show_error(parent: QWidget | None, title: str, message: str) -> None:
    """A modal message naming the problem (plain text, never HTML)."""
    box = QMessageBox(QMessageBox.Warning, title, message, QMessageBox.Ok, parent)
    box.setTextFormat(_plain())
    box.exec()


def show_info(parent: QWidget | None, title: str, message: str) -> None:
    box = QMessageBox(QMessageBox.Information, title, message, QMessageBox.Ok, parent)
    box.setTextFormat(_plain())
    box.exec()


def _plain():
    from PySide6.QtCore import Qt
    return Qt.PlainText


def ask_open_path(parent: QWidget | None, title: str, folder: str, filters: str) -> str | None:
    """A file to open, or None if the user cancelled."""
    path, _ = QFileDialog.getOpenFileName(parent, title, folder, filters)
    return path or None


def ask_save_path(parent: QWidget | None, title: str, suggestion: str, filters: str) -> str | None:
    """A file to write (the dialog asks before replacing one), or None if cancelled."""
    path, _ = QFileDialog.getSaveFileName(parent, title, suggestion, filters)
    return path or None


@dataclass
class ImageOptions:
    """The choices of the image export dialog, as keyword arguments of ``export_image``."""

    scale: float = 2.0
    transparent: bool = False
    what: str = "map"          # "map" | "selection" | "visible"
    legend: bool = True
    ranking: bool = True
    page_size: str | None = None
    landscape: bool = True
    fit_to_page: bool = True
    poster: bool = False       # PDF: actual size across overlapping pages, with marks
    extra: dict = field(default_factory=dict)


WHAT = {"map": "The whole map", "selection": "The selected cards", "visible": "The visible area"}


class ImageExportDialog(QDialog):
    """Options for a PNG, SVG or PDF picture of the map."""

    def __init__(self, parent: QWidget | None, fmt: str, has_selection: bool) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Export as {fmt.upper()}")
        form = QFormLayout()
        self.scale = QDoubleSpinBox(minimum=0.25, maximum=8.0, singleStep=0.25, value=2.0)
        self.scale.setSuffix(" ×")
        self.transparent = QCheckBox("Transparent background")
        self.what = QComboBox()
        for key, label in WHAT.items():
            self.what.addItem(label, key)
        self.what.model().item(1).setEnabled(has_selection)
        self.legend = QCheckBox("Include a legend", checked=True)
        self.ranking = QCheckBox("Show the strategy ranking beside the map", checked=True)
        self.page = QComboBox()
        self.page.addItems(PAGE_SIZES)
        self.landscape = QCheckBox("Landscape", checked=True)
        self.fit = QCheckBox("Shrink the map to fit the page", checked=True)
        self.poster = QCheckBox("Poster: the map at actual size across overlapping pages")
        self.poster.setToolTip("Readable when printed: a guide page, then sheets that overlap "
                               "by 12 mm with a dashed line where the next sheet starts")
        self.poster.toggled.connect(lambda on: self.fit.setEnabled(not on))
        if fmt == "png":
            form.addRow("Scale", self.scale)
            form.addRow("", self.transparent)
        form.addRow("What", self.what)
        form.addRow("", self.legend)
        form.addRow("", self.ranking)
        if fmt == "pdf":
            form.addRow("Page size", self.page)
            form.addRow("", self.landscape)
            form.addRow("", self.fit)
            form.addRow("", self.poster)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def options(self) -> ImageOptions:
        page = self.page.currentText()
        return ImageOptions(scale=self.scale.value(), transparent=self.transparent.isChecked(),
                            what=self.what.currentData(), legend=self.legend.isChecked(),
                            ranking=self.ranking.isChecked(),
                            page_size=None if page == PAGE_SIZES[0] else page,
                            landscape=self.landscape.isChecked(), fit_to_page=self.fit.isChecked(),
                            poster=self.poster.isChecked())


def ask_image_options(parent: QWidget | None, fmt: str, has_selection: bool) -> ImageOptions | None:
    """The export options for an image, or None if the user cancelled."""
    dialog = ImageExportDialog(parent, fmt, has_selection)
    return dialog.options() if dialog.exec() == QDialog.Accepted else None


DELETE_CHOICE_KEY = "editing/delete_with_reasons"      # "", "subtree" or "keep"
DELETE_CHOICES = ("subtree", "keep")


def remembered_delete_choice() -> str | None:
    """What to do with the reasons of a deleted card, if the user said "don't ask again"."""
    from PySide6.QtCore import QSettings
    value = QSettings().value(DELETE_CHOICE_KEY, "")
    return value if value in DELETE_CHOICES else None


def forget_delete_choice() -> None:
    """Ask again the next time a card with reasons is deleted."""
    from PySide6.QtCore import QSettings
    QSettings().remove(DELETE_CHOICE_KEY)


def delete_question(titles: list[str], below: int) -> str:
    """The question asked before deleting the cards *titles* with *below* cards under them.

    >>> delete_question(["Tea is good"], 2)
    '“Tea is good” has 2 reasons or objections below it. Delete them too, or keep them as loose cards?'
    """
    words = "reason or objection" if below == 1 else "reasons or objections"
    who = f"\u201c{titles[0] or '(untitled)'}\u201d has" if len(titles) == 1 \
        else f"The {len(titles)} selected cards have"
    them = "it" if len(titles) == 1 else "them"
    return f"{who} {below} {words} below {them}. Delete them too, or keep them as loose cards?"


def ask_delete_reasons(parent: QWidget | None, titles: list[str], below: int) -> str | None:
    """Ask what happens to the *below* cards under the cards being deleted: "subtree" (delete
    them too), "keep" (they stay, unconnected) or None (cancel). With "Don't ask again"
    ticked, the answer is kept in the settings."""
    box = QMessageBox(QMessageBox.Question, "Delete cards with reasons",
                      delete_question(titles, below), QMessageBox.NoButton, parent)
    box.setObjectName("deleteReasons")
    box.setTextFormat(_plain())
    subtree = box.addButton(f"Delete all {len(titles) + below} cards", QMessageBox.DestructiveRole)
    keep = box.addButton("Keep them as loose cards", QMessageBox.AcceptRole)
    box.addButton(QMessageBox.Cancel)
    subtree.setObjectName("subtree")
    keep.setObjectName("keep")
    box.setDefaultButton(keep)
    remember = QCheckBox("Don't ask again (Edit \u25b8 Ask again before deleting reasons)")
    remember.setObjectName("remember")
    box.setCheckBox(remember)
    box.exec()
    choice = {subtree: "subtree", keep: "keep"}.get(box.clickedButton())
    if choice and remember.isChecked():
        from PySide6.QtCore import QSettings
        QSettings().setValue(DELETE_CHOICE_KEY, choice)
    return choice


def show_about(parent: QWidget | None) -> None:
    from app.about import about_text
    show_info(parent, "About Reasonmap", about_text())
