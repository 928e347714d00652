"""File menu work: new, open (and import into a new map file), example, recent, copy, export.

Every edit is written to the map file as it happens, so there is no Save: "Save a copy"
writes a backup. Opening anything that is not a .rmap imports it into a NEW .rmap (beside
the source, or where the user chooses); the source file is never written.
A file that cannot be opened leaves the current map open and says why.

A map that another window or program is editing can be opened read-only (it then shows the
state it had when it was opened); a write-protected map opens read-only and says so.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, QStandardPaths
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox

from ..document import Document
from ..io import FORMATS, IMAGE_FORMATS, export_map, format_for_path
from ..model import Edge, Node, ReasonmapError
from ..model.build import build_map
from ..resources import resource_path
from ..store import SUFFIX, FileInUse, ReadOnlyFile
from . import dialogs
from .import_progress import Cancelled, ImportProgress
from .plain import menu_text, plain_tip

RECENT_KEY, LAST_KEY, MAX_RECENT = "files/recent", "files/last", 10
EXAMPLE = ("argument_maps", "prosocial-drives.argdown")


def documents_folder() -> Path:
    """Where new maps go by default: <Documents>/Reasonmap (created when needed)."""
    base = QStandardPaths.writableLocation(QStandardPaths.DocumentsLocation) or str(Path.home())
    return Path(base) / "Reasonmap"


def unique_path(folder: Path, stem: str, suffix: str = SUFFIX) -> Path:
    """*folder*/*stem*.rmap, or stem-2.rmap, stem-3.rmap … if taken."""
    candidate, n = folder / f"{stem}{suffix}", 1
    while candidate.exists():
        n += 1
        candidate = folder / f"{stem}-{n}{suffix}"
    return candidate


def import_into_new_map(source: Path, target: Path) -> Document:
    """Import *source* into the new map file *target*; a reader that is missing or fails
    raises ReasonmapError and leaves no file behind."""
    try:
        return Document.import_as(source, target, prepare=laid_out)
    except ImportError:
        fmt = format_for_path(source, reading=True)
        raise ReasonmapError(f"This build of Reasonmap cannot read {fmt.label} files yet") from None


def laid_out(amap):
    """*amap* with positions for every node that lacks one (measured with the real fonts)."""
    from ..render.export import with_layout
    return with_layout(amap)


def example_map():
    """A small map used when the shipped example cannot be imported."""
    nodes = [Node(id="q", kind="question", title="Should AI take helpful initiative for third parties?"),
             Node(id="s1", kind="strategy", title="Prosocial drives everywhere"),
             Node(id="s2", kind="strategy", title="Corrigible inside developers, prosocial outside"),
             Node(id="r1", title="Much of the good an agent does comes from taking initiative", base_score=0.6),
             Node(id="o1", title="Drives could raise the risk of AI takeover", base_score=0.55),
             Node(id="r2", title="Inside developers, misalignment danger peaks", base_score=0.65)]
    edges = [Edge(id="e1", source="s1", target="q", relation="answer"),
             Edge(id="e2", source="s2", target="q", relation="answer"),
             Edge(id="e3", source="r1", target="s1"), Edge(id="e4", source="o1", target="s1", relation="attack"),
             Edge(id="e5", source="r2", target="s2")]
    return build_map(nodes, edges, meta={"title": "Proactive prosocial drives (short example)"})


def create_example(folder: Path) -> Document:
    """Import the shipped map into a new .rmap in *folder* (never editing the shipped file);
    fall back to a small generated example if it cannot be imported."""
    folder.mkdir(parents=True, exist_ok=True)
    source = resource_path(*EXAMPLE)
    target = unique_path(folder, source.stem)
    try:
        return import_into_new_map(source, target)
    except ReasonmapError:
        return Document.new(target, laid_out(example_map()))


def ask_open_read_only(parent, message: str) -> bool:
    """Ask whether to open, read-only, a map that is being edited elsewhere (True: yes)."""
    box = QMessageBox(QMessageBox.Question, "The map is being edited", message,
                      QMessageBox.Open | QMessageBox.Cancel, parent)
    box.setInformativeText("Open it read-only? You will see it as it is now, without the "
                           "changes made after you opened it.")
    box.button(QMessageBox.Open).setText("Open read-only")
    box.setTextFormat(_plain_format())
    return box.exec() == QMessageBox.Open


def _plain_format():
    from PySide6.QtCore import Qt
    return Qt.PlainText


def open_filters() -> str:
    readable = [f for f in FORMATS.values() if f.reader]
    everything = " ".join([f"*{SUFFIX}"] + [f"*{s}" for f in readable for s in f.suffixes])
    parts = [f"Maps and importable files ({everything})", f"Reasonmap maps (*{SUFFIX})"]
    parts += [f"{f.label} ({' '.join('*' + s for s in f.suffixes)})" for f in readable]
    return ";;".join(parts + ["All files (*)"])


def export_filters() -> str:
    parts = [f"{label} (*.{name})" for name, label in IMAGE_FORMATS.items()]
    parts += [f"{f.label} ({' '.join('*' + s for s in f.suffixes)})" for f in FORMATS.values() if f.writer]
    return ";;".join(parts)


class FileOps(QObject):
    """The File menu's handlers for one main window (``window.set_document``, ``window.doc``,
    ``window.show_message``)."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self._why_read_only = ""
        self._progress: ImportProgress | None = None     # the import under way
        self.recent_menu = QMenu("Open &recent", window)
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)

    # ----- opening -----------------------------------------------------------------
    def new_map(self, path: str | None = None) -> None:
        path = path or dialogs.ask_save_path(self.window, "New map", str(unique_path(
            self._folder(), "Untitled map")), f"Reasonmap maps (*{SUFFIX})")
        if path:
            target = Path(path) if Path(path).suffix == SUFFIX else Path(path + SUFFIX)
            self.show_document(Document.new(target, overwrite=target.exists()))

    def open_map(self, path: str | None = None) -> bool:
        """Open a map, or import any readable format into a new map; True if it worked."""
        path = path or dialogs.ask_open_path(self.window, "Open a map", str(self._folder()), open_filters())
        if not path:
            return False
        source = Path(path)
        current = self.window.doc
        if current is not None and source.resolve() == current.path.resolve():
            self.window.show_message(f"{source.name} is already open")
            return True
        try:
            doc = self._open_map_file(source) if source.suffix == SUFFIX else self._import(source)
            if doc is None:
                return False
            if self._progress is not None:
                self._progress.showing()
            self.show_document(doc)
        except Cancelled:
            self.window.show_message(f"Import of {source.name} cancelled: no map was made")
            return False
        except ReasonmapError as exc:
            dialogs.show_error(self.window, f"Cannot open {source.name}", str(exc))
            return False
        finally:
            if self._progress is not None:
                self._progress.close()
                self._progress = None
        if doc.read_only:
            self.window.show_message(f"{doc.path.name} is open read-only: {self._why_read_only}")
        return True

    def _open_map_file(self, source: Path) -> Document | None:
        """The map at *source* for editing; read-only if it is write-protected, or (if the
        user agrees) when another window or program is editing it; None if declined."""
        try:
            return Document.open(source)
        except ReadOnlyFile as exc:
            self._why_read_only = str(exc)
        except FileInUse as exc:
            if not ask_open_read_only(self.window, str(exc)):
                return None
            self._why_read_only = "another window or program is editing it"
        return Document.open(source, read_only=True)

    def import_map(self, path: str | None = None) -> bool:
        readable = ";;".join(f for f in open_filters().split(";;") if "Reasonmap maps" not in f)
        path = path or dialogs.ask_open_path(self.window, "Import a map", str(self._folder()), readable)
        return self.open_map(path) if path else False

    def _import(self, source: Path) -> Document | None:
        fmt = format_for_path(source, reading=True)
        stem = source.name[: -len(next(s for s in fmt.suffixes if source.name.lower().endswith(s)))]
        folder = source.parent
        if folder.resolve() == resource_path("argument_maps").resolve():
            folder = documents_folder()          # never write into the shipped maps' folder
            folder.mkdir(parents=True, exist_ok=True)
        target = unique_path(folder, stem or "imported")
        if not os.access(folder, os.W_OK):
            chosen = dialogs.ask_save_path(self.window, "Save the imported map as",
                                           str(unique_path(self._folder(), stem)), f"Reasonmap maps (*{SUFFIX})")
            if not chosen:
                return None
            target = Path(chosen) if chosen.endswith(SUFFIX) else Path(chosen + SUFFIX)
        self._progress = ImportProgress(self.window, source, target)
        doc = self._progress.run(laid_out)       # read and laid out off the GUI thread
        note = f"Imported {source.name} into {target.name}"
        self.window.show_message(note + (f" ({len(doc.import_notes)} notes)" if doc.import_notes else ""))
        return doc

    def open_example(self) -> None:
        self.show_document(create_example(documents_folder()))

    def show_document(self, doc: Document) -> None:
        """Show *doc* in the window. If the views cannot take it, the window goes back to the
        map it showed before and *doc* is closed (ReasonmapError): never a half switch."""
        old = self.window.doc
        try:
            self.window.set_document(doc)
        except Exception as exc:  # a view that cannot show this map: keep the old one
            doc.close()
            if old is not None:
                self.window.set_document(old)
            raise ReasonmapError(f"{doc.path.name} cannot be shown ({type(exc).__name__}: {exc}); "
                                 "the map that was open stays open") from None
        self.remember(doc.path)

    # ----- recent files ------------------------------------------------------------
    def remember(self, path: Path) -> None:
        settings = QSettings()
        entry = str(Path(path).resolve())
        recent = [p for p in recent_files() if p != entry]
        settings.setValue(RECENT_KEY, [entry] + recent[: MAX_RECENT - 1])
        settings.setValue(LAST_KEY, entry)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        files = [p for p in recent_files() if Path(p).exists()]
        for p in files:
            action = self.recent_menu.addAction(menu_text(Path(p).name), lambda p=p: self._open_recent(p))
            action.setToolTip(plain_tip(p))
            action.setStatusTip(p)
        if not files:
            self.recent_menu.addAction("No recent maps").setEnabled(False)
        self.recent_menu.addSeparator()
        self.recent_menu.addAction("Clear the list", lambda: QSettings().setValue(RECENT_KEY, []))

    def _open_recent(self, path: str) -> None:
        self.open_map(path)
        self.window.registry.refresh()

    # ----- copies and exports --------------------------------------------------------
    def save_as(self, path: str | None = None) -> None:
        doc = self.window.doc
        suggestion = str(doc.path.with_name(f"{doc.path.stem} copy{SUFFIX}"))
        path = path or dialogs.ask_save_path(self.window, "Save a copy", suggestion, f"Reasonmap maps (*{SUFFIX})")
        if path:
            written = doc.save_as(path)
            self.window.show_message(f"Saved a copy as {written}; you keep working in {doc.path.name}")

    def export(self, path: str | None = None, options: dialogs.ImageOptions | None = None) -> None:
        doc = self.window.doc
        suggestion = str(doc.path.with_suffix(".png"))
        path = path or dialogs.ask_save_path(self.window, "Export the map", suggestion, export_filters())
        if not path:
            return
        fmt = Path(path).suffix.lower().lstrip(".")
        if fmt in IMAGE_FORMATS:
            options = options or dialogs.ask_image_options(self.window, fmt, bool(doc.selection.nodes))
            if options is None:
                return
            self._export_image(doc, path, fmt, options)
        else:
            export_map(doc.map, path, view=_text_view(doc, path))
        self.window.show_message(f"Exported the map to {path}")

    def _export_image(self, doc, path: str, fmt: str, o: dialogs.ImageOptions) -> None:
        """Draw the map (or the selected or visible cards) as the canvas shows it, with the
        strengths the window shows (its semantics and perspective), its acceptability labels
        if the canvas shows them and, if asked, the strategy ranking beside it, captioned with
        both."""
        from ..render.export import export_image
        strengths, ranking, caption = doc.weighing.shown()
        node_ids = {"map": None, "selection": list(doc.selection.nodes),
                    "visible": self.window.canvas.visible_node_ids()}[o.what]
        if node_ids is not None and not node_ids:
            raise ReasonmapError("There are no cards to export: select some or show some first")
        labels = doc.weighing.labels if self.window.canvas.map_scene.show_labels else None
        export_image(doc.map, path, fmt=fmt, scale=o.scale, transparent=o.transparent,
                     node_ids=node_ids, legend=o.legend, ranking=ranking if o.ranking else None,
                     strengths=strengths, ranking_caption=caption, labels=labels,
                     page_size=o.page_size or ("A4" if o.poster else None), landscape=o.landscape,
                     fit_to_page=o.fit_to_page, poster=o.poster and fmt == "pdf",
                     values=doc.weighing.overrides())

    def quit(self) -> None:
        QApplication.closeAllWindows()

    def _folder(self) -> Path:
        doc = self.window.doc
        return doc.path.parent if doc is not None else documents_folder()


def recent_files() -> list[str]:
    """The recently opened map files, newest first."""
    value = QSettings().value(RECENT_KEY, [])
    if isinstance(value, str):
        value = [value] if value else []
    return [str(v) for v in (value or [])]


def last_map() -> Path | None:
    """The map open when the app was last closed, if it still exists."""
    value = QSettings().value(LAST_KEY, "")
    return Path(value) if value and Path(value).is_file() else None


def _text_view(doc, path: str):
    """The weighing panel's perspective for a CSV or Markdown export (None: the map's own)."""
    from ..document.weighing import GROUP, MAP
    from ..io import view_of
    perspective = doc.weighing.perspective
    if perspective == MAP or format_for_path(Path(path)).name not in ("csv", "markdown"):
        return None
    if perspective == GROUP:
        return view_of(doc.map, group=True)
    return view_of(doc.map, perspective, shown_as=doc.weighing.name_of(perspective))
