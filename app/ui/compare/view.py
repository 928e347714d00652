"""The compare view: the strategies side by side.

It reads the document's one weighing (``doc.weighing``: its semantics and perspective, as
chosen in the weighing panel) and keeps no numbers of its own that another view needs. It
works only while it is on screen: an update that arrives while it is hidden marks it stale
and it catches up when shown. A title edit only relabels; a change of numbers refills the
table from ``weighing.comparison()`` (cached there) and restarts the searches shown, whose
stale results are dropped.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QTabWidget, QVBoxLayout, QWidget

from ...model import SEMANTICS
from ...reasoning import contributions, describe, sort_rows
from .pages import HeadToHeadPage, LeaderPage, SemanticsPage, plain_label
from .table import ContributionTable
from ..jobs import SearchWorker

SORTS = {"influence": "total influence", "disagreement": "disagreement (workshop spread)",
         "map": "map order"}
TABLE, DUEL, LEADER, SEMANTICS_PAGE = range(4)
SYNC_LIMIT = 300        # maps with more evaluated cards get their table from a worker
COMPUTING = "Computing what each consideration contributes\u2026"


class CompareView(QWidget):
    """Contributions, head to head, leader changes and robustness of the open document;
    ``show_on_map(node_id)`` asks for a card to be shown on the map (Enter on a row)."""

    show_on_map = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("compareView")
        self.doc = None
        self.weighing = None
        self.stale = True
        self.refreshes = 0            # full refreshes done (for tests)
        self._unsubscribe: list = []
        self.table_job = SearchWorker(self)
        self.table_job.finished.connect(self._table_ready)
        self.table_job.progressed.connect(self._table_progress)
        self.table_job.failed.connect(lambda _t, message: self.caption.setText(message))
        self._build()

    def _build(self) -> None:
        box = QVBoxLayout(self)
        box.setContentsMargins(8, 8, 8, 4)
        self.caption = plain_label("compareCaption", "font-weight: bold;")
        self.sentence = plain_label("compareSentence")
        box.addWidget(self.caption)
        box.addWidget(self.sentence)
        self.tabs = QTabWidget(objectName="compareTabs")
        self.tabs.addTab(self._table_page(), "Contributions")
        self.duel = HeadToHeadPage()
        self.leader = LeaderPage()
        self.semantics = SemanticsPage()
        self.tabs.addTab(self.duel, "Head to head")
        self.tabs.addTab(self.leader, "Leader changes")
        self.tabs.addTab(self.semantics, "Across semantics")
        for page in (self.duel, self.leader):
            page.picked.connect(self._select)
        self.tabs.currentChanged.connect(lambda _i: self._refresh_page(search=True))
        box.addWidget(self.tabs, 1)

    def _table_page(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        row = QHBoxLayout()
        self.sort = QComboBox(objectName="compareSort")
        for key, words in SORTS.items():
            self.sort.addItem(words, key)
        self.sort.activated.connect(lambda _i: self._fill_table())
        row.addWidget(QLabel("Sort rows by"))
        row.addWidget(self.sort)
        row.addStretch(1)
        box.addLayout(row)
        self.table = ContributionTable()
        self.table.row_clicked.connect(self._select)
        self.table.row_activated.connect(self.show_on_map)
        box.addWidget(self.table, 1)
        self.legend = plain_label("compareLegend", "color: #4A4A4A;")
        self.legend.setText("Each cell: how much the consideration (with everything behind it) "
                            "adds to (+, blue, bar to the right) or takes from (\u2212, vermillion, "
                            "bar to the left) that strategy's strength; blank where it does not "
                            "bear. Contributions overlap, so a column need not add up. Click a row "
                            "to select the card; Enter or a double click shows it on the map.")
        box.addWidget(self.legend)
        return page

    # ----- the document ------------------------------------------------------------
    def set_document(self, doc) -> None:
        for unsubscribe in self._unsubscribe:
            unsubscribe()
        self._stop()
        self.doc, self._unsubscribe = doc, []
        self.weighing = doc.weighing if doc is not None else None
        if doc is not None:
            self._unsubscribe = [self.weighing.changed.subscribe(self._on_results),
                                 doc.selection.changed.subscribe(self._on_selection)]
        self.setEnabled(doc is not None)
        self.stale = True
        self.refresh_if_shown()

    def _on_results(self, update) -> None:
        if update.reason == "text" and not update.ranking_changed and not self.stale:
            self._relabel()
            return
        if update.reason == "participants" and self.sort.currentData() != "disagreement":
            if self.doc is not None:
                self._disagreement_available()     # the map's own numbers did not move
            return
        self._stop()
        self.stale = True
        self.refresh_if_shown()

    def _on_selection(self, selection, origin) -> None:
        if origin is not self and not self.stale:
            self.table.select_node(selection.current_node)

    def _select(self, target: str | None) -> None:
        """Select a card or relation on the canvas (and in every other view)."""
        doc = self.doc
        if not target or doc is None:
            return
        if target in doc.map.nodes:
            doc.selection.set([target], [], origin=self)
        elif target in doc.map.edges:
            doc.selection.set([], [target], origin=self)

    def _stop(self) -> None:
        """The numbers changed: stop the searches and forget their results."""
        self.table_job.cancel()
        for flips in (self.duel.flips, self.leader.flips):
            flips.stop()
            flips.result = None

    # ----- showing -----------------------------------------------------------------
    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.refresh_if_shown()

    def refresh_if_shown(self) -> None:
        if self.stale and self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        """Fill everything from the weighing's current numbers (on a large map the table is
        computed by a worker first; the view says so meanwhile)."""
        w = self.weighing
        self.stale = False
        if w is None:
            self.caption.setText("No map is open.")
            self.sentence.setText("")
            self.table.setRowCount(0)
            return
        if w.cached_comparison() is None and len(w.framework.tau) > SYNC_LIMIT:
            self._compute_table(w)
            return
        self.tabs.setEnabled(True)
        self.refreshes += 1
        self._caption()
        self._fill_table()
        self._disagreement_available()
        self.duel.show_weighing(w, search=self.tabs.currentIndex() == DUEL)
        self._refresh_page(search=True)

    def _compute_table(self, w) -> None:
        version, fw, semantics = w.snapshot()
        base = w.evaluation
        self.tabs.setEnabled(False)
        self.caption.setText(COMPUTING)
        self.table_job.start(lambda stop, progress: (version, contributions(
            fw, semantics, base=base, should_stop=stop, progress=progress)))

    def _table_ready(self, _ticket: int, result) -> None:
        version, table = result
        if self.weighing is not None and self.weighing.keep_comparison(version, table):
            self.refresh()

    def _table_progress(self, done: int, total: int) -> None:
        self.caption.setText(f"{COMPUTING} ({done} of {total} considerations)")

    def _caption(self) -> None:
        w = self.weighing
        state = "" if w.evaluation.converged else " \u2014 some strengths did not settle"
        count = len(w.ranking)
        self.caption.setText(f"{count} strateg{'y' if count == 1 else 'ies'} under {SEMANTICS[w.semantics]}, "
                             f"{w.whose()}{state}")
        self.sentence.setText(describe(w.robustness(), w.framework.titles)
                              if len(w.ranking) > 1 else "Mark two or more cards as strategies "
                              "to compare them here.")

    def _fill_table(self) -> None:
        w = self.weighing
        if w is None or w.cached_comparison() is None and len(w.framework.tau) > SYNC_LIMIT:
            return
        table = w.comparison()
        by = self.sort.currentData()
        spread = None
        if by == "disagreement" and self.doc.map.participants:
            spread = {k: v for k, v in w.group().spread.items() if v is not None}
        rows = sort_rows(table.rows, by, spread)
        self.table.fill(table, rows, w.title)
        self.table.relabel(table, w.title, w.strength)
        self.table.select_node(self.doc.selection.current_node)

    def _disagreement_available(self) -> None:
        item = self.sort.model().item(list(SORTS).index("disagreement"))
        has_people = bool(self.doc.map.participants)
        item.setEnabled(has_people)
        item.setToolTip("" if has_people else "Add participants and their assessments first")

    def _refresh_page(self, search: bool) -> None:
        w = self.weighing
        if w is None or self.stale:
            return
        page = self.tabs.currentIndex()
        if page == DUEL:
            self.duel.update_pair(search)
        elif page == LEADER and search and self.leader.flips.result is None \
                and not self.leader.flips.computing:
            self.leader.search(w)
        elif page == SEMANTICS_PAGE:
            self.semantics.show_weighing(w)

    def _relabel(self) -> None:
        """Titles changed, numbers did not: rename in place."""
        w = self.weighing
        if w.cached_comparison() is None:      # still computing: it is filled with new titles
            return
        self.table.relabel(w.comparison(), w.title, w.strength)
        self._caption()
        self.duel.relabel(w)
        if self.tabs.currentIndex() == SEMANTICS_PAGE:
            self.semantics.relabel(w)
        for flips in (self.duel.flips, self.leader.flips):
            if flips.result is not None and flips._show is not None:
                flips._show(flips, flips.result)

    def is_computing(self) -> bool:
        """True while the table or a search is being computed."""
        return self.table_job.busy or self.duel.flips.computing or self.leader.flips.computing
