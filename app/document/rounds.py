"""Rounds (the Delphi method) as the facilitator and the CLI see them (Qt-free).

- :func:`scope_targets` turns a round's scope into the inputs it asks: the whole map, the
  inputs whose change alone could change the lead, the inputs that bear on one of two chosen
  strategies but not the other, or a hand-picked set.
- :func:`round_result` weighs one round's answers exactly like the group view weighs the
  current assessments (the same :func:`~app.reasoning.group.group_report`, over a copy of the
  map whose assessments are that round's answers): the group ranking, and per input the
  median, the spread (interquartile range; None with fewer than two values), how many people
  gave a value, how many said "no opinion", and who has finished.
- :func:`movement` compares the rounds: an input *converged* when its spread shrank to at
  most ``CONVERGED``, and *stayed contested* when its spread is still ``CONTESTED`` or more.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field

from ..model import Assessment, ModelError
from ..model.build import build_map
from ..model.round_commands import rounds_in_order
from ..model.rounds import Round
from ..reasoning import framework_from_map
from ..reasoning.framework import EDGE, SOURCE
from ..reasoning.group import GroupReport, group_report, spread_of
from ..reasoning.order import ancestors

CONVERGED = 0.10       # a spread at most this, after shrinking: the group has converged
CONTESTED = 0.25       # a spread at least this in the latest round: still contested


@dataclass(frozen=True)
class InputStats:
    target: str
    values: tuple[float, ...]        # the values given (no opinion left out)
    no_opinion: int
    median: float | None
    spread: float | None             # None: fewer than two values, so no spread

    @property
    def assessors(self) -> int:
        return len(self.values)


@dataclass
class RoundResult:
    round: Round
    stats: dict[str, InputStats]
    report: GroupReport | None       # None while nobody has given a value
    finished: list[str] = field(default_factory=list)       # participant ids
    answered: dict[str, int] = field(default_factory=dict)  # participant id -> inputs answered

    @property
    def ranking(self):
        return self.report.group if self.report else []


def weighable_inputs(fw) -> list[str]:
    """Every base score and weight that can reach a strategy, in map order."""
    reach = ancestors(fw.strategies, fw.parents) if fw.strategies else set()
    nodes = [n for n in fw.tau if n in reach]
    return nodes + [p[EDGE] for n in fw.tau if n in reach for p in fw.parents[n]]


def scope_targets(weighing, scope: str, pair: tuple[str, str] | None = None,
                  picked=()) -> list[str]:
    """The inputs a round of *scope* asks (ModelError when that scope finds none)."""
    fw = weighing.framework
    if scope == "map":
        found = weighable_inputs(fw)
    elif scope == "lead":
        found = list(dict.fromkeys(f.input for f in weighing.sensitivity().flips))
    elif scope == "pair":
        if not pair or len(set(pair)) != 2 or not set(pair) <= set(fw.strategies):
            raise ModelError("Choose two different strategies")
        a, b = (ancestors([s], fw.parents) for s in pair)
        only = (a ^ b) | set(pair)
        found = [t for t in weighable_inputs(fw) if _ends_in(t, fw, only)]
    elif scope == "picked":
        found = list(dict.fromkeys(picked))
    else:
        raise ModelError(f"Unknown round scope {scope!r}")
    if not found:
        raise ModelError("That scope finds no inputs to ask about" +
                         ("; no single input could change the lead" if scope == "lead" else ""))
    return found


def _ends_in(target: str, fw, nodes: set) -> bool:
    if target in fw.tau:
        return target in nodes
    return any(p[EDGE] == target and p[SOURCE] in nodes for n in fw.tau for p in fw.parents[n])


def input_stats(amap, rnd: Round) -> dict[str, InputStats]:
    out = {}
    for t in rnd.targets:
        given = [a for a in amap.answers.values() if a.round == rnd.id and a.target == t]
        values = tuple(a.value for a in given if a.value is not None)
        out[t] = InputStats(t, values, len(given) - len(values),
                            statistics.median(values) if values else None, spread_of(list(values)))
    return out


def round_map(amap, rnd: Round):
    """A copy of *amap* whose participants are those who answered in *rnd* and whose
    assessments are their answers there (no opinion: not assessed)."""
    answers = [a for a in amap.answers.values() if a.round == rnd.id]
    people = {a.participant for a in answers}
    return build_map(amap.nodes.values(), amap.edges.values(),
                     [p for p in amap.participants.values() if p.id in people],
                     [Assessment(a.participant, a.target, a.value, a.note, a.modified)
                      for a in answers if a.value is not None and amap.contains(a.target)],
                     meta=amap.meta)


def round_result(amap, rnd: Round, semantics: str, aggregation: str = "inputs") -> RoundResult:
    view = round_map(amap, rnd)
    report = group_report(view, semantics, aggregation=aggregation) if view.assessments else None
    answered = {pid: sum(1 for a in amap.answers.values() if a.round == rnd.id and a.participant == pid)
                for pid in amap.participants}
    finished = [pid for pid, n in answered.items() if n >= len(rnd.targets)]
    return RoundResult(rnd, input_stats(amap, rnd), report, finished, answered)


def all_results(amap, semantics: str, aggregation: str = "inputs") -> list[RoundResult]:
    return [round_result(amap, r, semantics, aggregation) for r in rounds_in_order(amap)]


def previous_round(amap, rnd: Round) -> Round | None:
    earlier = [r for r in rounds_in_order(amap) if r.number < rnd.number]
    return earlier[-1] if earlier else None


def movement(results: list[RoundResult]) -> dict[str, str]:
    """'converged' or 'contested' for the inputs of the latest round that are either."""
    if not results:
        return {}
    out = {}
    for t, last in results[-1].stats.items():
        spreads = [r.stats[t].spread for r in results if t in r.stats and r.stats[t].spread is not None]
        if last.spread is None:
            continue
        if last.spread >= CONTESTED:
            out[t] = "contested"
        elif len(spreads) > 1 and last.spread < spreads[0] and last.spread <= CONVERGED:
            out[t] = "converged"
    return out


def strength_series(results: list[RoundResult], amap) -> dict[str, list[float | None]]:
    """Each strategy's group strength per round (None for a round with no values yet)."""
    fw = framework_from_map(amap)
    series = {s: [] for s in fw.strategies}
    for r in results:
        strengths = r.report.strengths if r.report else {}
        for s in series:
            series[s].append(strengths.get(s))
    return series


def mean_spread(result: RoundResult) -> float | None:
    spreads = [s.spread for s in result.stats.values() if s.spread is not None]
    return sum(spreads) / len(spreads) if spreads else None


def group_words(amap) -> str:
    """The group's values in words for a caption: the aggregation, how many people assessed
    (and per input), and the latest round.

    >>> from app.model.build import build_map
    >>> from app.model import Assessment, Node, Participant
    >>> m = build_map([Node(id="a"), Node(id="b")], participants=[Participant("p", "P"), Participant("q", "Q")],
    ...               assessments=[Assessment("p", "a", .2), Assessment("q", "a", .4), Assessment("p", "b", .5)])
    >>> group_words(m)
    "the group's values (median of inputs, then evaluate; 2 of 2 people assessed, 1–2 per input)"
    """
    per_input: dict[str, int] = {}
    for a in amap.assessments.values():
        per_input[a.target] = per_input.get(a.target, 0) + 1
    people = len({a.participant for a in amap.assessments.values()})
    text = f"the group's values (median of inputs, then evaluate; {people} of {len(amap.participants)} people assessed"
    if per_input:
        lo, hi = min(per_input.values()), max(per_input.values())
        text += f", {lo}–{hi} per input" if lo != hi else f", {lo} per input"
    done = [r for r in rounds_in_order(amap) if any(a.round == r.id for a in amap.answers.values())]
    if done:
        text += f"; after {done[-1].title}"
    return text + ")"
