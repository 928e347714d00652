"""Anonymous names for projected views: "Participant 1" … "Participant n".

Chosen per session (never stored in the file): the facilitator turns it on for the
projector, and the group table, the perspective choice, presentation and exports then name
people by their number, in the order they were added to the map.

>>> from app.model.build import build_map
>>> from app.model import Participant
>>> m = build_map(participants=[Participant("b", "Bo"), Participant("a", "Ann")])
>>> shown_names(m, True)
{'b': 'Participant 1', 'a': 'Participant 2'}
>>> shown_names(m, False)["a"]
'Ann'
"""

from __future__ import annotations


def shown_names(amap, anonymous: bool) -> dict[str, str]:
    """{participant id: the name to show}."""
    if not anonymous:
        return {pid: p.name for pid, p in amap.participants.items()}
    return {pid: f"Participant {i}" for i, pid in enumerate(amap.participants, 1)}
