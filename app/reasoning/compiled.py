"""A framework renumbered for fast full evaluations: nodes as indices in evaluation order.

Python objects spread over memory made a full evaluation cost about twice as much per node at
20,000 nodes as at 2,000 (each relation read a record, a weight and an index made at different
times). The compiled form keeps the base scores in an ``array`` and each node's parents as a
tuple of plain (parent index, signed weight) pairs, all made afresh in evaluation order, so one
pass reads memory nearly in sequence and unpacks them without attribute look-ups. An attack's
weight is stored negated (a zero-weight attack as ``-0.0``): ``w * s`` is then exactly the
negated product, so ``1.0 + v`` and ``e + v`` give the bits ``1.0 - v`` and ``e - v`` gave, and
pairs instead of triples kept the per-node cost from growing as much with the map (at 20,000
nodes the loop cost 12× the 2,000-node one with triples, 10.5× with pairs).
They hold only numbers and no reference cycles, so the collector is paused while they are
made (left running, it would scan the heap repeatedly and even run full collections at 20,000
nodes); its first passes afterwards find nothing and stop tracking them (a node's tuple of
pairs at the pass that finds its pairs untracked, the same or the next). The nodes outside
cycles are computed by the loops below (the four semantics, operation for operation as in
:mod:`app.reasoning.semantics`, so the numbers are the same to the bit); a cyclic component
is handed to the usual solvers with ``Parent`` records made for its nodes alone.

>>> from app.reasoning.framework import framework_from_edges
>>> c = compile_framework(framework_from_edges({"b": .5, "a": .4}, [("a", "b", "attack")]))
>>> c.ids, c.items, c.parents
(['a', 'b'], [0, 1], [(), ((0, -1.0),)])
"""

from __future__ import annotations

import math
from array import array
from dataclasses import dataclass

from .framework import SOURCE, Parent, paused_gc
from .order import schedule

ATTACK = "attack"


@dataclass(frozen=True)
class Compiled:
    """``ids[i]`` is node i; ``items`` the evaluation order (an index, or a tuple of indices
    for a cycle, in the id order of ``schedule``); ``tau[i]`` its base score and
    ``parents[i]`` its parents as (index, weight), an attack's weight negated."""
    ids: list[str]
    items: list
    tau: array
    parents: list
    segments: list = ()     # items grouped: lists of nodes outside cycles, cycles between

    def __post_init__(self) -> None:
        object.__setattr__(self, "segments", list(_segments(self.items)))

    def records(self, comp) -> dict[int, tuple[Parent, ...]]:
        """``Parent`` records (sources as indices) of the nodes of *comp*, for the solvers."""
        return {i: tuple([(src, ATTACK if math.copysign(1.0, w) < 0.0 else "support", abs(w), "")
                          for src, w in self.parents[i]]) for i in comp}


def compile_framework(fw) -> Compiled:
    """The compiled form of ``fw`` (see the module docstring)."""
    with paused_gc():       # records of plain numbers, no cycles: see paused_gc
        return _compile(fw)


def _compile(fw) -> Compiled:
    order = schedule(fw.tau, fw.parents, fw.children, whole=True)
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
    # the sign makes a new float here, next to its tuple, instead of pointing far away
    parents = [tuple([(index[src], -(w + 0.0) if rel == ATTACK else w + 0.0)
                      for src, rel, w, _e in fw.parents[n]]) for n in ids]
    return Compiled(ids, items, tau, parents)


def dfquad(t, plist, s):
    keep_att = keep_sup = 1.0
    for src, w in plist:
        v = w * s[src]
        if v < 0.0:
            keep_att *= 1.0 + v
        else:
            keep_sup *= 1.0 - v
    diff = keep_sup - keep_att
    if diff >= 0.0:
        return t - t * diff
    return t - (1.0 - t) * diff


def _energy(plist, s):
    energy = 0.0
    for src, w in plist:
        energy += w * s[src]
    return energy


def qe(t, plist, s):
    energy = _energy(plist, s)
    sq = energy * energy
    if energy >= 0.0:
        return t + (1.0 - t) * sq / (1.0 + sq)
    return t - t * sq / (1.0 + sq)


def euler(t, plist, s):
    energy = _energy(plist, s)
    if t == 0.0:
        return 0.0
    if energy > 700.0:
        return 1.0
    return 1.0 - (1.0 - t * t) / (1.0 + t * math.exp(energy))


def hcat(t, plist, s):
    total = 0.0
    for src, w in plist:
        if w < 0.0:
            total -= w * s[src]
    return t / (1.0 + total)


FLAT = {"dfquad": dfquad, "qe": qe, "euler": euler, "hcat": hcat}


def _dfquad_run(nodes, tau, parents, s) -> None:
    for i in nodes:
        keep_att = keep_sup = 1.0
        for src, w in parents[i]:
            v = w * s[src]
            if v < 0.0:
                keep_att *= 1.0 + v
            else:
                keep_sup *= 1.0 - v
        t, diff = tau[i], keep_sup - keep_att
        s[i] = t - t * diff if diff >= 0.0 else t - (1.0 - t) * diff


def _plain_run(value):
    """A run of nodes computed one by one (the semantics whose node values need more)."""
    def run(nodes, tau, parents, s) -> None:
        for i in nodes:
            s[i] = value(tau[i], parents[i], s)
    return run


RUNS = {"dfquad": _dfquad_run, "qe": _plain_run(qe), "euler": _plain_run(euler),
        "hcat": _plain_run(hcat)}


def run_compiled(c: Compiled, semantics: str, update, s: array, cycles: dict, bad: set,
                 options, solve_cycle) -> None:
    """Compute every node of *c* into *s*; record cycles and unsettled nodes (as ``run``).
    Runs of nodes outside cycles go through one loop while nothing upstream is unsettled."""
    value, run = FLAT[semantics], RUNS[semantics]
    tau, rel = c.tau, c.parents
    for part in c.segments:
        if part.__class__ is list:
            if not bad:
                run(part, tau, rel, s)
                continue
            for i in part:
                s[i] = value(tau[i], rel[i], s)
                if any(src in bad for src, _w in rel[i]):
                    bad.add(i)
            continue
        parents = c.records(part)
        method, count, settled = solve_cycle(part, tau, parents, update, s, options)
        cycles[part[0]] = (method, count)
        if not settled or (bad and any(p[SOURCE] in bad for n in part for p in parents[n])):
            bad.update(part)


def _segments(items: list):
    """The items as lists of consecutive nodes outside cycles, and the cycles between them."""
    run: list = []
    for item in items:
        if item.__class__ is tuple:
            if run:
                yield run
                run = []
            yield item
        else:
            run.append(item)
    if run:
        yield run
