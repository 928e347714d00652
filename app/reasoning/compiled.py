"""A framework renumbered for fast full evaluations: nodes as indices in evaluation order, and
every relation as one entry of flat arrays.

Python objects spread over memory made a full evaluation cost about twice as much per node at
20,000 nodes as at 2,000 (each relation read its own record, weight and index objects). The
compiled form keeps the base scores in an ``array`` and the relations in three more, in
evaluation order: node i's parents are the entries ``start[i]`` to ``start[i + 1]`` of
``source`` (their indices), ``weight`` and ``attack`` (1 for an attack, 0 for a support). One
pass then reads memory in sequence, and building it allocates no object per relation, so
there is nothing for the garbage collector to look at. The nodes outside cycles are computed
by :data:`FLAT` (the four semantics over these arrays, operation for operation as in
:mod:`app.reasoning.semantics`, so the numbers are the same to the bit); a cyclic component is
handed to the usual solvers with ``Parent`` records made for its nodes alone.

>>> from app.reasoning.framework import framework_from_edges
>>> c = compile_framework(framework_from_edges({"b": .5, "a": .4}, [("a", "b", "attack")]))
>>> c.ids, c.items, list(c.start), list(c.source), c.attack
(['a', 'b'], [0, 1], [0, 0, 1], [0], b'\\x01')
"""

from __future__ import annotations

import math
from array import array
from dataclasses import dataclass

from .framework import Parent
from .order import schedule

ATTACK = "attack"


@dataclass(frozen=True)
class Compiled:
    """``ids[i]`` is node i; ``items`` the evaluation order (an index, or a tuple of indices
    for a cycle, in the id order of ``schedule``); ``tau[i]`` its base score and entries
    ``start[i]:start[i + 1]`` of ``source``, ``weight`` and ``attack`` its parents."""
    ids: list[str]
    items: list
    tau: array
    start: array
    source: array
    weight: array
    attack: bytes

    def records(self, comp) -> dict[int, tuple[Parent, ...]]:
        """``Parent`` records (sources as indices) of the nodes of *comp*, for the solvers."""
        start, source, weight, attack = self.start, self.source, self.weight, self.attack
        return {i: tuple([Parent(source[k], ATTACK if attack[k] else "support", weight[k], "")
                          for k in range(start[i], start[i + 1])]) for i in comp}


def compile_framework(fw) -> Compiled:
    """The compiled form of ``fw`` (see the module docstring)."""
    order = schedule(fw.tau, fw.parents, fw.children)
    ids: list[str] = []
    for item in order:
        if item.__class__ is str:
            ids.append(item)
        else:
            ids.extend(item)
    index = {n: i for i, n in enumerate(ids)}
    items = [index[item] if item.__class__ is str else tuple([index[n] for n in item])
             for item in order]
    tau = array("d", [fw.tau[n] for n in ids])
    plists = [fw.parents[n] for n in ids]
    start = array("l", [0])
    total = 0
    for plist in plists:
        total += len(plist)
        start.append(total)
    source = array("l", [index[p.source] for plist in plists for p in plist])
    weight = array("d", [p.weight for plist in plists for p in plist])
    attack = bytes([p.relation == ATTACK for plist in plists for p in plist])
    return Compiled(ids, items, tau, start, source, weight, attack)


def dfquad(t, lo, hi, source, weight, attack, s):
    keep_att = keep_sup = 1.0
    for k in range(lo, hi):
        v = weight[k] * s[source[k]]
        if attack[k]:
            keep_att *= 1.0 - v
        else:
            keep_sup *= 1.0 - v
    diff = keep_sup - keep_att
    if diff >= 0.0:
        return t - t * diff
    return t - (1.0 - t) * diff


def _energy(lo, hi, source, weight, attack, s):
    energy = 0.0
    for k in range(lo, hi):
        if attack[k]:
            energy -= weight[k] * s[source[k]]
        else:
            energy += weight[k] * s[source[k]]
    return energy


def qe(t, lo, hi, source, weight, attack, s):
    energy = _energy(lo, hi, source, weight, attack, s)
    sq = energy * energy
    if energy >= 0.0:
        return t + (1.0 - t) * sq / (1.0 + sq)
    return t - t * sq / (1.0 + sq)


def euler(t, lo, hi, source, weight, attack, s):
    energy = _energy(lo, hi, source, weight, attack, s)
    if t == 0.0:
        return 0.0
    if energy > 700.0:
        return 1.0
    return 1.0 - (1.0 - t * t) / (1.0 + t * math.exp(energy))


def hcat(t, lo, hi, source, weight, attack, s):
    total = 0.0
    for k in range(lo, hi):
        if attack[k]:
            total += weight[k] * s[source[k]]
    return t / (1.0 + total)


FLAT = {"dfquad": dfquad, "qe": qe, "euler": euler, "hcat": hcat}


def run_compiled(c: Compiled, semantics: str, update, s: array, cycles: dict, bad: set,
                 options, solve_cycle) -> None:
    """Compute every node of *c* into *s*; record cycles and unsettled nodes (as ``run``)."""
    value = FLAT[semantics]
    tau, start, source, weight, attack = c.tau, c.start, c.source, c.weight, c.attack
    for item in c.items:
        if item.__class__ is not tuple:
            lo, hi = start[item], start[item + 1]
            s[item] = value(tau[item], lo, hi, source, weight, attack, s)
            if bad and any(source[k] in bad for k in range(lo, hi)):
                bad.add(item)
            continue
        parents = c.records(item)
        method, count, settled = solve_cycle(item, tau, parents, update, s, options)
        cycles[item[0]] = (method, count)
        if not settled or (bad and any(p.source in bad for n in item for p in parents[n])):
            bad.update(item)
