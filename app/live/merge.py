"""Merging another copy of a live session's map through the shared document (a CRDT merge).

Two copies that were in one live session hold the same shared document's history (table
``live_updates``). They are recognised by that history itself, not by a setting: every
``pycrdt`` document writes under a random 32-bit client id, fresh each time a file is opened in a
session, so two shared documents whose state vectors name a common client id both contain edits
made by one and the same document, i.e. they grew from one session (the seed is written by the
first host's client). A copy of another session, or a map never in one, shares no client id and
is merged the ordinary way (:mod:`app.document.merge`). The room in ``live_state`` is not
trusted for this: a file can be re-hosted under a new room, and a room names no content.

The merge itself: this file's shared document is rebuilt from its stored updates (plus its own
edits made outside any session, as in ``LiveSession._load``), the other copy's shared document
(also caught up with its rows, in memory only) is applied to it, and the valid map's change set
(``view.difference``) is committed together with the new raw updates, as one undo step. Both
sides' edits are kept; there is nothing to ask about. The other file is only read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..model import ArgumentMap, ChangeSet, Command, ReasonmapError
from ..model.changes import key_of
from ..store import Store
from ..store.live import load_updates
from .mirror import SEED, Mirror, client_ids
from .view import Records, difference, records_of, visible

LABEL = "Merge another copy"
_COLLECTIONS = ("nodes", "edges", "participants", "assessments", "sources")


class DamagedCopy(ReasonmapError):
    """The other copy's live-session data cannot be read: nothing is merged."""


@dataclass
class LiveMerge:
    """What merging the other copy's shared document brings (counts per collection)."""

    source: str
    changes: ChangeSet
    updates: list[bytes]
    added: dict = field(default_factory=dict)
    changed: dict = field(default_factory=dict)
    removed: dict = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not self.changes

    def summary(self) -> str:
        if self.empty:
            return f"{self.source} has no edit this map lacks (both are from one live session)."
        lines = [f"{self.source} is a copy of the same live session: both copies' edits are "
                 "kept, nothing conflicts. Coming in:"]
        for word, counts in (("Added", self.added), ("Changed", self.changed), ("Removed", self.removed)):
            listed = [f"{counts[name]} {noun}" for name, noun in _NOUN.items() if counts.get(name)]
            if listed:
                lines.append(f"{word}: " + ", ".join(listed))
        return "\n".join(lines)


_NOUN = {"nodes": "card(s)", "edges": "relation(s)", "participants": "participant(s)",
         "assessments": "value(s)", "sources": "source(s)", "meta": "setting(s)"}


@dataclass
class ApplyMerge(Command):
    """Commit a prepared live merge (refused if the map changed since it was prepared)."""

    merge: LiveMerge
    before: Records
    label = LABEL

    def changes(self, amap: ArgumentMap) -> ChangeSet:
        if _snapshot(amap) != self.before:
            raise ReasonmapError("This map changed since the merge was prepared; merge again")
        return self.merge.changes


def _rebuild(updates: list[bytes], rows: ArgumentMap, name: str) -> Mirror:
    """A shared document from stored *updates*, caught up with the file's *rows*."""
    mirror = Mirror()
    try:
        for update in updates:
            mirror.doc.apply_update(update)
    except Exception as exc:          # pycrdt raises plain exceptions for broken bytes
        raise DamagedCopy(f"{name}: its live-session data is damaged ({exc}); nothing was merged.") from None
    mirror.refresh_all()
    if mirror.rejected:
        raise DamagedCopy(f"{name}: its live-session data holds an invalid record "
                          f"({mirror.last_rejection}); nothing was merged.")
    catch_up = difference(visible(mirror.raw), records_of(rows), "Catch up")
    if catch_up:
        mirror.write(catch_up, SEED)
    mirror.refresh()
    return mirror


def read_copy(path) -> tuple[ArgumentMap, list[bytes]]:
    """The other copy's map and stored updates, read-only (its file is never changed)."""
    path = Path(path)
    store = Store.open(path, read_only=True)
    try:
        return store.load(), load_updates(store.conn, path.name)
    except ReasonmapError as exc:
        raise DamagedCopy(f"{exc}; nothing was merged.") from None
    finally:
        store.close()


def plan_live_merge(document, path) -> LiveMerge | None:
    """The live merge of the copy at *path* into *document*, or None when the two copies do not
    share a live session's history (merge them by rows then). DamagedCopy if the other copy's
    live data is broken or hostile."""
    path = Path(path)
    ours = load_updates(document.store.conn, document.path.name)
    if not ours:
        return None
    theirs_map, theirs = read_copy(path)
    if not theirs:
        return None
    other = _rebuild(theirs, theirs_map, path.name)
    mine = _rebuild(ours, document.map, document.path.name)
    if not client_ids(mine.doc.get_state()) & client_ids(other.doc.get_state()):
        return None
    mine.take_updates()                       # the catch-up goes in with the merge below
    before = mine.rejected
    try:
        mine.doc.apply_update(other.doc.get_update(mine.doc.get_state()))
    except Exception as exc:
        raise DamagedCopy(f"{path.name}: its live-session data does not merge ({exc}); "
                          "nothing was merged.") from None
    mine.refresh()
    if mine.rejected > before:
        raise DamagedCopy(f"{path.name}: its live-session data holds an invalid record "
                          f"({mine.last_rejection}); nothing was merged.")
    return _result(path.name, records_of(document.map), mine)


def _result(source: str, old: Records, mine: Mirror) -> LiveMerge:
    updates = mine.take_updates()
    cs = difference(old, visible(mine.raw), LABEL)
    merge = LiveMerge(source, cs, updates)
    keys: dict[str, set] = {"Added": set(), "Removed": set(), "Changed": set()}
    for change in cs.changes:
        kind = type(change).__name__
        if kind == "MetaChanged":
            keys["Changed"].add(("meta", change.key))
        elif kind == "Updated":
            keys["Changed"].add((change.collection, change.key))
        else:
            keys[kind].add((change.collection, key_of(change.record)))
    again = keys["Added"] & keys["Removed"]          # replaced whole: a change
    keys["Changed"] |= again
    for kind, counts in (("Added", merge.added), ("Removed", merge.removed), ("Changed", merge.changed)):
        for name, _ in keys[kind] - (again if kind != "Changed" else set()):
            counts[name] = counts.get(name, 0) + 1
    return merge


def _snapshot(amap: ArgumentMap) -> Records:
    r = records_of(amap)
    return Records(*(dict(getattr(r, name)) for name in _COLLECTIONS), dict(r.meta))


def merge_live(document, merge: LiveMerge) -> ChangeSet:
    """Commit *merge* into *document* as one undo step: in a live session through the session
    (so the room receives it), otherwise with the new raw updates in the same transaction."""
    command = ApplyMerge(merge, _snapshot(document.map))
    if document.session is not None:
        return document.execute(command)
    return document.execute(command, updates=tuple(merge.updates))
