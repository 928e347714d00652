"""The reasoning engine: gradual semantics, labelling, ranking, sensitivity, comparison, groups.

Pure Python over plain dicts (no Qt, no storage). Read a map into a :class:`Framework` with
:func:`framework_from_map`, then :func:`evaluate` it (and :func:`reevaluate` after an edit).
"""

from .evaluate import METHODS, SEMANTICS, Evaluation, evaluate, reevaluate
from .framework import (Framework, Parent, ReasoningError, assessed_values, framework_from_edges,
                        framework_from_map, group_overrides, participant_overrides)
from .group import GroupReport, group_report
from .labelling import grounded_labelling
from .ranking import Contribution, RankEntry, rank_strategies, why
from .sensitivity import (Cancelled, Flip, Sensitivity, leader_changes, pair_flips, sensitivity,
                          sweep)
from .compare import (HeadToHead, Robustness, Separation, Table, ahead, contributions,
                      describe, head_to_head, robustness, separation, sort_rows)

__all__ = ["METHODS", "SEMANTICS", "Cancelled", "Contribution", "Evaluation", "Flip",
           "Framework", "GroupReport", "HeadToHead", "Parent", "RankEntry",
           "ReasoningError", "Robustness", "Sensitivity", "Separation", "Table", "ahead",
           "assessed_values", "describe",
           "contributions", "evaluate", "framework_from_edges", "framework_from_map",
           "grounded_labelling", "group_overrides", "group_report", "head_to_head",
           "leader_changes", "pair_flips", "participant_overrides", "rank_strategies",
           "reevaluate", "robustness", "sensitivity", "separation", "sort_rows", "sweep", "why"]
