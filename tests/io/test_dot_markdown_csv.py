"""DOT, Markdown outline and CSV ranking exports."""

import csv
import io
import re

import pytest

from app.io.csv_ranking import write_csv
from app.io.dot import write_dot
from app.io.markdown import write_markdown
from app.model import Edge, Node
from app.model.build import build_map
from app.reasoning import evaluate, framework_from_map

QUOTED = r'"(?:[^"\\]|\\.)*"'


def tricky_map():
    nodes = [Node(id="s", kind="strategy", title='Say "yes" \\ now', text="x"),
             Node(id="r", title="Ärger\nzwei Zeilen & mehr"),
             Node(id="o", title="Objection")]
    edges = [Edge(id="e1", source="r", target="s"), Edge(id="e2", source="o", target="s", relation="attack")]
    return build_map(nodes, edges, meta={"title": 'The "plan"'})


def test_dot_escapes_labels_and_styles_relations():
    dot = write_dot(tricky_map())
    assert dot.startswith("digraph reasonmap {") and dot.rstrip().endswith("}")
    assert dot.isascii()
    assert r'label="Say \"yes\" \\ now"' in dot
    assert r'label="&#196;rger\nzwei Zeilen &amp; mehr"' in dot
    node_lines = [l for l in dot.splitlines() if re.match(r"\s+n\d+ \[", l)]
    assert len(node_lines) == 3
    for line in node_lines:               # every quoted string closes properly
        assert re.fullmatch(rf"\s+n\d+ \[label={QUOTED}, [^\"]*(?:{QUOTED}[^\"]*)*\];", line), line
    strategy = next(l for l in node_lines if "Say" in l)
    assert "shape=box" in strategy and "rounded" not in strategy
    support = next(l for l in dot.splitlines() if "n1 -> n0" in l)
    attack = next(l for l in dot.splitlines() if "n2 -> n0" in l)
    assert 'color="#0072B2"' in support and "dashed" not in support
    assert 'color="#D55E00"' in attack and "style=dashed" in attack and 'label="&#8722;"' in attack


def test_markdown_outline(small_map):
    md = write_markdown(small_map)
    sigma = evaluate(framework_from_map(small_map), "dfquad").strengths
    lines = md.splitlines()
    assert lines[0] == "# Small"
    s1 = lines.index(f"- **Strategy one** (strategy) — τ 0.50, σ {sigma['s1']:.2f}")
    below = lines[s1 + 1:s1 + 3]
    assert below == [f"  - + **Reason one** — τ 0.70, σ {sigma['r1']:.2f}",
                     f"  - − **Objection** — τ 0.40, σ {sigma['o1']:.2f}, weight 0.80"]
    assert f"- **Strategy two** (strategy) — τ 0.50, σ {sigma['s2']:.2f}" in lines
    assert sum(1 for l in lines if l.startswith("- ")) == 2          # two roots


def test_markdown_handles_cycles_shared_reasons_and_deep_chains():
    cyc = build_map([Node(id="a", title="A"), Node(id="b", title="B"), Node(id="c", title="C*")],
                    [Edge(id="1", source="a", target="b"), Edge(id="2", source="b", target="a", relation="attack"),
                     Edge(id="3", source="c", target="a")])
    md = write_markdown(cyc)
    assert "(see above)" in md and r"C\*" in md
    n = 3000
    chain = build_map([Node(id=f"n{i}", title=f"N{i}") for i in range(n)],
                      [Edge(id=f"e{i}", source=f"n{i + 1}", target=f"n{i}") for i in range(n - 1)])
    lines = write_markdown(chain).splitlines()
    assert lines[-1].startswith("  " * (n - 1) + "- + **N2999**")


def test_csv_ranking():
    nodes = [Node(id="s1", kind="strategy", title='Plan "A", the bold one'),
             Node(id="s2", kind="strategy", title="Plan B\nsecond line"),
             Node(id="s3", kind="strategy", title="Plan C"),
             Node(id="r", title="Reason", base_score=0.9), Node(id="o", title="Objection", base_score=0.7)]
    edges = [Edge(id="e1", source="r", target="s2"), Edge(id="e2", source="o", target="s3", relation="attack")]
    amap = build_map(nodes, edges)
    text = write_csv(amap)
    assert "\r\n" in text
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == ["rank", "id", "title", "dfquad", "qe", "euler", "hcat"]
    assert [r[1] for r in rows[1:]] == ["s2", "s1", "s3"]      # supported, untouched, attacked
    assert [r[0] for r in rows[1:]] == ["1", "2", "3"]
    assert rows[1][2] == "Plan B\nsecond line" and rows[2][2] == 'Plan "A", the bold one'
    fw = framework_from_map(amap)
    for col, name in enumerate(("dfquad", "qe", "euler", "hcat"), start=3):
        strengths = evaluate(fw, name).strengths
        for row in rows[1:]:
            assert float(row[col]) == pytest.approx(strengths[row[1]], abs=1e-6)


def test_csv_ties_share_a_rank():
    amap = build_map([Node(id="a", kind="strategy", title="A"), Node(id="b", kind="strategy", title="B"),
                      Node(id="c", kind="strategy", title="C", base_score=0.2)])
    rows = list(csv.reader(io.StringIO(write_csv(amap), newline="")))
    assert [(r[0], r[1]) for r in rows[1:]] == [("1", "a"), ("1", "b"), ("3", "c")]


def test_the_format_table_reaches_these_readers_and_writers(small_map, tmp_path):
    from app.io.registry import export_map, format_named, import_file
    for name in ("dot", "markdown", "csv", "aif", "graphml"):
        assert isinstance(format_named(name).write(small_map), str)
    for name in ("aif", "graphml"):
        path = tmp_path / f"map.{name}"
        export_map(small_map, path, name)
        back = import_file(path, name).map
        assert sorted(n.title for n in back.nodes.values()) == sorted(n.title for n in small_map.nodes.values())
    kialo = tmp_path / "debate.kialo"
    kialo.write_text("1. Claim\n1.1. Con: Objection\n", encoding="utf-8")
    assert [e.relation for e in import_file(kialo).map.edges.values()] == ["attack"]


@pytest.mark.parametrize("title", ['=HYPERLINK("http://evil.example","x")', "+cmd|' /C calc'!A0",
                                   "-2+3", "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+1", "\r=1+1"])
def test_csv_neutralises_titles_a_spreadsheet_would_run(title):
    import csv
    import io
    amap = build_map([Node(id="=id", kind="strategy", title=title)])
    (row,) = list(csv.reader(io.StringIO(write_csv(amap))))[1:]
    assert row[1] == "'=id" and row[2] == "'" + title
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row)


def test_markdown_writes_titles_texts_and_the_description_as_plain_text():
    html = '<img src=x onerror="alert(1)"> &amp; <script>alert(2)</script>'
    amap = build_map([Node(id="c", title=html, text=html + " more"), Node(id="r", title="<b>r</b>")],
                     [Edge(id="e", source="r", target="c")],
                     meta={"title": "<h1>T</h1>", "description": html + "\n\nSecond <i>para</i>"})
    out = write_markdown(amap)
    import re
    assert not re.search(r"(?<!\\)[<&]", out)          # every < and & is escaped
    assert out.count("\\<img") == 3 and "\\&amp;" in out
    assert "Second \\<i\\>para\\</i\\>" in out and "\n\nSecond" in out


def test_markdown_leaves_out_control_characters():
    amap = build_map([Node(id="c", title="nul\x00here", text="bell\x07 and\x1b[31m colour")])
    out = write_markdown(amap)
    assert "**nulhere**" in out and "bell and\\[31m colour" in out
    assert not any(ord(ch) < 32 and ch != "\n" for ch in out)
