"""The weighing results of an open document, kept up to date as the map changes (Qt-free).

A :class:`Weighing` is bound to a :class:`~app.document.Document`. It holds the current
framework, evaluation, grounded labels and strategy ranking for one *perspective*: the map's
own values (``"map"``), one participant's assessments (a participant id) or the group's
medians (``"group"``). After every committed edit it re-evaluates only what the edit can reach;
while a slider is dragged (``doc.previewed``) it shows the uncommitted values, and drops them
when the preview ends. Slower results (why, sensitivity, the group report) are computed on
demand and cached until the next change.

>>> import tempfile, pathlib
>>> from app.model import Node, Edge, SetScore
>>> from app.model.build import build_map
>>> from app.document import Document
>>> m = build_map([Node(id="s", kind="strategy"), Node(id="r", base_score=0.4)],
...               [Edge(id="e", source="r", target="s")])
>>> doc = Document.new(pathlib.Path(tempfile.mkdtemp()) / "d.rmap", m)
>>> w = Weighing(doc)
>>> round(w.strength("s"), 3)
0.7
>>> heard = []
>>> _ = w.changed.subscribe(heard.append)
>>> _ = doc.execute(SetScore("r", 0.8))
>>> round(w.strength("s"), 3), sorted(heard[-1].nodes)
(0.9, ['r', 's'])
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Mapping

from ..model import SEMANTICS, ModelError, SetMeta
from ..reasoning import (Evaluation, Framework, GroupReport, RankEntry, Sensitivity, evaluate,
                         framework_from_map, grounded_labelling, group_overrides, group_report,
                         participant_overrides, rank_strategies, reevaluate, sensitivity, why)
from ..reasoning.order import ancestors
from .events import Signal

MAP, GROUP = "map", "group"
SAME = 1e-12  # strengths closer than this count as unchanged

EXPLANATIONS = {
    "dfquad": "Reasons and objections each pull the base score towards 1 or 0; "
              "the stronger side wins in proportion.",
    "qe": "Reasons add and objections subtract energy; the score moves smoothly and never "
          "jumps to an extreme.",
    "euler": "Like quadratic energy, but a claim with a low base score gains little even "
             "from strong reasons.",
    "hcat": "Only objections count: each one divides the score by (1 + its strength).",
}


@dataclass(frozen=True)
class WeighingUpdate:
    """What a recomputation changed: ``reason`` says why, ``nodes`` whose strength moved."""
    reason: str                  # "edit" | "undo" | "redo" | "preview" | "perspective" | "reload"
    nodes: frozenset[str]
    ranking_changed: bool


class Weighing:
    """The current strengths, labels and ranking of a document under one perspective."""

    def __init__(self, doc, perspective: str = MAP) -> None:
        self.doc = doc
        self.changed = Signal()          # callback(WeighingUpdate)
        self.perspective = MAP
        self.preview: dict[str, float] = {}
        self.version = 0
        self._cache: dict = {}
        self.framework: Framework | None = None
        self.evaluation: Evaluation | None = None
        self.labels: dict[str, str] = {}
        self.ranking: list[RankEntry] = []
        self._unsubscribe = [doc.changed.subscribe(self._on_changed),
                             doc.previewed.subscribe(self._on_previewed)]
        self.set_perspective(perspective)

    def close(self) -> None:
        """Stop following the document."""
        for unsubscribe in self._unsubscribe:
            unsubscribe()
        self._unsubscribe = []

    # ----- settings --------------------------------------------------------------------
    @property
    def semantics(self) -> str:
        name = self.doc.map.meta.get("semantics", "dfquad")
        return name if name in SEMANTICS else "dfquad"

    def set_semantics(self, name: str) -> None:
        """Store the semantics in the map (an ordinary undoable step)."""
        self.doc.execute(SetMeta("semantics", name))

    def set_perspective(self, perspective: str) -> None:
        """``"map"``, ``"group"`` or a participant id; recomputes everything."""
        if perspective not in (MAP, GROUP) and perspective not in self.doc.map.participants:
            raise ModelError(f"There is no participant with id {perspective!r}")
        self.perspective = perspective
        self._recompute("perspective", full=True)

    def overrides(self) -> dict[str, float]:
        """The values this perspective puts over the map's own (previews on top)."""
        amap = self.doc.map
        if self.perspective == GROUP:
            base = group_overrides(amap)
        elif self.perspective == MAP:
            base = {}
        else:
            base = participant_overrides(amap, self.perspective)
        base.update({k: v for k, v in self.preview.items() if amap.contains(k)})
        return base

    # ----- results ---------------------------------------------------------------------
    def strength(self, node_id: str) -> float | None:
        """σ of a node, or None if it is not evaluated or not settled."""
        ev = self.evaluation
        if ev is None or node_id not in ev.strengths or node_id in ev.unconverged:
            return None
        return ev.strengths[node_id]

    def settled(self, node_id: str) -> bool:
        return self.evaluation is not None and node_id not in self.evaluation.unconverged

    def why(self, strategy_id: str):
        """The direct contributions to a node's strength, strongest first (cached)."""
        key = ("why", strategy_id)
        if key not in self._cache:
            self._cache[key] = why(self.framework, self.semantics, strategy_id, base=self.evaluation)
        return self._cache[key]

    def sensitivity(self) -> Sensitivity:
        """The inputs that alone would swap the top two strategies (slow: cached)."""
        if "sens" not in self._cache:
            self._cache["sens"] = sensitivity(self.framework, self.semantics)
        return self._cache["sens"]

    def group(self) -> GroupReport:
        """Every participant's ranking, the group's, spreads and cruxes (cached)."""
        if "group" not in self._cache:
            self._cache["group"] = group_report(self.doc.map, self.semantics)
        return self._cache["group"]

    def status(self) -> str:
        """One plain sentence on how the numbers were found and whether they are final."""
        ev = self.evaluation
        name = SEMANTICS[self.semantics]
        if ev is None:
            return ""
        if not ev.converged:
            return (f"{name}: not settled. {len(ev.unconverged)} node(s) in a cycle did not "
                    f"converge, even with {_method_words(ev.method)}; their numbers are not final.")
        if ev.method == "exact":
            return f"{name}: exact (no cycles, one pass)."
        return f"{name}: settled by {_method_words(ev.method)} ({ev.iterations} steps)."

    # ----- following the document ------------------------------------------------------
    def _on_changed(self, event) -> None:
        self.preview = {}
        if self.perspective not in (MAP, GROUP) and self.perspective not in self.doc.map.participants:
            self.perspective = MAP   # the participant was removed (or an add undone)
            self._recompute("perspective", full=True)
            return
        # a semantics change is seen in _recompute (the evaluation's semantics differs)
        self._recompute(event.kind, full=event.changeset is None)

    def _on_previewed(self, overrides: Mapping[str, float]) -> None:
        if not overrides and not self.preview:
            return
        self.preview = dict(overrides)
        self._recompute("preview", full=False)

    def _recompute(self, reason: str, *, full: bool) -> None:
        """Bring every result up to date; emit what changed."""
        fw = framework_from_map(self.doc.map, self.overrides())
        old_ev, old_rank = self.evaluation, [e.id for e in self.ranking]
        if full or old_ev is None or old_ev.semantics != self.semantics:
            ev = evaluate(fw, self.semantics)
        else:
            ev = reevaluate(fw, old_ev, _changed_inputs(self.framework, fw))
        self.framework, self.evaluation = fw, ev
        self.labels = grounded_labelling(fw)
        self.ranking = rank_strategies(fw, ev)
        self.version += 1
        self._cache = {}
        moved = _moved(old_ev, ev)
        self.changed.emit(WeighingUpdate(reason, moved, old_rank != [e.id for e in self.ranking]))


def _method_words(method: str) -> str:
    return {"exact": "one exact pass", "iteration": "iteration",
            "rk4": "Runge–Kutta (RK4) integration"}.get(method, method)


def _changed_inputs(old: Framework | None, new: Framework) -> set[str]:
    """Nodes whose base score or parents differ between two frameworks of the same nodes."""
    if old is None or old.tau.keys() != new.tau.keys():
        return set(new.tau)
    out = {n for n, t in new.tau.items() if old.tau[n] != t}
    out.update(n for n, plist in new.parents.items() if old.parents[n] != plist)
    return out


def _moved(old: Evaluation | None, new: Evaluation) -> frozenset[str]:
    """Nodes whose strength (or settledness) differs, including added and removed ones."""
    if old is None:
        return frozenset(new.strengths)
    a, b = old.strengths, new.strengths
    out = {n for n in a.keys() ^ b.keys()}
    out.update(n for n, v in b.items() if n in a and abs(a[n] - v) > SAME)
    out.update(old.unconverged ^ new.unconverged)
    return frozenset(out)


def assessment_inputs(weighing: Weighing, participant_id: str, *,
                      decisive_only: bool = False) -> list[tuple[str, str]]:
    """The inputs worth asking *participant_id* about, as (id, "base_score" | "weight").

    First those whose change alone would swap the top two strategies, then (unless
    *decisive_only* and there are such inputs) every other base score and weight that can
    reach a strategy. Each group is shuffled with a seed made from the participant id, so the
    list position does not bias answers but stays the same for the same person.
    """
    fw = weighing.framework
    rng = random.Random(f"reasonmap:{participant_id}")
    flips = []
    for f in weighing.sensitivity().flips:
        if (f.input, f.field) not in flips:
            flips.append((f.input, f.field))
    reach = ancestors(fw.strategies, fw.parents) if fw.strategies else set()
    rest = [(n, "base_score") for n in fw.tau if n in reach]
    rest += [(p.edge, "weight") for n in fw.tau if n in reach for p in fw.parents[n]]
    rest = [item for item in rest if item not in flips]
    rng.shuffle(flips)
    rng.shuffle(rest)
    return flips if decisive_only and flips else flips + rest
