"""The sensitivity ("What would change it") computed off the GUI thread.

A :class:`SensitivityWorker` takes a snapshot of the document's weighing (its version,
framework and semantics) and runs the search as a :class:`~app.ui.jobs.SearchWorker` job
whose ticket is that version: a newer request, or :meth:`cancel` when the map changes, makes
the running job stop and its result be dropped.
"""

from __future__ import annotations

from ...document.weighing import compute_sensitivity
from ..jobs import SearchWorker


class SensitivityWorker(SearchWorker):
    """Runs one sensitivity job at a time for a panel (signals carry the version)."""

    def start(self, weighing) -> int:
        """Compute the sensitivity of *weighing*'s current numbers; returns their version."""
        version, fw, semantics = weighing.snapshot()
        return self.launch(version, lambda stop, step: compute_sensitivity(
            fw, semantics, should_stop=stop, progress=step))
