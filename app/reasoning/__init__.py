"""The reasoning engine: gradual semantics, labelling, ranking, sensitivity, comparison, groups.

Pure Python over plain dicts (no Qt, no storage). Read a map into a :class:`Framework` with
:func:`framework_from_map`, then :func:`evaluate` it (and :func:`reevaluate` after an edit).

Groups, labelling and comparison are imported when first asked for: a
command-line export needs only the evaluation and the ranking, and its start-up counts.
"""

import importlib as _importlib

from .evaluate import METHODS, SEMANTICS, Evaluation, evaluate, reevaluate
from .framework import (Framework, Parent, ReasoningError, assessed_values, framework_from_edges,
                        framework_from_map, group_overrides, parent, participant_overrides)
from .ranking import Contribution, RankEntry, rank_strategies, why
# (eager: its function shares the module's name, which a first import would leave bound)
from .sensitivity import (Cancelled, Flip, Sensitivity, leader_changes, pair_flips, sensitivity,
                          sweep)

_LATER = {name: module for module, names in (
    ("group", ("GroupReport", "group_report")),
    ("labelling", ("grounded_labelling",)),
    ("compare", ("HeadToHead", "Robustness", "Separation", "Table", "ahead", "contributions",
                 "describe", "head_to_head", "robustness", "separation", "sort_rows")),
) for name in names}


def __getattr__(name: str):
    if name in _LATER:
        return getattr(_importlib.import_module(f".{_LATER[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = ["METHODS", "SEMANTICS", "Cancelled", "Contribution", "Evaluation", "Flip",
           "Framework", "GroupReport", "HeadToHead", "Parent", "RankEntry",
           "ReasoningError", "Robustness", "Sensitivity", "Separation", "Table", "ahead",
           "assessed_values", "describe",
           "contributions", "evaluate", "framework_from_edges", "framework_from_map",
           "grounded_labelling", "group_overrides", "group_report", "head_to_head",
           "leader_changes", "pair_flips", "parent", "participant_overrides", "rank_strategies",
           "reevaluate", "robustness", "sensitivity", "separation", "sort_rows", "sweep", "why"]
