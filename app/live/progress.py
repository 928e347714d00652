"""Who has finished the round: the Live panel's view of the current round's answers.

In a session each participant answers on their own laptop; their answers arrive in the
shared document, so the facilitator can watch the round fill up. A person has *finished*
when they have answered (a value or "no opinion") every input the round asks.

>>> from app.model.build import build_map
>>> from app.model import Node, Participant
>>> from app.model.rounds import Round, RoundAnswer
>>> m = build_map([Node(id="a"), Node(id="b")],
...               participants=[Participant("p", "Ann"), Participant("q", "Bob"), Participant("r", "Cy")],
...               rounds=[Round("r1", 1, "First", targets=("a", "b"))],
...               answers=[RoundAnswer("r1", "p", "a", .5), RoundAnswer("r1", "p", "b", None),
...                        RoundAnswer("r1", "q", "a", .2)])
>>> p = round_progress(m)
>>> p.heading
'Round 1: First — 1 of 3 finished'
>>> p.lines
['Ann — finished', 'Bob — 1 of 2 answered', 'Cy — not started']
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model.round_commands import rounds_in_order
from ..model.rounds import Round


@dataclass(frozen=True)
class RoundProgress:
    round: Round
    finished: tuple[str, ...]            # participant ids, in name order
    answered: dict                       # participant id -> inputs answered
    names: dict                          # participant id -> name

    @property
    def heading(self) -> str:
        return f"{self.round.title} — {len(self.finished)} of {len(self.answered)} finished"

    @property
    def lines(self) -> list[str]:
        total = len(self.round.targets)
        out = []
        for pid, n in self.answered.items():
            state = "finished" if pid in self.finished else \
                f"{n} of {total} answered" if n else "not started"
            out.append(f"{self.names[pid]} — {state}")
        return out


def round_progress(amap) -> RoundProgress | None:
    """The latest round that is not closed, with each participant's answers; None if none."""
    live = [r for r in rounds_in_order(amap) if r.status != "closed"]
    if not live:
        return None
    rnd = live[-1]
    asked = set(rnd.targets)
    people = sorted(amap.participants.values(), key=lambda p: (p.name.lower(), p.id))
    answered = {p.id: 0 for p in people}
    for a in amap.answers.values():
        if a.round == rnd.id and a.participant in answered and a.target in asked:
            answered[a.participant] += 1
    finished = tuple(pid for pid, n in answered.items() if asked and n >= len(asked))
    return RoundProgress(rnd, finished, answered, {p.id: p.name for p in people})
