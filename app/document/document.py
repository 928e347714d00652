"""The open document: map + file + history + selection + weighing + events (Qt-free).

Every edit goes through ``execute``: the command computes a ChangeSet, the store commits it,
then the in-memory map applies it, then subscribers hear about it. Undo and redo write the
inverse change set the same way. The document's one :class:`~app.document.weighing.Weighing`
(made with it, closed with it) is the first subscriber, so every view that reads strengths
finds them up to date; it does nothing for a change set that cannot move a strength.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from ..io import import_file
from ..model import ArgumentMap, ChangeSet, Command, ReasonmapError
from ..store import SUFFIX, Store, regular_file
from .changelog import ChangeLog
from .events import DocumentEvent, Signal
from .history import History
from .selection import Selection
from .weighing import Weighing


class Document:
    def __init__(self, store: Store, amap: ArgumentMap) -> None:
        self.store = store
        self.map = amap
        self.history = History()
        self.selection = Selection()
        self.changed = Signal()        # callback(DocumentEvent), after commit
        self.previewed = Signal()      # callback(overrides dict), uncommitted what-if values
        self.import_notes: list[str] = []
        self.weighing = Weighing(self)  # results per perspective, as long as the document lives
        self.log = ChangeLog()          # who edits, and the change log kept in the file
        self.log.restore(store, self.history)
        self.session = None             # a live session (app.live) edits go through while attached

    # ----- life cycle ----------------------------------------------------------------
    @classmethod
    def open(cls, path, *, read_only: bool = False) -> "Document":
        """Open *path* for editing (holding its edit lock until ``close``) or read-only."""
        return cls._loaded(Store.open(path, read_only=read_only))

    @classmethod
    def new(cls, path, amap: ArgumentMap | None = None, *, overwrite: bool = False) -> "Document":
        """Create a new .rmap at *path* (empty, or holding *amap*) and open it; a map open
        for editing elsewhere is never replaced (FileInUse)."""
        return cls._loaded(Store.create(path, amap, overwrite=overwrite), amap)

    @classmethod
    def _loaded(cls, store: Store, written: ArgumentMap | None = None) -> "Document":
        """A document over *store* (its map read, or *written* as the store just wrote it: no
        reading back), or the store closed (its lock released) and the error raised."""
        try:
            return cls(store, store.load() if written is None else store.as_written(written))
        except BaseException:
            store.close()
            raise

    @classmethod
    def import_as(cls, source, target, fmt: str | None = None, *, overwrite: bool = False,
                  prepare: Callable[[ArgumentMap], ArgumentMap] | None = None) -> "Document":
        """Import *source* (any readable format) into a new .rmap at *target*; *prepare* may
        transform the map first (e.g. give it a layout) so that is not an undo step."""
        regular_file(Path(source), "source")
        result = import_file(source, fmt)
        amap = prepare(result.map) if prepare else result.map
        doc = cls.new(target, amap, overwrite=overwrite)
        doc.import_notes = list(result.notes)
        return doc

    @property
    def path(self) -> Path:
        return self.store.path

    @property
    def read_only(self) -> bool:
        return self.store.read_only

    @property
    def title(self) -> str:
        return self.map.meta.get("title") or self.path.stem

    @property
    def author(self) -> str:
        """The name the document's edits are logged under (settable, e.g. a live peer's)."""
        return self.log.author

    @author.setter
    def author(self, name: str) -> None:
        self.log.author = name

    def close(self) -> None:
        if self.session is not None:
            self.session.close()
        self.weighing.close()
        self.store.close()

    def save_as(self, target) -> Path:
        """A backup copy of the file at *target* (this document stays open)."""
        target = Path(target)
        if target.suffix != SUFFIX:
            target = target.with_name(target.name + SUFFIX)
        return self.store.save_as(target)

    # ----- editing -------------------------------------------------------------------
    def execute(self, command: Command, *, updates: tuple[bytes, ...] = ()) -> ChangeSet:
        """Validate, commit and apply *command*; raises ReasonmapError and changes nothing.
        *updates* (raw live-session updates behind it, outside a session) go into the same
        transaction."""
        cs = command.changes(self.map)
        if cs and self.session is not None:
            return self.session.execute(cs)
        if cs:
            self._commit(cs, "do", updates)
            self.history.push(cs)
            self._after(DocumentEvent("execute", cs))
        return cs

    # ----- undo and redo -------------------------------------------------------------
    # In a live session undo is per person: the session's own history answers.
    @property
    def can_undo(self) -> bool:
        return (self.session or self.history).can_undo

    @property
    def can_redo(self) -> bool:
        return (self.session or self.history).can_redo

    @property
    def undo_label(self) -> str:
        """What Undo would take back ('' when nothing)."""
        return (self.session or self.history).undo_label

    @property
    def redo_label(self) -> str:
        return (self.session or self.history).redo_label

    def undo(self) -> ChangeSet | None:
        if self.session is not None:
            return self.session.undo()
        if not self.history.can_undo:
            return None
        cs = self.history.pop_undo()
        try:
            self._commit(cs.inverse(), "undo")
        except ReasonmapError:
            self.history.restore_undo()
            raise
        self._after(DocumentEvent("undo", cs.inverse()))
        return cs

    def redo(self) -> ChangeSet | None:
        if self.session is not None:
            return self.session.redo()
        if not self.history.can_redo:
            return None
        cs = self.history.pop_redo()
        try:
            self._commit(cs, "redo")
        except ReasonmapError:
            self.history.restore_redo()
            raise
        self._after(DocumentEvent("redo", cs))
        return cs

    def preview(self, overrides: dict) -> None:
        """Tell views about uncommitted what-if values ({node or edge id: value}) while a
        slider is dragged; an empty dict ends the preview. Nothing is written."""
        self.previewed.emit(dict(overrides))

    def _commit(self, cs: ChangeSet, action: str, updates: tuple[bytes, ...] = ()) -> None:
        if self.read_only:
            raise ReasonmapError(f"{self.path.name} is open read-only")
        _dry_run(self.map, cs)      # a change set that does not fit never reaches the file
        self.store.write(cs, log=self.log.entry(action, cs), updates=updates)
        self.map.apply(cs)

    def land(self, cs: ChangeSet, kind: str) -> None:
        """Apply *cs*, already committed to the file by a live session, and tell the views."""
        self.map.apply(cs)
        self._after(DocumentEvent(kind, cs))

    def _after(self, event: DocumentEvent) -> None:
        self.selection.prune(self.map, event.changeset)
        self.changed.emit(event)


def _dry_run(amap: ArgumentMap, cs: ChangeSet) -> None:
    """Check that *cs* applies to the map, leaving the map as it was (ModelError otherwise)."""
    amap.apply(cs)
    amap.apply(cs.inverse())
