"""Small rules shared by the model and its users: semantics names, roles."""

from __future__ import annotations

from .errors import ModelError

SEMANTICS = {
    "dfquad": "DF-QuAD",
    "qe": "Quadratic energy",
    "euler": "Euler-based",
    "hcat": "Weighted h-categorizer",
}


MAPS_OWN_VALUES = "the map's own values"     # the perspective of no participant, in captions


def check_semantics(name) -> str:
    """Return *name* if it is a known semantics, else raise ModelError."""
    if name not in SEMANTICS:
        raise ModelError(f"Unknown semantics {name!r} (expected one of {', '.join(SEMANTICS)})")
    return name


def role_of(amap, node_id: str) -> str:
    """'reason', 'objection', 'rebuttal' or '' from a node's outgoing relations.

    A claim attacking something that itself attacks is a rebuttal.
    """
    outs = amap.outgoing(node_id)
    attacks = [e for e in outs if e.relation == "attack"]
    if attacks:
        if any(e2.relation == "attack" for e in attacks for e2 in amap.outgoing(e.target)):
            return "rebuttal"
        return "objection"
    if any(e.relation == "support" for e in outs):
        return "reason"
    return ""
