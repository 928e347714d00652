"""The map-level settings (title, description, semantics, card wrap width) and their checks.

Every way into a map (build, SetMeta, the store, every importer) passes ``check_meta_value``,
so a file can never hold a title that is an object or a semantics nobody knows.

>>> validate_meta({"title": "Bridge", "wrap_width": 300})
{'title': 'Bridge', 'wrap_width': 300}
>>> validate_meta({"semantics": "bogus"})
Traceback (most recent call last):
...
app.model.errors.ModelError: Unknown semantics 'bogus' (expected one of dfquad, qe, euler, hcat)
"""

from __future__ import annotations

from typing import Any, Mapping

from .entities import check_text, shown
from .errors import ModelError
from .rules import SEMANTICS

DEFAULT_META = {"title": "Untitled map", "description": "", "semantics": "dfquad", "wrap_width": 240}
WRAP_WIDTH = (1, 5000)             # card text width in pixels, inclusive (cards clamp below 80)
MAX_TITLE_CHARS = 10_000
MAX_DESCRIPTION_CHARS = 1_000_000


def check_meta_value(key: str, value: Any) -> Any:
    """Return *value* if it is a valid value of the map setting *key*, else raise ModelError."""
    if key not in DEFAULT_META:
        raise ModelError(f"Unknown map setting {shown(key)} (known: {', '.join(DEFAULT_META)})")
    if key == "semantics":
        if not isinstance(value, str) or value not in SEMANTICS:
            raise ModelError(f"Unknown semantics {shown(value)} (expected one of {', '.join(SEMANTICS)})")
    elif key == "wrap_width":
        low, high = WRAP_WIDTH
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise ModelError(f"The map's wrap width must be a whole number of pixels from {low} to {high}, "
                             f"not {shown(value)}")
    else:
        limit = MAX_TITLE_CHARS if key == "title" else MAX_DESCRIPTION_CHARS
        check_text(value, f"The map's {key}")
        if len(value) > limit:
            raise ModelError(f"The map's {key} is longer than {limit} characters")
    return value


def validate_meta(meta: Mapping) -> dict:
    """Return *meta* as a dict if every key is a known setting with a valid value.

    Raises one ModelError that names the first bad setting.
    """
    if not isinstance(meta, Mapping):
        raise ModelError(f"The map's settings must be a mapping, not {type(meta).__name__}")
    return {key: check_meta_value(key, value) for key, value in meta.items()}
