"""The weighing results of an open document, kept up to date as the map changes (Qt-free).

A :class:`Weighing` is bound to a :class:`~app.document.Document`, which makes one when it
opens (``doc.weighing``) and closes it with itself; every view reads that one. It holds the
current framework, evaluation, grounded labels and strategy ranking for one *perspective*:
the map's own values (``"map"``), one participant's assessments (a participant id) or the
group's medians (``"group"``).

After a committed edit it looks at the kinds of the change set first: positions, sources and
settings change nothing here; a title edit only renames (no evaluation); a base score or a
weight is put into the framework as a value and re-evaluated downstream of it; only a change
of structure reads the framework from the map again. While a slider is dragged
(``doc.previewed``) it shows the uncommitted values, and drops them when the preview ends.
Slower results (why, sensitivity, the group report) are computed on demand and cached until
the next change; :func:`compute_sensitivity` computes one from a snapshot, for a worker thread.

>>> import tempfile, pathlib
>>> from app.model import Node, Edge, EditNode, SetScore
>>> from app.model.build import build_map
>>> from app.document import Document
>>> m = build_map([Node(id="s", kind="strategy"), Node(id="r", base_score=0.4)],
...               [Edge(id="e", source="r", target="s")])
>>> doc = Document.new(pathlib.Path(tempfile.mkdtemp()) / "d.rmap", m)
>>> w = doc.weighing
>>> round(w.strength("s"), 3)
0.7
>>> heard = []
>>> _ = w.changed.subscribe(heard.append)
>>> _ = doc.execute(SetScore("r", 0.8))
>>> round(w.strength("s"), 3), sorted(heard[-1].nodes)
(0.9, ['r', 's'])
>>> version = w.version
>>> _ = doc.execute(EditNode("s", {"title": "Tea"}))
>>> w.version == version, heard[-1].reason, sorted(heard[-1].renamed), w.ranking[0].title
(True, 'text', ['s'], 'Tea')
"""

from __future__ import annotations

import inspect
import random
from dataclasses import dataclass
from typing import Callable, Mapping

from ..model import SEMANTICS, ModelError, SetMeta
from ..model.rules import MAPS_OWN_VALUES
from ..model.changes import PARTICIPANTS, SCORES, STRUCTURE, TEXT
from ..reasoning import (Evaluation, Framework, GroupReport, RankEntry, Sensitivity, evaluate,
                         framework_from_map, grounded_labelling, group_overrides, group_report,
                         participant_overrides, rank_strategies, reevaluate, sensitivity, why)
from ..reasoning import contributions, robustness
from ..reasoning.framework import EDGE, WEIGHT, copied
from ..reasoning.labelling import relabelled as relabel_from
from ..reasoning import sensitivity as sensitivity_module
from ..reasoning.order import ancestors
from .restructure import plain_additions_and_removals, restructured
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
    """What changed: ``reason`` says why, ``nodes`` whose strength (or settledness) moved,
    ``relabelled`` whose acceptability label changed, ``renamed`` evaluated nodes whose title
    changed (an update with reason "text" re-evaluated nothing)."""
    reason: str      # "execute" | "undo" | "redo" | "preview" | "perspective" | "reload" | "text" | "participants"
    nodes: frozenset[str]
    ranking_changed: bool
    relabelled: frozenset[str] = frozenset()
    renamed: frozenset[str] = frozenset()


def whose_values(perspective: str, name: str = "", amap=None) -> str:
    """A perspective in words, for captions: the map's, the group's or a participant's; with
    *amap* the group's words also name the aggregation, the assessor counts and the round.

    >>> whose_values("group"), whose_values("p1", "Ann")
    ("the group's values (medians)", "Ann's values")
    """
    if perspective == MAP:
        return MAPS_OWN_VALUES
    if perspective == GROUP:
        if amap is not None:
            from .rounds import group_words
            return group_words(amap)
        return "the group's values (medians)"
    return f"{name}'s values"


class Weighing:
    """The current strengths, labels and ranking of a document under one perspective."""

    def __init__(self, doc, perspective: str = MAP) -> None:
        self.doc = doc
        self.changed = Signal()          # callback(WeighingUpdate)
        self.perspective = MAP
        self.anonymous = False           # projected views name people "Participant 1…n" (per session)
        self.preview: dict[str, float] = {}
        self.version = 0             # goes up whenever the numbers change
        self.evaluations = 0         # how many times the framework was evaluated (for tests)
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

    def title(self, node_id: str) -> str:
        """The title a node has now (its label, as the framework knows it)."""
        return self.framework.titles.get(node_id, node_id) if self.framework else node_id

    def settled(self, node_id: str) -> bool:
        return self.evaluation is not None and node_id not in self.evaluation.unconverged

    def whose(self) -> str:
        """Whose values the numbers are, in words (see ``whose_values``)."""
        if self.perspective in (MAP, GROUP):
            return whose_values(self.perspective, amap=self.doc.map)
        return whose_values(self.perspective, self.name_of(self.perspective))

    def name_of(self, participant_id: str) -> str:
        """A participant's name as views show it (their number in anonymous mode)."""
        from .anonymity import shown_names
        return shown_names(self.doc.map, self.anonymous).get(participant_id, participant_id)

    def set_anonymous(self, on: bool) -> None:
        """Name people by number (or by name again) in every view that reads the weighing."""
        self.anonymous = bool(on)
        self.changed.emit(WeighingUpdate("participants", frozenset(), True))

    def shown(self) -> tuple[dict[str, float], list[tuple[str, float]], str]:
        """What the window shows, for an export: the settled strengths, the ranking as
        (title, strength) and a caption naming the semantics and whose values they are."""
        ev = self.evaluation
        strengths = {} if ev is None else {n: v for n, v in ev.strengths.items()
                                           if n not in ev.unconverged}
        ranking = [(e.title, e.strength) for e in self.ranking]
        return strengths, ranking, f"{SEMANTICS[self.semantics]}, {self.whose()}"

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

    def cached_sensitivity(self) -> Sensitivity | None:
        """The sensitivity of the current numbers if it is computed already, else None."""
        return self._cache.get("sens")

    def snapshot(self) -> tuple[int, Framework, str]:
        """(version, framework, semantics): what a worker needs to compute the sensitivity of
        the current numbers (frameworks are never changed in place)."""
        return self.version, self.framework, self.semantics

    def keep_sensitivity(self, version: int, result: Sensitivity) -> bool:
        """Cache *result*, computed from the snapshot of *version*, unless the numbers have
        changed since (then it is stale and dropped: False)."""
        if version != self.version:
            return False
        self._cache["sens"] = result
        return True

    def comparison(self):
        """The compare table (every consideration's contribution to every strategy) of the
        current numbers (cached until they change; see :mod:`app.reasoning.compare`)."""
        if "compare" not in self._cache:
            self._cache["compare"] = contributions(self.framework, self.semantics,
                                                   base=self.evaluation)
        return self._cache["compare"]

    def cached_comparison(self):
        """The compare table of the current numbers if it is computed already, else None."""
        return self._cache.get("compare")

    def keep_comparison(self, version: int, table) -> bool:
        """Cache *table*, computed by a worker from the snapshot of *version*, unless the
        numbers have changed since (then it is dropped: False)."""
        if version != self.version or table.semantics != self.semantics:
            return False
        self._cache["compare"] = table
        return True

    def robustness(self):
        """The ranking of these values under all four semantics, with a sentence (cached)."""
        if "robust" not in self._cache:
            self._cache["robust"] = robustness(self.framework, prefer=self.semantics)
        return self._cache["robust"]

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
        cs, dropped = event.changeset, set(self.preview)
        self.preview = {}
        if self.perspective not in (MAP, GROUP) and self.perspective not in self.doc.map.participants:
            self.perspective = MAP   # the participant was removed (or an add undone)
            self._recompute("perspective", full=True)
        elif cs is None:
            self._recompute(event.kind, full=True)
        elif STRUCTURE in cs.kinds and self.perspective == MAP and not dropped \
                and plain_additions_and_removals(cs):
            self._restructure(event.kind, cs)
        elif PARTICIPANTS in cs.kinds and self.perspective != MAP and _only_assessments(cs):
            # an assessment changes this perspective's value of its target, nothing else
            self._revalue(event.kind, {key[1] for key in cs.touched("assessments")} | dropped)
        elif STRUCTURE in cs.kinds or (PARTICIPANTS in cs.kinds and self.perspective != MAP):
            self._recompute(event.kind, full=False)
        elif SCORES in cs.kinds or dropped:
            # a semantics change is seen in _revalue (the evaluation's semantics differs)
            keys = cs.touched("nodes", {"base_score"}) | cs.touched("edges", {"weight"}) | dropped
            self._revalue(event.kind, keys)
            if TEXT in cs.kinds:          # one edit of both a title and a score
                self._retitle(cs.touched("nodes", {"title"}))
        elif PARTICIPANTS in cs.kinds:    # assessments do not move the map's own values
            self._cache.pop("group", None)
            self.changed.emit(WeighingUpdate("participants", frozenset(), False))
        elif TEXT in cs.kinds:
            self._retitle(cs.touched("nodes", {"title"}))

    def _on_previewed(self, overrides: Mapping[str, float]) -> None:
        if not overrides and not self.preview:
            return
        keys = set(self.preview) | set(overrides)
        self.preview = dict(overrides)
        self._revalue("preview", keys)

    def _recompute(self, reason: str, *, full: bool) -> None:
        """Read the framework from the map again (its structure changed); emit what changed."""
        fw = framework_from_map(self.doc.map, self.overrides())
        old = self.framework
        changed = None if full or old is None else _changed_inputs(old, fw)
        self._evaluate(reason, fw, changed, relabel=True)

    def _restructure(self, reason: str, cs) -> None:
        """Cards and relations were added or removed: change the framework where they are and
        re-evaluate downstream of them (the map is not read again)."""
        r = restructured(self.framework, self.evaluation, self.labels, cs)
        self._evaluate(reason, r.framework, r.changed, relabel=r.labels is None,
                       previous=r.previous, labels=r.labels, relabelled=r.relabelled)

    def _revalue(self, reason: str, keys) -> None:
        """Put the current values of the inputs *keys* into the framework and re-evaluate
        downstream of them (the structure is the same)."""
        fw = self.framework
        over, amap = self.overrides(), self.doc.map
        values = {k: over.get(k, amap.nodes[k].base_score) for k in keys if k in fw.tau}
        values.update({k: over.get(k, amap.edges[k].weight) for k in keys
                       if k in fw.edge_index and k in amap.edges})
        values = {k: v for k, v in values.items() if _current(fw, k) != v}
        if not values and self.evaluation.semantics == self.semantics:
            return
        self._evaluate(reason, fw.with_values(values), set(values), relabel=False)

    def _evaluate(self, reason: str, fw: Framework, changed: set[str] | None, *,
                  relabel: bool, previous: Evaluation | None = None,
                  labels: dict[str, str] | None = None, relabelled: set | None = None) -> None:
        """Evaluate *fw* (only downstream of *changed* if given, starting from *previous*,
        default the current evaluation); emit what moved (*relabelled* with *labels*)."""
        old_ev, old_rank, old_labels = self.evaluation, [e.id for e in self.ranking], self.labels
        if changed is None or old_ev is None or old_ev.semantics != self.semantics:
            ev = evaluate(fw, self.semantics)
            fw.plan    # noqa: B018 -- from the compiled order, for the edits to come
        else:
            fw.plan    # noqa: B018 -- kept up to date by edits; built once if an edit could not
            ev = reevaluate(fw, previous or old_ev, changed)
        self.evaluations += 1
        self.framework, self.evaluation = fw, ev
        if relabel and changed is not None and old_labels:
            self.labels, relabelled = relabel_from(fw, old_labels, changed)
        elif relabel:           # grounded labels follow the attacks alone, not the values
            self.labels = grounded_labelling(fw)
        elif labels is not None:
            self.labels = labels
        else:
            relabelled = set()
        self.ranking = rank_strategies(fw, ev)
        self.version += 1
        self._cache = {}
        if relabelled is None:
            relabelled = _relabelled(old_labels, self.labels)
        self.changed.emit(WeighingUpdate(reason, _moved(old_ev, ev), old_rank != [e.id for e in self.ranking],
                                         relabelled=frozenset(relabelled)))

    def _retitle(self, ids) -> None:
        """New titles of evaluated nodes: renamed in the framework and the ranking, nothing
        evaluated (a tie between strategies is broken by title, so the order may change)."""
        fw, amap = self.framework, self.doc.map
        renamed = {n for n in ids if n in fw.tau and fw.titles.get(n) != amap.nodes[n].label}
        if not renamed:
            return
        titles = copied(fw.titles)
        titles.update({n: amap.nodes[n].label for n in renamed})
        self.framework = _with_titles(fw, titles)
        old_rank = [e.id for e in self.ranking]
        self.ranking = rank_strategies(self.framework, self.evaluation)
        reordered = old_rank != [e.id for e in self.ranking]
        if reordered:
            self._cache = {}
        self.changed.emit(WeighingUpdate("text", frozenset(), reordered, renamed=frozenset(renamed)))


def _method_words(method: str) -> str:
    return {"exact": "one exact pass", "iteration": "iteration",
            "rk4": "Runge–Kutta (RK4) integration"}.get(method, method)


def _only_assessments(cs) -> bool:
    """True if *cs* changes assessments and nothing else."""
    return cs.kinds == {PARTICIPANTS} and all(
        getattr(c, "collection", None) == "assessments" for c in cs.changes)


def _current(fw: Framework, key: str) -> float:
    """The value of an input (a node's τ or a relation's weight) in *fw*."""
    if key in fw.tau:
        return fw.tau[key]
    target, i = fw.edge_index[key]
    return fw.parents[target][i][WEIGHT]


def _with_titles(fw: Framework, titles: dict[str, str]) -> Framework:
    """*fw* with other titles (same numbers and structure: nothing to check again)."""
    new = fw._derive(titles=titles)
    for cached in ("edge_index", "plan"):
        if cached in fw.__dict__:
            new.__dict__[cached] = fw.__dict__[cached]
    return new


def _relabelled(old: Mapping[str, str], new: Mapping[str, str]) -> frozenset[str]:
    if old is new:
        return frozenset()
    return frozenset(n for n in old.keys() | new.keys() if old.get(n) != new.get(n))


def compute_sensitivity(fw: Framework, semantics: str, *,
                        should_stop: Callable[[], bool] | None = None,
                        progress: Callable[[int, int], None] | None = None) -> Sensitivity | None:
    """The sensitivity of a snapshot, for a worker thread; None if *should_stop* said so.

    *should_stop* and *progress* are handed to the engine when it takes them (it raises
    ``Cancelled`` then); otherwise *should_stop* is asked once, after the work.
    """
    params = inspect.signature(sensitivity).parameters
    takes_any = any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values())
    extra = {name: hook for name, hook in (("should_stop", should_stop), ("progress", progress))
             if hook is not None and (takes_any or name in params)}
    cancelled = getattr(sensitivity_module, "Cancelled", None)
    try:
        result = sensitivity(fw, semantics, **extra)
    except Exception as exc:
        if cancelled is not None and isinstance(exc, cancelled):
            return None
        raise
    return None if should_stop is not None and should_stop() else result


def _changed_inputs(old: Framework | None, new: Framework) -> set[str]:

    """Nodes whose base score or parents differ between two frameworks of the same nodes."""
    if old is None or old.tau.keys() != new.tau.keys():
        return set(new.tau)
    out = {n for n, t in new.tau.items() if old.tau[n] != t}
    out.update(n for n, plist in new.parents.items() if old.parents[n] != plist)
    return out


def _moved(old: Evaluation | None, new: Evaluation) -> frozenset[str]:
    """Nodes whose strength (or settledness) differs, including added and removed ones
    (after a re-evaluation only the nodes it recomputed can differ)."""
    if old is None:
        return frozenset(new.strengths)
    a, b = old.strengths, new.strengths
    if new.recomputed is None:
        out = a.keys() ^ b.keys()
        out.update(n for n in b if n in a and abs(a[n] - b[n]) > SAME)
    else:
        added = {n for n in new.recomputed if n not in a}
        out = {n for n in new.recomputed if n in a and abs(a[n] - b[n]) > SAME} | added
        if len(a) + len(added) != len(b):   # some were removed (cheaper than comparing keys)
            out.update(a.keys() - b.keys())
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
    rest += [(p[EDGE], "weight") for n in fw.tau if n in reach for p in fw.parents[n]]
    rest = [item for item in rest if item not in flips]
    rng.shuffle(flips)
    rng.shuffle(rest)
    return flips if decisive_only and flips else flips + rest
