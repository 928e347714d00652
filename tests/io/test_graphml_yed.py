"""yEd argument maps: connector boxes become relations, descriptions stay, overlapping
positions are laid out again (the eleatics fixtures and small hand-made files)."""

from pathlib import Path

import pytest

from app.io import FormatError, import_file
from app.io.graphml import read_graphml, write_graphml
from app.model import Node
from app.model.build import build_map

FIX = Path(__file__).resolve().parent.parent / "fixtures" / "graphml"


def triples(amap):
    t = {nid: n.title for nid, n in amap.nodes.items()}
    return sorted((t[e.source], e.relation, t[e.target]) for e in amap.edges.values())


def test_aif_typed_connectors_become_relations_and_linked_premises_one_argument():
    result = import_file(FIX / "eleatics-toulmin-aif.graphml")
    amap = result.map
    titles = sorted(n.title for n in amap.nodes.values())
    assert titles == ["BACKING", "CLAIM", "DATA", "QUALIFIER", "REBUTTAL", "WARRANT", "infers"]
    # RA "infers" has three premises: one argument card they support, which supports CLAIM.
    assert triples(amap) == [("BACKING", "support", "WARRANT"), ("DATA", "support", "infers"),
                             ("QUALIFIER", "support", "infers"), ("REBUTTAL", "attack", "CLAIM"),
                             ("WARRANT", "support", "infers"), ("infers", "support", "CLAIM")]
    labels = {(amap.nodes[e.source].title, amap.nodes[e.target].title): e.label for e in amap.edges.values()}
    assert labels[("REBUTTAL", "CLAIM")] == "rebuts" and labels[("BACKING", "WARRANT")] == "backs"
    data = next(n for n in amap.nodes.values() if n.title == "DATA")
    assert data.text == "Facts that can be appealed to as the foundation of a claim."   # yEd description
    assert data.source_ref == "urn:eleatics:toulmin:data"
    assert all(n.x is None for n in amap.nodes.values())
    assert any("laid out again" in n for n in result.notes)
    assert any("linked premises" in n for n in result.notes)


def test_connectors_labelled_ra_and_ca_are_never_claims():
    result = import_file(FIX / "eleatics-toulmin.graphml")
    amap = result.map
    assert not any(n.title in ("RA", "CA") for n in amap.nodes.values())
    found = triples(amap)
    assert ("REBUTTAL", "attack", "CLAIM") in found and ("BACKING", "support", "WARRANT") in found
    assert ("Inference", "support", "CLAIM") in found
    # the plain-shape drawing: D and "Since W" meet at a junction point that leads to "So,"
    assert ("D", "support", "Inference") in found and ("Since W", "support", "Inference") in found
    assert ("Unless R", "relates", "Q") in found                  # a line without arrowheads
    (legend,) = [n for n in amap.nodes.values() if n.kind == "note"]
    assert legend.text.startswith("D - Data\nQ - Qualifier")
    assert sum(e.relation == "attack" for e in amap.edges.values()) == 1


Y = 'xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:y="http://www.yworks.com/xml/graphml"'


def yed(nodes, edges, keys=""):
    """A small yEd file: nodes (id, label, x, y, w, h, style) and edges (source, target, arrows, colour)."""
    body = []
    for gid, label, x, y, w, h, style in nodes:
        shape, fill = style
        body.append(f'<node id="{gid}"><data key="g"><y:ShapeNode><y:Geometry x="{x}" y="{y}" width="{w}" '
                    f'height="{h}"/><y:Fill color="{fill}"/><y:NodeLabel>{label}</y:NodeLabel>'
                    f'<y:Shape type="{shape}"/></y:ShapeNode></data></node>')
    for i, (a, b, arrows, colour) in enumerate(edges):
        head = f'<y:Arrows source="{arrows[0]}" target="{arrows[1]}"/>' if arrows else ""
        body.append(f'<edge id="e{i}" source="{a}" target="{b}"><data key="eg"><y:PolyLineEdge>'
                    f'<y:LineStyle color="{colour}"/>{head}</y:PolyLineEdge></data></edge>')
    return (f'<graphml {Y}><key for="node" id="g" yfiles.type="nodegraphics"/>'
            f'<key for="edge" id="eg" yfiles.type="edgegraphics"/>{keys}<graph id="G" edgedefault="directed">'
            + "".join(body) + "</graph></graphml>")


BOX, GREEN, RED = ("roundrectangle", "#FFFFFF"), ("diamond", "#99CC00"), ("diamond", "#FF0000")


def test_the_maps_legend_tells_unlabelled_connectors_by_shape_and_colour():
    text = yed([("c", "Conclusion", 0, 0, 100, 30, BOX), ("p", "Premise", 0, 400, 100, 30, BOX),
                ("q", "Other premise", 400, 400, 100, 30, BOX), ("o", "Objection", 800, 400, 100, 30, BOX),
                ("ra", "RA", 0, 200, 20, 20, GREEN), ("g2", "because", 400, 200, 20, 20, GREEN),
                ("ca", "", 800, 200, 20, 20, RED), ("ca0", "CA", 1200, 200, 20, 20, RED),
                ("x", "Unrelated", 1200, 400, 100, 30, BOX), ("y", "Also", 1200, 0, 100, 30, BOX)],
               [("p", "ra", None, "#000000"), ("ra", "c", None, "#000000"), ("q", "g2", None, "#000000"),
                ("g2", "c", None, "#000000"), ("o", "ca", None, "#000000"), ("ca", "c", None, "#000000"),
                ("x", "ca0", None, "#000000"), ("ca0", "y", None, "#000000")])
    result = read_graphml(text)
    assert triples(result.map) == [("Objection", "attack", "Conclusion"), ("Other premise", "support", "Conclusion"),
                                   ("Premise", "support", "Conclusion"), ("Unrelated", "attack", "Also")]
    assert all(n.x is not None for n in result.map.nodes.values())     # far apart: positions kept


def test_arrowheads_colours_and_labels_decide_plain_edges():
    text = yed([("a", "A", 0, 0, 50, 30, BOX), ("b", "B", 0, 300, 50, 30, BOX), ("c", "C", 300, 300, 50, 30, BOX),
                ("d", "D", 600, 300, 50, 30, BOX)],
               [("a", "b", ("standard", "none"), "#000000"),     # arrow at the source end: B → A
                ("c", "a", ("none", "standard"), "#D62728"),     # red: an attack
                ("d", "a", ("none", "none"), "#000000")])        # no arrowheads: a plain link
    result = read_graphml(text)
    assert triples(result.map) == [("B", "support", "A"), ("C", "attack", "A"), ("D", "relates", "A")]
    assert any("colour" in n for n in result.notes) and any("arrowheads" in n for n in result.notes)


def test_an_attack_on_a_linked_inference_attacks_its_argument_card():
    text = yed([("c", "C", 0, 0, 60, 30, BOX), ("p1", "P1", 0, 600, 60, 30, BOX), ("p2", "P2", 300, 600, 60, 30, BOX),
                ("u", "U", 600, 600, 60, 30, BOX), ("ra", "RA", 150, 300, 20, 20, GREEN),
                ("ca", "CA", 600, 300, 20, 20, RED)],
               [("p1", "ra", None, ""), ("p2", "ra", None, ""), ("ra", "c", None, ""),
                ("u", "ca", None, ""), ("ca", "ra", None, "")])
    amap = read_graphml(text).map
    assert triples(amap) == [("Inference", "support", "C"), ("P1", "support", "Inference"),
                             ("P2", "support", "Inference"), ("U", "attack", "Inference")]


def test_overlapping_yed_boxes_are_laid_out_again_and_said_so():
    text = yed([("a", "A claim with a long statement", 0, 0, 60, 20, BOX),
                ("b", "Another claim next to it", 70, 0, 60, 20, BOX)], [("b", "a", None, "")])
    result = read_graphml(text)
    assert all(n.x is None and n.y is None for n in result.map.nodes.values())
    assert any("overlap" in n for n in result.notes)


def test_own_export_keeps_cards_titled_like_connectors_and_their_places():
    amap = build_map([Node(id="a", title="RA", x=0, y=0), Node(id="b", title="B", x=10, y=10),
                      Node(id="c", title="C", x=400, y=-500)])
    from app.model import Edge
    amap = build_map(amap.nodes.values(), [Edge(id="e1", source="b", target="a"), Edge(id="e2", source="a", target="c")])
    back = read_graphml(write_graphml(amap)).map
    assert sorted((n.title, n.x, n.y) for n in back.nodes.values()) == [("B", 10, 10), ("C", 400, -500),
                                                                          ("RA", 0, 0)]


@pytest.mark.parametrize("field", ["title", "text"])
def test_a_nul_in_a_card_is_refused_by_the_export_not_replaced(field):
    amap = build_map([Node(id="a", **{field: "bad\x00char"})])
    with pytest.raises(FormatError, match=r"U\+0000.*remove it"):
        write_graphml(amap)


def test_an_empty_graph_is_an_empty_map_with_a_note():
    result = read_graphml(f'<graphml {Y}><graph id="G" edgedefault="directed"/></graphml>')
    assert not result.map.nodes and any("no nodes" in n for n in result.notes)


def test_aif_dialogue_boxes_in_a_yed_map_are_left_out():
    text = yed([("c", "C", 0, 0, 60, 30, BOX), ("p", "P", 0, 600, 60, 30, BOX), ("ra", "RA", 0, 300, 20, 20, GREEN),
                ("ya", "YA", 300, 300, 20, 20, RED), ("l", "L", 300, 600, 60, 30, BOX)],
               [("p", "ra", None, ""), ("ra", "c", None, ""), ("l", "ya", None, ""), ("ya", "p", None, "")])
    result = read_graphml(text)
    assert triples(result.map) == [("P", "support", "C")]
    assert any("dialogue" in n for n in result.notes)


def test_a_graphml_file_in_the_encoding_its_declaration_names(tmp_path):
    path = tmp_path / "latin.graphml"
    path.write_bytes('<?xml version="1.0" encoding="ISO-8859-1"?>\n<graphml><graph><node id="a">'
                     '<data key="label">Caf\u00e9 cr\u00e8me</data></node></graph></graphml>'.encode("latin-1"))
    (node,) = import_file(path).map.nodes.values()
    assert node.title == "Caf\u00e9 cr\u00e8me"
    path.write_bytes(b"<graphml>\xe9</graphml>")
    with pytest.raises(FormatError, match="not UTF-8"):
        import_file(path)


def test_yed_groups_become_tags_of_their_cards():
    text = (f'<graphml {Y}><key for="node" id="g" yfiles.type="nodegraphics"/><graph id="G" edgedefault="directed">'
            '<node id="grp" yfiles.foldertype="group"><data key="g"><y:ProxyAutoBoundsNode><y:Realizers active="0">'
            '<y:GroupNode><y:Geometry x="0" y="0" width="600" height="400"/><y:NodeLabel>Economy</y:NodeLabel>'
            '</y:GroupNode></y:Realizers></y:ProxyAutoBoundsNode></data>'
            '<graph id="grp:" edgedefault="directed">'
            '<node id="grp::a"><data key="g"><y:ShapeNode><y:Geometry x="0" y="0" width="60" height="30"/>'
            '<y:NodeLabel>Jobs</y:NodeLabel></y:ShapeNode></data></node></graph></node>'
            '<node id="b"><data key="g"><y:ShapeNode><y:Geometry x="0" y="800" width="60" height="30"/>'
            '<y:NodeLabel>Growth</y:NodeLabel></y:ShapeNode></data></node>'
            '<edge id="e" source="grp::a" target="b"/></graph></graphml>')
    result = read_graphml(text)
    cards = {n.title: n.tags for n in result.map.nodes.values()}
    assert cards == {"Jobs": ("Economy",), "Growth": ()}
    assert triples(result.map) == [("Jobs", "support", "Growth")]
    assert any("group" in n for n in result.notes)


def test_a_lines_yed_description_is_kept():
    long = "Because the figures for 2019 show it, as the report explains at length on page four."
    text = (f'<graphml {Y}><key for="edge" id="d" attr.name="description" attr.type="string"/>'
            '<graph id="G" edgedefault="directed"><node id="a"/><node id="b"/><node id="c"/>'
            '<edge source="b" target="a"><data key="d">cost argument</data></edge>'
            f'<edge source="c" target="a"><data key="d">{long}</data></edge></graph></graphml>')
    amap = read_graphml(text).map
    kept = {amap.nodes[e.source].title: (e.label, e.data) for e in amap.edges.values()}
    assert kept == {"b": ("cost argument", {}), "c": ("", {"description": long})}


def test_overlap_check_finds_any_clash_and_passes_tidy_layouts():
    from app.io.limits import estimated_card_size, overlapping_cards
    column = [Node(id=str(i), title=f"Claim {i}", x=0.0, y=300.0 * i) for i in range(2000)]
    assert overlapping_cards(column) is None
    w, h = estimated_card_size("Claim 7", "")
    clash = Node(id="x", title="Late", x=w - 1.0, y=300.0 * 7 + h - 1.0)   # corner into card 7
    assert overlapping_cards([*column, clash]) == ("7", "x")
    assert overlapping_cards([Node(id="a", title="A", x=0.0, y=0.0), Node(id="b", title="B", x=w + 1.0, y=0.0)]) is None
