"""One table of the formats Reasonmap reads and writes, chosen by name or file suffix.

Each entry names its reader/writer by module path so that importing this table is cheap.
A reader takes text and returns an ``ImportResult``; a writer takes a map and returns text
(or bytes for binary formats). A format may name a *companion*: a function given the file's
path and the result, for what lies beside the file (AIF's source text).

>>> format_for_path("debate.argdown").name
'argdown'
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path

from ..model import ArgumentMap, ReasonmapError
from .base import FormatError, ImportError_, ImportResult
from ..safefile import write_file
from .textfile import MAX_IMPORT_BYTES, read_text_file

__all__ = ["FORMATS", "IMAGE_FORMATS", "MAX_IMPORT_BYTES", "Format", "FormatError", "ImportError_",
           "ImportResult", "export_map", "format_for_path", "format_named", "import_file",
           "read_text_file", "write_atomically"]


@dataclass(frozen=True)
class Format:
    name: str
    label: str
    suffixes: tuple[str, ...]
    reader: str | None = None   # "module:function", function(text) -> ImportResult
    writer: str | None = None   # "module:function", function(map) -> str
    companion: str | None = None  # "module:function", function(path, ImportResult) -> ImportResult

    def read(self, text: str) -> ImportResult:
        if not self.reader:
            raise ReasonmapError(f"Reasonmap cannot import {self.label} files")
        return _resolve(self.reader)(text)

    def write(self, amap: ArgumentMap):
        if not self.writer:
            raise ReasonmapError(f"Reasonmap cannot export {self.label} files")
        return _resolve(self.writer)(amap)


def _resolve(spec: str):
    module, func = spec.split(":")
    return getattr(importlib.import_module(module, __package__), func)


FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("json", "Reasonmap JSON", (".json", ".rmap.json"), ".native_json:read_json", ".native_json:write_json"),
    Format("argdown", "Argdown", (".argdown", ".ad"), ".argdown:read_argdown", ".argdown:write_argdown"),
    Format("aif", "AIF JSON (OVA, AIFdb)", (".aif", ".aif.json"), ".aif:read_aif", ".aif:write_aif",
           ".aif_source:with_sibling_source"),
    Format("graphml", "GraphML (yEd)", (".graphml",), ".graphml:read_graphml", ".graphml:write_graphml"),
    Format("kialo", "Kialo text export", (".kialo", ".kialo.txt", ".txt"), ".kialo:read_kialo", None),
    Format("dot", "Graphviz DOT", (".dot", ".gv"), None, ".dot:write_dot"),
    Format("markdown", "Markdown outline", (".md", ".markdown"), None, ".markdown:write_markdown"),
    Format("csv", "CSV strategy ranking", (".csv",), None, ".csv_ranking:write_csv"),
)}
IMAGE_FORMATS = {"png": "PNG image", "svg": "SVG image", "pdf": "PDF document"}


def format_named(name: str) -> Format:
    try:
        return FORMATS[name.lower()]
    except KeyError:
        known = ", ".join(sorted(FORMATS))
        raise ReasonmapError(f"Unknown format {name!r} (known: {known})") from None


def format_for_path(path, *, reading: bool = False) -> Format:
    """The format whose suffix matches *path* (longest suffix wins)."""
    name = Path(path).name.lower()
    best = None
    for fmt in FORMATS.values():
        if reading and not fmt.reader:
            continue
        for suffix in fmt.suffixes:
            if name.endswith(suffix) and (best is None or len(suffix) > best[0]):
                best = (len(suffix), fmt)
    if best is None:
        raise ReasonmapError(f"Cannot tell the format of {Path(path).name!r} from its name; "
                             "give it with --format")
    return best[1]


def import_file(path, fmt: str | None = None) -> ImportResult:
    """Import *path* with the named format or the one its suffix says.

    The format that actually read the file (a ``.json`` may turn out to be AIF) may look
    beside it: an AIF map with a text file of the same name gets that text as its source.
    """
    f = format_named(fmt) if fmt else format_for_path(path, reading=True)
    result = f.read(read_text_file(path))
    used = FORMATS.get(result.format, f)
    if used.companion:
        result = _resolve(used.companion)(Path(path), result)
    return result


PERSPECTIVE_FORMATS = ("csv", "markdown")   # text exports that can show a participant or the group


def export_map(amap: ArgumentMap, path, fmt: str | None = None, view=None) -> None:
    """Write *amap* to *path*; nothing is written if the writer fails. *view*
    (``perspective_view.view_of``): a participant's or the group's values, for the CSV ranking
    and the Markdown outline only."""
    f = format_named(fmt) if fmt else format_for_path(path)
    if view is None:
        out = f.write(amap)
    elif f.name in PERSPECTIVE_FORMATS:
        out = _resolve(f.writer)(amap, view)
    else:
        raise ReasonmapError(f"A {f.label} export shows the map's own values only; a participant's "
                             "or the group's go into CSV, Markdown, PNG, SVG or PDF exports")
    data = out.encode("utf-8") if isinstance(out, str) else out
    write_atomically(path, data)


def write_atomically(path, data: bytes) -> None:
    """Write *data* to *path* all or nothing (unique temp file, fsync, rename; ``app.safefile``)."""
    write_file(path, data)
