"""Fuzzing every importer: any input gives a clean ReasonmapError or a valid map, nothing else.

Inputs are random bytes decoded leniently, and valid files with a few random mutations (lines
or characters deleted, duplicated, swapped or replaced). A hang would show as a test that does
not finish; Hypothesis' per-example deadline is off because the machine is shared and slow.
"""

import importlib
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.io.aif import read_aif, write_aif
from app.io.graphml import read_graphml, write_graphml
from app.io.kialo import read_kialo
from app.io.native_json import read_json, write_json
from app.io.registry import ImportResult
from app.model import ArgumentMap, Edge, Node, ReasonmapError
from app.model.build import build_map

FIX = Path(__file__).resolve().parent.parent / "fixtures"
FUZZ = settings(max_examples=150, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _sample_map():
    nodes = [Node(id="s", kind="strategy", title="Plan", text="Do it.", tags=("t",), x=1.0, y=2.0),
             Node(id="r", title="Reason", base_score=0.7), Node(id="o", kind="evidence", title="Data")]
    edges = [Edge(id="e1", source="r", target="s", weight=0.5, label="why"),
             Edge(id="e2", source="o", target="r", relation="attack")]
    return build_map(nodes, edges, meta={"title": "Fuzz"})


KIALO_MULTI = """Discussion Name: Ban cars?

1. Thesis:
Should cities ban cars?

    1.1. Pro:
    Cleaner air.[1]

        1.1.1. Con:
        -> See 1.2.

    1.2. Con:
    Shops lose customers.

Sources:
[1] https://example.org
"""

ARGDOWN = """===
title: Fuzz
===

# Section

[Plan]: We should do it. #tag
  + <Reason>: It is cheap. {weight: 0.5}
    - [Doubt]: Costs rise.
  - [Risk]: It may fail.

<Argument>

(1) [Plan]
(2) Premise two.
----
(3) Conclusion.
"""


def _readers():
    readers = {"aif": read_aif, "graphml": read_graphml, "kialo": read_kialo, "json": read_json}
    try:
        readers["argdown"] = importlib.import_module("app.io.argdown").read_argdown
    except (ImportError, AttributeError):
        pass
    return readers


READERS = _readers()
SEEDS = {
    "aif": [p.read_text(encoding="utf-8") for p in sorted((FIX / "aif").glob("*.json"))]
           + [(FIX / "aif-wild" / "qt30-nodeset18320.json").read_text(encoding="utf-8"), write_aif(_sample_map())],
    "graphml": [write_graphml(_sample_map())]
               + [p.read_text(encoding="utf-8") for p in sorted((FIX / "graphml").glob("*.graphml"))],
    "kialo": [(FIX / "kialo" / "should-hate-speech-be-illegal-6148.txt").read_text(encoding="utf-8-sig"),
              KIALO_MULTI],
    "json": [write_json(_sample_map())],
    "argdown": [ARGDOWN],
}
NASTY = list('"{}[],:<>/&.1\n- \\#+*()?') + ["\x00", "é", "\ufeff", "&lol;", "<!DOCTYPE x>", "-> See 1.",
                                             "1.1. Con:", '"nodeID"', "1e999", "NaN", "null", "]]>",
                                             "\\ud800", "9" * 5000, "1e300", "-1e309", "&#0;", "RA", "CA-node"]


def check(reader, text):
    """The reader gives a valid map or a ReasonmapError; anything else fails the test."""
    try:
        result = reader(text)
    except ReasonmapError as exc:
        assert str(exc).strip()
        return
    assert isinstance(result, ImportResult) and isinstance(result.map, ArgumentMap)
    amap = result.map
    assert all(e.source in amap.nodes and e.target in amap.nodes for e in amap.edges.values())
    assert all(isinstance(n, str) for n in result.notes)
    _store_accepts(amap)


def _store_accepts(amap) -> None:
    """What an importer lets through, the store must hold (no refusal after a clean import)."""
    from app.store import Store
    with tempfile.TemporaryDirectory() as folder:
        store = Store.create(Path(folder) / "fuzz.rmap", amap)
        try:
            assert store.load() == amap
        finally:
            store.close()


def test_seeds_are_valid():
    for name, reader in READERS.items():
        for seed in SEEDS[name]:
            assert reader(seed).map.nodes, name


@pytest.mark.parametrize("name", sorted(READERS))
@FUZZ
@given(raw=st.binary(max_size=3000))
def test_random_bytes(name, raw):
    check(READERS[name], raw.decode("utf-8", errors="replace"))


def _mutate(data, text: str) -> str:
    for _ in range(data.draw(st.integers(1, 4), label="mutations")):
        op = data.draw(st.sampled_from(["del_line", "dup_line", "swap_lines", "del_char", "dup_chars",
                                        "swap_chars", "put"]), label="op")
        if op.endswith(("line", "lines")):
            lines = text.splitlines(keepends=True)
            if not lines:
                continue
            i, j = (data.draw(st.integers(0, len(lines) - 1)) for _ in range(2))
            if op == "del_line":
                del lines[i]
            elif op == "dup_line":
                lines.insert(i, lines[i])
            else:
                lines[i], lines[j] = lines[j], lines[i]
            text = "".join(lines)
        else:
            if not text:
                continue
            i = data.draw(st.integers(0, len(text) - 1))
            j = min(len(text), i + data.draw(st.integers(1, 40)))
            if op == "del_char":
                text = text[:i] + text[j:]
            elif op == "dup_chars":
                text = text[:j] + text[i:j] + text[j:]
            elif op == "swap_chars":
                k = data.draw(st.integers(0, len(text) - 1))
                chars = list(text)
                chars[i], chars[k] = chars[k], chars[i]
                text = "".join(chars)
            else:
                text = text[:i] + data.draw(st.sampled_from(NASTY)) + text[i:]
    return text


@pytest.mark.parametrize("name", sorted(READERS))
@FUZZ
@given(data=st.data())
def test_mutated_valid_files(name, data):
    seed = data.draw(st.sampled_from(SEEDS[name]), label="seed")
    check(READERS[name], _mutate(data, seed))
