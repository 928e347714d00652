"""Reasonmap: a desktop argument-mapping and debate workbench."""

__version__ = "0.1.0"
