"""Moving around the map: arrow-key navigation, find, the weighing overlay and
the canvas's own keys."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer

from ...render.style import LOD_FULL

FLASH_MS = 900
FIND_ZOOM = 0.85       # the zoom a match is shown at when the view was further out


def targets(amap, nid: str) -> list[str]:
    """The cards *nid* supports, attacks, answers or relates to."""
    return [e.target for e in amap.outgoing(nid)]


def sources(amap, nid: str) -> list[str]:
    """The cards that support, attack, answer or relate to *nid*."""
    return [e.source for e in amap.incoming(nid)]


class NavigationMixin:
    """Mixed into MapCanvas."""

    def _init_navigation(self) -> None:
        self._matches: list[str] = []
        self._match_index = -1
        self._folded: dict[str, tuple] = {}    # node id: (the node, its words in lower case)

    def _reset_navigation(self) -> None:
        self._matches, self._match_index = [], -1
        self._folded = {}
        self._reset_filters()

    # ----- arrows --------------------------------------------------------------------
    def select_neighbour(self, direction: str) -> None:
        """Select the node above ('up': a target), below ('down': a reason) or the sibling
        to the 'left'/'right' of the current one."""
        s = self.map_scene
        cur = self.current_node()
        if cur is None:
            shown = [n for n in s.cards if s.cards[n].isVisible()]
            if shown:
                self.select_node(min(shown, key=lambda n: (s.cards[n].y(), s.cards[n].x())))
            return
        amap = self.doc.map
        x = s.cards[cur].x()
        if direction in ("up", "down"):
            pool = targets(amap, cur) if direction == "up" else sources(amap, cur)
            pool = [n for n in pool if s.cards[n].isVisible()]
            if pool:
                self.select_node(min(pool, key=lambda n: abs(s.cards[n].x() - x)))
            return
        row = self._siblings(cur)
        row.sort(key=lambda n: s.cards[n].x())
        i = row.index(cur) + (1 if direction == "right" else -1)
        if 0 <= i < len(row):
            self.select_node(row[i])

    def _siblings(self, nid: str) -> list[str]:
        """Nodes sharing a target with *nid* (or, for a top node, the other top nodes)."""
        s, amap = self.map_scene, self.doc.map
        above = targets(amap, nid)
        if above:
            pool = set(sources(amap, above[0]))
        else:
            pool = {n for n in s.cards if not amap.outgoing(n)}
        return [n for n in pool | {nid} if s.cards[n].isVisible()]

    # ----- find ----------------------------------------------------------------------
    def find(self, text: str) -> int:
        """Highlight nodes whose title, text or tags contain *text* (any case); select and
        centre the first; return how many match. The highlights change only where the
        matches do (typing a word into the find bar on a big map matched thousands of cards
        at its first letters, all unmarked and marked again at each one)."""
        needle = text.strip().casefold()
        if not needle or self.doc is None:
            self.clear_find()
            return 0
        s = self.map_scene
        hits = [n for n, words in self._words() if needle in words]
        where = {n: s.cards[n].pos() for n in hits}
        hits.sort(key=lambda n: (where[n].y(), where[n].x()))
        self._matches, self._match_index = hits, -1
        s.set_marks("highlighted", hits)
        if hits:
            self._show_match(0)
        else:
            self.message.emit(f"No card contains \u201c{text.strip()}\u201d")
        return len(hits)

    def _words(self):
        """(node id, its title, text and tags in lower case) of every node, each folded
        again only when its node changed (an edit makes a new node record)."""
        folded = self._folded
        for nid, node in self.doc.map.nodes.items():
            kept = folded.get(nid)
            if kept is None or kept[0] is not node:
                kept = folded[nid] = (node, "\n".join((node.title, node.text, *node.tags)).casefold())
            yield nid, kept[1]

    def _show_match(self, i: int) -> None:
        self._matches = [n for n in self._matches if n in self.map_scene.cards]
        if not self._matches:
            return
        self._match_index = i % len(self._matches)
        nid = self._matches[self._match_index]
        self.select_node(nid, centre=False)
        if self.zoom_level() < LOD_FULL:      # far out: come close enough to read the match
            self.set_zoom(FIND_ZOOM)
        self.centerOn(self.map_scene.cards[nid])
        self.message.emit(f"Match {self._match_index + 1} of {len(self._matches)}")

    def find_next(self) -> None:
        self._show_match(self._match_index + 1)

    def find_previous(self) -> None:
        self._show_match(self._match_index - 1)

    def clear_find(self) -> None:
        self.map_scene.set_marks("highlighted", ())
        self._matches, self._match_index = [], -1

    # ----- weighing results ---------------------------------------------------------
    def _on_weighing(self, update) -> None:
        """The document's weighing changed: feed the cards whose results moved (all of them
        for another perspective, whose spreads differ too); flash briefly the moved ones
        whose numbers show the move (one that moved by less than a card shows neither
        repaints nor flashes)."""
        s = self.map_scene
        everything = update.reason in ("perspective", "reload")
        changed = s.feed_results(None if everything else update.nodes | update.relabelled)
        moved = changed & update.nodes
        if update.reason != "preview" and moved:
            s.set_marks("flash", moved)
            QTimer.singleShot(FLASH_MS, self._end_flash)

    def _escape(self) -> None:
        """Escape: clear find and the selection; with nothing selected, end a filter."""
        if not self.map_scene.selectedItems() and self.filter_kind:
            return self.show_whole_map()
        self.clear_find()
        self._select_items([])
        self._scene_selection_changed()

    def _end_flash(self) -> None:
        self.map_scene.set_marks("flash", ())

    # ----- keys ----------------------------------------------------------------------
    def _handle_key(self, event) -> bool:
        """The canvas's own keys: arrows move the selection, Space arms panning, + - 0
        zoom, Escape clears. Editing keys (Enter, F2, Delete, Ctrl+C, Ctrl+V…) are the
        window's actions (app/ui/actions.py), not handled here."""
        key, mods = event.key(), event.modifiers()
        arrows = {Qt.Key_Up: "up", Qt.Key_Down: "down", Qt.Key_Left: "left", Qt.Key_Right: "right"}
        if key in arrows and not mods & Qt.ControlModifier:
            self.select_neighbour(arrows[key])
        elif key == Qt.Key_Space and not event.isAutoRepeat():
            self.pan_armed = True
            self.viewport().setCursor(Qt.OpenHandCursor)
        elif key in (Qt.Key_Plus, Qt.Key_Equal):
            self.zoom_in()
        elif key == Qt.Key_Minus:
            self.zoom_out()
        elif key == Qt.Key_0:
            self.zoom_reset()
        elif key == Qt.Key_Escape:
            self._escape()
        else:
            return key == Qt.Key_Space
        return True
