"""Map-level geometry for the canvas and the Qt exports: cards measured with Qt's fonts; the
rest (roles, collapsed subtrees, placing cards) is ``app.drawing.placing``'s, Qt-free.
"""

from __future__ import annotations

from typing import Iterable

from ..drawing import placing
from ..drawing.placing import (H_GAP, V_GAP, Occupancy, bearing, free_spot, full_layout,  # noqa: F401
                               hidden_by_collapse, place_missing, roles, wrap_width)
from .cards import CardMetrics, measure_card


def measure_nodes(amap, ids: Iterable[str] | None = None) -> dict[str, CardMetrics]:
    """Measured cards of the nodes *ids* (all when None), with Qt's fonts."""
    return placing.measure_nodes(amap, ids, measure_card)
