"""The weighing panel: ranking, semantics, perspective, why, what would change it, the group.

It shows the document's own Weighing (``doc.weighing``) and creates none; "What would change
it" is computed by a worker thread on a snapshot, shown as "computing…" meanwhile.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QFormLayout, QLabel, QListWidget, QListWidgetItem,
                               QTabWidget, QVBoxLayout, QWidget)

from ...document.weighing import EXPLANATIONS, GROUP, MAP, Weighing
from ...model import SEMANTICS, ReasonmapError
from ...model.changes import PARTICIPANTS
from ...reasoning import sweep
from ...reasoning.framework import SOURCE
from .charts import NOT_SETTLED, BarsArea, RankingBars, SweepChart
from .group_view import GroupView
from .names import input_name, signed
from .worker import SensitivityWorker

COMPUTING = "Computing which single input would change the lead\u2026"


class WeighingPanel(QWidget):
    """Everything about weighing the strategies of the open document."""

    def __init__(self, doc=None, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("weighingPanel")
        self.doc = None
        self.weighing: Weighing | None = None
        self.focus_strategy: str | None = None
        self._unsubscribe: list = []
        self._shown = None        # what the ranking and the explanation last showed
        self.worker = SensitivityWorker(self)
        self.worker.finished.connect(self._sensitivity_ready)
        self.worker.failed.connect(lambda _v, message: self.flips_title.setText(message))
        self.worker.progressed.connect(self._sensitivity_progress)
        self._build()
        self.set_document(doc)

    # ----- building ----------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self.semantics_box = QComboBox(objectName="semantics")
        for key, name in SEMANTICS.items():
            self.semantics_box.addItem(name, key)
        self.semantics_box.activated.connect(self._semantics_chosen)
        self.perspective_box = QComboBox(objectName="perspective")
        self.perspective_box.activated.connect(self._perspective_chosen)
        form.addRow("Semantics", self.semantics_box)
        form.addRow("Values of", self.perspective_box)
        layout.addLayout(form)
        self.explanation = _wrapped_label("explanation", "color: #4A4A4A;")
        self.status = _wrapped_label("status")
        layout.addWidget(self.explanation)
        layout.addWidget(self.status)
        self.tabs = QTabWidget(objectName="weighingTabs")
        self.tabs.setUsesScrollButtons(False)     # every tab's name stays readable; the dock widens
        self.tabs.addTab(self._ranking_tab(), "Ranking")
        self.tabs.addTab(self._flips_tab(), "What would change it")
        self.group_view = GroupView(self)
        self.group_view.node_clicked.connect(self._select_input)
        self.tabs.addTab(self.group_view, "Group")
        self.tabs.currentChanged.connect(lambda _i: self.refresh_tab())
        layout.addWidget(self.tabs, 1)

    def _ranking_tab(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        self.bars = RankingBars()
        self.bars.setObjectName("rankingBars")
        self.bars.clicked.connect(self._strategy_clicked)
        self.why_title = _wrapped_label("whyTitle", "font-weight: bold;")
        self.why_list = QListWidget(objectName="whyList")
        self.why_list.setWordWrap(True)
        self.why_list.itemClicked.connect(lambda item: self._select_input(item.data(Qt.UserRole)))
        box.addWidget(BarsArea(self.bars, page))
        box.addWidget(self.why_title)
        box.addWidget(self.why_list, 1)
        return page

    def _flips_tab(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        self.flips_title = _wrapped_label("flipsTitle")
        self.flips_list = QListWidget(objectName="flipsList")
        self.flips_list.setWordWrap(True)
        self.flips_list.currentItemChanged.connect(self._flip_chosen)
        self.chart = SweepChart(page)
        self.chart.setObjectName("sweepChart")
        box.addWidget(self.flips_title)
        box.addWidget(self.flips_list, 1)
        box.addWidget(self.chart, 1)
        return page

    # ----- the document ------------------------------------------------------------
    def set_document(self, doc) -> None:
        """Show the weighing of *doc* (None: an empty panel)."""
        for unsubscribe in self._unsubscribe:
            unsubscribe()
        self.worker.cancel()
        self.doc, self.focus_strategy, self._unsubscribe = doc, None, []
        self.weighing = doc.weighing if doc is not None else None
        self._shown = None
        if doc is not None:
            self._unsubscribe = [self.weighing.changed.subscribe(self._on_results),
                                 doc.selection.changed.subscribe(self._on_selection),
                                 doc.changed.subscribe(self._on_document_changed)]
        self.setEnabled(doc is not None)
        self._fill_perspectives()
        self.refresh()

    def _on_results(self, update) -> None:
        if update.reason != "text":
            self.worker.cancel()      # a running sensitivity is of numbers that are gone
        elif not update.ranking_changed and not update.renamed & self._named():
            return                    # a title the panel does not show
        if update.reason == "participants":
            self._fill_perspectives()  # names shown anew (e.g. anonymous mode turned on)
        self.refresh()

    def _named(self) -> set[str]:
        """The cards whose titles the panel shows: the strategies and the focus's inputs."""
        w = self.weighing
        shown = set(w.framework.strategies)
        if self.focus_strategy in w.framework.parents:
            shown.update(p[SOURCE] for p in w.framework.parents[self.focus_strategy])
        return shown

    def _on_document_changed(self, event) -> None:
        """Only a change of participants can change the perspectives offered."""
        if event.changeset is None or PARTICIPANTS in event.changeset.kinds:
            self._fill_perspectives()

    def _on_selection(self, selection, origin) -> None:
        node = selection.current_node
        if self.weighing and node in self.weighing.framework.strategies:
            self.focus_strategy = node
            self._refresh_ranking()

    def _fill_perspectives(self) -> None:
        box = self.perspective_box
        box.clear()
        box.addItem("The map's own values", MAP)
        if self.doc is not None:
            name = self.weighing.name_of if self.weighing else (lambda pid: self.doc.map.participants[pid].name)
            for p in sorted(self.doc.map.participants.values(), key=lambda q: name(q.id).lower()):
                box.addItem(name(p.id), p.id)
            if self.doc.map.participants:
                box.addItem("The group (median of everyone)", GROUP)
        current = self.weighing.perspective if self.weighing else MAP
        box.setCurrentIndex(max(0, box.findData(current)))

    # ----- user choices ------------------------------------------------------------
    def _semantics_chosen(self, index: int) -> None:
        try:
            self.weighing.set_semantics(self.semantics_box.itemData(index))
        except ReasonmapError as exc:
            self.status.setText(str(exc))
            self.semantics_box.setCurrentIndex(self.semantics_box.findData(self.weighing.semantics))

    def _perspective_chosen(self, index: int) -> None:
        self.set_perspective(self.perspective_box.itemData(index))

    def set_perspective(self, perspective: str) -> None:
        """Show the map's values, one participant's (by id) or the group's."""
        self.weighing.set_perspective(perspective)
        self.perspective_box.setCurrentIndex(max(0, self.perspective_box.findData(perspective)))

    def _strategy_clicked(self, node_id: str) -> None:
        self.focus_strategy = node_id
        self._select_input(node_id)
        self._refresh_ranking()

    def _select_input(self, target: str | None) -> None:
        """Select a node or relation on the canvas (and everywhere else)."""
        if not target or self.doc is None:
            return
        if target in self.doc.map.nodes:
            self.doc.selection.set([target], [], origin=self)
        elif target in self.doc.map.edges:
            self.doc.selection.set([], [target], origin=self)

    # ----- showing -----------------------------------------------------------------
    def refresh(self) -> None:
        w = self.weighing
        if w is None:
            self.bars.set_rows([])
            self.status.setText("No map is open.")
            return
        self.semantics_box.setCurrentIndex(self.semantics_box.findData(w.semantics))
        self.explanation.setText(EXPLANATIONS[w.semantics])
        settled = w.evaluation.converged
        self.status.setText(w.status())
        _restyle(self.status, "" if settled else "color: #B34700; font-weight: bold;")
        self._refresh_ranking()
        self.refresh_tab()

    def refresh_tab(self) -> None:
        """Compute the slower tabs only while they are shown."""
        if self.weighing is None:
            return
        page = self.tabs.currentIndex()
        if page == 1:
            self._refresh_flips()
        elif page == 2:
            self.group_view.show_report(self.weighing)

    def _refresh_ranking(self) -> None:
        """Show the ranking and why the focus strategy stands where it does; nothing is
        redone when neither the bars nor what the explanation rests on changed."""
        w = self.weighing
        rows = [(e.id, e.title, w.strength(e.id)) for e in w.ranking]
        ids = [r[0] for r in rows]
        if self.focus_strategy not in ids:
            self.focus_strategy = ids[0] if ids else None
        shown = (rows, self.focus_strategy, self._why_rests_on())
        if shown == self._shown:
            return
        self._shown = shown
        self.bars.set_rows(rows, self.focus_strategy)
        self.why_list.clear()
        self.why_list.setVisible(self.focus_strategy is not None)
        _restyle(self.why_title, "font-weight: bold;" if self.focus_strategy else "")
        if self.focus_strategy is None:
            self.why_title.setText(NO_STRATEGY)
            return
        title = w.title(self.focus_strategy)
        self.why_title.setText(f"Why \u201c{title}\u201d stands where it does")
        if not w.settled(self.focus_strategy):
            self.why_list.addItem(f"Its strength is {NOT_SETTLED}: no contributions to show.")
            return
        for c in w.why(self.focus_strategy):
            word = "supports" if c.relation == "support" else "attacks"   # roles belong to relations
            text = f"{signed(c.delta)}   {w.title(c.node)}   ({word} this strategy)"
            item = QListWidgetItem(text)
            item.setData(Qt.UserRole, c.node)
            item.setToolTip(f"Change in this strategy's strength if this card no longer {word} "
                            "it (with everything behind it). Click to select it.")
            self.why_list.addItem(item)
        if not self.why_list.count():
            self.why_list.addItem("Nothing supports or attacks it yet.")

    def _why_rests_on(self) -> tuple:
        """What the focus strategy's explanation is computed from: the semantics, its base
        score and settledness, and each relation into it with its weight and its source's
        strength and title (a change elsewhere leaves the explanation as it is)."""
        w, s = self.weighing, self.focus_strategy
        if s is None or s not in w.framework.tau:
            return ()
        parents = w.framework.parents[s]
        return (w.semantics, w.framework.tau[s], w.settled(s), parents,
                tuple((w.strength(p[SOURCE]), w.title(p[SOURCE])) for p in parents))

    def _refresh_flips(self) -> None:
        """Show the sensitivity of the current numbers, or start computing it."""
        self.flips_list.blockSignals(True)
        self.flips_list.clear()
        self.flips_list.blockSignals(False)
        self.chart.clear()
        sens = self.weighing.cached_sensitivity()
        if sens is not None:
            return self._show_flips(sens)
        if not self.worker.busy or self.worker.wanted != self.weighing.version:
            self.worker.start(self.weighing)
        self.flips_title.setText(COMPUTING)
        self.flips_list.setEnabled(False)

    def _sensitivity_ready(self, version: int, sens) -> None:
        w = self.weighing
        if w is not None and w.keep_sensitivity(version, sens) and self.tabs.currentIndex() == 1:
            self._show_flips(sens)

    def _sensitivity_progress(self, done: int, total: int) -> None:
        if total:
            self.flips_title.setText(f"{COMPUTING} ({done} of {total} inputs)")

    def is_computing(self) -> bool:
        """True while "What would change it" waits for the worker."""
        return self.worker.busy

    def _show_flips(self, sens) -> None:
        w = self.weighing
        self.flips_list.setEnabled(True)
        if sens.top is None:
            self.flips_title.setText("Mark a second card as a strategy to see what would change "
                                     "which one leads.")
            return
        a, b = (w.title(t) for t in sens.top)
        if sens.tied:
            self.flips_title.setText(f"\u201c{a}\u201d and \u201c{b}\u201d tie now (listed by "
                                     "title): any change that favours the second puts it ahead.")
            return
        if not sens.flips:
            self.flips_title.setText(f"No single input can put \u201c{b}\u201d ahead of \u201c{a}\u201d.")
            return
        self.flips_title.setText(f"Each of these alone would put \u201c{b}\u201d ahead of "
                                 f"\u201c{a}\u201d (smallest move first):")
        for f in sens.flips:
            name = input_name(self.doc.map, f.input)
            item = QListWidgetItem(f"{name}: {f.current:.2f} \u2192 {f.flip_at:.2f}  "
                                   f"(move {signed(f.flip_at - f.current, 2)})")
            item.setData(Qt.UserRole, f)
            self.flips_list.addItem(item)

    def _flip_chosen(self, item, _previous=None) -> None:
        if item is None or self.weighing is None:
            return
        flip, w = item.data(Qt.UserRole), self.weighing
        sens = w.cached_sensitivity()
        if sens is None or sens.top is None:
            return
        a, b = sens.top
        rows = sweep(w.framework, w.semantics, flip.input, a, b)
        self.chart.set_data(rows, (w.title(a), w.title(b)),
                            input_name(self.doc.map, flip.input), flip.current, flip.flip_at)
        self._select_input(flip.input)


NO_STRATEGY = ("Mark a card as a strategy to rank it: select the card and press Ctrl+Shift+2 "
               "(Map \u25b8 Kind \u25b8 Strategy).")


def _wrapped_label(name: str, style: str = "") -> QLabel:
    label = QLabel(objectName=name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.PlainText)
    if style:
        label.setStyleSheet(style)
    return label


def _restyle(widget, sheet: str) -> None:
    """Set *widget*'s style sheet if it differs (setting one restyles and repaints)."""
    if widget.styleSheet() != sheet:
        widget.setStyleSheet(sheet)
