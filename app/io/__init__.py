"""Import and export of text formats (Qt-free)."""

from .registry import (FORMATS, IMAGE_FORMATS, Format, FormatError, ImportResult, export_map,
                       format_for_path, format_named, import_file, read_text_file)
from .perspective_view import ExportView, view_of

__all__ = ["FORMATS", "IMAGE_FORMATS", "Format", "FormatError", "ImportResult", "export_map",
           "format_for_path", "format_named", "import_file", "read_text_file", "ExportView", "view_of"]
