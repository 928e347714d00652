"""Values that no map may hold are refused where a map is built, so every importer, every
command and the store meet the same checks and give one clear message (issue 10, breaks 6
and 11)."""

import json
import subprocess
import sys

import pytest

from app.io.native_json import read_json
from app.io.registry import FormatError
from app.model import (AddParticipant, ModelError, Node, Participant, SetMeta, validate_meta)
from app.model.build import build_map
from app.model.entities import MAX_POSITION


def native(nodes=(), meta=None, participants=()):
    return json.dumps({"format": "reasonmap", "version": 1, "map": meta or {}, "nodes": list(nodes),
                       "participants": list(participants)})


@pytest.mark.parametrize("node, message", [
    (Node(id="a", base_score=10 ** 5000), "more than 19 digits"),
    (Node(id="a", base_score=float("nan")), "between 0 and 1"),
    (Node(id="a", title="half \ud800 pair"), r"lone surrogate, U\+D800"),
    (Node(id="a", text="x\udfff"), r"lone surrogate, U\+DFFF"),
    (Node(id="a", tags=("ok", "\ud83d")), "A tag"),
    (Node(id="a", x=1e300, y=0.0), "finite number"),
    (Node(id="a", x=0.0, y=float("inf")), "finite number"),
    (Node(id="a", x=10 ** 400, y=0), "finite number"),
    (Node(id="a", x=-MAX_POSITION * 2, y=0), "finite number"),
    (Node(id="a", collapsed="yes"), "collapsed"),
])
def test_the_model_refuses_values_no_file_can_hold(node, message):
    with pytest.raises(ModelError, match=message):
        build_map([node])


def test_positions_within_the_bound_are_kept():
    amap = build_map([Node(id="a", x=-MAX_POSITION, y=MAX_POSITION), Node(id="b", x=12.5, y=0)])
    assert (amap.nodes["a"].x, amap.nodes["b"].x) == (-MAX_POSITION, 12.5)


@pytest.mark.parametrize("text, where", [
    ('{"format": "reasonmap", "version": 1, "nodes": [{"id": "a", "base_score": %s}]}' % ("1" * 5000),
     "more than 4300 digits"),
    (native([{"id": "a", "title": "\ud800"}]), "nodes[0]: A node title holds a broken character"),
    ('{"format": "reasonmap", "version": 1, "nodes": [{"id": "a", "x": 1e309, "y": 0}]}', "nodes[0]"),
    (native([{"id": "a", "x": 1e300, "y": 0}]), "nodes[0]: A card's x position"),
    (native(meta={"title": {"a": 1}}), '"map": The map\'s title must be text'),
    (native(meta={"semantics": "bogus"}), "Unknown semantics 'bogus'"),
    (native(meta={"wrap_width": "abc"}), "wrap width must be a whole number"),
    (native(meta={"wrap_width": 10 ** 6}), "wrap width"),
    (native(meta={"wrap_width": True}), "wrap width"),
    (native(participants=[{"id": "", "name": "P"}]), "participants[0]: A participant id must not be empty"),
    ('{"format": "reasonmap", "version": 1, "sources": [{"id": ""}]}', "sources[0]: A source id must not be empty"),
    (native(participants=[{"id": "p", "name": "P", "colour": "#zzzzzz"}]),
     "participants[0]: A participant's colour must be a hex colour such as #4477aa, not '#zzzzzz'"),
])
def test_native_json_refuses_them_with_one_message(text, where):
    with pytest.raises(FormatError) as info:
        read_json(text)
    assert where in str(info.value)


@pytest.mark.parametrize("meta", [{"title": 3}, {"description": ["x"]}, {"semantics": None},
                                  {"wrap_width": 2.5}, {"wrap_width": 0}, {"colour": "red"}, "title"])
def test_validate_meta_refuses_bad_settings(meta):
    with pytest.raises(ModelError):
        validate_meta(meta)


def test_validate_meta_accepts_every_default_and_sane_values():
    from app.model import DEFAULT_META
    assert validate_meta(DEFAULT_META) == DEFAULT_META
    assert validate_meta({"semantics": "qe", "wrap_width": 320, "title": "Ä map"})["wrap_width"] == 320


def test_commands_and_building_meet_the_same_checks(small_map):
    for key, value in (("title", {"x": 1}), ("semantics", "bogus"), ("wrap_width", "abc")):
        with pytest.raises(ModelError):
            SetMeta(key, value).changes(small_map)
        with pytest.raises(ModelError):
            build_map(meta={key: value})
    with pytest.raises(ModelError, match="hex colour"):
        AddParticipant("Ann", colour="#12345g").changes(small_map)
    assert Participant(id="p", name="P", colour="#A0b1C2").validate().colour == "#A0b1C2"


def test_the_cli_gives_one_line_and_writes_nothing(tmp_path):
    bad = tmp_path / "bad.json"
    out_file = tmp_path / "bad.rmap"
    for text in (native(meta={"semantics": "bogus"}), native([{"id": "a", "title": "\ud800"}]),
                 native(participants=[{"id": "p", "name": "P", "colour": "red"}])):
        bad.write_text(text, encoding="utf-8")
        out = subprocess.run([sys.executable, "-m", "app", "import", str(bad), "-o", str(out_file)],
                             capture_output=True, text=True, timeout=120)
        assert out.returncode != 0 and len(out.stderr.strip().splitlines()) == 1, out.stderr
        assert "Traceback" not in out.stderr and "CHECK constraint" not in out.stderr
        assert not out_file.exists() and not list(tmp_path.glob(".*.new"))
