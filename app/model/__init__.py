"""The Qt-free, storage-free model of an argument map.

The edit commands (``AddNode``, ``Connect`` ..., ``SetKind``, ``SetRationale``) are imported
on first use: a command-line export never needs them, and making their classes is a good
part of the model's start-up.
"""

import importlib as _importlib

from .argmap import DEFAULT_META, ArgumentMap
from .changes import Added, ChangeSet, MetaChanged, Removed, Updated
from .entities import (EVALUATED_RELATIONS, NODE_KINDS, RELATIONS, Assessment, Edge, Node,
                       Participant, Source, new_id)
from .errors import ModelError, ReasonmapError
from .meta import check_meta_value, validate_meta
from .rules import SEMANTICS, check_semantics, role_of

_LATER = {"SetKind": "kinds", "SetRationale": "rationale", "rationale_of": "rationale"}
_COMMANDS = ("AddNode", "AddParticipant", "AddSource", "AddSubgraph", "Assess", "Command", "Connect",
             "DeleteEdges", "DeleteNodes", "EditEdge", "EditNode", "EditParticipant", "EditSource",
             "MoveNodes", "Reconnect", "RemoveParticipant", "SetMeta", "SetScore", "SetWeight")
__all__ = [name for name in dir() if not name.startswith("_")] + list(_COMMANDS) + list(_LATER)


def __getattr__(name: str):
    if name in _COMMANDS:
        from . import commands
        return getattr(commands, name)
    if name in _LATER:
        return getattr(_importlib.import_module(f".{_LATER[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
