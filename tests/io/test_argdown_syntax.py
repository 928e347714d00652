"""Argdown syntax the importer understands, and the errors it reports."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.io.argdown import read_argdown, write_argdown
from app.io.registry import FormatError
from app.model import ReasonmapError


def _m(text):
    return read_argdown(text).map


def _node(amap, title):
    found = [n for n in amap.nodes.values() if n.title == title]
    assert len(found) == 1, f"{title!r}: {len(found)} nodes"
    return found[0]


def _rel(amap, a, b):
    edge = amap.edge_between(_node(amap, a).id, _node(amap, b).id)
    return edge.relation if edge else None


@pytest.mark.parametrize("symbol, forward, backward", [
    ("+", "support", None), ("<+", "support", None), ("-", "attack", None), ("<-", "attack", None),
    ("_", "attack", None), ("<_", "attack", None),
    ("+>", None, "support"), ("->", None, "attack"), ("_>", None, "attack"),
    ("><", "attack", "attack"),
])
def test_relation_symbols(symbol, forward, backward):
    amap = _m(f"[P]: parent\n  {symbol} [C]: child")
    assert _rel(amap, "C", "P") == forward   # child -> parent
    assert _rel(amap, "P", "C") == backward  # parent -> child


def test_undercut_note():
    result = read_argdown("<A>: a\n  <_ <U>: u")
    assert any("undercut" in n for n in result.notes)
    assert _rel(result.map, "U", "A") == "attack"


def test_deep_tree_references_and_undefined_reference():
    amap = _m("[A]: a\n  + [B]: b\n    - <C>: c\n      + [D]\n  - [E]: e\n\n[D]: d later\n\n[Z]\n  + [A]")
    assert _rel(amap, "B", "A") == "support" and _rel(amap, "C", "B") == "attack"
    assert _rel(amap, "D", "C") == "support" and _rel(amap, "E", "A") == "attack"
    assert _node(amap, "D").text == "d later"
    assert _node(amap, "Z").text == "" and _rel(amap, "A", "Z") == "support"
    assert _node(amap, "C").data["argdown"] == "argument"
    assert len(amap.nodes) == 6


def test_tags_data_and_relation_data():
    amap = _m('[Q]: Which way? #open {kind: question}\n'
              '  <+ [S]: This way. #(plan A) #fast {kind: strategy, base: 0.7, '
              'source_ref: "key point 13", relation: answer, colour: red}\n'
              '  <+ [R]: A reason {weight: 0.8, id: r1}')
    q, s, r = _node(amap, "Q"), _node(amap, "S"), _node(amap, "R")
    assert q.kind == "question" and q.tags == ("open",) and q.text == "Which way?"
    assert (s.kind, s.base_score, s.source_ref, s.tags) == ("strategy", 0.7, "key point 13", ("plan A", "fast"))
    assert s.data == {"colour": "red"}
    assert amap.edge_between(s.id, q.id).relation == "answer"
    assert r.id == "r1" and amap.edge_between("r1", q.id).weight == 0.8


def test_front_matter_sources_and_meta():
    result = read_argdown("===\ntitle: T\ndescription: D\nsemantics: qe\nauthor: me\nsources:\n"
                          "  - {id: s1, title: Summary, text: Full text}\n===\n\n[A]: a")
    amap = result.map
    assert (amap.meta["title"], amap.meta["description"], amap.meta["semantics"]) == ("T", "D", "qe")
    assert amap.sources["s1"].text == "Full text"
    assert any("author" in n for n in result.notes)


def test_headings_comments_escapes_crlf_and_continuation():
    text = ("# Group one\r\n\r\n[A]: first line // a comment\r\n  continued /* block\r\n"
            "comment */ here \\#not-a-tag \\[x\\]\r\n<!-- html\r\n comment -->\r\n  + [B]: b\r\n\r\n"
            "## Group two\r\n\r\n[C]: c")
    amap = _m(text)
    a = _node(amap, "A")
    assert a.text == "first line continued here #not-a-tag [x]"
    assert a.tags == ("Group one",) and _node(amap, "C").tags == ("Group two",)
    assert _rel(amap, "B", "A") == "support"


def test_premise_conclusion_structure():
    amap = _m("<Arg>: summary\n\n(1) [P1]: first\n(2) unnamed premise\n  continued\n"
              "-- modus ponens {uses: [1, 2]} --\n(3) [C]: conclusion\n  -> [X]: attacked")
    arg = _node(amap, "Arg")
    assert _rel(amap, "P1", "Arg") == "support"
    assert _rel(amap, "Arg (2)", "Arg") == "support"
    assert _node(amap, "Arg (2)").text == "unnamed premise continued"
    assert _rel(amap, "Arg", "C") == "support" and _rel(amap, "C", "X") == "attack"
    assert arg.text == "summary" and arg.data["inferences"] == [{"rule": "modus ponens", "uses": [1, 2]}]


def test_prose_paragraphs_are_notes():
    amap = _m("Some introduction.\n\n[A]: a\n\nA closing remark\n  + [B]: b")
    kinds = sorted((n.kind, n.text) for n in amap.nodes.values() if not n.title)
    assert kinds == [("claim", "A closing remark"), ("note", "Some introduction.")]


def test_same_text_gives_same_ids():
    text = "[A]: a\n  + <B>: b\n  - plain\n\nprose"
    first, second = _m(text), _m(text)
    assert set(first.nodes) == set(second.nodes) and set(first.edges) == set(second.edges)
    assert first == second


@pytest.mark.parametrize("text, line, col, words", [
    ("[A: text without closing", 1, 1, "never closed"),
    ("[A]: a\n\n<B: b", 3, 1, "never closed"),
    ("[A]: a\n      + [B]: b\n    + [C]: c", 3, 5, "indent"),
    ("[A]: a {base: [1, 2}", 1, 8, "data"),
    ("[A]: a {base: 0.3", 1, 8, "never closed"),
    ("[A]: a\n  => [B]: b", 2, 3, "unknown relation symbol"),
    ("[A]: a {base: high}", 1, 1, "number"),
    ("[A]: a {kind: idea}", 1, 1, "kind"),
    ("===\ntitle: [unclosed\n===\n[A]: a", 2, None, "front matter"),
    ("[A]: a\n\n  + [B]: b", 3, 3, "no statement"),
    ("<A>\n\n(1) p\n(2) q", 3, 1, "inference"),
    ("[A]: a /* never closed", 1, 8, "comment"),
    ("[A]: a {id: x}\n\n[B]: b {id: x}", 3, 1, "already used"),
])
def test_malformed_argdown_names_line_and_column(text, line, col, words):
    with pytest.raises(FormatError) as info:
        read_argdown(text)
    message = str(info.value)
    where = f"line {line}, column {col}" if col else f"line {line},"
    assert where in message and words in message, message
    assert isinstance(info.value, ReasonmapError)


def test_reference_with_text_is_an_error_not_a_guess():
    with pytest.raises(FormatError, match="colon"):
        read_argdown("[A] some text")


def test_shipped_map_imports_and_round_trips():
    path = Path(__file__).parents[2] / "argument_maps" / "prosocial-drives.argdown"
    if not path.exists():
        pytest.skip("the shipped map is not there yet")
    result = read_argdown(path.read_text(encoding="utf-8"))
    amap = result.map
    questions = [n.id for n in amap.nodes.values() if n.kind == "question"]
    strategies = [n.id for n in amap.nodes.values() if n.kind == "strategy"]
    assert questions and len(strategies) >= 2 and amap.meta["title"]
    for s in strategies:
        assert any(e.relation == "answer" and e.target in questions for e in amap.outgoing(s))
    assert read_argdown(write_argdown(amap)).map == amap


def test_intermediary_conclusions_are_kept_not_flattened():
    amap = _m("<Arg>: chain\n\n(1) [P1]: p1\n(2) [P2]: p2\n----\n(3) [C1]: c1\n(4) [P3]: p3\n----\n(5) [C2]: c2")
    assert _rel(amap, "P1", "C1") == "support" and _rel(amap, "P2", "C1") == "support"
    assert _rel(amap, "C1", "Arg") == "support" and _rel(amap, "P3", "Arg") == "support"
    assert _rel(amap, "Arg", "C2") == "support"
    assert _rel(amap, "P1", "Arg") is None and _rel(amap, "P2", "Arg") is None
    assert len(amap.edges) == 5


def test_relations_from_an_argument_with_premises_start_at_its_conclusion():
    amap = _m("[T]: target\n  + <A>\n  - <B>\n\n<A>\n  -> [X]: x\n\n(1) [P]: p\n----\n(2) [C]: c\n\n"
              "<B>: no premise-conclusion structure")
    assert _rel(amap, "C", "T") == "support" and _rel(amap, "A", "T") is None
    assert _rel(amap, "C", "X") == "attack" and _rel(amap, "A", "X") is None
    assert _rel(amap, "B", "T") == "attack"           # no structure: the argument itself
    assert _rel(amap, "A", "C") == "support" and _rel(amap, "P", "A") == "support"
