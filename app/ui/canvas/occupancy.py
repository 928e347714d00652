"""Where the cards of the scene are, for finding a free spot: read from the scene's own
index cell by cell, only where a search looks (not by visiting every card)."""

from __future__ import annotations

from PySide6.QtCore import QRectF

from ...render.geometry import Occupancy
from .items import CardItem


class SceneOccupancy(Occupancy):
    """An Occupancy whose grid cells are filled from the scene the first time they are asked."""

    def __init__(self, scene, exclude=()) -> None:
        super().__init__()
        self.scene, self.exclude = scene, set(exclude)
        self.loaded: set[tuple[int, int]] = set()

    def _load(self, keys) -> None:
        c = self.CELL
        for key in keys:
            if key in self.loaded:
                continue
            self.loaded.add(key)
            rects = self.cells.setdefault(key, [])
            for item in self.scene.items(QRectF(key[0] * c, key[1] * c, c, c)):
                if isinstance(item, CardItem) and item.isVisible() and item.node_id not in self.exclude:
                    r = item.scene_card_rect()
                    rects.append((r.left(), r.top(), r.right(), r.bottom()))

    def is_free(self, centre, size) -> bool:
        m, (w, h) = self.margin, size
        self._load(self._keys((centre[0] - w / 2 - m, centre[1] - h / 2 - m,
                               centre[0] + w / 2 + m, centre[1] + h / 2 + m)))
        return super().is_free(centre, size)

    def add(self, centre, size) -> None:
        w, h = size
        self._load(self._keys((centre[0] - w / 2, centre[1] - h / 2, centre[0] + w / 2, centre[1] + h / 2)))
        super().add(centre, size)
