"""The shipped map says why: every base score other than 0.5 and every weight other than 1 has
a short rationale, in the map's own words (not lifted from its source outline)."""

import re
from pathlib import Path

import pytest

from app.io import import_file
from app.model import rationale_of

SHIPPED = Path(__file__).resolve().parents[1] / "argument_maps" / "prosocial-drives.argdown"


@pytest.fixture(scope="module")
def amap():
    return import_file(SHIPPED).map


def test_every_non_default_base_and_weight_has_a_short_rationale(amap):
    nodes = [n for n in amap.nodes.values() if n.base_score != 0.5]
    edges = [e for e in amap.edges.values() if e.weight != 1.0]
    assert len(nodes) > 30 and len(edges) > 50
    for record in nodes + edges:
        why = rationale_of(record)
        assert why, f"{record.id} has no rationale"
        assert 20 <= len(why) <= 160, why
    assert not [n.title for n in amap.nodes.values() if n.base_score == 0.5 and rationale_of(n)]


def _words(text):
    return re.findall(r"[a-z']+", text.lower())


def test_rationales_do_not_repeat_the_source_outline(amap):
    """No run of six words of a rationale appears in the source outline the map ships with."""
    source = " ".join(_words(" ".join(s.text for s in amap.sources.values())))
    assert len(source) > 1000
    records = list(amap.nodes.values()) + list(amap.edges.values())
    for why in filter(None, map(rationale_of, records)):
        words = _words(why)
        for i in range(len(words) - 5):
            assert " ".join(words[i:i + 6]) not in source, why


def test_the_map_explains_itself(amap):
    description = amap.meta.get("description", "")
    assert "0.5" in description and "weight" in description
