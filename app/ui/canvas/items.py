"""Graphics items of the canvas: one CardItem per visible node, one EdgeItem per relation.

Items are fed: the scene binding gives each card what it shows (kind, base score, role,
strength, label, spread, badges) and each edge its relation, weight, label and emphasis with
``feed``, and an item repaints only when something it was fed differs. Neither reads the map
while painting; an edge takes its route from the binding when told to reroute. Both paint
with the shared functions of ``app.render`` (text painted in ``paint``, no child text items).
"""

from __future__ import annotations

from PySide6.QtCore import QLineF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QPainterPath, QPainterPathStroker, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPathItem, QStyleOptionGraphicsItem

from ...render import style as S
from ...render.cards import (DIM_OPACITY, CardState, badge_reach, card_rect, handle_centre,
                             label_badge_rect, paint_card)
from ...render.edges import edge_pen, paint_edge, route_edge_boxes

CARD_Z, EDGE_Z, DRAG_Z = 1.0, 0.0, 10.0
# On a map of this many relations or more, a relation seen in the titles-only overview is
# drawn at most one pixel wide: Qt strokes a wider line (and a dashed one) by filling its
# outline along all its length however little of it is repainted, a quarter of a millisecond
# for a long one, and an edit there repaints tens of them (a thin line it draws quickly).
THIN_OVERVIEW_FROM = 2_000
HULL_WIDTH = 40.0     # around an edge's line: its widest pen, arrowhead and glyph fit inside
LABEL_REACH = 120.0   # right of its middle, beside its label's own width: its role and glyph
HIT_WIDTH = 10        # a relation is hit (hovered, clicked, caught by a rubber band) this wide
HIT_TOLERANCE = 0.5   # its line followed this closely when hit-testing (units)
# What a card is fed, with the value it starts from.
FED = {"kind": "claim", "base": 0.5, "source": "", "role": "", "highlighted": False, "strength": None,
       "label": None, "label_tip": "", "spread": None, "hidden_count": 0, "flash": False, "marked": False,
       "dimmed": False, "presence": ()}
# What an edge is fed, with the value it starts from.
EDGE_FED = {"relation": "support", "weight": 1.0, "label": "", "emphasis": "", "role": ""}


def painted_lod(painter) -> float:
    """The view scale *painter* draws at. Qt's level of detail is a square root of the
    transform's determinant: at the overview zoom of 0.4 it came out 0.3999999999999888,
    below the zoom from which glyphs are drawn, so whether they showed at the fit's floor
    depended on how the view got there. Rounded, it is the zoom the view has."""
    return round(QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform()), 9)


def lod_mode(lod: float) -> str:
    """'full', 'titles' or 'boxes' for a view scale *lod*."""
    return "full" if lod >= S.LOD_FULL else "titles" if lod >= S.LOD_TITLE else "boxes"


class CardItem(QGraphicsItem):
    """A node card centred on its position."""

    def __init__(self, node_id: str, metrics, pos=None, **state) -> None:
        super().__init__()
        if pos is not None:
            self.setPos(*pos)
        self.node_id = node_id
        self.hover = False
        self.last_lod = "none"
        self.lod = 1.0              # the view scale it was last painted at (where its badge is)
        self.repaints = 0           # how many times it was asked to repaint (for tests)
        self.drawn = 0              # how many times it was drawn afresh (for tests)
        self.fed = {**FED, **state}
        self.edge_ids: set[str] = set()
        # No itemChange here: a Python override is called for every change of every card
        # (eight as a card is made and added: 80,000 calls opening 10,000 cards). A drag
        # tells the scene of the moves (gestures.MoveDrag); Qt itself repaints a card it
        # (de)selects. So a card needs no link back to the scene.
        self.setFlags(QGraphicsItem.ItemIsSelectable | QGraphicsItem.ItemIsMovable)
        self.setAcceptHoverEvents(True)
        self.setZValue(CARD_Z)
        self.setCacheMode(QGraphicsItem.DeviceCoordinateCache)
        if self.fed["dimmed"]:
            self.setOpacity(DIM_OPACITY)
        self.metrics = metrics
        self._bounds = self._compute_bounds()

    def feed(self, **state) -> bool:
        """Show new values of some FED fields; repaint only if one differs (then True)."""
        fed = self.fed
        changed = {k: v for k, v in state.items() if fed[k] != v}
        if not changed:
            return False
        fed.update(changed)
        if "dimmed" in changed:
            # Faint is the item's own opacity: Qt draws the picture it keeps of the card
            # (its cache) through it, so a selection that starts or ends dims or lights
            # every card in view without drawing one of them again (0.3 ms a card).
            self.setOpacity(DIM_OPACITY if changed["dimmed"] else 1.0)
            if len(changed) == 1:
                return True
        self.update()
        return True

    def update(self, *args) -> None:
        self.repaints += 1
        super().update(*args)

    def set_metrics(self, metrics) -> None:
        self.prepareGeometryChange()
        self.metrics = metrics
        self._bounds = self._compute_bounds()
        self.update()

    def _compute_bounds(self) -> QRectF:
        return self.card_rect().adjusted(-5, -5 - max(S.HANDLE_R, badge_reach()), 5, 24)

    def card_rect(self) -> QRectF:
        """The card's own rectangle in item coordinates."""
        return card_rect(self.metrics)

    def scene_card_rect(self) -> QRectF:
        return self.card_rect().translated(self.pos())

    def scene_card_box(self) -> tuple[float, float, float, float]:
        """``scene_card_rect`` as (left, top, width, height), made without QRectFs."""
        p, m = self.pos(), self.metrics
        return (-m.width / 2 + p.x(), -m.height / 2 + p.y(), m.width, m.height)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addRect(self.card_rect().adjusted(-1, -1 - S.HANDLE_R, 1, 1))
        if self.fed["label"]:             # a titles-only badge stands above the card: hoverable
            badge = QPainterPath()
            badge.addRect(label_badge_rect(self.metrics, self.fed["label"], self.lod))
            path = path.united(badge)
        return path

    def handle_hit(self, scene_pos: QPointF) -> bool:
        """True if *scene_pos* is on the connect handle."""
        c = handle_centre(self.metrics) + self.pos()
        d = scene_pos - c
        return d.x() * d.x() + d.y() * d.y() <= (S.HANDLE_R + 4) ** 2

    def state(self, dimmed: bool | None = None) -> CardState:
        """What the card shows; *dimmed* overrides whether it is faint."""
        f = self.fed
        return CardState(role=f["role"], selected=self.isSelected(), highlighted=f["highlighted"],
                         strength=f["strength"], label=f["label"], spread=f["spread"],
                         hidden_count=f["hidden_count"], show_handle=self.hover or self.isSelected(),
                         flash=f["flash"], source=f["source"],
                         dimmed=f["dimmed"] if dimmed is None else dimmed,
                         marked=f["marked"], presence=f["presence"])

    def paint(self, painter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        lod = painted_lod(painter)
        self.last_lod, self.lod = lod_mode(lod), lod
        self.drawn += 1
        # drawn at full strength: a faint card is this picture through the item's opacity
        paint_card(painter, self.fed["kind"], self.fed["base"], self.metrics, self.state(False), lod)

    def hoverEnterEvent(self, event) -> None:
        self.hover = True
        self.update()
        super().hoverEnterEvent(event)

    def hoverMoveEvent(self, event) -> None:
        """Over its acceptability badge, a card explains its label (fed by the binding)."""
        label = self.fed["label"]
        badge = label_badge_rect(self.metrics, label, self.lod) if label else None
        on_badge = badge is not None and badge.contains(event.pos())
        tip = self.fed["label_tip"] if on_badge else ""
        if self.toolTip() != tip:
            self.setToolTip(tip)
        super().hoverMoveEvent(event)

    def hoverLeaveEvent(self, event) -> None:
        self.hover = False
        self.update()
        super().hoverLeaveEvent(event)


class EdgeItem(QGraphicsItem):
    """A relation drawn from its source card to its target card."""

    # The parts of the scene a canvas is repainting (set by it while it paints): a
    # repaint's region is often many small rectangles, spread apart.
    exposed: tuple[QRectF, ...] = ()

    def __init__(self, binding, edge_id: str, source: str, target: str, **state) -> None:
        super().__init__()
        self.binding = binding      # asked for the route when told to reroute
        self.edge_id = edge_id
        self.ends = (source, target)
        self.geom = None
        self.preview: float | None = None   # a weight being tried (fed by the binding)
        self.fed = {**EDGE_FED, **state}
        self.repaints = 0           # asked to repaint; drawn: painted its line (for tests)
        self.drawn = 0
        self._shape = None
        self._pens: dict = {}
        self._bounds = QRectF()
        self._made_of = None        # the cards' rectangles, waypoints and ports of its shape
        self.setFlags(QGraphicsItem.ItemIsSelectable | QGraphicsItem.ItemUsesExtendedStyleOption)
        self.setZValue(EDGE_Z)
        self.reroute()

    def reroute(self) -> bool:
        """Recompute the route from the current card positions (none while the binding
        builds a big map: its edges get their shapes when they come into view); whether
        it changed. An edge whose cards, waypoints and ports are as before keeps its shape
        and is not repainted: Qt repaints a relation's whole box when its shape changes."""
        b = self.binding
        if b.unshaped_build:
            return False
        src, tgt = b.cards.get(self.ends[0]), b.cards.get(self.ends[1])
        if src is None or tgt is None:
            return False
        ports = (b.ports.get((self.edge_id, 0)), b.ports.get((self.edge_id, 1)))
        ports = None if None in ports else ports
        boxes, waypoints = (src.scene_card_box(), tgt.scene_card_box()), b.routes.get(self.edge_id, ())
        made_of = (*boxes, tuple(waypoints), ports)
        if self.geom is not None and made_of == self._made_of:
            return False
        self.prepareGeometryChange()
        self.geom = route_edge_boxes(*boxes, waypoints, ports)
        self._made_of = made_of
        self._bounds = self.geom.bounds()
        self._shape = None
        return True

    def boundingRect(self) -> QRectF:
        return self._bounds

    def feed(self, **state) -> bool:
        """Show new values of some EDGE_FED fields; repaint only if one differs (then True)."""
        changed = {k: v for k, v in state.items() if self.fed[k] != v}
        if not changed:
            return False
        self.fed.update(changed)
        self.update()
        return True

    def feed_unseen(self, **state) -> None:
        """Take new values of some EDGE_FED fields with no repaint: no view has drawn the
        edge since they changed (it is out of view, or about to be drawn)."""
        self.fed.update(state)
        self._pens = {}

    def update(self, *args) -> None:
        """Repaint; the relation, weight or preview may have changed, so forget cached pens."""
        self._pens = {}
        self.repaints += 1
        super().update(*args)

    def _low_pen(self, relation: str, weight: float) -> QPen:
        """A thin solid pen for far-out zoom levels (dashes cost much and show little there)."""
        pen = self._pens.get("low")
        if pen is None:
            pen = QPen(edge_pen(relation, weight).color(), 0)   # cosmetic one pixel
            self._pens["low"] = pen
        return pen

    def shape(self) -> QPainterPath:
        if self.geom is None:
            return QPainterPath()
        if self._shape is None:
            stroker = QPainterPathStroker()
            stroker.setWidth(HIT_WIDTH)
            self._shape = stroker.createStroke(self.geom.path)
        return self._shape

    def collidesWithPath(self, path, mode=Qt.IntersectsItemShape) -> bool:
        """Whether *path* (item coordinates) meets the relation's line, give or take half
        the width of its shape. Qt asks this of every relation whose box holds the pointer
        at each hover, click and programmatic scroll (a scroll replays the last mouse move),
        and by default strokes the whole line to answer: a tenth of a millisecond for a long
        relation, and a jump on a big map asked it of a hundred relations. A rectangle (a
        point under the pointer, a rubber band) is tested on the line's cubics instead, only
        those whose control points' box meets it; any other question goes to Qt."""
        if self.geom is None:
            return False
        if mode != Qt.IntersectsItemShape:
            return super().collidesWithPath(path, mode)
        rect = path.boundingRect()
        # the square Qt asks about a point: taken as its box whatever its angle (a unit off
        # at most, beside a hit width of 10); a larger path only if it is a rectangle
        if (rect.width() > 2 or rect.height() > 2) and _axis_rect(path) is None:
            return super().collidesWithPath(path, mode)
        return self.geom.crosses(rect, HIT_TOLERANCE, HIT_WIDTH / 2)

    def contains(self, point) -> bool:
        """As Qt asks about a point: the 1 x 1 square at it (see ``collidesWithPath``)."""
        return self.geom is not None and self.geom.crosses(
            QRectF(point, QSizeF(1, 1)), HIT_TOLERANCE, HIT_WIDTH / 2)

    def _reached(self, rects, labels: bool = True):
        """None if painting the edge cannot touch *rects* (scene coordinates), else the part
        of the scene to draw it in: a box around the rectangles it meets, or an empty QRectF
        if one of them holds all of it. It can touch them with its line, arrowhead, glyph or
        label (*labels*: if drawn at this zoom). A long relation's bounding box covers many
        cards, so a repaint of one of them asks for the relation too; mostly its line is
        elsewhere."""
        if self.geom is None:
            return None
        rects = [r for r in rects if r.intersects(self._bounds)]
        if not rects:
            return None
        if any(r.contains(self._bounds) for r in rects):
            return QRectF()
        # The line's runs of pieces against the rectangles grown by half the hull, then its
        # glyph and label beside its middle.
        if self.geom.passes_near(rects, HULL_WIDTH / 2):
            return _around(rects)
        if not labels:
            # the glyph sits on the line, inside the hull: only a label reaches beyond it.
            # (Its middle, for the label, is found by measuring the whole line: 0.1 ms for
            # a long relation, and a jump on a big map's overview asked it of hundreds.)
            return None
        mid, reach = self.geom.mid, LABEL_REACH + S.metrics("small").horizontalAdvance(self.fed["label"])
        around = QRectF(mid.x() - HULL_WIDTH, mid.y() - HULL_WIDTH, 2 * HULL_WIDTH + reach, 2 * HULL_WIDTH)
        return _around(rects) if any(around.intersects(r) for r in rects) else None

    def paint(self, painter, option, widget=None) -> None:
        if self.geom is None:
            return
        lod = painted_lod(painter)
        within = self._reached(EdgeItem.exposed or (option.exposedRect,), lod >= S.LOD_FULL)
        if within is None:
            return
        self.drawn += 1
        f = self.fed
        weight = f["weight"] if self.preview is None else self.preview
        if lod < S.LOD_TITLE and not self.isSelected():
            painter.setPen(self._low_pen(f["relation"], weight))
            painter.drawPath(self.geom.path)
            return
        thin = lod < S.LOD_FULL and len(self.binding.edges) >= THIN_OVERVIEW_FROM
        paint_edge(painter, f["relation"], weight, f["label"], self.geom, lod=lod,
                   selected=self.isSelected(), emphasis=f["emphasis"], role=f["role"],
                   max_px=1.0 if thin else None, within=within if within.isValid() else None)


def _axis_rect(path: QPainterPath) -> QRectF | None:
    """The rectangle *path* is, if it is one rectangle with sides along the axes (what a
    point under the pointer and a rubber band become in an unrotated view), else None."""
    if path.elementCount() != 5:
        return None
    pts = [path.elementAt(i) for i in range(5)]
    if (pts[0].x, pts[0].y) != (pts[4].x, pts[4].y) or not all(p.isLineTo() for p in pts[1:]):
        return None
    for a, b in zip(pts, pts[1:]):
        if a.x != b.x and a.y != b.y:
            return None
    return path.boundingRect()


def _around(rects) -> QRectF:
    """The box around *rects*."""
    box = rects[0]
    for r in rects[1:]:
        box = box.united(r)
    return box


class ConnectLine(QGraphicsPathItem):
    """The rubber line shown while dragging from a card's handle to another card."""

    def __init__(self, start: QPointF, attack: bool) -> None:
        super().__init__()
        self.start = start
        self.setZValue(DRAG_Z)
        self.set_attack(attack)
        self.to(start)

    def set_attack(self, attack: bool) -> None:
        self.attack = attack
        pen = QPen(edge_pen("attack" if attack else "support", 0.6))
        pen.setCosmetic(False)
        self.setPen(pen)

    def to(self, end: QPointF) -> None:
        path = QPainterPath(self.start)
        path.lineTo(end)
        self.setPath(path)


def edge_lines(binding) -> dict:
    """{relation colour: [QLineF]} for every shown edge, from its start to its tip."""
    out: dict = {}
    for item in binding.edges.values():
        if item.geom is None or not all(binding.is_shown(n) for n in item.ends):
            continue
        start = item.geom.path.elementAt(0)
        out.setdefault(S.RELATION_COLOURS[item.fed["relation"]], []).append(
            QLineF(start.x, start.y, item.geom.tip.x(), item.geom.tip.y()))
    return out


def paint_edge_lines(painter, batch: dict) -> None:
    """Draw the lines of :func:`edge_lines` with one-pixel pens, one call per colour."""
    for colour, lines in batch.items():
        painter.setPen(QPen(S.colour(colour), 0))
        painter.drawLines(lines)
