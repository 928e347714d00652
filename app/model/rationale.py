"""The rationale of a card or a relation: a short note on why its base score or weight is
what it is.

It lives in the record's free ``data`` mapping under the key ``"rationale"`` (no column of
its own, so no schema change), but it is read and changed only through this module:
:func:`rationale_of` reads it, :class:`SetRationale` changes it as one undoable command.

>>> from app.model.build import build_map
>>> from app.model import Node, Edge
>>> m = build_map([Node(id="a", title="A"), Node(id="b", title="B")],
...               [Edge(id="e", source="a", target="b", weight=0.4)])
>>> m.apply(SetRationale("e", "  Only half the cases fit.  ").changes(m))
>>> rationale_of(m.edges["e"])
'Only half the cases fit.'
>>> m.apply(SetRationale("e", "").changes(m)); m.edges["e"].data
{}
"""

from __future__ import annotations

from dataclasses import dataclass

from .argmap import ArgumentMap
from .changes import ChangeSet
from .commands import Command, EditEdge, EditNode
from .entities import check_text
from .errors import ModelError

KEY = "rationale"
MAX_LENGTH = 4000     # a note, not an essay; longer text belongs in the card's own text


def rationale_of(record) -> str:
    """The rationale of a node or an edge ('' when it has none or holds something else)."""
    value = record.data.get(KEY) if isinstance(record.data, dict) else None
    return value if isinstance(value, str) else ""


def check_rationale(value) -> str:
    """*value* trimmed, or ModelError when it is not text or too long."""
    text = check_text(value, "A rationale").strip()
    if len(text) > MAX_LENGTH:
        raise ModelError(f"A rationale must be at most {MAX_LENGTH} characters long, "
                         f"not {len(text)}; put the longer text into the card's text")
    return text


def with_rationale(data: dict, text: str) -> dict:
    """A copy of *data* holding *text* as its rationale (without one when *text* is empty)."""
    out = {k: v for k, v in data.items() if k != KEY}
    if text:
        out[KEY] = text
    return out


@dataclass
class SetRationale(Command):
    """Set (or, with empty text, remove) the rationale of the node or edge *record_id*."""

    record_id: str
    text: str

    label = "Edit rationale"

    def changes(self, amap: ArgumentMap) -> ChangeSet:
        text = check_rationale(self.text)
        if self.record_id in amap.nodes:
            node = amap.nodes[self.record_id]
            inner = EditNode(node.id, {"data": with_rationale(node.data, text)})
        elif self.record_id in amap.edges:
            edge = amap.edges[self.record_id]
            inner = EditEdge(edge.id, {"data": with_rationale(edge.data, text)})
        else:
            raise ModelError(f"No card or relation with id {self.record_id!r}")
        return ChangeSet(self.label, inner.changes(amap).changes)
