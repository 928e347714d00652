"""The SVG export without Qt (app.drawing) draws what Qt paints for the other exports and
the canvas (compared with the PNG export, rasterised the same way), loads no Qt at all from
the command line, writes user text as plain text and shares its styles."""

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

from defusedxml import ElementTree
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from app.drawing.export import export_svg
from app.io import import_file
from app.model import Edge, Node
from app.model.build import build_map
from app.render import devices, ensure_gui_app, export_image
from app.render.export import _Composition, with_layout

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))
from mapgen import generate_links_map  # noqa: E402

SHIPPED = ROOT / "argument_maps" / "prosocial-drives.argdown"


def _qt_png(amap, strengths=None, labels=None, legend=False, ranking=None) -> QImage:
    """The picture as Qt paints it (the PNG export at scale 1; its top left corner is the
    SVG's view box origin)."""
    ensure_gui_app()
    comp = _Composition(amap, None, strengths, legend, ranking, labels, "semantics")
    return QImage.fromData(devices.png_bytes(comp, 1.0, None, False, 10**9, []))


def _image(path, box: QRectF, size=(800, 600)) -> QImage:
    image = QImage(*size, QImage.Format_RGB32)
    image.fill(QColor("white"))
    renderer = QSvgRenderer(str(path))
    assert renderer.isValid()
    renderer.setViewBox(box)
    p = QPainter(image)
    renderer.render(p)
    p.end()
    return image


def _texts(path) -> Counter:
    root = ElementTree.parse(str(path)).getroot()
    return Counter("".join(el.itertext()) for el in root.iter() if el.tag.endswith("}text"))


def _view_box(path) -> list[float]:
    return [float(v) for v in ElementTree.parse(str(path)).getroot().get("viewBox").split()]


def _differing(a: QImage, b: QImage, step: int = 2) -> float:
    """The share of sampled pixels of *a* with no pixel of like colour in *b* at most one
    pixel away (anti-aliasing, or the phase of a dash on a curve a tenth of a pixel longer,
    is no difference)."""
    def near(p, q):
        return max(abs(((p >> s) & 255) - ((q >> s) & 255)) for s in (0, 8, 16)) <= 64
    w, h = a.width(), a.height()
    samples = [(x, y) for y in range(1, h - 1, step) for x in range(1, w - 1, step)]
    return sum(not any(near(a.pixel(x, y), b.pixel(x + dx, y + dy))
                       for dx in (-1, 0, 1) for dy in (-1, 0, 1)) for x, y in samples) / len(samples)


def test_the_shipped_map_looks_as_qt_paints_it(tmp_path):
    amap = with_layout(import_file(SHIPPED).map)
    strengths = {n: 0.5 for n in list(amap.nodes)[::2]}
    ranking = [("Best of both worlds", 0.61), ("A strategy with a long title that wraps", 0.5)]
    ours = export_svg(amap, tmp_path / "ours.svg", strengths=strengths, legend=True,
                      ranking=ranking, ranking_caption="semantics")
    qt = _qt_png(amap, strengths, legend=True, ranking=ranking)
    x0, y0, w, h = _view_box(ours)
    assert (qt.width(), qt.height()) == (round(w), round(h))      # the same picture size
    for node in amap.nodes.values():
        assert node.title.split()[0] in " ".join(_texts(ours))
    for fx, fy in ((0.0, 0.0), (0.35, 0.3), (0.6, 0.55), (1.0, 0.0)):    # at 100 %, panels too
        left, top = min(fx * w, w - 800), fy * h
        ours_img = _image(ours, QRectF(x0 + left, y0 + top, 800, 600))
        assert _differing(ours_img, qt.copy(int(left), int(top), 800, 600)) < 0.01


def test_edges_of_every_kind_labels_and_collapsed_cards_look_as_qt_paints_them(tmp_path):
    nodes = [Node(id="c", title="Conclusion", x=0.0, y=0.0, kind="strategy"),
             Node(id="q", title="A question?", x=-300.0, y=250.0, kind="question"),
             Node(id="e", title="Evidence", x=0.0, y=250.0, kind="evidence", source_ref="p. 4"),
             Node(id="n", title="A note", x=300.0, y=250.0, kind="note", collapsed=True),
             Node(id="h", title="Hidden below", x=300.0, y=500.0)]
    edges = [Edge(id="1", source="q", target="c", relation="answer"),
             Edge(id="2", source="e", target="c", relation="support", weight=0.3, label="strongly"),
             Edge(id="3", source="n", target="c", relation="relates"),
             Edge(id="4", source="h", target="n", relation="attack", weight=1.0)]
    amap = build_map(nodes, edges)
    labels = {"c": "in", "e": "out", "q": "undec"}
    ours = export_svg(amap, tmp_path / "ours.svg", labels=labels, strengths={"c": 0.7}, legend=True)
    assert {"+1 hidden", "strongly", "answers", "relates", "IN", "OUT", "UNDEC"} <= set(_texts(ours))
    assert "Hidden below" not in _texts(ours)
    qt = _qt_png(amap, {"c": 0.7}, labels, legend=True)
    x0, y0, w, h = _view_box(ours)
    assert _differing(_image(ours, QRectF(x0, y0, w, h), (qt.width(), qt.height())), qt, 1) < 0.005


def test_user_text_is_plain_text_and_styles_are_shared(tmp_path):
    hostile = '<tspan>x</tspan>&"q"\x01'
    nodes = [Node(id=f"n{i}", title=f"{hostile} {i}", text="words " * i, x=300.0 * i, y=0.0)
             for i in range(30)]
    amap = build_map(nodes, [Edge(id=f"e{i}", source=f"n{i}", target="n0") for i in range(1, 30)])
    path = export_svg(amap, tmp_path / "h.svg")
    text = path.read_text(encoding="utf-8")
    root = ElementTree.parse(str(path)).getroot()
    assert not [el for el in root.iter() if el.tag.endswith("tspan")]
    assert sum(hostile.replace("\x01", "\u2401") in t for t in _texts(path)) == 30
    assert not re.search(r"<(rect|path|text|polygon)[^>]*(font-|stroke:|fill:)", text)
    assert "font-size" not in text.split("</style>")[1]          # fonts only in the sheet


def test_a_selection_and_scale(tmp_path):
    amap = with_layout(generate_links_map(30, seed=5))
    ids = list(amap.nodes)[:10]
    path = export_image(amap, tmp_path / "part.svg", node_ids=ids, scale=2.0)
    root = ElementTree.parse(str(path)).getroot()
    titles = {amap.nodes[n].title for n in ids}
    shown = set(_texts(path))
    assert titles <= shown and not ({n.title for n in amap.nodes.values()} - titles) & shown
    assert float(root.get("width")) >= 2 * _view_box(path)[2] - 1


# What a command-line SVG export has no use for: Qt, the graph and database libraries, the
# edit commands, the reasoning engine's groups and comparison.
UNNEEDED = ("PySide6", "shiboken", "networkx", "sqlite_utils", "app.model.commands",
            "app.model.kinds", "app.reasoning.group", "app.reasoning.compare", "app.io.perspective_view", "statistics",
            "shutil", "bz2", "lzma", "uuid")


def test_the_command_line_svg_export_loads_no_qt(tmp_path):
    out = tmp_path / "m.svg"
    code = ("import sys; from app.cli import main; "
            f"rc = main(['export', {str(SHIPPED)!r}, '-o', {str(out)!r}, '--legend', '--ranking']); "
            f"print(rc, sorted(m for m in sys.modules if m.startswith({UNNEEDED!r})))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                          check=True)
    assert done.stdout.split("\n")[-2] == "0 []"
    assert {"Legend", "Ranking", "DF-QuAD, the map's own values"} <= set(_texts(out))
    assert ElementTree.parse(str(out)).getroot().find("{http://www.w3.org/2000/svg}title").text \
        == import_file(SHIPPED).map.meta["title"]
