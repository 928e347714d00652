"""File ▸ Export slides…: the deck of what the window shows (its semantics and perspective)."""

from __future__ import annotations

from pathlib import Path

from .. import dialogs

FILTERS = "PDF slides (*.pdf);;PNG images, one per slide (*.png)"


def export_slides(window, path: str | None = None) -> list[Path]:
    """Ask where (unless *path* is given) and write the slides; returns the files written."""
    from ...render.deck import export_slides as write_deck
    doc = window.doc
    suggestion = str(doc.path.with_name(f"{doc.path.stem} slides.pdf"))
    path = path or dialogs.ask_save_path(window, "Export slides", suggestion, FILTERS)
    if not path:
        return []
    w = doc.weighing
    strengths, _ranking, caption = w.shown()
    ranking = [(e.id, w.title(e.id), w.strength(e.id)) for e in w.ranking]
    written = write_deck(doc.map, path, ranking=ranking, strengths=strengths, caption=caption)
    what = f"{len(written)} slides to {written[0].name} \u2026 {written[-1].name}" if len(written) > 1 \
        else f"the slides to {written[0]}"
    window.show_message(f"Exported {what}")
    return written
