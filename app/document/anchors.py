"""Anchors: links from nodes to passages of a map's source documents (Qt-free).

An anchor is ``{"source": id, "start": int, "end": int, "quote": str}``. When the source
text is edited, each anchor is looked for again by its quote: first an exact match nearest
the old place, then a match that ignores case and runs of white space, then a close
(fuzzy) match. An anchor that cannot be found keeps its old values and gets
``"lost": True``; it is never dropped.

Nodes without an anchor can still point at a passage through their ``source_ref``
("key point 7", "executive summary"), which is looked up among the numbered lines of a source.

>>> find_anchor("one two three", {"start": 0, "end": 3, "quote": "two"})
(4, 7)
>>> key_point_spans("Intro\\n1. First\\n2. Second")["key point 2"]
(15, 24)
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import lru_cache

from ..model.changes import Updated

FUZZY_THRESHOLD = 0.8
MAX_CANDIDATES = 8

_SPACE = re.compile(r"\s+")
_KEY_LINE = re.compile(r"^[\s>*_#-]*(?:key\s*point\s*|point\s*|kp\s*)?(\d{1,3})\s*[.):]\s*\S", re.I)
_KEY_WORDS = re.compile(r"^[\s>*_#-]*key\s*point\s*(\d{1,3})\b", re.I)
_SUMMARY = re.compile(r"^[\s>*_#-]*(executive\s+summary|summary|tl;\s*dr)\s*[:.\u2014-]", re.I)
_REF = re.compile(r"^(?:key\s*point|point|kp|#)?\s*(\d{1,3})$")


# ----- finding one anchor -----------------------------------------------------------------
def find_anchor(text: str, anchor: dict) -> tuple[int, int] | None:
    """Where *anchor*'s quote is in *text* now, as (start, end), or None if it is gone."""
    quote = str(anchor.get("quote") or "")
    if not quote.strip():
        return None
    near = _int(anchor.get("start"))
    return (_exact(text, quote, near) or _normalised(text, quote, near)
            or _fuzzy(text, quote, near))


def _int(value) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _occurrences(haystack: str, needle: str):
    """Every start index of *needle* in *haystack* (overlapping ones too)."""
    i = haystack.find(needle)
    while i >= 0:
        yield i
        i = haystack.find(needle, i + 1)


def _exact(text: str, quote: str, near: int) -> tuple[int, int] | None:
    best = min(_occurrences(text, quote), key=lambda i: abs(i - near), default=None)
    return None if best is None else (best, best + len(quote))


@lru_cache(maxsize=4)
def normalise(text: str) -> tuple[str, tuple[int, ...]]:
    """*text* in lower case with each run of white space as one space, and for every
    character of the result the index it came from in *text*."""
    out, where = [], []
    for m in re.finditer(r"\s+|\S+", text):
        if m.group()[0].isspace():
            out.append(" ")
            where.append(m.start())
        else:
            out.append(m.group().lower())
            where.extend(range(m.start(), m.end()))
    joined = "".join(out)
    if len(joined) != len(where):      # lower() changed a length (rare letters): map 1:1
        joined, where = _SPACE.sub(" ", text), list(range(len(text)))
    return joined, tuple(where)


def _span_back(where: list[int], text: str, start: int, end: int) -> tuple[int, int]:
    """The span of *text* behind normalised characters [start, end)."""
    last = where[end - 1]
    stop = last + 1
    while text[last].isspace() and stop < len(text) and text[stop].isspace():
        stop += 1
    return where[start], stop


def _normalised(text: str, quote: str, near: int) -> tuple[int, int] | None:
    norm, where = normalise(text)
    q = _SPACE.sub(" ", quote.strip()).lower()
    hits = list(_occurrences(norm, q))
    if not hits:
        return None
    best = min(hits, key=lambda i: abs(where[i] - near))
    return _span_back(where, text, best, best + len(q))


# ----- fuzzy matching ----------------------------------------------------------------------
def _fuzzy(text: str, quote: str, near: int) -> tuple[int, int] | None:
    """The passage most like *quote* (similarity at least FUZZY_THRESHOLD), nearest *near*.

    Pieces of the quote that occur verbatim vote for where the quote would start; only the
    best few places are compared in full, so a long source stays fast.
    """
    norm, where = normalise(text)
    q = _SPACE.sub(" ", quote.strip()).lower()
    if len(q) < 8 or not norm:
        return None
    best = None
    for cand in _candidates(norm, q):
        found = _align(norm, q, cand)
        if found is None:
            continue
        ratio, s, e = found
        start, end = _snap(text, *_span_back(where, text, s, e))
        key = (round(ratio, 3), -abs(start - near))
        if best is None or key > best[0]:
            best = (key, (start, end))
    return None if best is None else best[1]


def _snap(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a fuzzy span to whole words and trim white space at its ends."""
    while start > 0 and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum() and text[end - 1].isalnum():
        end += 1
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _candidates(norm: str, q: str) -> list[int]:
    """Likely start positions of *q* in *norm*, best voted first."""
    size = max(4, min(12, len(q) // 4))
    step = max(1, size // 2)
    bucket = max(8, len(q) // 4)
    votes: dict[int, int] = {}
    for offset in range(0, len(q) - size + 1, step):
        piece = q[offset:offset + size]
        if not piece.strip():
            continue
        for count, i in enumerate(_occurrences(norm, piece)):
            if count > 50:          # a very common piece says little
                break
            key = (i - offset) // bucket
            votes[key] = votes.get(key, 0) + 1
    ranked = sorted(votes, key=lambda k: -votes[k])[:MAX_CANDIDATES]
    return [k * bucket for k in ranked]


def _align(norm: str, q: str, cand: int) -> tuple[float, int, int] | None:
    """Best alignment of *q* near *cand*: (similarity, start, end) or None if too weak."""
    slack = max(16, len(q) // 2)
    lo = max(0, cand - slack)
    window = norm[lo:cand + len(q) + slack + 8]
    blocks = [b for b in SequenceMatcher(None, window, q, autojunk=False).get_matching_blocks()
              if b.size >= 3]
    best = None
    while blocks:
        s, e = lo + blocks[0].a, lo + blocks[-1].a + blocks[-1].size
        ratio = SequenceMatcher(None, norm[s:e], q, autojunk=False).ratio()
        if best is not None and ratio <= best[0]:
            break
        best = (ratio, s, e)
        head, tail = blocks[0].b, len(q) - blocks[-1].b - blocks[-1].size
        if head or tail:        # the quote's own ends did not match: try them in too
            s2, e2 = _snap(norm, max(0, s - head), min(len(norm), e + tail))
            ratio2 = SequenceMatcher(None, norm[s2:e2], q, autojunk=False).ratio()
            if ratio2 >= max(FUZZY_THRESHOLD, ratio - 0.05):   # covering the ends matters more
                best = (ratio2, s2, e2)
        # a stray piece matched far from the rest widens the span: drop the worse end
        first_gap = blocks[1].a - blocks[0].a - blocks[0].size if len(blocks) > 1 else 0
        last_gap = blocks[-1].a - blocks[-2].a - blocks[-2].size if len(blocks) > 1 else 0
        if len(blocks) < 2:
            break
        blocks = blocks[1:] if first_gap >= last_gap else blocks[:-1]
    return best if best and best[0] >= FUZZY_THRESHOLD else None


# ----- re-anchoring a whole map ------------------------------------------------------------
def reanchor_changes(amap, source_id: str, new_text: str) -> tuple[list[Updated], list[str]]:
    """Changes that move every anchor into *source_id* to its place in *new_text*, and the
    ids of nodes whose passage cannot be found (their anchor is kept, marked lost)."""
    changes, lost = [], []
    for node in amap.nodes.values():
        old = node.anchor
        if not isinstance(old, dict) or old.get("source") != source_id:
            continue
        span = find_anchor(new_text, old)
        if span is None:
            lost.append(node.id)
            new = dict(old, lost=True)
        else:
            new = {k: v for k, v in old.items() if k != "lost"}
            new["start"], new["end"] = span
        if new != old:
            changes.append(Updated("nodes", node.id, "anchor", old, new))
    return changes, lost


# ----- key points and links ----------------------------------------------------------------
def key_point_spans(source_text: str) -> dict[str, tuple[int, int]]:
    """Numbered lines ("1. …", "Key point 7: …") and summary lines ("Executive summary: …")
    as {"key point N" | "executive summary" | "summary": (start, end) of the line}."""
    spans: dict[str, tuple[int, int]] = {}
    pos = 0
    for line in source_text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        ref = _line_ref(body)
        if ref and ref not in spans:
            lead = len(body) - len(body.lstrip())
            spans[ref] = (pos + lead, pos + len(body.rstrip()))
        pos += len(line)
    if "executive summary" in spans:
        spans.setdefault("summary", spans["executive summary"])
    elif "summary" in spans:
        spans["executive summary"] = spans["summary"]
    return spans


def _line_ref(line: str) -> str | None:
    m = _KEY_WORDS.match(line) or _KEY_LINE.match(line)
    if m:
        return f"key point {int(m.group(1))}"
    m = _SUMMARY.match(line)
    if m:
        word = _SPACE.sub(" ", m.group(1).lower())
        return "executive summary" if word.startswith(("executive", "tl")) else "summary"
    return None


def normalise_ref(source_ref: str) -> str:
    """A node's source_ref in the form key_point_spans uses ("Key Point 7." → "key point 7")."""
    ref = _SPACE.sub(" ", (source_ref or "").strip().lower()).rstrip(".:;,")
    m = _REF.match(ref)
    if m:
        return f"key point {int(m.group(1))}"
    return ref


def node_span(amap, node, spans: dict | None = None) -> tuple[str, int, int] | None:
    """(source id, start, end) of the passage *node* is linked to, or None.

    A live anchor wins; otherwise the node's source_ref is looked up among the key-point
    lines of its anchor's source, or of the map's sources in order. *spans* may cache
    {source id: key_point_spans(text)}.
    """
    anchor = node.anchor if isinstance(node.anchor, dict) else None
    if anchor and not anchor.get("lost") and anchor.get("source") in amap.sources:
        text = amap.sources[anchor["source"]].text
        start, end = _int(anchor.get("start")), _int(anchor.get("end"))
        if 0 <= start < end <= len(text):
            return anchor["source"], start, end
    ref = normalise_ref(node.source_ref)
    if not ref:
        return None
    order = list(amap.sources)
    if anchor and anchor.get("source") in amap.sources:
        order.remove(anchor["source"])
        order.insert(0, anchor["source"])
    for sid in order:
        table = _spans_of(amap, sid, spans)
        if ref in table:
            return (sid, *table[ref])
    return None


def _spans_of(amap, sid: str, cache: dict | None) -> dict:
    if cache is None:
        return key_point_spans(amap.sources[sid].text)
    if sid not in cache:
        cache[sid] = key_point_spans(amap.sources[sid].text)
    return cache[sid]


def linked_passages(amap, source_id: str) -> list[tuple[int, int, tuple[str, ...]]]:
    """The passages of *source_id* that nodes link to: [(start, end, node ids)] by position."""
    cache: dict = {}
    groups: dict[tuple[int, int], list[str]] = {}
    for node in amap.nodes.values():
        span = node_span(amap, node, cache)
        if span and span[0] == source_id:
            groups.setdefault(span[1:], []).append(node.id)
    return [(s, e, tuple(ids)) for (s, e), ids in sorted(groups.items())]


def passage_title(passage: str, limit: int = 60) -> str:
    """The first words of *passage*, at most *limit* characters, cut at a word boundary.

    >>> passage_title("Cars clog the centres and the air is bad for everyone", 30)
    'Cars clog the centres and the…'
    """
    words = " ".join(passage.split())
    if len(words) <= limit:
        return words
    head = words[:limit - 1]
    whole = words[limit - 1] == " " or " " not in head      # head ends at a word's end
    cut = head if whole else head.rsplit(" ", 1)[0]
    return cut.rstrip(",;:.-") + "…"


def lost_anchors(amap, source_id: str) -> list[str]:
    """Ids of nodes whose anchor into *source_id* could not be found after an edit."""
    return [n.id for n in amap.nodes.values() if isinstance(n.anchor, dict)
            and n.anchor.get("source") == source_id and n.anchor.get("lost")]
