"""Re-finding anchored passages after a source is edited, and key-point lines."""

import random
import time

from app.document.anchors import (find_anchor, key_point_spans, linked_passages, lost_anchors,
                                  node_span, normalise_ref, passage_title,
                                  reanchor_changes)
from app.model import Node
from app.model.build import build_map
from app.model.changes import ChangeSet, Updated
from app.model.entities import Source

TEXT = ("Cities are growing fast. Cars clog the centres and the air is bad for everyone. "
        "Some cities ban cars from the centre on Sundays. Others charge a toll.")


def anchor_for(text, quote, source="s"):
    start = text.index(quote)
    return {"source": source, "start": start, "end": start + len(quote), "quote": quote}


def test_exact_match_at_the_same_place():
    a = anchor_for(TEXT, "the air is bad for everyone")
    assert find_anchor(TEXT, a) == (a["start"], a["end"])


def test_moved_passage_is_found_at_its_new_place():
    quote = "Some cities ban cars from the centre on Sundays."
    a = anchor_for(TEXT, quote)
    edited = "A new opening sentence. " + TEXT
    start, end = find_anchor(edited, a)
    assert edited[start:end] == quote
    assert start == a["start"] + len("A new opening sentence. ")


def test_exact_match_nearest_the_old_place_wins():
    text = "alpha beta. alpha beta. alpha beta."
    a = {"source": "s", "start": 12, "end": 22, "quote": "alpha beta"}
    assert find_anchor(text, a) == (12, 22)
    shifted = "xx" + text
    assert find_anchor(shifted, a) == (14, 24)
    a_late = dict(a, start=24)
    assert find_anchor(shifted, a_late) == (26, 36)


def test_changed_white_space_and_case_still_match():
    quote = "Cars clog the centres and the air is bad"
    a = anchor_for(TEXT, quote)
    edited = TEXT.replace("Cars clog the centres and", "CARS  clog the\ncentres   and")
    start, end = find_anchor(edited, a)
    assert edited[start:end] == "CARS  clog the\ncentres   and the air is bad"


def test_lightly_reworded_passage_is_found_fuzzily():
    quote = "Some cities ban cars from the centre on Sundays."
    a = anchor_for(TEXT, quote)
    edited = TEXT.replace("Some cities ban cars from the centre on Sundays.",
                          "Several cities ban cars from their centre on Sundays.")
    start, end = find_anchor(edited, a)
    assert edited[start:end] == "Several cities ban cars from their centre on Sundays."


def test_deleted_passage_is_lost():
    quote = "Some cities ban cars from the centre on Sundays."
    a = anchor_for(TEXT, quote)
    edited = TEXT.replace(quote, "Nothing else is said here about weekends at all.")
    assert find_anchor(edited, a) is None
    assert find_anchor(TEXT, dict(a, quote="   ")) is None


def test_fuzzy_search_in_a_large_source_is_found():
    rng = random.Random(7)
    words = ["".join(rng.choice("abcdefghijklmnop") for _ in range(rng.randint(2, 9)))
             for _ in range(3000)]
    text = " ".join(rng.choice(words) for _ in range(40000))[:200_000]
    s0 = text.index(" ", 120_000) + 1
    e0 = text.index(" ", s0 + 300)
    a = {"source": "s", "start": s0, "end": e0, "quote": text[s0:e0]}
    edited = text[:1000] + "inserted words " + text[1000:s0 + 100] + "XYZ" + text[s0 + 110:]
    assert find_anchor(edited, a) == (s0 + 15, e0 + 15 - 7)


def map_with_anchors():
    nodes = [Node(id="kept", anchor=anchor_for(TEXT, "Cars clog the centres")),
             Node(id="moved", anchor=anchor_for(TEXT, "Others charge a toll.")),
             Node(id="gone", anchor=anchor_for(TEXT, "Cities are growing fast.")),
             Node(id="other", anchor=anchor_for("x", "x", source="t")),
             Node(id="plain")]
    return build_map(nodes, [], sources=[Source("s", "Cities", TEXT), Source("t", "Other", "x")])


def test_reanchor_changes_moves_anchors_and_reports_lost_ones():
    amap = map_with_anchors()
    edited = TEXT.replace("Cities are growing fast. ", "").replace("Sundays.", "Sundays and holidays.")
    changes, lost = reanchor_changes(amap, "s", edited)
    assert lost == ["gone"]
    by_node = {c.key: c for c in changes}
    assert set(by_node) == {"kept", "moved", "gone"}
    assert all(isinstance(c, Updated) and c.field == "anchor" for c in changes)
    moved = by_node["moved"].new
    assert edited[moved["start"]:moved["end"]] == "Others charge a toll."
    assert moved["quote"] == "Others charge a toll."
    gone = by_node["gone"].new
    assert gone["lost"] is True and gone["quote"] == "Cities are growing fast."
    amap.apply(ChangeSet("Edit source", tuple(changes)))
    assert lost_anchors(amap, "s") == ["gone"]
    assert amap.node("other").anchor["start"] == 0


def test_reanchor_finds_a_lost_anchor_again_and_clears_the_mark():
    amap = map_with_anchors()
    changes, _ = reanchor_changes(amap, "s", "Nothing left.")
    amap.apply(ChangeSet("e", tuple(changes)))
    assert set(lost_anchors(amap, "s")) == {"kept", "moved", "gone"}
    changes, lost = reanchor_changes(amap, "s", TEXT)
    assert lost == []
    assert all("lost" not in c.new for c in changes)


def test_unchanged_text_gives_no_changes():
    amap = map_with_anchors()
    assert reanchor_changes(amap, "s", TEXT) == ([], [])


OUTLINE = """Executive summary: the short version.
1. First point.
  2) Second point,
     spread over a line.
Key point 3: third point
10. Tenth point.
Not numbered."""


def test_key_point_spans_on_a_numbered_outline():
    spans = key_point_spans(OUTLINE)
    line = {ref: OUTLINE[s:e] for ref, (s, e) in spans.items()}
    assert line["executive summary"] == "Executive summary: the short version."
    assert line["key point 1"] == "1. First point."
    assert line["key point 2"] == "2) Second point,"
    assert line["key point 3"] == "Key point 3: third point"
    assert line["key point 10"] == "10. Tenth point."
    assert "key point 4" not in spans


def test_source_refs_are_normalised():
    assert normalise_ref("Key Point 7.") == "key point 7"
    assert normalise_ref("kp 12") == "key point 12"
    assert normalise_ref("  Executive   Summary ") == "executive summary"


def test_node_span_prefers_a_live_anchor_then_the_key_point():
    src = Source("s", "Outline", OUTLINE)
    anchored = Node(id="a", source_ref="key point 1", anchor=anchor_for(OUTLINE, "third point"))
    by_ref = Node(id="b", source_ref="key point 2")
    lost = Node(id="c", source_ref="key point 10", anchor=dict(anchor_for(OUTLINE, "short"), lost=True))
    amap = build_map([anchored, by_ref, lost, Node(id="d")], [], sources=[src])
    s, e = node_span(amap, amap.node("a"))[1:]
    assert OUTLINE[s:e] == "third point"
    s, e = node_span(amap, amap.node("b"))[1:]
    assert OUTLINE[s:e].startswith("2) Second")
    s, e = node_span(amap, amap.node("c"))[1:]
    assert OUTLINE[s:e] == "10. Tenth point."
    assert node_span(amap, amap.node("d")) is None
    assert [ids for _, _, ids in linked_passages(amap, "s")] == [("b",), ("a",), ("c",)]


def test_passage_title_cuts_at_a_word_boundary():
    long = "word " * 30
    assert passage_title(long).endswith("…") and len(passage_title(long)) <= 60
    assert passage_title(long)[:-1].split(" ") == ["word"] * len(passage_title(long)[:-1].split(" "))
    assert passage_title("Short  passage\nhere") == "Short passage here"
    assert len(passage_title("x" * 100)) == 60
