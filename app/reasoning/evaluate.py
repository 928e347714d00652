"""Final strengths of every node under a gradual semantics.

Nodes outside cycles are computed once, in topological order (exact). A cycle (strongly
connected component) is solved by Jacobi iteration from the base scores to a tolerance; if the
iteration does not settle within a cap, the ODE dσ/dt = f(σ) − σ is integrated with RK4 from
the base scores (Potyka 2018) until |f(σ) − σ| is below the tolerance. A component that does
not settle either way, and everything downstream of it, is listed in ``unconverged`` and the
evaluation is not ``converged``: those numbers are not final.

>>> from app.reasoning.framework import framework_from_edges
>>> fw = framework_from_edges({"a": 1.0, "b": 0.5}, [("a", "b", "attack"), ("b", "a", "attack")])
>>> ev = evaluate(fw, "dfquad")
>>> round(ev.strengths["a"], 8), round(ev.strengths["b"], 8), ev.method, ev.converged
(1.0, 0.0, 'iteration', True)
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field
from typing import Callable, Iterable, Mapping

from .compiled import run_compiled
from .framework import SOURCE, Framework, ReasoningError, copied
from .incremental import State, local_plan, propagate
from .semantics import SEMANTICS, update_for

__all__ = ["Evaluation", "evaluate", "reevaluate", "SEMANTICS", "METHODS"]

METHODS = ("exact", "iteration", "rk4")  # from the simplest to the most elaborate
RK4_STEP = 0.5
WORK_BUDGET = 5_000_000
STALL_WINDOW, STALL_RATIO = 100, 0.999  # sweeps between stall checks; the shrink they need
POLL_SWEEPS, POLL_STEPS = 10, 3  # sweeps or RK4 steps between calls of a solve's poll


@dataclass(frozen=True)
class Evaluation:
    """The result of one evaluation.

    ``method`` is the most elaborate method any component needed, ``iterations`` the total of
    Jacobi sweeps and RK4 steps spent on cycles. ``cycles`` (per cyclic component, keyed by its
    smallest node id: (method, iterations)) and ``options`` let ``reevaluate`` reproduce it;
    ``certificates`` (per large component: that it has one fixed point, see
    :mod:`app.reasoning.warm`) let it start again from these values. ``recomputed`` is None
    after a full evaluation, else the nodes ``reevaluate`` computed (no other node moved);
    ``plan`` the framework's evaluation plan it was computed with (the same plan next time
    means the same structure).
    """
    semantics: str
    strengths: dict[str, float]
    converged: bool
    method: str
    iterations: int
    unconverged: frozenset[str]
    cycles: Mapping[str, tuple[str, int]] = field(default_factory=dict, compare=False, repr=False)
    options: Mapping[str, float] = field(default_factory=dict, compare=False, repr=False)
    certificates: Mapping = field(default_factory=dict, compare=False, repr=False)
    recomputed: frozenset | set | None = field(default=None, compare=False, repr=False)
    components: Mapping[str, tuple] = field(default_factory=dict, compare=False, repr=False)
    plan: object = field(default=None, compare=False, repr=False)


def evaluate(fw: Framework, semantics: str = "dfquad", *, tol: float = 1e-9,
             max_sweeps: int = 10_000, max_steps: int = 20_000) -> Evaluation:
    """Evaluate every node of ``fw``.

    ``max_sweeps``/``max_steps`` cap Jacobi sweeps and RK4 steps per component (large
    components get a lower cap so one evaluation stays within a few seconds).
    """
    update = update_for(semantics)
    options = _options(tol, max_sweeps, max_steps)
    c = fw.compiled   # nodes by index in evaluation order: see app.reasoning.compiled
    s = array("d", bytes(8 * len(c.ids)))
    cycles: dict[int, tuple[str, int]] = {}
    bad: set[int] = set()
    run_compiled(c, semantics, update, s, cycles, bad, options, solve_cycle)
    ids = c.ids
    components = {ids[item[0]]: tuple([ids[k] for k in item]) for item in c.segments
                  if item.__class__ is tuple}
    state = State(dict(zip(ids, s)), {ids[k]: v for k, v in cycles.items()}, components,
                  {ids[i] for i in bad}, {})
    return _result(semantics, state, options)


def reevaluate(fw: Framework, previous: Evaluation, changed: Iterable[str]) -> Evaluation:
    """Re-evaluate after a change, recomputing only what the change can reach.

    ``fw`` is the framework after the change, ``previous`` the evaluation before it, and
    ``changed`` the ids of nodes whose τ or parents changed and of edges whose weight or
    relation changed (for a removed relation, pass its target). The result equals
    ``evaluate(fw, previous.semantics)``: to the bit outside cycles and in components solved
    afresh, within the tolerance in large components settled from their previous values (see
    :mod:`app.reasoning.incremental`). It costs what the change reaches if ``fw`` has its
    evaluation ``plan`` (shared by ``with_values``, kept by the weighing across edits); without
    one, the nodes downstream of the change are ordered first. If the set of nodes differs, or
    an id is unknown, everything is evaluated afresh.
    """
    options = dict(previous.options) or _options(1e-9, 10_000, 20_000)
    plan = fw.__dict__.get("plan")
    same_nodes = plan is not None and plan is previous.plan      # the same structure
    if not same_nodes and previous.strengths.keys() != fw.tau.keys():
        return evaluate(fw, previous.semantics, **options)
    roots = set()
    for key in changed:
        if key in fw.tau:
            roots.add(key)
        elif key in fw.edge_index:
            roots.add(fw.edge_index[key][0])
        else:
            return evaluate(fw, previous.semantics, **options)
    state = State(copied(previous.strengths), copied(previous.cycles), copied(previous.components),
                  set(previous.unconverged), copied(previous.certificates))
    if not same_nodes:                                  # the structure may have changed
        full = plan is not None
        plan = plan or local_plan(roots, fw)
        roots |= state.broken(plan, fw, full)
    seen = propagate(plan, roots, fw, update_for(previous.semantics), previous.semantics,
                     state, options, solve_cycle)
    return _result(previous.semantics, state, options, seen, fw.__dict__.get("plan"))


def _options(tol, max_sweeps, max_steps) -> dict:
    if isinstance(tol, bool) or not isinstance(tol, (int, float)) or not 0 < tol < 1:
        raise ReasoningError(f"The tolerance must be a small positive number, not {tol!r}")
    for cap in (max_sweeps, max_steps):
        if isinstance(cap, bool) or not isinstance(cap, int) or cap < 0:
            raise ReasoningError(f"An iteration cap must be a whole number ≥ 0, not {cap!r}")
    return {"tol": float(tol), "max_sweeps": max_sweeps, "max_steps": max_steps}


def _result(semantics, state: State, options, seen=None, plan=None) -> Evaluation:
    cycles, bad = state.cycles, state.bad
    method = max((m for m, _ in cycles.values()), key=METHODS.index, default="exact")
    iterations = sum(n for _, n in cycles.values())
    return Evaluation(semantics, state.s, not bad, method, iterations, frozenset(bad),
                      cycles, options, state.certs, seen, state.components, plan)


def run(order: list, tau: Mapping[str, float], parents: Mapping[str, tuple], update: Callable,
        s: dict[str, float], cycles: dict, bad: set, options: Mapping) -> None:
    """Compute the nodes of ``order`` into ``s``; record cycles and unsettled nodes.

    Parents outside ``order`` must already be in ``s``; ``bad`` holds the nodes known not to
    be final (their descendants become not final too).
    """
    for item in order:
        if item.__class__ is not tuple:   # a node (id or index); a tuple is a cycle
            plist = parents[item]
            s[item] = update(tau[item], plist, s)
            if bad and any(p[SOURCE] in bad for p in plist):
                bad.add(item)
            continue
        method, count, settled = solve_cycle(item, tau, parents, update, s, options)
        cycles[item[0]] = (method, count)
        if not settled or (bad and any(p[SOURCE] in bad for n in item for p in parents[n])):
            bad.update(item)


def solve_cycle(comp: tuple[str, ...], tau, parents, update, s: dict, options, *,
                warm: bool = False, skip_iteration: bool = False, budget: int | None = None,
                poll: Callable[[], None] | None = None) -> tuple[str, int, bool]:
    """Solve one cyclic component in place; return (method, sweeps+steps, settled).

    By default both methods start from the base scores (so the result is that of
    ``evaluate``). ``warm`` starts from the values already in ``s`` instead (a nearby solution,
    e.g. the previous one of a sensitivity probe), ``skip_iteration`` goes straight to RK4,
    ``budget`` caps the work (node updates plus parents read) and ``poll`` is called every
    few sweeps or steps (it may raise to abandon the solve).
    """
    work = sum(1 + len(parents[n]) for n in comp)
    room = None if budget is None else max(0, budget)
    start = [s[n] for n in comp] if warm else [tau[n] for n in comp]
    used = 0
    if not skip_iteration:
        sweeps = min(options["max_sweeps"], max(500, WORK_BUDGET // work))
        if room is not None:
            sweeps = min(sweeps, room // work)
        settled, used = _iterate(comp, tau, parents, update, s, options["tol"], sweeps, start, poll)
        if settled:
            return "iteration", used, True
        if room is not None:
            room -= used * work
    steps = min(options["max_steps"], max(500, WORK_BUDGET // (4 * work)))
    if room is not None:
        steps = min(steps, room // (4 * work))
    settled, more = _rk4(comp, tau, parents, update, s, options["tol"], steps, start, poll)
    return "rk4", used + more, settled


def _iterate(comp, tau, parents, update, s, tol, cap, start, poll) -> tuple[bool, int]:
    """Jacobi iteration from ``start`` until no value moves by tol or more.

    Gives up early when the largest move has not shrunk over STALL_WINDOW sweeps
    (an oscillation, e.g. an even cycle of strong attacks under DF-QuAD).
    """
    for n, v in zip(comp, start):
        s[n] = v
    checkpoint = last = before = 2.0
    for sweep in range(1, cap + 1):
        new = [update(tau[n], parents[n], s) for n in comp]
        delta = 0.0
        for n, v in zip(comp, new):
            d = abs(v - s[n])
            if d > delta:
                delta = d
            s[n] = v
        if delta < tol and delta * _tail(delta, before) < tol:
            return True, sweep
        before, last = last, delta
        if poll is not None and sweep % POLL_SWEEPS == 0:
            poll()
        if sweep % STALL_WINDOW == 0:
            if delta >= STALL_RATIO * checkpoint:
                return False, sweep
            checkpoint = delta
    return False, cap


def _tail(delta: float, before: float) -> float:
    """q/(1−q) for the contraction per sweep q = √(delta/before) seen over two sweeps
    (two, because cycles often alternate): the distance still to go per unit of the last
    move if the iteration keeps contracting geometrically."""
    q = min((delta / before) ** 0.5, 0.99) if before > 0 else 0.0
    return q / (1.0 - q)


def _rk4(comp, tau, parents, update, s, tol, cap, start, poll) -> tuple[bool, int]:
    """Integrate dσ/dt = f(σ) − σ from ``start`` with RK4 until max |f(σ) − σ| < tol."""
    def slope(x):
        for n, v in zip(comp, x):
            s[n] = min(1.0, max(0.0, v))
        return [update(tau[n], parents[n], s) - v for n, v in zip(comp, x)]

    h = RK4_STEP
    x = list(start)
    for step in range(cap):
        if poll is not None and step % POLL_STEPS == 0:
            poll()
        k1 = slope(x)
        if max(map(abs, k1)) < tol:
            return True, step
        k2 = slope([xi + h / 2 * k for xi, k in zip(x, k1)])
        k3 = slope([xi + h / 2 * k for xi, k in zip(x, k2)])
        k4 = slope([xi + h * k for xi, k in zip(x, k3)])
        x = [min(1.0, max(0.0, xi + h / 6 * (a + 2 * b + 2 * c + d)))
             for xi, a, b, c, d in zip(x, k1, k2, k3, k4)]
    k1 = slope(x)  # leaves s at x
    return max(map(abs, k1)) < tol, cap
