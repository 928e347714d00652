"""Re-evaluation after an edit that costs what the edit reaches (``reevaluate``).

The items (nodes and cyclic components) are taken from a heap by their key in the
framework's :class:`~app.reasoning.plan.Plan`, starting from the edited nodes. An item is
recomputed once all items before it are final; its children are queued only if its value (or
whether it is settled) moved. A node outside cycles is computed from the same parent values as
a full evaluation would, so it gets the same number to the bit, and nothing is computed where
an edit stops mattering.

A cyclic component is solved again from the base scores, as ``evaluate`` does, unless it is
large (``WARM_MIN_SIZE`` nodes or more), all its nodes were settled before (also as parts of
other components, before an edit merged them), and it has a certificate that it has only one
fixed point (:mod:`app.reasoning.warm`): then it is settled from the previous values, updating
only the nodes whose inputs moved, to within the same tolerance of that fixed point.
"""

from __future__ import annotations

from dataclasses import dataclass
from heapq import heappop, heappush

from .framework import SOURCE
from .plan import Plan, plan_of
from .order import descendants, schedule
from .warm import certify, recheck, settle

WARM_MIN_SIZE = 24     # smaller components are solved from the base scores: cheap and exact


@dataclass
class State:
    """What ``reevaluate`` carries over from the previous evaluation and brings up to date:
    strengths, per component (keyed by its smallest id) its (method, count) and members, the
    unsettled nodes and the certificates of large components."""
    s: dict
    cycles: dict
    components: dict
    bad: set
    certs: dict

    def broken(self, plan: Plan, fw, full: bool) -> set:
        """The nodes of earlier components that are not components of *plan* any more (their
        values were solved together and must be computed again); their records are dropped.
        A plan that is not *full* covers only the nodes downstream of the edit."""
        out = set()
        for k, members in list(self.components.items()):
            if full:
                item = plan.item_of.get(k)
            else:
                inside = [n for n in members if n in plan.item_of]
                if not inside:
                    continue            # nothing of it is downstream of the edit
                item = plan.item_of[inside[0]]
            if item is members:
                continue
            if item == members and all(n in fw.tau for n in members):
                self.components[k] = item       # the same: compared by identity next time
                continue
            out.update(n for n in members if n in fw.tau)
            del self.components[k]
            self.cycles.pop(k, None)
        return out


def propagate(plan: Plan, roots: set, fw, update, semantics: str, state: State, options,
              solve_cycle) -> set:
    """Recompute from *roots* (nodes whose base score or parents changed) in the order of
    *plan*, in place; return the nodes recomputed (of a cycle: those that moved)."""
    tau, parents, children = fw.tau, fw.parents, fw.children
    s, bad = state.s, state.bad
    item_of, key = plan.item_of, plan.key
    heap: list = []
    pending: dict = {}
    seen: set = set()

    def push(node) -> None:
        item = item_of[node]
        due = pending.get(item)
        if due is None:
            pending[item] = due = set()
            heappush(heap, (key[item], item))
        due.add(node)

    for node in roots:
        push(node)
    while heap:
        item = heappop(heap)[1]
        due = pending.pop(item)
        if item.__class__ is not tuple:
            seen.add(item)
            plist = parents[item]
            new = update(tau[item], plist, s)
            was_bad = item in bad
            now_bad = bool(bad) and any(p[SOURCE] in bad for p in plist)
            if new != s[item] or now_bad != was_bad:
                s[item] = new
                (bad.add if now_bad else bad.discard)(item)
                for child in children[item]:
                    push(child)
            continue
        moved = _solve(item, due, roots, fw, update, semantics, state, options, solve_cycle)
        seen.update(moved)
        for node in moved:
            for child in children[node]:
                if item_of[child] is not item:
                    push(child)
    return seen


def _solve(comp, due, roots, fw, update, semantics, state: State, options, solve_cycle) -> set:
    """Solve one component; return its nodes whose value or settledness moved."""
    tau, parents = fw.tau, fw.parents
    s, cycles, bad, certs = state.s, state.cycles, state.bad, state.certs
    was_bad = {n for n in comp if n in bad}
    before = {n: s[n] for n in comp}
    method = None
    if len(comp) >= WARM_MIN_SIZE and not was_bad:
        cert = certs.get(comp)
        if cert is not None:
            edited = [n for n in roots if n in cert.inside]
            if edited:
                cert = recheck(cert, edited, tau, parents, semantics)
        if cert is None:
            cert = certify(comp, tau, parents, semantics, _earlier(comp, certs))
        if cert is None:
            certs.pop(comp, None)
        else:
            certs[comp] = cert
        if cert is not None:
            cap = options["max_sweeps"] * len(comp)
            settled, work, _moved = settle(comp, due, tau, parents, fw.children, update, s, cert,
                                           options["tol"], cap)
            if settled:
                method, count = "iteration", -(-work // len(comp))
    if method is None:
        method, count, settled = solve_cycle(comp, tau, parents, update, s, options)
    cycles[comp[0]] = (method, count)
    state.components[comp[0]] = comp
    bad.difference_update(comp)
    if not settled or (bad and any(p[SOURCE] in bad for n in comp for p in parents[n])):
        bad.update(comp)
    return {n for n in comp if s[n] != before[n] or (n in bad) != (n in was_bad)}


def _earlier(comp: tuple, certs: dict) -> dict | None:
    """The weights of earlier certificates of the nodes of *comp* (a good start)."""
    start: dict = {}
    for other in certs.values():
        if other.weights.keys() & comp:
            start.update(other.weights)
    return start or None


def local_plan(roots: set, fw) -> Plan:
    """A plan of the descendants of *roots* alone (for a framework that has none)."""
    return plan_of(schedule(descendants(roots, fw.children), fw.parents, fw.children))
