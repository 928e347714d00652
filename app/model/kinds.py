"""Change the kind of several cards at once (Map ▸ Kind with more than one card selected).

>>> from app.model.build import build_map
>>> from app.model import Node
>>> m = build_map([Node(id="a"), Node(id="b", kind="note"), Node(id="c")], [])
>>> cs = SetKind(("a", "b"), "strategy").changes(m)
>>> cs.label, sorted(c.key for c in cs.changes if c.field == "kind")
('Make 2 cards strategies', ['a', 'b'])
"""

from __future__ import annotations

from dataclasses import dataclass

from .changes import ChangeSet
from .commands import Command, EditNode
from .entities import NODE_KINDS
from .errors import ModelError

PLURAL = {"claim": "claims", "strategy": "strategies", "question": "questions",
          "evidence": "evidence", "note": "notes"}


@dataclass
class SetKind(Command):
    """Give every node of *node_ids* the kind *kind* (one undo step)."""

    node_ids: tuple[str, ...]
    kind: str

    @property
    def label(self) -> str:
        if len(self.node_ids) == 1:
            return "Edit kind"
        return f"Make {len(self.node_ids)} cards {PLURAL.get(self.kind, self.kind)}"

    def changes(self, amap) -> ChangeSet:
        if self.kind not in NODE_KINDS:
            raise ModelError(f"Unknown node kind {self.kind!r} (expected one of {', '.join(NODE_KINDS)})")
        out = []
        for nid in dict.fromkeys(self.node_ids):
            out.extend(EditNode(nid, {"kind": self.kind}).changes(amap).changes)
        return ChangeSet(self.label, tuple(out))
