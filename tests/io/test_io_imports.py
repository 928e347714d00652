"""The io package imports in one direction: base ← limits ← importers, registry names readers
by string (issue 11: the aif ↔ limits ↔ registry circle)."""

import grimp
import networkx as nx


def test_no_import_circles_inside_app_io():
    graph = grimp.build_graph("app")
    g = nx.DiGraph()
    for module in graph.modules:
        if module.startswith("app.io"):
            for dep in graph.find_modules_directly_imported_by(module):
                if dep.startswith("app.io"):
                    g.add_edge(module, dep)
    assert "app.io.aif" in g and "app.io.registry" in g
    assert list(nx.simple_cycles(g)) == []
    assert not nx.has_path(g, "app.io.aif", "app.io.registry")
    assert not nx.has_path(g, "app.io.limits", "app.io.registry")

