"""The weighing panel's Why list says what each card does to the strategy it explains
(roles belong to relations, not to cards)."""

from app.document import Document
from app.model import Edge, Node
from app.model.build import build_map
from app.ui.weighing import WeighingPanel


def test_why_list_names_what_a_card_does_to_each_strategy(tmp_path, qtbot):
    """A card that supports one strategy and attacks another is no "objection": each
    strategy's list says what it does to that strategy."""
    nodes = [Node(id="a", kind="strategy", title="Plan A"),
             Node(id="b", kind="strategy", title="Plan B"),
             Node(id="t", title="Thesis", base_score=0.7)]
    edges = [Edge(id="e1", source="t", target="a"),
             Edge(id="e2", source="t", target="b", relation="attack")]
    d = Document.new(tmp_path / "m.rmap", build_map(nodes, edges))
    p = WeighingPanel(d)
    qtbot.addWidget(p)
    for strategy, word in (("a", "supports"), ("b", "attacks")):
        p._strategy_clicked(strategy)
        texts = [p.why_list.item(i).text() for i in range(p.why_list.count())]
        assert texts == [f"{texts[0].split()[0]}   Thesis   ({word} this strategy)"]
        assert f"no longer {word} it" in p.why_list.item(0).toolTip()
    d.close()
