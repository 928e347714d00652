"""The weighing panel drives real widgets: ranking, semantics, perspectives, why, flips, status."""

import pytest

from app.document import Document
from app.model import AddNode, AddParticipant, Assess, Edge, Node, SetScore
from app.model.build import build_map
from app.ui.weighing import WeighingPanel, install_weighing
from app.ui.weighing.charts import NOT_SETTLED


@pytest.fixture
def doc(tmp_path, small_map):
    d = Document.new(tmp_path / "p.rmap", small_map)
    yield d
    d.close()


@pytest.fixture
def panel(qtbot, doc):
    p = WeighingPanel(doc)
    qtbot.addWidget(p)
    p.resize(380, 700)
    p.show()
    return p


def test_ranking_follows_edits_and_undo(panel, doc):
    assert [(r[0], round(r[2], 3)) for r in panel.bars.rows] == [("s2", 0.8), ("s1", 0.69)]
    doc.execute(SetScore("r1", 1.0))           # s1 = .5 + .5·(1 − .32) = .84
    assert [(r[0], round(r[2], 3)) for r in panel.bars.rows] == [("s1", 0.84), ("s2", 0.8)]
    doc.undo()
    assert panel.bars.rows[0][0] == "s2"


def test_semantics_choice_is_an_undoable_map_setting(panel, doc):
    box = panel.semantics_box
    box.setCurrentIndex(box.findData("hcat"))
    box.activated.emit(box.findData("hcat"))
    assert doc.map.meta["semantics"] == "hcat"
    # h-categorizer ignores support: s1 = .5 / (1 + .8·.4) = .3788, s2 = .5
    assert [(r[0], round(r[2], 4)) for r in panel.bars.rows] == [("s2", 0.5), ("s1", 0.3788)]
    assert "Only objections count" in panel.explanation.text()
    doc.undo()
    assert panel.semantics_box.currentData() == "dfquad"


def test_why_list_selects_the_node(panel, doc, qtbot):
    panel._strategy_clicked("s1")
    texts = [panel.why_list.item(i).text() for i in range(panel.why_list.count())]
    assert texts[0].startswith("+0.350") and "Reason one" in texts[0]   # .69 − (.5 − .16) = .35
    assert texts[1].startswith("\u22120.160") and "Objection" in texts[1]  # .69 − .85
    assert texts[0].endswith("(supports this strategy)")
    assert texts[1].endswith("(attacks this strategy)")
    item = panel.why_list.item(1)
    panel.why_list.itemClicked.emit(item)
    assert doc.selection.nodes == ("o1",)


def _computed(qtbot, panel):
    qtbot.waitUntil(lambda: not panel.is_computing() and panel.flips_list.isEnabled(), timeout=10000)


def test_what_would_change_it_draws_the_chart(panel, doc, qtbot):
    panel.tabs.setCurrentIndex(1)
    _computed(qtbot, panel)
    assert panel.flips_list.count() > 0
    first = panel.flips_list.item(0).data(0x0100)
    sens = panel.weighing.cached_sensitivity()
    assert sens == panel.weighing.sensitivity() and first == sens.flips[0]
    panel.flips_list.setCurrentRow(0)
    assert panel.chart.crossing == pytest.approx(first.flip_at)
    assert len(panel.chart.rows) == 41
    assert doc.selection.nodes == (first.input,) or doc.selection.edges == (first.input,)
    image = panel.chart.grab().toImage()
    assert image.width() > 200


def test_what_would_change_it_runs_in_a_worker_and_drops_stale_results(panel, doc, qtbot, monkeypatch):
    import threading

    import app.document.weighing as weighing_module
    from app.reasoning import sensitivity as real
    release, calls = threading.Event(), []

    def slow(fw, semantics, **hooks):
        calls.append((fw, hooks.get("should_stop")))
        release.wait(10)
        return real(fw, semantics)
    monkeypatch.setattr(weighing_module, "sensitivity", slow)
    panel.tabs.setCurrentIndex(1)
    assert panel.is_computing() and panel.flips_title.text().startswith("Computing")
    assert not panel.flips_list.isEnabled()
    qtbot.waitUntil(lambda: len(calls) == 1)
    doc.execute(SetScore("r1", 1.0))               # the numbers change while it computes
    qtbot.waitUntil(lambda: len(calls) == 2)
    stale_fw, stale_stop = calls[0]
    assert stale_stop() and not calls[1][1]()      # the first job was told to stop
    assert calls[1][0] is doc.weighing.framework
    release.set()
    _computed(qtbot, panel)
    assert panel.worker.jobs == 2
    sens = doc.weighing.cached_sensitivity()
    assert sens == real(doc.weighing.framework, "dfquad")   # the fresh one, not the stale one
    assert sens.top == ("s1", "s2") and "ahead of" in panel.flips_title.text()


def test_perspective_switch_and_group_tab(panel, doc):
    doc.execute(AddParticipant("Ann", participant_id="A"))
    doc.execute(Assess("A", "r1", 0.9))
    doc.execute(Assess("A", "o1", 0.0))
    names = [panel.perspective_box.itemText(i) for i in range(panel.perspective_box.count())]
    assert names == ["The map's own values", "Ann", "The group (median of everyone)"]
    panel.set_perspective("A")
    assert [(r[0], round(r[2], 3)) for r in panel.bars.rows] == [("s1", 0.95), ("s2", 0.8)]
    panel.tabs.setCurrentIndex(2)
    assert panel.group_view.table.columnCount() == 2
    assert panel.group_view.cell_text(0, 1) == "1. 0.95"


def _cyclic_doc(tmp_path):
    # DF-QuAD on a mutual attack of two certain claims: plain iteration oscillates, RK4 settles
    nodes = [Node(id="s", kind="strategy", title="Plan"), Node(id="t", kind="strategy", title="Other"),
             Node(id="a", base_score=1.0), Node(id="b", base_score=1.0)]
    edges = [Edge(id="ab", source="a", target="b", relation="attack"),
             Edge(id="ba", source="b", target="a", relation="attack"),
             Edge(id="as", source="a", target="s")]
    return Document.new(tmp_path / "c.rmap", build_map(nodes, edges))


def test_a_cycle_shows_the_method_used(qtbot, tmp_path):
    d = _cyclic_doc(tmp_path)
    p = WeighingPanel(d)
    qtbot.addWidget(p)
    assert p.weighing.evaluation.method == "rk4" and p.weighing.evaluation.converged
    assert "Runge" in p.status.text() and "settled by" in p.status.text()
    d.close()


def test_a_cycle_that_does_not_settle_shows_not_settled(qtbot, tmp_path, monkeypatch):
    import app.document.weighing as weighing_module
    from app.reasoning import evaluate
    # give the solver no room at all, as if this semantics could not settle the cycle
    monkeypatch.setattr(weighing_module, "evaluate",
                        lambda fw, sem: evaluate(fw, sem, max_sweeps=0, max_steps=0))
    d = _cyclic_doc(tmp_path)
    p = WeighingPanel(d)
    qtbot.addWidget(p)
    assert not p.weighing.evaluation.converged
    assert "not settled" in p.status.text() and "Runge" in p.status.text()
    rows = {r[0]: r[2] for r in p.bars.rows}
    assert rows["s"] is None and rows["t"] == pytest.approx(0.5)
    p._strategy_clicked("s")
    assert NOT_SETTLED in p.why_list.item(0).text()
    d.close()


def test_install_adds_panel_actions_and_shares_the_documents_weighing(qtbot, doc):
    from PySide6.QtWidgets import QMainWindow
    from app.ui.actions import ActionRegistry

    class Canvas:
        labels = []

        def set_show_labels(self, on):
            self.labels.append(on)

    class Window(QMainWindow):
        def __init__(self):
            super().__init__()
            self.registry = ActionRegistry(self, lambda *a: None)
            self.panels = []
            self.canvas = Canvas()
            self.doc = doc

        def add_panel(self, widget, title, area, name):
            self.panels.append((widget, title, name))

    w = Window()
    qtbot.addWidget(w)
    inst = install_weighing(w)
    assert w.panels[0][1] == "Weighing"
    assert {"workshop.participants", "workshop.round", "workshop.merge", "view.presentation",
            "view.labels"} <= set(w.registry.actions)
    assert w.registry.shortcut_conflicts() == []
    assert inst.panel.weighing is doc.weighing
    assert w.canvas.labels == [False]                   # off by default
    w.registry.run("view.labels")
    assert w.canvas.labels == [False, True]
    inst.set_document(None)
    assert inst.panel.weighing is None and not doc.weighing.changed._subscribers


def test_the_perspectives_are_refilled_only_when_participants_change(panel, doc):
    model = panel.perspective_box.model()
    removals = []
    model.rowsRemoved.connect(lambda *_a: removals.append(1))
    doc.execute(SetScore("r1", 0.2))
    doc.execute(AddNode(title="More", parent="s1"))
    assert removals == [] and panel.perspective_box.count() == 1
    doc.execute(AddParticipant("Ann", participant_id="A"))
    assert removals and panel.perspective_box.count() == 3


def test_install_into_the_real_main_window(qtbot, doc, tmp_path):
    from PySide6.QtCore import QSettings
    QSettings.setDefaultFormat(QSettings.IniFormat)
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, str(tmp_path / "settings"))
    from app.ui.main_window import MainWindow
    w = MainWindow()
    qtbot.addWidget(w)
    inst = install_weighing(w)
    w.set_document(doc)
    cards = w.canvas.map_scene.cards
    assert inst.panel.doc is doc and cards["s2"].state().strength == pytest.approx(0.8)
    texts = [a.text() for a in w.menus["View"].actions()]
    assert "&Presentation mode" in texts
    workshop = [a for a in w.menus["Map"].actions() if a.menu() and a.text() == "Workshop"]
    assert [a.text() for a in workshop[0].menu().actions()] == [
        "&Participants\u2026", "&Assessment round\u2026", "&Merge another copy\u2026"]
    assert w.registry.shortcut_conflicts() == []
    doc.execute(SetScore("r1", 1.0))
    assert {n for n, c in cards.items() if c.state().flash} == {"r1", "s1"}
    assert cards["s1"].state().strength == pytest.approx(0.84)
    assert inst.panel.bars.rows[0][0] == "s1"
    assert cards["o1"].state().label is None            # off by default
    w.registry.run("view.labels")
    assert cards["o1"].state().label == doc.weighing.labels["o1"]
    assert QSettings().value("view/acceptability_labels") in (True, "true")


def test_an_edit_that_touches_nothing_shown_redoes_no_explanation(panel, doc):
    """A loose card or the title of a card the panel does not show: the bars and the
    explanation stay as they are (the contributions are not computed again)."""
    from app.model import EditNode
    panel._strategy_clicked("s1")
    computed, why = [], doc.weighing.why
    doc.weighing.why = lambda sid: computed.append(sid) or why(sid)
    rows = panel.bars.rows
    doc.execute(EditNode("r2", {"title": "Reason two, renamed"}))    # s2's reason: not shown
    doc.execute(AddNode(title="Loose"))                              # bears on nothing
    assert computed == [] and panel.bars.rows is rows
    doc.execute(EditNode("r1", {"title": "Reason one, renamed"}))    # s1's reason: shown
    assert computed == ["s1"]
    assert "Reason one, renamed" in panel.why_list.item(0).text()
    doc.execute(SetScore("r2", 0.9))                                 # s2 moves: the bars change
    assert panel.bars.rows is not rows and dict((r[0], r[2]) for r in panel.bars.rows)["s2"] > 0.8


def test_tied_top_two_are_said_to_tie_without_zero_moves(panel, doc, qtbot):
    doc.execute(SetScore("o1", 0.0))          # σs1 = .85
    doc.execute(SetScore("r2", 0.7))          # σs2 = .85: a tie
    panel.tabs.setCurrentIndex(1)
    _computed(qtbot, panel)
    assert panel.flips_list.count() == 0 and "tie now" in panel.flips_title.text()
