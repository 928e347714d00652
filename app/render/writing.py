"""Putting a finished picture on disk: ``app.drawing.writing``'s (Qt-free) functions."""

from ..drawing.writing import check_target, clean_xml, temp_name, write_file  # noqa: F401
