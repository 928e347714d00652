import json

import pytest
from hypothesis import HealthCheck, given, settings

from app.io import FORMATS, FormatError, export_map, import_file
from app.io.native_json import read_json, write_json
from mapgen import maps


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(maps())
def test_export_then_import_gives_an_equal_map(amap):
    assert read_json(write_json(amap)).map == amap


def test_minimal_file_takes_defaults():
    text = json.dumps({"format": "reasonmap", "version": 1,
                       "nodes": [{"id": "a"}, {"id": "b", "kind": "strategy"}],
                       "edges": [{"id": "e", "source": "a", "target": "b", "relation": "attack"}]})
    amap = read_json(text).map
    assert amap.node("a").kind == "claim" and amap.node("a").base_score == 0.5
    assert amap.edge("e").weight == 1.0
    assert amap.participants == {} and amap.sources == {}


@pytest.mark.parametrize("text, message", [
    ("{", "Not valid JSON"),
    ("[]", "Not a Reasonmap JSON file"),
    ('{"format": "reasonmap", "version": 9}', "version 9"),
    ('{"format": "reasonmap", "version": 1, "nodes": {}}', '"nodes" must be a list'),
    ('{"format": "reasonmap", "version": 1, "nodes": [{"title": "x"}]}', "nodes\\[0\\] lacks the field 'id'"),
    ('{"format": "reasonmap", "version": 1, "nodes": [{"id": "a", "base_score": 2}]}', "between 0 and 1"),
    ('{"format": "reasonmap", "version": 1, "nodes": [{"id": "a"}], '
     '"edges": [{"id": "e", "source": "a", "target": "zz", "relation": "support"}]}', "Inconsistent map"),
    ("[" * 100000, "nested too deeply|Not valid JSON"),
])
def test_malformed_json_gets_one_clear_error(text, message):
    with pytest.raises(FormatError, match=message):
        read_json(text)


def test_export_map_writes_nothing_on_failure(tmp_path, small_map):
    out = tmp_path / "map.unknownformat"
    with pytest.raises(Exception, match="Cannot tell the format"):
        export_map(small_map, out)
    assert not out.exists()


def test_file_round_trip_through_registry(tmp_path, small_map):
    out = tmp_path / "m.json"
    export_map(small_map, out)
    assert import_file(out).map == small_map
    assert FORMATS["json"].suffixes[0] == ".json"


def test_wrongly_typed_ids_are_a_clear_error():
    text = ('{"format": "reasonmap", "version": 1, "nodes": [{"id": "a"}],'
            ' "edges": [{"id": "e", "source": ["x"], "target": "a", "relation": "support"}]}')
    with pytest.raises(FormatError, match="source must be text"):
        read_json(text)


def test_aif_named_json_is_read_as_aif():
    text = ('{"nodes": [{"nodeID": "1", "text": "Premise", "type": "I"}, {"nodeID": "2", "text": "Claim", '
            '"type": "I"}, {"nodeID": "3", "text": "Default Inference", "type": "RA"}], "edges": '
            '[{"edgeID": "a", "fromID": "1", "toID": "3"}, {"edgeID": "b", "fromID": "3", "toID": "2"}],'
            ' "locutions": []}')
    amap = read_json(text).map
    assert len(amap.nodes) == 2 and [e.relation for e in amap.edges.values()] == ["support"]

