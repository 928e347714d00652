"""Presence: who is in the session, their colour, and which card each has selected.

Carried by the Yjs awareness protocol (pycrdt's ``Awareness``), which the room forwards
between laptops without storing it; nothing of it reaches a file. Every state a peer sends
is checked before it is shown (a name is text of at most 80 characters, a colour #rrggbb, a
selection an id or nothing); anything else is shown as an anonymous participant. A laptop
that stops renewing its state (closed, or gone from the network) disappears after
``GONE_AFTER`` seconds.

>>> from pycrdt import Doc
>>> a, b = Presence(Doc(), "Ann", "#0072B2"), Presence(Doc(), "Bo", "#D55E00")
>>> b.receive(a.message())
True
>>> [(p.name, p.colour) for p in b.people()]
[('Ann', '#0072B2'), ('Bo', '#D55E00')]
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass

from pycrdt import Awareness, create_awareness_message, read_message

GONE_AFTER = 15.0          # seconds without a renewal before a laptop is taken as gone
RENEW_EVERY = 4.0
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#882255",
           "#117733", "#332288", "#7A7A7A")
_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")


@dataclass(frozen=True)
class Person:
    client: int
    name: str
    colour: str
    selected: str | None
    me: bool = False


def colour_for(client_id: int) -> str:
    return PALETTE[client_id % len(PALETTE)]


class Presence:
    def __init__(self, doc, name: str, colour: str | None = None) -> None:
        self.awareness = Awareness(doc, outdated_timeout=int(GONE_AFTER * 1000))
        self.client_id = self.awareness.client_id
        self.awareness.set_local_state({"name": name[:80], "colour": colour or colour_for(self.client_id),
                                        "selected": None})
        self._renewed = time.monotonic()

    def message(self) -> bytes:
        """This laptop's state as an awareness message for the room."""
        self._renewed = time.monotonic()
        update = self.awareness.encode_awareness_update([self.client_id])
        return create_awareness_message(update)

    def leaving(self) -> bytes:
        """The message that tells the others this laptop has left."""
        self.awareness.set_local_state(None)
        return create_awareness_message(self.awareness.encode_awareness_update([self.client_id]))

    def select(self, node_id: str | None) -> bytes | None:
        """Tell others which card this laptop has selected (a message, or None if unchanged)."""
        state = self.awareness.get_local_state() or {}
        if state.get("selected") == node_id:
            return None
        self.awareness.set_local_state_field("selected", node_id)
        return self.message()

    def receive(self, message: bytes) -> bool:
        """Take an awareness message; False if it was malformed (nothing changes then)."""
        try:
            self.awareness.apply_awareness_update(read_message(message[1:]), "remote")
            return True
        except Exception:
            return False

    def tick(self) -> bytes | None:
        """Forget laptops gone silent; return a renewal of this laptop's state when due."""
        now_ms = time.time() * 1000
        gone = [c for c, meta in self.awareness.meta.items()
                if c != self.client_id and now_ms - meta["lastUpdated"] > GONE_AFTER * 1000
                and c in self.awareness.states]
        if gone:
            self.awareness.remove_awareness_states(gone, "timeout")
        if time.monotonic() - self._renewed >= RENEW_EVERY:
            return self.message()
        return None

    def people(self) -> list[Person]:
        """Everyone present, this laptop included, by name."""
        out = []
        for client, state in self.awareness.states.items():
            if isinstance(state, dict) and "name" in state:      # the room's own state has none
                out.append(_person(client, state, client == self.client_id))
        return sorted(out, key=lambda p: (p.name.lower(), p.client))


def initial(name: str) -> str:
    """The first letter or digit of *name*, in upper case ('?' if it has none).

    >>> initial("  ann"), initial("42 people"), initial("--")
    ('A', '4', '?')
    """
    return next((ch.upper() for ch in name if ch.isalnum()), "?")


def marks_by_card(people, cards) -> dict[str, tuple[tuple[str, str], ...]]:
    """Who else is on which card: {card id: ((initial, colour), ...)} for the people (not
    this laptop) whose selected card is among *cards*, in the order of *people*."""
    out: dict[str, list] = {}
    for person in people:
        if not person.me and person.selected in cards:
            out.setdefault(person.selected, []).append((initial(person.name), person.colour))
    return {card: tuple(marks) for card, marks in out.items()}


def _person(client: int, state, me: bool) -> Person:
    state = state if isinstance(state, dict) else {}
    name = state.get("name")
    name = name.strip()[:80] if isinstance(name, str) and name.strip() else "participant"
    colour = state.get("colour")
    colour = colour if isinstance(colour, str) and _COLOUR.fullmatch(colour) else colour_for(client)
    selected = state.get("selected")
    selected = selected if isinstance(selected, str) and 0 < len(selected) <= 200 else None
    return Person(client if isinstance(client, int) else 0, name, colour, selected, me)
