"""The shared document of one map: records in, validated records out, raw updates kept.

``Mirror`` owns one pycrdt ``Doc`` (a fresh client id each time it is made) and the root maps
of its collections (kept referenced: a subscription on a temporary wrapper hears nothing).
Its observers only take notes (which keys changed, which raw updates happened), because an
exception in an observer surfaces at the end of someone else's transaction; ``refresh`` then
reads the touched records, validating each.

A value that fails validation (a hostile or broken peer) is never taken: the field keeps the
last good value this laptop took, and a new record with a bad field is not shown at all.
``rejected`` counts such records.

>>> from app.model import ArgumentMap, ChangeSet, Node
>>> from app.model.changes import Added
>>> m = Mirror()
>>> m.write(ChangeSet("Add", (Added(Node(id="a", title="Tea")),)), LOCAL)
>>> m.refresh(); m.raw.nodes["a"].title, len(m.take_updates())
('Tea', 1)
"""

from __future__ import annotations

from pycrdt import Doc, Map, Text, UndoManager

from ..model import ChangeSet
from ..model.changes import Added, MetaChanged, Removed, Updated, key_of
from .records import (COLLECTIONS, SHARED_TEXT, BadRecord, doc_key, field_value, model_key,
                      read_fields_over, read_meta, read_record, record_fields)
from .view import Records

LOCAL = "reasonmap-local"      # this laptop's commands (the only origin its undo tracks)
SEED = "reasonmap-seed"        # a file seeded into the doc, or caught up with it
ROOTS = COLLECTIONS + ("meta",)
_EMPTY_UPDATE = b"\x00\x00"


class Mirror:
    def __init__(self) -> None:
        self.doc = Doc()
        self.roots = {name: self.doc.get(name, type=Map) for name in ROOTS}
        self.raw = Records()
        self.rejected = 0
        self.last_rejection = ""
        self._touched: dict[str, set] = {name: set() for name in ROOTS}
        self._updates: list[bytes] = []
        self.on_update = None          # callback(update, origin) after each transaction
        self._subs = [root.observe_deep(self._noter(name)) for name, root in self.roots.items()]
        self._doc_sub = self.doc.observe(self._on_transaction)
        self.undo = UndoManager(scopes=list(self.roots.values()), capture_timeout_millis=0)
        self.undo.include_origin(LOCAL)

    # ----- observing -----------------------------------------------------------------
    def _noter(self, name: str):
        touched = self._touched[name]

        def note(events) -> None:
            for event in events:
                path = event.path
                if path:
                    touched.add(path[0])
                else:
                    touched.update(event.keys)
        return note

    def _on_transaction(self, event) -> None:
        update = bytes(event.update)
        if update and update != _EMPTY_UPDATE:
            self._updates.append(update)
            if self.on_update is not None:
                self.on_update(update)

    def take_updates(self) -> list[bytes]:
        """The raw updates since the last call (each transaction that changed something)."""
        out, self._updates = self._updates, []
        return out

    def pending_updates(self) -> int:
        return len(self._updates)

    def restore_updates(self, updates: list[bytes]) -> None:
        """Put back updates whose commit failed, ahead of any newer ones."""
        self._updates[:0] = updates

    # ----- reading -------------------------------------------------------------------
    def refresh(self) -> None:
        """Read every record touched since the last refresh into ``raw``."""
        for name, touched in self._touched.items():
            if touched:
                keys = list(touched)
                touched.clear()         # in place: the observer holds this very set
                for key in keys:
                    self._read(name, key)

    def refresh_all(self) -> None:
        for name, root in self.roots.items():
            self._touched[name].update(root.keys())
            self._touched[name].update(self._table(name).keys())   # gone ones too
        self.refresh()

    def _table(self, name: str) -> dict:
        if name == "meta":
            return self.raw.meta
        return {doc_key(name, k): v for k, v in getattr(self.raw, name).items()}

    def _read(self, name: str, key: str) -> None:
        value = self.roots[name].get(key)
        try:
            if name == "meta":
                if value is None:
                    self.raw.meta.pop(key, None)
                else:
                    self.raw.meta[key] = read_meta(key, value)
                return
            table, mkey = getattr(self.raw, name), model_key(name, key)
            if value is None:
                table.pop(mkey, None)
            elif not isinstance(value, Map):
                raise BadRecord(f"A record of {name} is not a mapping")
            else:
                fields = value.to_py()
                try:
                    table[mkey] = read_record(name, key, fields)
                except BadRecord as exc:     # keep the last good value of each bad field
                    self._reject(exc)
                    table[mkey] = read_fields_over(name, key, fields, table.get(mkey))
        except BadRecord as exc:
            self._reject(exc)

    def _reject(self, exc: BadRecord) -> None:
        self.rejected += 1
        self.last_rejection = str(exc)

    # ----- writing -------------------------------------------------------------------
    def write(self, cs: ChangeSet, origin: str) -> None:
        """Write every change of *cs* into the doc in one transaction of *origin*."""
        with self.doc.transaction(origin=origin):
            for change in cs.changes:
                self._write_one(change)

    def seed(self, amap) -> None:
        """Write the whole of *amap* into the (empty) doc: done once per file, ever."""
        changes = [MetaChanged(k, None, v) for k, v in amap.meta.items()]
        for name in COLLECTIONS:
            changes.extend(Added(r) for r in getattr(amap, name).values())
        self.write(ChangeSet("Seed", tuple(changes)), SEED)

    def _write_one(self, change) -> None:
        if isinstance(change, MetaChanged):
            meta = self.roots["meta"]
            if change.new is None:
                if change.key in meta:
                    del meta[change.key]
            else:
                meta[change.key] = change.new
            return
        if isinstance(change, Updated):
            self._set_field(change.collection, doc_key(change.collection, change.key),
                            change.field, change.new)
            return
        name = change.collection
        root, key = self.roots[name], doc_key(name, key_of(change.record))
        if isinstance(change, Removed):
            if key in root:
                del root[key]
        elif isinstance(root.get(key), Map):      # never replace a record whole
            for field, value in record_fields(change.record).items():
                self._set_field(name, key, field, getattr(change.record, field))
        else:
            fields = record_fields(change.record)
            for field in SHARED_TEXT.get(name, ()):
                fields[field] = Text(fields[field])
            root[key] = Map(fields)

    def _set_field(self, name: str, key: str, field: str, value) -> None:
        record = self.roots[name].get(key)
        if not isinstance(record, Map):
            return                      # removed meanwhile by someone else
        if field in SHARED_TEXT.get(name, ()):
            text = record.get(field)
            if isinstance(text, Text):
                edit_text(text, value)
                return
            record[field] = Text(value)
            return
        new = field_value(name, field, value)
        if record.get(field) != new:
            record[field] = new


def edit_text(text: Text, new: str) -> None:
    """Turn *text* into *new* by deleting and inserting only what differs (so that others'
    character edits elsewhere in it merge); the shared text counts in UTF-8 bytes."""
    old = str(text)
    if old == new:
        return
    start = 0
    limit = min(len(old), len(new))
    while start < limit and old[start] == new[start]:
        start += 1
    end = 0
    while end < limit - start and old[-1 - end] == new[-1 - end]:
        end += 1
    at = len(old[:start].encode())
    gone = len(old[start:len(old) - end].encode())
    if gone:
        del text[at:at + gone]
    added = new[start:len(new) - end]
    if added:
        text.insert(at, added)


def client_ids(state: bytes) -> set[int]:
    """The client ids of an encoded state vector (varint count, then client/clock pairs)."""
    values, value, shift = [], 0, 0
    for byte in state:
        value |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            values.append(value)
            value, shift = 0, 0
    return set(values[1::2])
