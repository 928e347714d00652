"""GraphML: lossless round trip of our fields, yEd structure, other tools' files, safe parsing."""

import io
import xml.etree.ElementTree as ET

import networkx as nx
import pytest

from app.io import limits
from app.io.graphml import read_graphml, write_graphml
from app.io.registry import FormatError
from app.model import Edge, Node
from app.model.build import build_map

Y = "{http://www.yworks.com/xml/graphml}"
G = "{http://graphml.graphdrawing.org/xmlns}"


def rich_map():
    nodes = [Node(id="s", kind="strategy", title="Build the <bridge>", text="Build it.\n\nSoon & cheap.",
                  base_score=0.6, tags=("infra", "a, b"), x=10.0, y=-20.5),
             Node(id="q", kind="question", title="What now?", text="Line one\r\nline two", x=300.0, y=40.0),
             Node(id="r", title="Cheap", text='It is "cheap" — «really» ünïcode', base_score=0.8125),
             Node(id="o", kind="evidence", title="", text="A study says no."),
             Node(id="n", kind="note", title="Remember", text="")]
    edges = [Edge(id="e1", source="r", target="s", weight=0.7, label="cost"),
             Edge(id="e2", source="o", target="s", relation="attack", weight=0.25),
             Edge(id="e3", source="s", target="q", relation="answer"),
             Edge(id="e4", source="n", target="r", relation="relates")]
    return build_map(nodes, edges, meta={"title": "Bridge"})


def fields(amap):
    key = {nid: (n.title, n.text) for nid, n in amap.nodes.items()}
    nodes = sorted((n.kind, n.title, n.text, n.base_score, n.tags, n.x, n.y) for n in amap.nodes.values())
    edges = sorted((key[e.source], key[e.target], e.relation, e.weight, e.label) for e in amap.edges.values())
    return nodes, edges


def test_own_export_re_imports_without_loss():
    original = rich_map()
    result = read_graphml(write_graphml(original))
    assert fields(result.map) == fields(original)
    assert result.map.meta["title"] == "Bridge"
    assert result.notes == []


def test_export_has_yed_shape_nodes_with_geometry_and_labels():
    amap = rich_map()
    root = ET.fromstring(write_graphml(amap))
    nodes = root.findall(f"{G}graph/{G}node")
    assert len(nodes) == 5
    for el in nodes:
        node = amap.nodes[el.get("id")]
        shape = el.find(f"{G}data/{Y}ShapeNode")
        geo = shape.find(f"{Y}Geometry")
        x, y, w, h = (float(geo.get(k)) for k in ("x", "y", "width", "height"))
        assert w > 0 and h > 0
        assert shape.find(f"{Y}NodeLabel").text == node.label
        if node.x is not None:          # yEd's geometry is the top-left corner; ours the centre
            assert (x + w / 2, y + h / 2) == (node.x, node.y)
    styles = {e.get("id"): e.find(f"{G}data/{Y}PolyLineEdge/{Y}LineStyle").get("type")
              for e in root.iter(f"{G}edge")}
    assert styles["e2"] == "dashed" and styles["e1"] == "line"


def test_plain_graphml_from_another_tool():
    g = nx.DiGraph()
    g.add_node("a", label="Taxes should rise")
    g.add_node("b", label="Schools need money, and much more of it than they get today, say the teachers")
    g.add_node("c", label="Budgets are tight")
    g.add_edge("b", "a")
    g.add_edge("c", "b", relation="con")
    buf = io.BytesIO()
    nx.write_graphml(g, buf)
    result = read_graphml(buf.getvalue().decode("utf-8"))
    amap = result.map
    by_text = {n.text: n for n in amap.nodes.values()}
    assert set(by_text) == {"Taxes should rise", "Budgets are tight",
                            "Schools need money, and much more of it than they get today, say the teachers"}
    long = by_text["Schools need money, and much more of it than they get today, say the teachers"]
    assert len(long.title) <= 60 and long.title.endswith("…")
    rel = {(amap.nodes[e.source].text[:6], amap.nodes[e.target].text[:6]): e.relation for e in amap.edges.values()}
    assert rel == {("School", "Taxes "): "support", ("Budget", "School"): "attack"}
    assert any("taken as supports" in n for n in result.notes)


def test_yed_file_without_our_keys_gives_titles_and_centres():
    text = """<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:y="http://www.yworks.com/xml/graphml">
  <key for="node" id="d6" yfiles.type="nodegraphics"/>
  <graph edgedefault="directed" id="G">
    <node id="n0"><data key="d6"><y:ShapeNode><y:Geometry height="30.0" width="100.0" x="50.0" y="10.0"/>
      <y:NodeLabel>Claim A</y:NodeLabel></y:ShapeNode></data></node>
    <node id="n1"><data key="d6"><y:ShapeNode><y:Geometry height="30.0" width="60.0" x="0.0" y="200.0"/>
      <y:NodeLabel>Claim B</y:NodeLabel></y:ShapeNode></data></node>
    <edge id="e0" source="n1" target="n0"/>
  </graph>
</graphml>"""
    amap = read_graphml(text).map
    pos = {n.title: (n.x, n.y) for n in amap.nodes.values()}
    assert pos == {"Claim A": (100.0, 25.0), "Claim B": (30.0, 215.0)}
    assert [e.relation for e in amap.edges.values()] == ["support"]


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph id="G">
<node id="n0"><data key="label">&lol9;</data></node></graph></graphml>"""

EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE graphml [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<graphml><graph id="G"><node id="n0"><data key="label">&secret;</data></node></graph></graphml>"""


@pytest.mark.parametrize("text", [BILLION_LAUGHS, EXTERNAL_ENTITY])
def test_entity_tricks_are_refused_with_a_clear_error(text):
    with pytest.raises(FormatError, match="DTD or entities"):
        read_graphml(text)


@pytest.mark.parametrize("text, where", [
    ("<graphml>\n<graph>\n<node id='a'>\n</graph></graphml>", "line 4"),
    ("<graphml><graph><node id='a'/><edge source='a' target='zz'/></graph></graphml>", "<edge> #1"),
    ("<graphml><graph><node id='a'/><node id='a'/></graph></graphml>", "used twice"),
    ("<graphml><graph><node/></graph></graphml>", "<node> #1 has no id"),
    ("<svg></svg>", "root element is <svg>"),
    ("<graphml><key id='k' for='node' attr.name='base_score'/><graph><node id='a'><data key='k'>high</data>"
     "</node></graph></graphml>", "<node id='a'>: base_score 'high'"),
    ("<graphml><key id='k' for='node' attr.name='kind'/><graph><node id='a'><data key='k'>plan</data>"
     "</node></graph></graphml>", "unknown kind"),
])
def test_bad_files_give_one_clear_error(text, where):
    with pytest.raises(FormatError) as info:
        read_graphml(text)
    assert where in str(info.value)


def test_size_and_depth_caps(monkeypatch):
    monkeypatch.setattr(limits, "MAX_TEXT_CHARS", 1000)
    with pytest.raises(FormatError, match="too large"):
        read_graphml("<graphml>" + " " * 2000 + "</graphml>")
    monkeypatch.undo()
    deep = "<graphml>" + "<x>" * 300 + "</x>" * 300 + "</graphml>"
    with pytest.raises(FormatError, match="deep"):
        read_graphml(deep)


def test_self_loops_and_repeated_pairs_are_left_out_with_a_note():
    text = ("<graphml><graph><node id='a'/><node id='b'/><edge source='a' target='a'/>"
            "<edge source='a' target='b'/><edge source='a' target='b'/></graph></graphml>")
    result = read_graphml(text)
    assert len(result.map.edges) == 1
    assert any("left out" in n for n in result.notes)
