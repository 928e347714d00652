"""Import and export of text formats (Qt-free).

The perspective views (which evaluate the map) are imported when first asked for: reading a
file needs none of the reasoning engine.
"""

from .registry import (FORMATS, IMAGE_FORMATS, Format, FormatError, ImportResult, export_map,
                       format_for_path, format_named, import_file, read_text_file)


def __getattr__(name: str):
    if name in ("ExportView", "view_of"):
        from . import perspective_view
        return getattr(perspective_view, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = ["FORMATS", "IMAGE_FORMATS", "Format", "FormatError", "ImportResult", "export_map",
           "format_for_path", "format_named", "import_file", "read_text_file", "ExportView", "view_of"]
