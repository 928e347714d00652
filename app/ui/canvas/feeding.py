"""What the scene binding feeds its cards: node state, weighing results, find and flash marks.

Mixed into MapScene. Every method here computes what a card should show and hands it over
with ``CardItem.feed``, which repaints the card only if something differs.
"""

from __future__ import annotations

from ...render.cards import provenance, shown
from .labels import explain_label


class FeedingMixin:
    """Needs ``amap``, ``cards``, ``edges``, ``roles``, ``hidden_counts``, ``weighing``,
    ``show_labels``, ``preview``, ``highlighted``, ``flashing`` and ``presence`` (set by
    MapScene)."""

    def _node_state(self, nid: str) -> dict:
        node = self.amap.nodes[nid]
        return {"kind": node.kind, "base": shown(self._base(nid)),
                "source": provenance(node.source_ref, node.anchor is not None)}

    def _edge_state(self, eid: str) -> dict:
        """What an edge item shows of its relation's record."""
        e = self.amap.edges[eid]
        return {"relation": e.relation, "weight": e.weight, "label": e.label}

    def _base(self, nid: str) -> float | None:
        """The base score a card shows: a previewed value, else the perspective's (a
        participant's or the group's, as the weighing evaluates it), else the map's own
        (None for a card whose node has just gone: it is about to be removed)."""
        if nid in self.preview:
            return self.preview[nid]
        node, w = self.amap.nodes.get(nid), self.weighing
        if node is None:
            return None
        if w is not None and w.perspective != "map" and w.framework is not None:
            return w.framework.tau.get(nid, node.base_score)
        return node.base_score

    def _results(self, nid: str) -> dict:
        """What the weighing shows on a card: base score, strength (if settled), label,
        group spread; the numbers as the card shows them (see ``shown``)."""
        base = shown(self._base(nid))
        weighed = self._weighed(nid)
        return weighed if base is None else {"base": base, **weighed}

    def _weighed(self, nid: str) -> dict:
        w = self.weighing
        if w is None or w.evaluation is None:
            return {"strength": None, "label": None, "spread": None, "label_tip": ""}
        spread = shown(w.group().spread.get(nid)) if w.perspective == "group" else None
        strength = shown(w.strength(nid))
        if not self.show_labels:
            return {"strength": strength, "spread": spread, "label": None, "label_tip": ""}
        return {"strength": strength, "spread": spread, "label": w.labels.get(nid),
                "label_tip": explain_label(w.framework, w.labels, nid, strength)}

    def _card_state(self, nid: str) -> dict:
        return {**self._node_state(nid), **self._results(nid), "role": self.roles.get(nid, ""),
                "highlighted": nid in self.highlighted, "flash": nid in self.flashing,
                "hidden_count": self.hidden_counts.get(nid, 0), "presence": self.presence.get(nid, ()),
                **self._card_emphasis(nid)}

    def feed_results(self, ids=None) -> set[str]:
        """Feed the weighing results of the cards *ids* (default: all); the ones that show
        something new (and repaint)."""
        ids = self.cards if ids is None else [n for n in ids if n in self.cards]
        return {n for n in ids if self.cards[n].feed(**self._results(n))}

    def set_preview(self, overrides: dict) -> None:
        """Show uncommitted values ({node or edge id: value}; empty: the map's own)."""
        keys, self.preview = set(self.preview) | set(overrides), dict(overrides)
        for k in keys:
            if k in self.cards:
                self.cards[k].feed(**self._node_state(k))
            elif k in self.edges:
                self.edges[k].preview = self.preview.get(k)
                self.edges[k].update()

    def set_marks(self, name: str, ids) -> None:
        """Set the cards marked ``highlighted`` (find) or ``flash`` (just moved) to *ids*."""
        attr = "highlighted" if name == "highlighted" else "flashing"
        cards = self.cards             # (not a set made of every card: 0.1 ms at 10,000)
        old, new = getattr(self, attr), {nid for nid in ids if nid in cards}
        setattr(self, attr, new)
        for nid in old ^ new:
            if nid in self.cards:
                self.cards[nid].feed(**{name: nid in new})

    def set_presence(self, marks: dict) -> int:
        """Show who else is on which card in a live session ({card id: ((initial, colour),
        ...)}; empty: nobody). Only cards whose marks differ repaint; how many did."""
        old, self.presence = self.presence, {k: tuple(v) for k, v in marks.items() if v}
        return sum(self.cards[nid].feed(presence=self.presence.get(nid, ()))
                   for nid in set(old) | set(self.presence) if nid in self.cards)
