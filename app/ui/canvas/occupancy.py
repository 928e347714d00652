"""Where the cards of the scene are, for finding a free spot: read from the scene's own
index a block of cells at a time, only where a search looks (not by visiting every card)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt

from ...render.geometry import Occupancy
from .items import CardItem


class SceneOccupancy(Occupancy):
    """An Occupancy whose grid cells are filled from the scene the first time they are asked."""

    def __init__(self, scene, exclude=()) -> None:
        super().__init__()
        self.scene, self.exclude = scene, set(exclude)
        self.loaded: set[tuple[int, int]] = set()

    BLOCK = 4       # cells are read from the scene in blocks of BLOCK x BLOCK, one query each

    def _load(self, keys) -> None:
        c, n = self.CELL, self.BLOCK
        for block in {(k[0] // n, k[1] // n) for k in keys} - self.loaded:
            self.loaded.add(block)
            area = QRectF(block[0] * n * c, block[1] * n * c, n * c, n * c)
            # by bounding boxes: asking each relation crossing the area for its shape costs much
            for item in self.scene.items(area, Qt.IntersectsItemBoundingRect):
                if isinstance(item, CardItem) and item.isVisible() and item.node_id not in self.exclude:
                    r = item.scene_card_rect()
                    rect = (r.left(), r.top(), r.right(), r.bottom())
                    for key in self._keys(rect):
                        if (key[0] // n, key[1] // n) == block:
                            self.cells.setdefault(key, []).append(rect)

    def is_free(self, centre, size) -> bool:
        m, (w, h) = self.margin, size
        self._load(self._keys((centre[0] - w / 2 - m, centre[1] - h / 2 - m,
                               centre[0] + w / 2 + m, centre[1] + h / 2 + m)))
        return super().is_free(centre, size)

    def add(self, centre, size) -> None:
        w, h = size
        self._load(self._keys((centre[0] - w / 2, centre[1] - h / 2, centre[0] + w / 2, centre[1] + h / 2)))
        super().add(centre, size)
