"""YAML for Argdown ``{data}`` blocks and front matter: fast, and safe against hostile input.

Most data blocks are one line of simple ``key: value`` pairs (``{weight: 0.5, id: r1}``),
and most front matter is lines of such pairs (``title: "A debate"``); those are read by a
small exact reader that gives what PyYAML gives. Everything else goes to libyaml
(``CSafeLoader``) when it is installed, else to PyYAML's safe loader (imported only then: a
file without complex data never loads PyYAML). A loaded value
is then walked once (dates become ISO text, keys text) and refused if it

- uses a YAML alias (``*name``): a few lines of aliases can stand for billions of values,
- is nested more than ``MAX_DEPTH`` levels deep,
- holds a lone surrogate (``"\\ud800"``), which is not text and cannot be saved,
- holds other YAML types (binary, sets) that JSON and the .rmap file cannot keep.

A number with thousands of digits is refused by the YAML reader itself.

>>> load_yaml("{weight: 0.5, id: r1, note: 'a, b'}", None)
{'weight': 0.5, 'id': 'r1', 'note': 'a, b'}
>>> simple_mapping("{on: 1}") is None      # 'on' is a YAML boolean: left to the full reader
True
>>> simple_block('title: "A debate"\\nwrap_width: 30\\n')
{'title': 'A debate', 'wrap_width': 30}
"""

from __future__ import annotations

import datetime
import json
import re

from .limits import MAX_DEPTH

_PAIR_SRC = (
    r" *([A-Za-z_][A-Za-z0-9_]*) *: +(?:"
    r"(\"[^\"\\\x00-\x1f\x7f-\x9f\ufeff\ufffe\uffff]*\")"       # "double quoted", no escapes
    r"|('[^'\x00-\x1f\x7f-\x9f\ufeff\ufffe\uffff]*')"           # 'single quoted', no ''
    r"|(-?(?:0|[1-9][0-9]{0,15})\.[0-9]{1,15})(?![0-9A-Za-z_.])"  # float
    r"|(-?(?:0|[1-9][0-9]{0,15}))(?![0-9A-Za-z_.:])"            # int
    r"|([A-Za-z][A-Za-z0-9_\-]*(?: [A-Za-z0-9_\-]+)*)"          # plain words
    r") *")
_PAIR = re.compile(_PAIR_SRC)
_SIMPLE_SRC = rf"\{{(?:{_PAIR_SRC}(?:,{_PAIR_SRC})*| *)\}}"
_SIMPLE = re.compile(_SIMPLE_SRC)
# The same pattern without capturing groups, for the Argdown scanner to find such blocks.
SIMPLE_MAPPING = re.sub(r"\((?!\?)", "(?:", _SIMPLE_SRC)
_BLOCK_LINE = re.compile(rf"(?! ){_PAIR_SRC}")
_YAML_WORDS = {"yes", "no", "true", "false", "on", "off", "null", "y", "n"}
_YAML_WORDS_ANY_CASE = {"".join(c.upper() if bit >> k & 1 else c for k, c in enumerate(w))
                        for w in _YAML_WORDS for bit in range(1 << len(w))}


def simple_mapping(raw: str) -> dict | None:
    """*raw* read as a one-line flow mapping of plain pairs, or None if it is anything else."""
    if _SIMPLE.fullmatch(raw) is None:
        return None
    return pairs_in(raw, 1, len(raw) - 1)


def pairs_in(text: str, start: int, end: int) -> dict | None:
    """The pairs of text[start:end], the inside of a block that matches SIMPLE_MAPPING; None
    if a key or value is a YAML word (yes, off, null ...) that the full reader must read."""
    out: dict = {}
    words = _YAML_WORDS_ANY_CASE
    for key, dq, sq, flt, num, word in _PAIR.findall(text, start, end):
        if key in words or word in words:
            return None
        out[key] = (dq[1:-1] if dq else sq[1:-1] if sq else float(flt) if flt
                    else int(num) if num else word)
    return out


def simple_block(raw: str) -> dict | None:
    """*raw* read as block mapping lines of plain pairs (unindented ``key: value``, blank
    lines allowed), or None if it is anything else."""
    out: dict = {}
    for line in raw.split("\n"):
        if not line.strip():
            continue
        m = _BLOCK_LINE.fullmatch(line)
        if m is None:
            return None
        pair = _pair_value(*m.groups())
        if pair is None:
            return None
        out[pair[0]] = pair[1]
    return out or None


def _pair_value(key, dq, sq, flt, num, word):
    """(key, value) of one matched pair, or None if a YAML word (yes, off, null ...) is in it."""
    if key.lower() in _YAML_WORDS or word and word.lower() in _YAML_WORDS:
        return None
    return key, (dq[1:-1] if dq else sq[1:-1] if sq else float(flt) if flt
                 else int(num) if num else word)


def load_yaml(raw: str, fail):
    """The value of YAML text *raw*; ``fail(what, mark)`` makes the exception to raise."""
    fast = simple_mapping(raw) if raw[:1] == "{" else simple_block(raw)
    if fast is not None:
        return fast
    fail = fail or _plain_failure
    import yaml
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        value = yaml.load(raw, Loader=loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise fail(f"is not valid YAML ({problem})", mark) from None
    except ValueError as exc:     # e.g. an integer with more digits than Python converts
        if "digits" in str(exc):
            raise fail("holds a number with thousands of digits") from None
        raise fail(f"holds a value Reasonmap cannot read ({_first_words(exc)})") from None
    except RecursionError:
        raise fail(f"is nested more than {MAX_DEPTH} levels deep") from None
    return _clean(value, fail, 0, set())


def _clean(value, fail, depth: int, seen: set):
    """*value* as JSON keeps it: dates as ISO text, keys as text; refuse shared containers
    (aliases), nesting deeper than MAX_DEPTH, lone surrogates and other YAML types."""
    if isinstance(value, str):
        if _SURROGATE.search(value):
            raise fail("holds a lone surrogate (\\ud800-\\udfff), which is not a character")
        return value
    if value is None or isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if not isinstance(value, (list, dict)):
        raise fail(f"holds a {type(value).__name__} value, which Reasonmap cannot keep "
                   "(use text, numbers, lists and mappings)")
    if id(value) in seen:
        raise fail("uses a YAML alias (*name); Reasonmap does not accept aliases, "
                   "write the value out instead")
    seen.add(id(value))
    if depth >= MAX_DEPTH:
        raise fail(f"is nested more than {MAX_DEPTH} levels deep")
    if isinstance(value, list):
        return [_clean(v, fail, depth + 1, seen) for v in value]
    return {_key(k, fail): _clean(v, fail, depth + 1, seen) for k, v in value.items()}


def _key(key, fail) -> str:
    """A mapping key as the text JSON would make of it."""
    if isinstance(key, str):
        return _clean(key, fail, 0, set())
    if key is None or isinstance(key, (bool, int, float)):
        return json.dumps(key)
    if isinstance(key, (datetime.date, datetime.time)):
        return key.isoformat()
    raise fail(f"has a {type(key).__name__} as a key; keys must be text")


_SURROGATE = re.compile("[\ud800-\udfff]")


def _first_words(exc: Exception) -> str:
    return str(exc).split(";")[0][:120]


class _PlainFailure(ValueError):
    pass


def _plain_failure(what: str, mark=None) -> Exception:
    return _PlainFailure(f"The YAML {what}")
