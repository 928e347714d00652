"""Workshop dialogs: participants, the assessment round, merging assessments from a copy."""

from .merge_dialog import MergeDialog, merge_from
from .participants import ParticipantsDialog
from .round import AssessmentRound

__all__ = ["AssessmentRound", "MergeDialog", "ParticipantsDialog", "merge_from"]
