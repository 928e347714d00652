"""The quick paths taken for speed give exactly what the general paths give.

- The Argdown scanner's SPECIAL pattern (whole titles, flat data blocks and lone "<" in one
  match) against its GENERAL_SPECIAL pattern (every token through ``verbatim``).
- Front matter of plain ``key: value`` lines read without PyYAML, against PyYAML.
- The native JSON writer's reused C encoder, against ``json.dumps``.
- The model's quick validity test of nodes and edges, against the field-by-field checks.
"""

from __future__ import annotations

import json
import math

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from app.io import argdown_scan
from app.io.argdown_yaml import simple_block
from app.io.native_json import _compact
from app.io.registry import FormatError
from app.model import Edge, ModelError, Node

# Pieces of Argdown that the scanner treats differently, and the characters around them.
PIECES = ["[", "]", "]:", "[A]", "[A b]:", "[-x]", "[]", "<", ">", ">:", "<+", "<-", "<_", "+>", "-",
          " ", "\t", "\n", "\n\n", "{", "}", "{w: 1}", '{a: "x]:y"}', "{a: [1]}", '{k: "v", id: 3}',
          '"', "'", "\\", "\\[", "//", "/*", "*/", "<!--", "-->", "@[", "@<", "#(", ")", "(", "#t",
          "text", ":", ",", "{a: 'x}'}", "{on: 1}", "{a: yes, b: 2}", '{a: "it\'s"}', "{a: 'say \"hi\"'}",
          "{ }", "{a: b c}", "[Claim 2]: a b", "  <+ [C] {w: 0.5}", '  <+ [C] {w: "a>b"}', '{w: "x>"}', '{w: "]:"}', '\n[C] {w: "]:"}', "  + [D]", "#x", "@x", "/x", "x" * 205, "[" + "y" * 205 + "]", "<" + "z" * 305]


def _scanned(text: str, pattern, monkeypatch):
    monkeypatch.setattr(argdown_scan, "SPECIAL", pattern)
    try:
        r = argdown_scan.scan(text)
    except FormatError as exc:
        return str(exc)
    # the cleaned text may come in pieces cut differently: compare where each character came from
    return (r.lines, r.line_clean, r.data, r.data_pos, r.front,
            [r.origin(k) for k in range(r.seg_end + 1)])


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=30))
def test_the_scanners_quick_tokens_read_as_the_general_path_reads_them(pieces):
    text = "".join(pieces)
    with pytest.MonkeyPatch.context() as mp:
        quick = _scanned(text, argdown_scan.SPECIAL, mp)
        general = _scanned(text, argdown_scan.GENERAL_SPECIAL, mp)
    assert quick == general


def test_the_quick_tokens_are_taken_on_ordinary_lines():
    """The pattern really matches the common lines whole (else the test above proves nothing)."""
    line = '[Claim 1]: text {id: "c1"}\n  <+ [Claim 2] {weight: 0.5}\n'
    kinds = [m.lastgroup for m in argdown_scan.SPECIAL.finditer(line)]
    assert kinds == ["line", "line"]
    odd = '[Claim 1]: text // note {id: "c1"}\n  <+ [Claim 2] {weight: 0.5} >\n'
    kinds = [m.lastgroup for m in argdown_scan.SPECIAL.finditer(odd)]
    assert kinds == ["title", None, "simple", None, None, "simple"]   # general "<" and "["


KEYS = st.sampled_from(["title", "id", "on", "Yes", "wrap_width", "_k", "k2", "n"])
VALUES = st.sampled_from(['"A debate"', "'single'", "30", "-0", "0.25", "012", "1e3", "true", "No",
                          "null", "~", "plain words", "a-b", "2001-12-14", "a #c", "[1, 2]", "'it''s'",
                          '"a: b"', "x: y", ""])


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(KEYS, VALUES), min_size=1, max_size=4), st.sampled_from(["", "\n", "\n\n"]))
def test_plain_front_matter_reads_as_yaml_reads_it(pairs, gap):
    raw = gap.join(f"{k}: {v}" for k, v in pairs) + "\n"
    quick = simple_block(raw)
    if quick is None:
        return                      # left to PyYAML
    expected = yaml.safe_load(raw)
    assert quick == expected
    assert [type(v) for v in quick.values()] == [type(v) for v in expected.values()]


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3),
    max_leaves=8)


@settings(max_examples=300, deadline=None)
@given(JSON_VALUES)
def test_the_json_writer_encodes_as_json_dumps(value):
    assert _compact(value) == json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


ODD = st.sampled_from([None, "", "a", "\ud800", 0, 1, 0.5, 1.5, -1e8, math.nan, math.inf, True, False,
                       (), ("t",), ("t", 3), ["t"], {}, {"k": 1}, "claim", "attack", "nonsense"])


def _outcome(make, validate):
    try:
        record = make()
    except TypeError:
        return "not made"
    try:
        return validate(record)
    except ModelError as exc:
        return str(exc)


NODE_FIELDS = ("id", "kind", "title", "text", "base_score", "tags", "source_ref", "anchor", "x", "y",
               "collapsed", "data", "created", "modified")
EDGE_FIELDS = ("id", "source", "target", "relation", "weight", "label", "data")


def _odd_fields(names):
    """One or two fields of a valid record set to odd values (several at once would nearly
    always fail the quick check on an easy one and hide a wrong answer on another)."""
    return st.dictionaries(st.sampled_from(names), ODD, min_size=1, max_size=2)


@settings(max_examples=600, deadline=None)
@given(_odd_fields(NODE_FIELDS))
def test_the_quick_node_check_refuses_what_the_full_checks_refuse(odd):
    fields = {"id": "n1", "title": "T", "x": 1.0, "y": 2.0, "tags": ("a",), **odd}
    with pytest.MonkeyPatch.context() as mp:
        quick = _outcome(lambda: Node(**fields), Node.validate)
        mp.setattr(Node, "_plainly_valid", lambda self: False)
        full = _outcome(lambda: Node(**fields), Node.validate)
    assert quick == full


@settings(max_examples=400, deadline=None)
@given(_odd_fields(EDGE_FIELDS))
def test_the_quick_edge_check_refuses_what_the_full_checks_refuse(odd):
    fields = {"id": "e1", "source": "a", "target": "b", "weight": 0.5, **odd}
    with pytest.MonkeyPatch.context() as mp:
        quick = _outcome(lambda: Edge(**fields), Edge.validate)
        mp.setattr(Edge, "_plainly_valid", lambda self: False)
        full = _outcome(lambda: Edge(**fields), Edge.validate)
    assert quick == full
