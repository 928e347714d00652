"""Kialo text export: the one-line fixture and a multi-line sample of our own."""

import re
from collections import Counter
from pathlib import Path

import pytest

from app.io.kialo import read_kialo
from app.io.registry import FormatError

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "kialo" / "should-hate-speech-be-illegal-6148.txt"


def by_number(amap):
    return {n.data["kialo"]: n for n in amap.nodes.values()}


def test_one_line_fixture_counts():
    text = FIXTURE.read_text(encoding="utf-8-sig")
    # Counted independently with plain regexes on the file: a claim line starts with its
    # number ("1.2.3. "); a link's text is "-> See <number>"; Pro/Con follow the number.
    claim_lines = re.findall(r"^\d+(?:\.\d+)*\. .*$", text, re.M)
    links = [l for l in claim_lines if re.search(r"(?:Pro|Con): -> See ", l)]
    pros = [l for l in claim_lines if re.match(r"^[\d.]+ Pro: ", l)]
    cons = [l for l in claim_lines if re.match(r"^[\d.]+ Con: ", l)]
    pro_links = [l for l in links if " Pro: " in l]
    assert links and len(claim_lines) > 100            # the file is what we think it is
    result = read_kialo(text)
    amap = result.map
    relations = Counter(e.relation for e in amap.edges.values())
    # Links add edges to existing claims instead of new claims.
    assert len(amap.nodes) == len(claim_lines) - len(links)
    assert relations["support"] == len(pros)           # every Pro line, links included
    assert relations["attack"] == len(cons)
    assert len(amap.edges) == len(claim_lines) - 1     # every claim line but the thesis
    assert len(pro_links) == 1
    assert amap.meta["title"] == "Should hate speech be illegal?"


def test_fixture_tree_link_root_and_texts():
    amap = read_kialo(FIXTURE.read_text(encoding="utf-8-sig")).map
    claims = by_number(amap)
    root = claims["1"]
    assert (root.kind, root.text) == ("claim", "Hate speech should be banned.")   # no "?"
    assert not amap.outgoing(root.id)
    # "1.1.2.1. Con: Those people can be educated..." attacks 1.1.2
    e = amap.edge_between(claims["1.1.2.1"].id, claims["1.1.2"].id)
    assert e.relation == "attack"
    # "1.6.4. Pro: -> See 1.2.2." makes claim 1.2.2 also support 1.6
    assert "1.6.4" not in claims
    assert amap.edge_between(claims["1.2.2"].id, claims["1.6"].id).relation == "support"
    # Kialo's Markdown escapes are undone: \("Trolls"\) → ("Trolls")
    assert '("Trolls")' in claims["1.1.10"].text
    for n in amap.nodes.values():
        assert len(n.title) <= 60
        flat = " ".join(n.text.split())
        assert flat.startswith(n.title.rstrip("…").rstrip())
        if n.title.endswith("…"):       # cut at a word boundary
            assert flat[len(n.title.rstrip("…").rstrip())] in " ,;:.-"


MULTI_LINE = """Discussion Name: Should cities ban cars from their centres?

1. Thesis:
Should cities ban cars from their centres?

    1.1. Pro:
    Car-free centres have cleaner air and fewer accidents.[1]

        1.1.1. Con:
        Air quality depends far more on the weather and on heating than on traffic.[2]

        1.1.2. Pro:
        In Pontevedra traffic deaths fell to zero after the centre was closed to cars.[3]
        The town has kept the rule for over twenty years.

    1.2. Con:
    Shops in the centre lose customers who come by car.
    Three groups suffer most:
    1. people from the villages around the city,
    2. people with heavy shopping,
    3. people who cannot walk far.

        1.2.1. Con:
        -> See 1.1.2.

        1.2.2. Con:
        Studies of pedestrianised streets find that footfall \\(and turnover\\) usually rises.[3][4]

Sources:
[1] https://www.who.int/health-topics/air-pollution
[2] Environmental Research Letters, "Weather and urban air quality" (2019)
[3] https://en.wikipedia.org/wiki/Pontevedra
[4] Living Streets, "The pedestrian pound" (2018)
"""


def test_multi_line_format():
    result = read_kialo(MULTI_LINE)
    amap = result.map
    claims = by_number(amap)
    assert amap.meta["title"] == "Should cities ban cars from their centres?"
    assert sorted(claims) == ["1", "1.1", "1.1.1", "1.1.2", "1.2", "1.2.2"]
    assert claims["1"].kind == "question"
    rel = {(m.data["kialo"], n.data["kialo"]): e.relation
           for e in amap.edges.values() for m, n in [(amap.nodes[e.source], amap.nodes[e.target])]}
    assert rel == {("1.1", "1"): "support", ("1.1.1", "1.1"): "attack", ("1.1.2", "1.1"): "support",
                   ("1.2", "1"): "attack", ("1.1.2", "1.2"): "attack", ("1.2.2", "1.2"): "attack"}
    assert claims["1.1.2"].text == ("In Pontevedra traffic deaths fell to zero after the centre was closed to cars.\n"
                                    "The town has kept the rule for over twenty years.")
    # a numbered list inside a claim's text stays text
    assert claims["1.2"].text.endswith("3. people who cannot walk far.")
    # footnote markers leave the text and name their sources
    assert "[1]" not in claims["1.1"].text
    assert claims["1.1"].source_ref == "[1] https://www.who.int/health-topics/air-pollution"
    assert claims["1.2.2"].source_ref.startswith("[3] https://en.wikipedia.org/wiki/Pontevedra; [4] Living")
    assert "(and turnover)" in claims["1.2.2"].text
    assert claims["1.1"].title == "Car-free centres have cleaner air and fewer accidents."


@pytest.mark.parametrize("text, where", [
    ("1. Thesis\n1.1. Pro: a\n1.3.1. Con: b\n", "Line 3"),
    ("1. Thesis\n1.1. Pro: a\n1.1. Con: b\n", "Line 3"),
    ("Discussion Title: nothing\n\nno claims here\n", "No thesis"),
    ("1.1. Pro: orphan\n", "Line 1"),
    ("1. Pro: not a thesis\n", "Line 1"),
    ("1. T\n" + "".join(f"{'1.' * k}1. Pro: x\n" for k in range(1, 210)), "deep"),
])
def test_bad_files_give_one_clear_error(text, where):
    with pytest.raises(FormatError) as info:
        read_kialo(text)
    assert where in str(info.value)


def test_dangling_link_is_noted_not_fatal():
    result = read_kialo("1. Claim\n1.1. Pro: Reason\n1.2. Con: -> See 1.9.\n")
    assert len(result.map.nodes) == 2 and len(result.map.edges) == 1
    assert any("not in the file" in n for n in result.notes)


def test_markdown_links_keep_their_words_and_give_their_address_as_the_source():
    text = FIXTURE.read_text(encoding="utf-8-sig")
    raw_links = re.findall(r"\[([^\]\n]+)\]\((https?://[^\s)]+(?:\([^\s)]*\))?[^\s)]*)\)", text)
    assert len(raw_links) >= 5                          # the fixture holds real links
    amap = read_kialo(text).map
    assert not any("](" in n.text or n.title.startswith("[") for n in amap.nodes.values())
    claims = by_number(amap)
    kialo = claims["1.1.6"]
    assert "platforms like Kialo, will ultimately" in kialo.text
    assert kialo.source_ref == "http://www.kialo.com"
    refs = " ".join(n.source_ref for n in amap.nodes.values())
    for _, url in raw_links:
        assert url in refs
    assert "disaster." in claims["1.3.3"].text


NEW_EXPORT = """Discussion Name: Should voting be compulsory?

1. Thesis:
Voting should be compulsory.

    1.1. Pro:
    [Experts](https://example.org/experts) say turnout rises [1], and trust follows [2].

    1.2. Con:
    Forcing people to vote adds uninformed votes [3] .

Sources:
[1] "Turnout in Australia has stayed above 90 per cent since 1924."
https://example.org/australia-turnout
[2] https://example.org/trust
Citizens who vote report more trust in parliament,
and the effect lasts.
[3] Plain note without an address.
"""


def test_footnotes_leave_no_stray_space_and_keep_the_quotations_with_their_addresses():
    result = read_kialo(NEW_EXPORT)
    claims = by_number(result.map)
    pro, con = claims["1.1"], claims["1.2"]
    assert pro.text == "Experts say turnout rises, and trust follows."
    assert con.text == "Forcing people to vote adds uninformed votes."
    assert pro.title.startswith("Experts say") and " ," not in pro.text
    assert pro.source_ref.split("; ") == [
        "https://example.org/experts",
        '[1] "Turnout in Australia has stayed above 90 per cent since 1924." https://example.org/australia-turnout',
        "[2] https://example.org/trust Citizens who vote report more trust in parliament, and the effect lasts."]
    sources = {s.title: s.text for s in result.map.sources.values()}
    assert sources == {
        "[1] https://example.org/australia-turnout":
            '"Turnout in Australia has stayed above 90 per cent since 1924."\nhttps://example.org/australia-turnout',
        "[2] https://example.org/trust":
            "https://example.org/trust\nCitizens who vote report more trust in parliament,\nand the effect lasts.",
        "[3] Plain note without an address.": "Plain note without an address."}
    assert any("Sources list" in n for n in result.notes)


def test_a_real_export_full_of_links_keeps_words_in_the_text_and_addresses_as_sources():
    text = (FIXTURE.parent / "kialo-free-speech-2867.txt").read_text(encoding="utf-8-sig")
    # Counted on the file with plain regexes: claim lines whose text starts with a link, and
    # well-formed links (an address without spaces) anywhere.
    starting = re.findall(r"^[\d.]+ (?:Pro|Con): \[([^\]]+)\]\(", text, re.M)
    links = re.findall(r"\[[^\]\n]*\]\(((?:https?|ftp)://[^\s()]+(?:\([^\s()]*\)[^\s()]*)*)\)", text)
    assert len(starting) >= 20 and len(links) >= 400
    amap = read_kialo(text).map
    claim_lines = re.findall(r"^\d+(?:\.\d+)*\. .*$", text, re.M)
    see = [line for line in claim_lines if re.search(r"(?:Pro|Con): -> See ", line)]
    assert len(amap.nodes) == len(claim_lines) - len(see)
    assert not any(n.title.startswith("[") for n in amap.nodes.values())
    for words in starting:
        assert any(n.text.startswith(words.replace("\\", "")) for n in amap.nodes.values()), words
    refs = " ; ".join(n.source_ref for n in amap.nodes.values())
    missing = [url for url in links if url not in refs]
    assert not missing, missing[:5]
    assert sum(bool(n.source_ref) for n in amap.nodes.values()) >= 400
