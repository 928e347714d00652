"""The four gradual semantics as update functions f(τ, parents, σ) → new strength.

Each function receives a node's base score ``tau``, its parents (``Parent`` records) and the
current strengths ``s`` (a dict that holds every parent). A parent b contributes
``w(b→a)·σ(b)``; with all weights 1 these are the published semantics.

>>> from app.reasoning.framework import parent
>>> sup = (parent("b", "support", 1.0, "e"),)
>>> round(dfquad(0.5, sup, {"b": 0.4}), 6)      # 0.5 + 0.5·0.4
0.7
>>> round(qe(0.5, sup, {"b": 1.0}), 6)          # E = 1, h(1) = 1/2
0.75
>>> euler(0.5, (), {}), hcat(0.5, sup, {"b": 1.0})   # no parents: τ; h-cat ignores support
(0.5, 0.5)
"""

from __future__ import annotations

import math
from typing import Callable, Mapping

from app.model.rules import SEMANTICS as _NAMES

ATTACK = "attack"
SEMANTICS = tuple(_NAMES)  # ("dfquad", "qe", "euler", "hcat")


def dfquad(tau: float, parents, s: Mapping[str, float]) -> float:
    """DF-QuAD (Rago et al. 2016) with F(v₁..vₙ) = 1 − ∏(1 − vᵢ)."""
    keep_att = keep_sup = 1.0
    for source, relation, weight, _e in parents:
        v = weight * s[source]
        if relation == ATTACK:
            keep_att *= 1.0 - v
        else:
            keep_sup *= 1.0 - v
    diff = keep_sup - keep_att  # = v_a − v_s
    if diff >= 0.0:
        return tau - tau * diff
    return tau - (1.0 - tau) * diff


def _energy(parents, s: Mapping[str, float]) -> float:
    """E = Σ w·σ(supporters) − Σ w·σ(attackers)."""
    energy = 0.0
    for source, relation, weight, _e in parents:
        if relation == ATTACK:
            energy -= weight * s[source]
        else:
            energy += weight * s[source]
    return energy


def qe(tau: float, parents, s: Mapping[str, float]) -> float:
    """Quadratic energy (Potyka 2018): σ = τ − τ·h(−E) + (1 − τ)·h(E), h(x) = x²/(1+x²) for x > 0."""
    energy = _energy(parents, s)
    if energy >= 0.0:
        sq = energy * energy
        return tau + (1.0 - tau) * sq / (1.0 + sq)
    sq = energy * energy
    return tau - tau * sq / (1.0 + sq)


def euler(tau: float, parents, s: Mapping[str, float]) -> float:
    """Euler-based (Amgoud & Ben-Naim 2017): σ = 1 − (1 − τ²)/(1 + τ·e^E)."""
    energy = _energy(parents, s)
    if tau == 0.0:
        return 0.0
    if energy > 700.0:  # e^E would overflow; the quotient is 0 to double precision
        return 1.0
    return 1.0 - (1.0 - tau * tau) / (1.0 + tau * math.exp(energy))


def hcat(tau: float, parents, s: Mapping[str, float]) -> float:
    """Weighted h-categorizer on the attack relation: σ = τ / (1 + Σ w·σ(attackers))."""
    total = 0.0
    for source, relation, weight, _e in parents:
        if relation == ATTACK:
            total += weight * s[source]
    return tau / (1.0 + total)


UPDATES: dict[str, Callable] = {"dfquad": dfquad, "qe": qe, "euler": euler, "hcat": hcat}


def update_for(semantics: str) -> Callable:
    """The update function of a semantics name; unknown names are a ReasonmapError."""
    from app.model.rules import check_semantics
    return UPDATES[check_semantics(semantics)]
