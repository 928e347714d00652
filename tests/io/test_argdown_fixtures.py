"""The importer against real Argdown files and what the official Argdown CLI made of them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from app.io.argdown import read_argdown, write_argdown

FIXTURES = Path(__file__).parent.parent / "fixtures" / "argdown"
NAMES = sorted(p.name[:-len(".argdown")] for p in FIXTURES.glob("*.argdown"))

def _words(text: str) -> str:
    """Text reduced to its words, without tags, link targets or markdown marks."""
    text = re.sub(r"\]\([^)]*\)", "", text or "")
    text = re.sub(r"#\([^)]*\)|#[\w-]+", "", text)
    text = re.sub(r"[_*]", "", text)
    return " ".join(re.findall(r"\w+", text.lower()))


def _load(name: str):
    result = read_argdown((FIXTURES / f"{name}.argdown").read_text(encoding="utf-8"))
    reference = json.loads((FIXTURES / f"{name}.argdown-cli.json").read_text(encoding="utf-8"))
    return result, reference


def _title_map(amap, ref) -> dict[str, str]:
    """Argdown's titles -> our node ids ("Untitled N" matched by argument position or text)."""
    ours = {}
    for node in amap.nodes.values():
        prefix = "a" if node.data.get("argdown") == "argument" else "s"
        if node.title:
            ours[(prefix, node.title)] = node.id
    mapping = {}
    for title in ref["arguments"]:
        mapping[("a", title)] = ours[("a", title)]
    generated = {}
    for title, arg in ref["arguments"].items():
        for k, member in enumerate(arg.get("pcs", []), start=1):
            if member["title"].startswith("Untitled "):
                generated[member["title"]] = f"{title} ({k})"
    untitled = [n for n in amap.nodes.values() if not n.title]
    for title, statement in ref["statements"].items():
        if title in generated:
            mapping[("s", title)] = ours[("s", generated[title])]
        elif title.startswith("Untitled "):
            words = _words(statement["members"][0].get("text", ""))
            match = [n for n in untitled if _words(n.text) == words]
            assert match, f"no untitled node has the text of {title}: {words!r}"
            untitled.remove(match[0])
            mapping[("s", title)] = match[0].id
        else:
            mapping[("s", title)] = ours[("s", title)]
    return mapping


def _expected_edges(ref, mapping) -> set[tuple[str, str, str]]:
    def end(title, kind):
        return mapping[("a" if kind == "argument" else "s", title)]
    edges = set()
    for r in ref["relations"]:
        src, dst = end(r["from"], r["fromType"]), end(r["to"], r["toType"])
        rel = {"support": "support", "attack": "attack", "undercut": "attack",
               "contradictory": "attack"}[r["relationType"]]
        edges.add((src, dst, rel))
        if r["relationType"] == "contradictory":
            edges.add((dst, src, "attack"))
    for title, arg in ref["arguments"].items():
        argument, step = mapping[("a", title)], []
        for member in arg.get("pcs", []):
            statement = mapping[("s", member["title"])]
            if member["role"] == "premise":
                step.append(statement)
                continue
            # an inference: its premises support its conclusion; the last one goes
            # through the argument node, an intermediary conclusion starts the next step
            target = argument if member["role"] == "main-conclusion" else statement
            edges.update((premise, target, "support") for premise in step)
            if member["role"] == "main-conclusion":
                edges.add((argument, statement, "support"))
            step = [statement]
    return edges


@pytest.mark.parametrize("name", NAMES)
def test_same_statements_and_arguments_as_argdown(name):
    result, ref = _load(name)
    amap = result.map
    arguments = {n.title for n in amap.nodes.values() if n.data.get("argdown") == "argument"}
    assert arguments == set(ref["arguments"])
    statements = [n for n in amap.nodes.values() if n.data.get("argdown") != "argument"]
    assert len(statements) == len(ref["statements"])
    named = {t for t in ref["statements"] if not t.startswith("Untitled ")}
    assert named <= {n.title for n in statements}
    mapping = _title_map(amap, ref)
    assert len(set(mapping.values())) == len(amap.nodes)


@pytest.mark.parametrize("name", NAMES)
def test_same_relations_as_argdown(name):
    result, ref = _load(name)
    amap = result.map
    mapping = _title_map(amap, ref)
    # relates edges are written as data, which Argdown does not read as relations
    plain = [e for e in amap.edges.values() if e.relation != "relates"]
    ours = {(e.source, e.target, e.relation) for e in plain}
    expected = _expected_edges(ref, mapping)
    assert ours == expected
    assert len(plain) == len(ours)


@pytest.mark.parametrize("name", NAMES)
def test_statement_texts_as_argdown(name):
    """Named statements have the text Argdown gives them (marks removed, trailing tags off)."""
    result, ref = _load(name)
    ours = {n.title: n.text for n in result.map.nodes.values()
            if n.title and n.data.get("argdown") != "argument"}
    compared = 0
    for title, statement in ref["statements"].items():
        texts = [m["text"] for m in statement["members"] if m.get("text")]
        if title.startswith("Untitled ") or not texts:
            continue
        official = re.sub(r"(\s*#(\([^)]*\)|[\w-]+))+\s*$", "", " ".join(texts[0].split()))
        assert ours[title] == official
        compared += 1
    assert compared


def test_undercuts_become_attacks_with_a_warning():
    result, _ = _load("legalisation-softdrugs")
    warnings = [n for n in result.notes if "undercut" in n]
    assert len(warnings) == 2
    by_title = {n.title: n.id for n in result.map.nodes.values()}
    edge = result.map.edge_between(by_title["Poor reason"], by_title["Alcohol and tobacco analogy"])
    assert edge.relation == "attack"


def test_front_matter_title_and_unknown_keys():
    result, _ = _load("state-censorship")
    assert result.map.meta["title"] == "Censorship from the State"
    assert any("author" in n and "Gregor Betz" in n for n in result.notes)


def test_data_and_tags_from_fixture():
    result, _ = _load("state-censorship")
    node = next(n for n in result.map.nodes.values() if n.title == "Argument from Freedom of Speech")
    assert node.data["source"] == "C1a"
    assert node.tags == ("con",)
    assert node.text.endswith("everyone must be free to express herself.")
    premise = next(n for n in result.map.nodes.values() if n.title == "Argument from Freedom of Speech (2)")
    assert premise.text == "Censorship violates freedom of speech."
    assert node.data["inferences"] == [{"rule": "Specification, Modus ponens", "uses": [1, 2, 3]}]


@pytest.mark.parametrize("name", NAMES)
def test_fixture_round_trip(name):
    result, _ = _load(name)
    again = read_argdown(write_argdown(result.map))
    assert again.map == result.map
