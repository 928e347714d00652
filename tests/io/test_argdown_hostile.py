"""Hostile and odd Argdown: every case ends as one clear FormatError or as the text it was.

Regression tests for issue 10 (breaks 6, 8 and 11) and the heading, emphasis and relates
parts of issue 13.
"""

from __future__ import annotations

import json

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from app.io.argdown import read_argdown, write_argdown
from app.io.argdown_yaml import simple_mapping
from app.io.limits import MAX_DEPTH, MAX_ITEMS
from app.io.native_json import write_json
from app.io.registry import FormatError
from app.model import Edge, Node
from app.model.build import build_map


def _node(amap, title):
    found = [n for n in amap.nodes.values() if n.title == title]
    assert len(found) == 1, f"{title!r}: {len(found)} nodes"
    return found[0]


def _refused(text: str) -> str:
    with pytest.raises(FormatError) as info:
        read_argdown(text)
    message = str(info.value)
    assert "\n" not in message and len(message) < 300, message
    return message


def _no_internal_characters(*texts: str) -> None:
    """Nothing of the scanner's placeholders (surrogates) leaks into what users see."""
    for text in texts:
        assert not any(0xD800 <= ord(c) <= 0xDFFF for c in text), repr(text)


# ----- private-use characters and placeholders (break 8) ------------------------------

@pytest.mark.parametrize("char", ["\U00100000", "\U000F0041", "\U0010FFFD", "\U000F0000", "\uE000"])
def test_private_use_characters_stay_what_they_are(char):
    amap = read_argdown(f"[A]: first {char} last #t{char}x\n  + [B {char}]: b {char}").map
    assert _node(amap, "A").text.startswith(f"first {char} last")
    assert _node(amap, f"B {char}").text == f"b {char}"
    assert read_argdown(write_argdown(amap)).map == amap


def test_a_private_use_character_does_not_steal_another_statements_data():
    amap = read_argdown("[A]: first \U00100000\n\n[B]: b {base: 0.9, colour: red}").map
    a, b = _node(amap, "A"), _node(amap, "B")
    assert (a.base_score, a.data) == (0.5, {})
    assert (b.base_score, b.data) == (0.9, {"colour": "red"})


def test_escapes_next_to_private_use_characters():
    amap = read_argdown("[A]: \\# \U000F0023 \\{ \U0010FFFF \\\\").map
    assert _node(amap, "A").text == "# \U000F0023 { \U0010FFFF \\"


# ----- nesting, YAML bombs, huge numbers, surrogates (break 6) ------------------------

def test_5000_levels_of_nesting_are_refused_with_one_message():
    lines = ["[L0]: root"] + ["  " * k + f"+ [L{k}]: level {k}" for k in range(1, 5000)]
    message = _refused("\n".join(lines))
    assert f"at most {MAX_DEPTH} levels" in message and f"line {MAX_DEPTH + 2}," in message


def test_nesting_up_to_the_limit_is_read():
    lines = ["[L0]: root"] + ["  " * k + f"+ [L{k}]" for k in range(1, MAX_DEPTH + 1)]
    amap = read_argdown("\n".join(lines)).map
    assert len(amap.nodes) == MAX_DEPTH + 1 and len(amap.edges) == MAX_DEPTH


def test_deeply_nested_data_is_refused():
    message = _refused("[A]: a {x: " + "[" * 5000 + "]" * 5000 + "}")
    assert "nested" in message and "line 1, column 8" in message


ALIAS_BOMB = "\n".join(["a: &a [x, x, x, x, x, x, x, x, x]"] + [
    f"{chr(98 + k)}: &{chr(98 + k)} [{', '.join(['*' + chr(97 + k)] * 9)}]" for k in range(8)])


def test_alias_bomb_in_front_matter_is_refused():
    message = _refused(f"===\n{ALIAS_BOMB}\n===\n\n[A]: a")
    assert "front matter" in message and "alias" in message


def test_alias_bomb_in_a_data_block_is_refused():
    flow = "{a: &a [x, x, x, x, x, x, x, x, x], " + ", ".join(
        f"{chr(98 + k)}: &{chr(98 + k)} [{', '.join(['*' + chr(97 + k)] * 9)}]" for k in range(8)) + "}"
    message = _refused(f"[A]: a {flow}")
    assert "{data}" in message and "alias" in message and "line 1, column 8" in message


@pytest.mark.parametrize("digits", [5000, 400, 40])
def test_huge_base_scores_are_refused_with_one_message(digits):
    message = _refused("[A]: a {base: " + "9" * digits + "}")
    assert "line 1, column" in message and ("digits" in message or "base" in message)


@pytest.mark.parametrize("value", ["1e999", ".inf", ".nan"])
def test_non_finite_numbers_are_refused(value):
    assert "finite" in _refused(f"[A]: a {{x: {value}}}") or "number" in _refused(f"[A]: a {{x: {value}}}")


def test_lone_surrogate_in_the_text_is_refused():
    message = _refused("[A]: a \ud800 b")
    assert "surrogate" in message and "line 1, column 8" in message


@pytest.mark.parametrize("text", ['[A]: a {title: "\\ud800"}', '===\ntitle: "\\udfff"\n===\n\n[A]: a'])
def test_lone_surrogate_escaped_in_yaml_is_refused(text):
    _refused(text)


def test_more_statements_than_the_cap_are_refused():
    text = "\n\n".join(f"[s{k}]" for k in range(MAX_ITEMS + 20_000))
    assert "100000" in _refused(text)


def test_the_cap_counts_relations_too():
    half = MAX_ITEMS // 2 + 10
    text = "[root]\n" + "\n".join(f"  + [s{k}]" for k in range(half))
    assert "nodes and relations" in _refused(text)


# ----- the fast data reader gives what YAML gives -------------------------------------

KEYS = st.sampled_from(["a", "id", "weight", "on", "yes", "Null", "_k", "k2", "y"])
VALUES = st.one_of(
    st.sampled_from(["0", "-0", "12", "0.5", "-3.25", "1e3", "012", "0x1f", "1:20", "1_000", "true",
                     "No", "null", "~", "Modus ponens", "a-b", "a  b", "C1a", "'it''s'", "''",
                     '""', '"a, b"', '"{x}"', "'#x'", ".5", "1.", "2001-12-14", "a #c", "[1, 2]"]),
    st.text(st.characters(min_codepoint=32, max_codepoint=0x2FF, blacklist_characters='"\\'),
            max_size=8).map(lambda s: f'"{s}"'))


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(KEYS, VALUES), max_size=4), st.sampled_from(["", " ", "\t"]))
def test_simple_data_reader_agrees_with_yaml(pairs, pad):
    raw = "{" + pad + ", ".join(f"{k}: {v}" for k, v in pairs) + pad + "}"
    fast = simple_mapping(raw)
    if fast is None:
        return                      # left to the YAML reader
    assert fast == yaml.safe_load(raw)
    assert [type(v) for v in fast.values()] == [type(v) for v in yaml.safe_load(raw).values()]


# ----- headings (issue 13) ------------------------------------------------------------

def test_a_wrapped_heading_is_joined_and_keeps_its_data():
    text = "# The first line of a heading\nand its second line {isGroup: false, colour: red}\n\n[A]: a\n  + [B]: b"
    result = read_argdown(text)
    a = _node(result.map, "A")
    assert a.tags == ("The first line of a heading and its second line",)
    assert a.data["argdown_section"] == {"isGroup": False, "colour": "red"}
    assert len(result.map.nodes) == 2 and all(n.kind == "claim" for n in result.map.nodes.values())
    again = read_argdown(write_argdown(result.map)).map
    assert again == result.map
    _no_internal_characters(write_argdown(result.map), write_json(result.map), *a.tags)


def test_heading_data_leaks_nothing_into_tags_text_or_exports():
    amap = read_argdown("# Head {x: 1} tail\n\n[A]: a {z: 2}").map
    a = _node(amap, "A")
    assert a.tags == ("Head tail",) and a.data == {"argdown_section": {"x": 1}, "z": 2}
    _no_internal_characters(write_argdown(amap), write_json(amap), *a.tags, a.text)


# ----- emphasis -----------------------------------------------------------------------

@pytest.mark.parametrize("written, text", [
    ("a **bold** b", "a bold b"), ("a __bold__ b", "a bold b"), ("a *it* b", "a it b"),
    ("a _it_, b", "a it, b"), ("a **b *c* d** e", "a b c d e"), ("(_x_) w", "(x) w"),
    ("snake_case_word", "snake_case_word"), ("2 * 3 = 6", "2 * 3 = 6"), ("a **open", "a **open"),
    ("escaped \\*not\\* marks", "escaped *not* marks"),
])
def test_bold_and_italic_marks_are_removed(written, text):
    assert _node(read_argdown(f"[A]: {written}").map, "A").text == text


# ----- relates edges (issue 13) -------------------------------------------------------

def _relates_map():
    nodes = [Node(id="a", title="A"), Node(id="b", title="B"), Node(id="c", title="C", data={"relates": 1})]
    edges = [Edge(id="e1", source="a", target="b", relation="relates"),
             Edge(id="e2", source="c", target="b", relation="relates", weight=0.5, label="see also",
                  data={"k": "v"}),
             Edge(id="e3", source="b", target="c", relation="support")]
    return build_map(nodes, edges)


def test_relates_edges_are_written_as_data_not_as_relations():
    amap = _relates_map()
    text = write_argdown(amap)
    relation_lines = [line.strip() for line in text.splitlines() if line.startswith("  ")]
    assert relation_lines == ["<+ [B] {edge_id: \"e3\"}"]
    assert "relates:" in text
    assert read_argdown(text).map == amap


def test_relates_written_by_hand():
    amap = read_argdown('[B]: b {relates: ["[A]", {from: "<Arg>", weight: 0.25}]}').map
    b, a, arg = _node(amap, "B"), _node(amap, "A"), _node(amap, "Arg")
    assert amap.edge_between(a.id, b.id).relation == "relates"
    edge = amap.edge_between(arg.id, b.id)
    assert (edge.relation, edge.weight) == ("relates", 0.25)
    assert arg.data["argdown"] == "argument" and b.data == {}


@pytest.mark.parametrize("value", ['"A"', "[1]", '[{from: "[A]", colour: red}]'])
def test_bad_relates_entries_are_refused(value):
    assert "relates" in _refused(f"[B]: b {{relates: {value}}}")


def test_exported_relates_is_no_relation_for_the_official_parser():
    """What the official Argdown CLI made of our export of a map with relates edges."""
    from pathlib import Path
    folder = Path(__file__).parent.parent / "fixtures" / "argdown"
    ours = (folder / "relates-export.argdown").read_text(encoding="utf-8")
    assert ours == write_argdown(_relates_map())
    official = json.loads((folder / "relates-export.argdown-cli.json").read_text(encoding="utf-8"))
    pairs = {(r["from"], r["to"], r["relationType"]) for r in official["relations"]}
    assert pairs == {("B", "C", "support")}


def test_yaml_dates_become_text_and_other_yaml_types_are_refused():
    amap = read_argdown("[A]: a {when: 2020-01-01, at: 2001-12-14 21:59:43, 2: two, true: yes}").map
    assert _node(amap, "A").data == {"when": "2020-01-01", "at": "2001-12-14T21:59:43", "2": "two",
                                     "true": True}
    json.loads(write_json(amap))
    assert "bytes" in _refused("[A]: a {b: !!binary aGVsbG8=}")
    assert "set" in _refused("[A]: a {s: !!set {x, y}}")


# ----- long runs of openers (each used to be scanned again from every opener) -------------

@pytest.mark.parametrize("run", ["[", "<", "#(", "@[", "[a](", "]:", "*a ", "#a "])
def test_long_runs_of_unclosed_openers_are_kept_as_text(run):
    text = run * 100_000
    amap = read_argdown(f"[A]: {text}x").map
    assert len(amap.nodes) == 1
    assert _node(amap, "A").text.replace(" ", "") == (text + "x").replace(" ", "")


def test_a_long_dash_line_is_no_inference():
    assert "never closed" in _refused("(1) p\n-- " + "-" * 100_000 + "x\n(2) c")
