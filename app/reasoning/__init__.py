"""The reasoning engine: gradual semantics, grounded labelling, ranking, sensitivity, groups.

Pure Python over plain dicts (no Qt, no storage). Read a map into a :class:`Framework` with
:func:`framework_from_map`, then :func:`evaluate` it (and :func:`reevaluate` after an edit).
"""

from .evaluate import METHODS, SEMANTICS, Evaluation, evaluate, reevaluate
from .framework import (Framework, Parent, ReasoningError, assessed_values, framework_from_edges,
                        framework_from_map, group_overrides, participant_overrides)
from .group import GroupReport, group_report
from .labelling import grounded_labelling
from .ranking import Contribution, RankEntry, rank_strategies, why
from .sensitivity import Flip, Sensitivity, sensitivity, sweep

__all__ = ["METHODS", "SEMANTICS", "Contribution", "Evaluation", "Flip", "Framework",
           "GroupReport", "Parent", "RankEntry", "ReasoningError", "Sensitivity",
           "assessed_values", "evaluate", "framework_from_edges", "framework_from_map",
           "grounded_labelling", "group_overrides", "group_report", "participant_overrides",
           "rank_strategies", "reevaluate", "sensitivity", "sweep", "why"]
