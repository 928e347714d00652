"""The workshop method's sections of native JSON: rounds, their answers and snapshots.

They are written only when a map has them (so a map without rounds exports as before) and
read back losslessly; each record is checked like any other.

>>> from app.model.rounds import Round
>>> round_from_dict(round_dict(Round("r", 1, "First", targets=("a", "b")))).targets
('a', 'b')
"""

from __future__ import annotations

from ..model.errors import ModelError
from ..model.rounds import Round, RoundAnswer, Snapshot

SECTIONS = ("rounds", "answers", "snapshots")


def round_dict(r: Round) -> dict:
    return {"id": r.id, "number": r.number, "name": r.name, "status": r.status, "scope": r.scope,
            "targets": list(r.targets), "time_box": r.time_box, "created": r.created,
            "started": r.started, "closed": r.closed}


def answer_dict(a: RoundAnswer) -> dict:
    return {"round": a.round, "participant": a.participant, "target": a.target, "value": a.value,
            "note": a.note, "modified": a.modified}


def snapshot_dict(s: Snapshot) -> dict:
    return {"id": s.id, "name": s.name, "created": s.created, "data": s.data}


def method_sections(amap) -> dict:
    """The non-empty sections of *amap* ({} for a map without rounds or snapshots)."""
    out = {"rounds": [round_dict(r) for r in amap.rounds.values()],
           "answers": [answer_dict(a) for a in amap.answers.values()],
           "snapshots": [snapshot_dict(s) for s in amap.snapshots.values()]}
    return {k: v for k, v in out.items() if v}


def round_from_dict(d: dict) -> Round:
    targets = d.get("targets", [])
    if not isinstance(targets, list):
        raise ModelError("targets must be a list")
    return Round(id=d["id"], number=d["number"], name=d.get("name") or "", status=d.get("status") or "open",
                 scope=d.get("scope") or "map", targets=tuple(targets), time_box=d.get("time_box"),
                 created=d.get("created") or "", started=d.get("started") or "", closed=d.get("closed") or "")


def answer_from_dict(d: dict) -> RoundAnswer:
    return RoundAnswer(round=d["round"], participant=d["participant"], target=d["target"],
                       value=d.get("value"), note=d.get("note") or "", modified=d.get("modified") or "")


def snapshot_from_dict(d: dict) -> Snapshot:
    return Snapshot(id=d["id"], name=d["name"], created=d.get("created") or "", data=d.get("data", {}))


BUILDERS = {"rounds": round_from_dict, "answers": answer_from_dict, "snapshots": snapshot_from_dict}
