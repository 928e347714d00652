"""A live session over an open Document: one pipeline for local and remote edits.

While attached (``document.session``), the Document hands every command's ChangeSet here:

1. the change set is written into the shared document in one local transaction;
2. ``flush`` derives what changed in the valid map (``view.visible``), commits that change
   set together with the raw updates behind it to the .rmap in ONE SQLite transaction, and
   only then applies it to the map and tells the views (``Document.land``).

Remote updates take the same path: ``receive`` applies a sync message to the shared document
and asks for one ``flush`` per turn of the event loop (``schedule``), so a burst of remote
updates costs one commit. Undo and redo are per person: the shared document's undo manager
reverts this laptop's own steps only, one step per command.

The first time a file joins a session it is seeded into the shared document (its updates are
stored in the file); every later open rebuilds the shared document from those stored updates
and never seeds again. A participant joining without a copy seeds nothing. Edits made to the
file outside any session are caught up as field changes (never as a re-seed).

The sync side speaks the Yjs sync protocol through ``connected(send)`` / ``receive(message)``
/ ``disconnected()``; the transport (``client.py``, or the host's in-process link) only moves
bytes, and must call these on the thread that owns the Document.
"""

from __future__ import annotations

from typing import Callable

from pycrdt import (YMessageType, YSyncMessageType, create_sync_message, create_update_message,
                    get_state, handle_sync_message)

from ..model import ChangeSet, ModelError, ReasonmapError
from ..store.live import load_state, load_updates, replace_updates, save_state
from .mirror import LOCAL, SEED, Mirror, client_ids
from .presence import Presence
from .rights import read_only_of
from .view import difference, records_of, visible

REMOTE_AUTHOR = "live session (another laptop)"   # the change log's author of what the room sent


def update_clients(update: bytes) -> set[int]:
    """The Yjs client ids whose changes a raw *update* carries (from its state vector);
    empty if it cannot be read.

    >>> from pycrdt import Doc, Map
    >>> d = Doc(client_id=42); d["m"] = m = Map(); m["k"] = 1
    >>> update_clients(d.get_update())
    {42}
    """
    try:
        return client_ids(get_state(update))
    except Exception:                 # not an update pycrdt can read: nobody to name
        return set()

COMPACT_AFTER = 500          # stored updates replaced by one on open past this many
BATCH_SECONDS = 0.002        # remote updates arriving within this are committed together
OFFLINE, CONNECTING, SYNCING, CONNECTED = "offline", "connecting", "syncing", "connected"
READ_ONLY = ("The host has made you read-only in this live session: your changes would not "
             "reach anyone, so none is made here. Ask the host to let you edit again.")


class LiveSession:
    """Attach with ``LiveSession(document, seed=...)``; ``close()`` detaches."""

    def __init__(self, document, *, seed: bool = True, name: str = "participant",
                 schedule: Callable[[Callable[[], None]], None] | None = None) -> None:
        self.document = document
        self.store = document.store
        self.mirror = Mirror()
        self.presence = Presence(self.mirror.doc, name)
        self.presence_changed: list[Callable[[], None]] = []
        self.schedule = schedule or (lambda fn: fn())
        self.status = OFFLINE
        self.status_changed: list[Callable[[str], None]] = []
        self.pending = 0               # local transactions not yet sent to anyone
        self.read_only = False         # the host drops this laptop's changes (and said so)
        self._send: Callable[[bytes], None] | None = None
        self._applying_remote = False
        self._flush_asked = False
        self._labels: list[str] = []
        self._redo_labels: list[str] = []
        self.mirror.on_update = self._on_update
        self._applying_remote = True     # what the file already holds is nothing to send
        try:
            self._load(seed)
        finally:
            self._applying_remote = False
        _forget_history(document)       # undo is per person from here on (the session's own)
        document.session = self

    # ----- life cycle ----------------------------------------------------------------
    def _load(self, seed: bool) -> None:
        stored = load_updates(self.store.conn, self.store.path.name)
        try:
            for update in stored:
                self.mirror.doc.apply_update(update)
        except Exception as exc:       # pycrdt raises plain exceptions for broken bytes
            raise ReasonmapError(f"{self.store.path.name}: its live-session data is damaged ({exc})") from None
        self.mirror.take_updates()     # already in the file
        self.mirror.refresh_all()
        if len(stored) > COMPACT_AFTER:
            replace_updates(self.store.conn, self.mirror.doc.get_update())
        if stored:
            catch_up = difference(visible(self.mirror.raw), records_of(self.document.map), "Catch up")
            if catch_up:
                self.mirror.write(catch_up, SEED)
        elif seed:
            self.mirror.seed(self.document.map)
        self.flush("remote")

    def close(self) -> None:
        """Commit what arrived, say goodbye, then detach (the document goes on without a
        session)."""
        self.flush("remote")
        self.goodbye()
        self.disconnected()
        self.document.session = None
        _forget_history(self.document)  # others changed the map: old steps no longer apply

    @property
    def state(self) -> dict[str, str]:
        """The session settings kept in the file (room, the host's credentials)."""
        return load_state(self.store.conn)

    def save_state(self, values: dict) -> None:
        save_state(self.store.conn, values)

    # ----- local edits ---------------------------------------------------------------
    def execute(self, cs: ChangeSet) -> ChangeSet:
        """Write a command's change set into the shared doc, then commit what it changed."""
        if self.document.read_only:
            raise ReasonmapError(f"{self.store.path.name} is open read-only")
        self._writable()
        self.flush("remote")
        before = len(self.mirror.undo.undo_stack)
        self.mirror.write(cs, LOCAL)
        if len(self.mirror.undo.undo_stack) > before:
            self._labels.append(cs.label)
            self._redo_labels.clear()
        return self.flush("execute", cs.label)

    @property
    def can_undo(self) -> bool:
        return self.mirror.undo.can_undo()

    @property
    def can_redo(self) -> bool:
        return self.mirror.undo.can_redo()

    @property
    def undo_label(self) -> str:
        return self._labels[-1] if self.can_undo and self._labels else ""

    @property
    def redo_label(self) -> str:
        return self._redo_labels[-1] if self.can_redo and self._redo_labels else ""

    def undo(self) -> ChangeSet | None:
        return self._step(self.mirror.undo.undo, self._labels, self._redo_labels, "undo")

    def redo(self) -> ChangeSet | None:
        return self._step(self.mirror.undo.redo, self._redo_labels, self._labels, "redo")

    def _step(self, step, source: list, target: list, kind: str) -> ChangeSet | None:
        self._writable()
        self.flush("remote")
        if not step():
            return None
        label = source.pop() if source else kind.title()
        target.append(label)
        return self.flush(kind, label)

    def _writable(self) -> None:
        if self.read_only:
            raise ReasonmapError(READ_ONLY)

    # ----- committing ----------------------------------------------------------------
    def flush(self, kind: str = "remote", label: str = "Live update") -> ChangeSet:
        """Commit what the shared doc changed since the last flush: the valid map's change
        set and the raw updates in one transaction, then the map and the views."""
        self._flush_asked = False
        updates = self.mirror.take_updates()
        if not updates:
            return ChangeSet(label, ())
        self.mirror.refresh()
        cs = difference(records_of(self.document.map), visible(self.mirror.raw), label)
        try:
            _dry_run(self.document.map, cs)
            self.store.write(cs, log=self._log_entry(cs, kind, updates), updates=tuple(updates))
        except (ReasonmapError, ModelError):
            self.mirror.restore_updates(updates)
            raise
        if cs:
            self.document.land(cs, kind)
        return cs

    def _log_entry(self, cs: ChangeSet, kind: str, updates):
        """The change log's record of *cs* (none for an empty one): this laptop's own steps
        under the document's author, what arrived from the room under the names of the
        people whose updates it holds (as presence knows them); 'dropped', because in a
        session undo goes through the shared document, not the file's log."""
        if not cs:
            return None
        author = None if kind in ("execute", "undo", "redo") else self._authors(updates)
        return self.document.log.entry("do", cs, author=author, state="dropped")

    def _authors(self, updates) -> str:
        """Who made *updates*: the names of their Yjs clients that presence knows, else
        REMOTE_AUTHOR (a laptop that has left, or whose presence never arrived)."""
        clients = set()
        for update in updates:
            clients |= update_clients(update)
        names = sorted({p.name for p in self.presence.people() if p.client in clients and not p.me})
        return ", ".join(names)[:80] if names else REMOTE_AUTHOR

    def _ask_flush(self) -> None:
        if not self._flush_asked:
            self._flush_asked = True
            self.schedule(self._flush_soon)

    def _flush_soon(self) -> None:
        if self._flush_asked and self.document.session is self:    # not after leaving
            self.flush("remote")

    # ----- the sync protocol -----------------------------------------------------------
    def _on_update(self, update: bytes) -> None:
        if self._applying_remote:
            return
        if self._send is not None:
            self._send(create_update_message(update))
        else:
            self.pending += 1

    def connected(self, send: Callable[[bytes], None]) -> None:
        """A transport is up: start the sync handshake through *send*."""
        self._send = send
        self._set_status(SYNCING)
        send(create_sync_message(self.mirror.doc))
        send(self.presence.message())

    def receive(self, message: bytes) -> None:
        """One message from the room (sync or awareness); anything malformed is ignored."""
        if len(message) >= 2 and message[0] == YMessageType.AWARENESS:
            known = set(self.presence.awareness.states)
            if self.presence.receive(message):
                if set(self.presence.awareness.states) - known and self._send is not None:
                    self._send(self.presence.message())      # a newcomer learns of us at once
                self._presence_changed()
            return
        told = read_only_of(message)
        if told is not None:
            self._set_read_only(told)
            return
        if len(message) < 2 or message[0] != YMessageType.SYNC:
            return
        self._applying_remote = True
        try:
            reply = handle_sync_message(message[1:], self.mirror.doc)
        except Exception:              # a broken message changes nothing
            reply = None
        finally:
            self._applying_remote = False
        if reply is not None and self._send is not None:
            self._send(reply)
        if message[1] == YSyncMessageType.SYNC_STEP2 and self.status == SYNCING:
            self.pending = 0
            self._set_status(CONNECTED)
        if self.mirror.pending_updates():
            self._ask_flush()

    # ----- presence ------------------------------------------------------------------
    def select(self, node_id: str | None) -> None:
        """Let the others see which card this laptop has selected."""
        message = self.presence.select(node_id)
        if message is not None and self._send is not None:
            self._send(message)
        self._presence_changed()

    def goodbye(self) -> None:
        """Tell the others this laptop is leaving (before its connection closes)."""
        if self._send is not None and self.presence.awareness.get_local_state() is not None:
            self._send(self.presence.leaving())

    def tick(self) -> None:
        """Every few seconds: forget laptops gone silent, renew this one's presence."""
        before = self.presence.people()
        message = self.presence.tick()
        if message is not None and self._send is not None:
            self._send(message)
        if self.presence.people() != before:
            self._presence_changed()

    def _presence_changed(self) -> None:
        for callback in list(self.presence_changed):
            callback()

    def disconnected(self, status: str = OFFLINE) -> None:
        self._send = None
        self._set_status(status)

    def _set_read_only(self, read_only: bool) -> None:
        if read_only != self.read_only:
            self.read_only = read_only
            for callback in list(self.status_changed):
                callback(self.status)

    def _set_status(self, status: str) -> None:
        if status != self.status:
            self.status = status
            for callback in list(self.status_changed):
                callback(status)


def _forget_history(document) -> None:
    document.history.done.clear()
    document.history.undone.clear()


def _dry_run(amap, cs: ChangeSet) -> None:
    amap.apply(cs)
    amap.apply(cs.inverse())
