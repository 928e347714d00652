"""Commands the canvas issues that the model does not name itself."""

from __future__ import annotations

from ...model import MoveNodes


class LayoutNodes(MoveNodes):
    """MoveNodes labelled as an automatic layout in the undo history."""

    @property
    def label(self) -> str:
        return "Automatic layout"
