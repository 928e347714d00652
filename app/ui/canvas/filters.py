"""Showing part of the map: one strategy's case (the strategy and every argument that bears
on it) or the neighbourhood of a card (focus mode), always with the banner saying so and a
button back to the whole map; and the key to the acceptability labels while they show."""

from __future__ import annotations

from collections import deque

from ...model.changes import STRUCTURE, TEXT
from .labels import KEY_TEXT

BEARING = ("support", "attack")


def case_of(amap, strategy: str) -> set[str]:
    """*strategy* and every card that supports or attacks it, directly or through others."""
    return amap.upstream(strategy, BEARING)


def strategies_reached(amap, nid: str) -> list[str]:
    """The strategies card *nid* is, or bears on (through supports and attacks)."""
    seen, todo, found = {nid}, deque([nid]), []
    while todo:
        n = todo.popleft()
        if amap.nodes[n].kind == "strategy":
            found.append(n)
            continue
        for e in amap.outgoing(n):
            if e.relation in BEARING and e.target not in seen:
                seen.add(e.target)
                todo.append(e.target)
    return found


def neighbourhood(amap, centre: str, steps: int) -> set[str]:
    """The cards within *steps* relations of *centre*, either way."""
    seen, todo = {centre: 0}, deque([centre])
    while todo:
        n = todo.popleft()
        if seen[n] < steps:
            for m in [e.source for e in amap.incoming(n)] + [e.target for e in amap.outgoing(n)]:
                if m not in seen:
                    seen[m] = seen[n] + 1
                    todo.append(m)
    return set(seen)


class FilterMixin:
    """Mixed into MapCanvas (which has ``map_scene``, ``banner``, ``doc``, ``message`` and
    ``view_changed``)."""

    def _init_filters(self) -> None:
        self.filter_kind = ""        # "", "case" or "focus"
        self._focus_steps: int | None = None
        self._filter_centre: str | None = None   # the case's strategy, or the focus's card

    def _reset_filters(self) -> None:
        self.filter_kind, self._focus_steps, self._filter_centre = "", None, None
        self.map_scene.focus = None
        self.banner.set_line("filter", "")

    def _show_only(self, ids: set[str] | None, kind: str, words: str) -> None:
        scene = self.map_scene
        old, scene.focus = scene.focus, ids
        self.filter_kind = kind if ids is not None else ""
        # only the cards that start or stop showing (with their edges): a case and the whole
        # map again differ by a few of a big map's cards, and setting every item's
        # visibility took a third of showing either at 10,000 cards
        if old is None and ids is None:
            changed = ()
        elif old is None or ids is None:
            changed = scene.cards.keys() - (old if ids is None else ids)
        else:
            changed = old ^ ids
        scene.refresh_visibility(changed)
        self._say_filter(words)
        self.fit_all()
        self.map_scene.route_all()      # (after fit_all: a big map's are routed in view first)
        self.view_changed.emit()

    def _say_filter(self, words: str) -> None:
        self.banner.set_line("filter", words, "Show the whole map" if words else "",
                             self.show_whole_map)

    def _filter_ids(self) -> set[str]:
        """The cards the current case or focus shows in the map as it is now."""
        amap, centre = self.doc.map, self._filter_centre
        if self.filter_kind == "case":
            return case_of(amap, centre)
        return neighbourhood(amap, centre, self._focus_steps)

    def _filter_words(self, ids: set[str]) -> str:
        amap, title = self.doc.map, self.doc.map.nodes[self._filter_centre].label
        if self.filter_kind == "case":
            return (f"Showing the case for \u201c{title}\u201d: {len(ids)} of {len(amap.nodes)} "
                    "cards (the strategy and every argument bearing on it)")
        return f"Focus: the {len(ids)} cards within {self._focus_steps} relations of \u201c{title}\u201d"

    def _follow_filter(self, cs) -> None:
        """Keep a strategy's case or a focus what it is after a change of the map's structure
        or text (called once the scene has the change): a reason added to one of its cards
        joins it (it would otherwise be made hidden, with nothing to show for the action), a
        card cut off from it leaves it, and the banner counts them and names its card as it
        is titled now; the whole map again if its strategy or card is gone."""
        if not self.filter_kind or not cs.kinds & {STRUCTURE, TEXT}:
            return
        if self._filter_centre not in self.doc.map.nodes:
            return self.show_whole_map()
        scene = self.map_scene
        ids, old = self._filter_ids() if STRUCTURE in cs.kinds else scene.focus, scene.focus
        if ids != old:
            scene.focus = ids
            scene.refresh_visibility(ids ^ old)
            scene.route_around(ids - old)
        words = self._filter_words(ids)             # its counts, and the title it names
        if words != self.banner.text("filter"):
            self._say_filter(words)

    def show_whole_map(self) -> None:
        """End a strategy's case or focus mode: every card again."""
        self._focus_steps, self._filter_centre = None, None
        self._show_only(None, "", "")

    def show_case(self) -> None:
        """Show only the selected strategy (or the one strategy the selected card bears on)
        and every argument bearing on it; again to show the whole map."""
        if self.filter_kind == "case":
            return self.show_whole_map()
        cur = self.current_node()
        if cur is None or self.doc is None:
            return self.message.emit("Select a strategy to show its case")
        found = strategies_reached(self.doc.map, cur)
        if len(found) != 1:
            return self.message.emit(
                "This card bears on no strategy" if not found else
                f"This card bears on {len(found)} strategies: select the one whose case to show")
        self.filter_kind, self._filter_centre = "case", found[0]
        ids = self._filter_ids()
        self._show_only(ids, "case", self._filter_words(ids))
        self._select_items([])              # the whole case at full strength, none dimmed
        self._scene_selection_changed()

    def set_focus(self, steps: int | None) -> None:
        """Show only the selected node's neighbourhood of *steps* relations (None: all)."""
        cur = self.current_node()
        if steps is None:
            return self.show_whole_map()
        if cur is None:
            self.view_changed.emit()
            return self.message.emit("Select a card to focus on")
        self._focus_steps, self.filter_kind, self._filter_centre = steps, "focus", cur
        ids = self._filter_ids()
        self._show_only(ids, "focus", self._filter_words(ids))

    def set_show_labels(self, on: bool) -> None:
        """Show or hide the acceptability labels (in, out, undecided) on the cards, with
        their key in the banner."""
        self.map_scene.show_labels = bool(on)
        self.map_scene.feed_results()
        self.banner.set_line("labels", KEY_TEXT if on else "")
