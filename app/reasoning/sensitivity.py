"""Which single input would change the outcome, and at what value: swaps and leader changes.

Three questions share one search: :func:`sensitivity` (what swaps the two strongest
strategies), :func:`pair_flips` (what reverses any two strategies) and
:func:`leader_changes` (what changes *which* strategy leads, whoever overtakes). For each
base score and weight upstream of the strategies watched, the input is moved alone across
[0, 1] and the value nearest to its current one at which the outcome changes is found to
``tol``:

- inputs that provably cannot close the gap are skipped (a Lipschitz bound over the paths
  to the watched strategies, where those paths have no cycle), and so are inputs that reach
  none of them;
- where every path from the input to the watched strategies pushes the same way (and has no
  cycle), the outcome is monotone in the input and one probe per side says whether it
  changes; elsewhere eight samples per unit bracket the change;
- the bracket is narrowed by regula falsi (Illinois), falling back to halving, so a crossing
  costs a handful of probes; each probe recomputes only what the input reaches (see
  :class:`~app.reasoning.probe.Probe`), reusing the previous solution as the start of a
  cycle's next solve, and a crossing found that way is confirmed by one solve from scratch.

Total work is capped (``work``, node updates plus parents read): when it runs out the result
says how many of the inputs were examined (``examined`` of ``total``) instead of hanging.
``should_stop`` is polled between probes and inside long solves and raises
:class:`Cancelled` when it returns True; ``progress(done, total)`` follows the inputs.
Only converged strengths are searched: if a watched strategy did not settle, the result has
``converged`` False and no flips.

>>> from app.reasoning.framework import framework_from_edges
>>> fw = framework_from_edges({"a": .5, "b": .4, "r": .5},
...     [("r", "a", "support")], strategies=("a", "b"))
>>> [(f.input, f.field, round(f.flip_at, 5)) for f in sensitivity(fw).flips]  # σ(a) = .75
[('b', 'base_score', 0.75)]
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from .evaluate import Evaluation, evaluate
from .framework import RELATION, SOURCE, Framework, ReasoningError
from .outcomes import (LIPSCHITZ, Leader, Outcome, Pair, influence, monotone_inputs,
                       ordered_inputs)
from .probe import OutOfWork, Probe
from .ranking import level, rank_strategies
from .semantics import update_for

SAMPLES = 8          # sample intervals over [0, 1] used to bracket a change of outcome
ROOT_STEPS = 60      # cap on the probes that narrow one bracket
BOUND_MARGIN = 1e-12  # bounds closer than this to a change count as touching it
WORK = 10_000_000    # default cap on the work of one search: a few seconds here


class Cancelled(Exception):
    """The caller's ``should_stop`` asked to stop; nothing was returned."""


@dataclass(frozen=True)
class Flip:
    """Setting ``input``'s ``field`` to ``flip_at`` (alone) changes the outcome; for leader
    changes ``leader`` is the strategy that then leads."""
    input: str
    field: str
    current: float
    flip_at: float
    leader: str | None = None


@dataclass(frozen=True)
class Sensitivity:
    """The strategies compared (``top``: the one ahead first) and the inputs that flip them.

    ``converged``/``method`` describe the evaluation (as ``evaluate`` reports them);
    ``searched`` is False when a compared strategy did not settle, so no flip was looked for.
    ``examined`` of ``total`` inputs were decided before the work cap; ``undecided`` lists
    inputs whose moves left a cycle unsettled (no flip is claimed for them). ``tied``: the
    strategy ahead only ties with the other now (the ranking puts it first by title), so
    there is no lead to reverse and no flip is listed.
    """
    semantics: str
    top: tuple[str, str] | None
    flips: list[Flip]
    converged: bool = True
    method: str = "exact"
    examined: int = 0
    total: int = 0
    undecided: tuple[str, ...] = ()
    searched: bool = True
    tied: bool = False

    @property
    def complete(self) -> bool:
        """True if every input was examined and none is undecided."""
        return self.searched and self.examined == self.total and not self.undecided

    def caveats(self) -> list[str]:
        """One plain sentence per reason the flips may not be the whole story."""
        out = []
        if self.tied:
            out.append("They tie now: the first is listed ahead only by title, so any change "
                       "that favours the other puts it ahead; no reversal is listed.")
        if not self.searched:
            out.append(f"Caveat: the strengths did not settle (method: {self.method}); "
                       "no flips are computed from unsettled numbers.")
        elif not self.converged and self.top is not None:
            out.append(f"Caveat: some strengths did not settle (method: {self.method}), but "
                       "none that bears on these strategies; the flips use settled numbers.")
        if self.examined < self.total:
            out.append(f"Stopped early: {self.examined} of {self.total} inputs examined "
                       "(work limit reached); more inputs may flip the outcome.")
        if self.undecided:
            out.append(f"{len(self.undecided)} input(s) undecided: moving them leaves a cycle "
                       "unsettled.")
        return out


def sensitivity(fw: Framework, semantics: str = "dfquad", *, tol: float = 1e-6,
                base: Evaluation | None = None, work: int = WORK,
                should_stop: Callable[[], bool] | None = None,
                progress: Callable[[int, int], None] | None = None) -> Sensitivity:
    """The inputs whose change alone swaps the two strongest strategies (nearest flip each)."""
    ev = _evaluation(fw, semantics, tol, base)
    ranking = rank_strategies(fw, ev)
    if len(ranking) < 2:
        return Sensitivity(semantics, None, [], ev.converged, ev.method)
    return _search(fw, ev, Pair(fw, ranking[0].id, ranking[1].id, ev.strengths), tol, work, should_stop, progress)


def pair_flips(fw: Framework, semantics: str, a: str, b: str, *, tol: float = 1e-6,
               base: Evaluation | None = None, work: int = WORK,
               should_stop: Callable[[], bool] | None = None,
               progress: Callable[[int, int], None] | None = None) -> Sensitivity:
    """The inputs whose change alone reverses strategies ``a`` and ``b`` (either order).

    ``top`` of the result puts the one currently ahead first.
    """
    ev = _evaluation(fw, semantics, tol, base)
    for sid in (a, b):
        if sid not in fw.strategies:
            raise ReasoningError(f"{sid!r} is not a strategy of this map")
    if a == b:
        raise ReasoningError("Choose two different strategies to compare")
    order = [e.id for e in rank_strategies(fw, ev) if e.id in (a, b)]
    return _search(fw, ev, Pair(fw, order[0], order[1], ev.strengths), tol, work, should_stop, progress)


def leader_changes(fw: Framework, semantics: str = "dfquad", *, tol: float = 1e-6,
                   base: Evaluation | None = None, work: int = WORK,
                   should_stop: Callable[[], bool] | None = None,
                   progress: Callable[[int, int], None] | None = None) -> Sensitivity:
    """The inputs whose change alone puts another strategy (any of them) in the lead.

    ``top`` is (the leader, the runner-up); each flip names the new ``leader``.
    """
    ev = _evaluation(fw, semantics, tol, base)
    ranking = rank_strategies(fw, ev)
    if len(ranking) < 2:
        return Sensitivity(semantics, None, [], ev.converged, ev.method)
    return _search(fw, ev, Leader(fw, ranking, ev.strengths), tol, work, should_stop, progress)


def _evaluation(fw: Framework, semantics: str, tol, base: Evaluation | None) -> Evaluation:
    update_for(semantics)
    if isinstance(tol, bool) or not isinstance(tol, (int, float)) or not 0 < tol < 1:
        raise ReasoningError(f"The tolerance must be a small positive number, not {tol!r}")
    if base is not None and base.semantics == semantics and base.strengths.keys() == fw.tau.keys():
        return base
    return evaluate(fw, semantics)


def _poller(should_stop: Callable[[], bool] | None) -> Callable[[], None] | None:
    if should_stop is None:
        return None

    def poll() -> None:
        if should_stop():
            raise Cancelled("stopped on request")
    return poll


def _search(fw: Framework, ev: Evaluation, outcome: Outcome, tol: float, work: int,
            should_stop, progress) -> Sensitivity:
    """Examine every input upstream of the outcome's strategies, nearest ones first."""
    result = dict(semantics=ev.semantics, top=outcome.top, converged=ev.converged, method=ev.method)
    if any(w in ev.unconverged for w in outcome.watched):
        return Sensitivity(**result, flips=[], searched=False)
    if level(*(ev.strengths[s] for s in outcome.top)):
        return Sensitivity(**result, flips=[], tied=True)
    poll = _poller(should_stop)
    probe = Probe(fw, ev, outcome.watched, budget=work, poll=poll)
    inputs = ordered_inputs(probe)
    bound = influence(probe)
    gap = outcome.margin(ev.strengths)
    known = monotone_inputs(probe, outcome)
    flips, undecided, done = [], [], 0
    for input_id, field, current in inputs:
        if poll is not None:
            poll()
        kind = known.get(input_id)
        if kind != "none" and (bound is None or _may_reach(probe, bound, input_id, field, gap)):
            try:
                found = _input_flip(probe, outcome, input_id, current, tol, kind == "mono")
            except OutOfWork:
                break
            if found is _UNSETTLED:
                undecided.append(input_id)
            elif found is not None:
                flips.append(Flip(input_id, field, current, found[0], found[1]))
        done += 1
        if progress is not None:
            progress(done, len(inputs))
    flips.sort(key=lambda f: (abs(f.flip_at - f.current), f.input))
    return Sensitivity(**result, flips=flips, examined=done, total=len(inputs),
                       undecided=tuple(undecided))


def _may_reach(probe: Probe, bound: dict[str, float], input_id: str, field: str, gap: float) -> bool:
    """False if moving the input anywhere in [0, 1] provably cannot close ``gap``."""
    if field == "base_score":
        reach = bound[input_id]  # σ moves by at most 1
    else:
        target, i = probe.fw.edge_index[input_id]
        p = probe.fw.parents[target][i]
        if p[RELATION] != "attack" and probe.ev.semantics == "hcat":
            return False
        reach = LIPSCHITZ[probe.ev.semantics] * probe.ev.strengths[p[SOURCE]] * bound[target]
    return reach * (1 + 1e-9) + 1e-11 >= gap


class _Unsettled(Exception):
    """A probe left a cycle unsettled."""


_UNSETTLED = object()


def _input_flip(probe: Probe, outcome: Outcome, input_id: str, current: float, tol: float,
                monotone: bool):
    """(flip value, new leader) nearest to ``current``; None; or _UNSETTLED."""
    probe.select(input_id)
    if not monotone and not probe.cyclic and outcome.lowest(*probe.enclose()) > BOUND_MARGIN:
        return None       # no value of the input can change the outcome
    cold = False
    for _attempt in range(2):
        try:
            found = _nearest(probe, outcome, current, tol, monotone, cold)
        except _Unsettled:
            return _UNSETTLED
        if found is None or not probe.cyclic or cold:
            return found
        state = probe.at(found[0], cold=True)   # confirm a warm-started crossing from scratch
        if state is not None and outcome.changed(state):
            return found
        cold = True
    return found


def _nearest(probe, outcome, current, tol, monotone, cold):
    """The change of outcome nearest to ``current`` on either side, or None."""
    found = []
    for end in (1.0, 0.0):
        if end == current:
            continue
        if monotone:
            points = [end]
        else:
            grid = [i / SAMPLES for i in range(SAMPLES + 1)]
            points = sorted((v for v in grid if (v - current) * (end - current) > 0),
                            key=lambda v: abs(v - current))
        hit = _scan(probe, outcome, current, points, tol, cold)
        if hit is not None:
            found.append(hit)
    return min(found, key=lambda h: abs(h[0] - current), default=None)


def _look(probe, outcome, value, cold):
    """(changed?, margin, new leader) with the input at ``value``."""
    state = probe.at(value, cold=cold)
    if state is None:
        raise _Unsettled
    return outcome.changed(state), outcome.margin(state), outcome.winner(state)


def _scan(probe, outcome, current, points, tol, cold):
    """Walk ``points`` outwards from ``current``; narrow the first change found."""
    kept, kept_margin = current, outcome.margin(probe.ev.strengths)
    for value in points:
        changed, margin, winner = _look(probe, outcome, value, cold)
        if changed:
            return _narrow(probe, outcome, (kept, kept_margin), (value, margin, winner), tol / 4, cold)
        kept, kept_margin = value, margin
    return None


def _narrow(probe, outcome, kept, changed, width, cold):
    """Shrink [kept, changed] to ``width`` by Illinois regula falsi; halve when that stalls.

    The margin is > 0 at the kept end and ≤ 0 at the changed one; the changed end is
    returned (with the leader there), so the value returned really changes the outcome.
    """
    (k, mk), (c, mc, winner) = kept, changed
    last, checkpoint, tries = 0, abs(c - k), 0
    for _ in range(ROOT_STEPS):
        span = abs(c - k)
        if span <= width:
            break
        if span <= checkpoint / 2:
            checkpoint, tries = span, 0
        tries += 1
        if tries > 3 or not mk > 0 > mc:
            x, checkpoint, tries = (k + c) / 2, span, 0
        else:
            x = k + (c - k) * mk / (mk - mc)
        x = min(max(x, min(k, c) + width / 4), max(k, c) - width / 4)
        now_changed, m, w = _look(probe, outcome, x, cold)
        if now_changed:
            c, mc, winner = x, m, w
            mk = mk / 2 if last == 1 else mk    # Illinois: the same end moved twice
            last = 1
        else:
            k, mk = x, m
            mc = mc / 2 if last == -1 else mc
            last = -1
    return c, winner


def sweep(fw: Framework, semantics: str, input_id: str, a: str, b: str,
          steps: int = 41) -> list[tuple[float, float, float]]:
    """(value, σ(a), σ(b)) as ``input_id`` goes from 0 to 1 in ``steps`` even steps.

    Values that do not settle (a cycle that fails to converge) are reported as NaN.
    """
    for node in (a, b):
        if node not in fw.tau:
            raise ReasoningError(f"There is no evaluated node with id {node!r}")
    if isinstance(steps, bool) or not isinstance(steps, int) or steps < 2:
        raise ReasoningError(f"A sweep needs at least 2 steps, not {steps!r}")
    probe = Probe(fw, evaluate(fw, semantics), (a, b))
    probe.select(input_id)
    rows = []
    for i in range(steps):
        value = i / (steps - 1)
        state = probe.at(value, cold=True)
        rows.append((value, state[a], state[b]) if state else (value, float("nan"), float("nan")))
    return rows
