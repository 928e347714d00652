"""The Qt-free, storage-free model of an argument map."""

from .argmap import DEFAULT_META, ArgumentMap
from .changes import Added, ChangeSet, MetaChanged, Removed, Updated
from .commands import (AddNode, AddParticipant, AddSource, AddSubgraph, Assess, Command, Connect,
                       DeleteEdges, DeleteNodes, EditEdge, EditNode, EditParticipant, EditSource,
                       MoveNodes, Reconnect, RemoveParticipant, SetMeta, SetScore, SetWeight)
from .entities import (EVALUATED_RELATIONS, NODE_KINDS, RELATIONS, Assessment, Edge, Node,
                       Participant, Source, new_id)
from .errors import ModelError, ReasonmapError
from .meta import check_meta_value, validate_meta
from .kinds import SetKind
from .rationale import SetRationale, rationale_of
from .rules import SEMANTICS, check_semantics, role_of

__all__ = [name for name in dir() if not name.startswith("_")]
