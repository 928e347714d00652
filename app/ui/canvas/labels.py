"""What an acceptability label (grounded labelling: in, out, undecided) means on one card, in
words a reader can check against the map, and what the labels as a whole are not.

The labels follow the attacks alone (a card is in when every attacker is out, out when an
attacker is in, undecided otherwise), so they can seem to contradict the strengths and the
ranking, which weigh supports, weights and base scores too: every explanation says so.
"""

from __future__ import annotations

LABELS_KEY = "view/acceptability_labels"      # the stored View setting (off by default)
NOT_STRENGTH = ("Labels count attacks only (grounded labelling): they ignore supports, weights "
                "and base scores, so they are not the strength.")
KEY_TEXT = ("Acceptability labels: IN \u2014 every attacker is out; OUT \u2014 an attacker is in; "
            "UNDEC \u2014 a cycle of attacks. They count attacks only, not supports, weights or "
            "base scores: they are not the strength. Hover a badge for its reason.")
MAX_NAMED = 3


def _names(fw, ids) -> str:
    titles = [f"\u201c{fw.titles.get(n, n)}\u201d" for n in ids[:MAX_NAMED]]
    more = len(ids) - MAX_NAMED
    text = ", ".join(titles)
    return text + (f" and {more} more" if more > 0 else "")


def _attackers(fw, nid: str) -> list[str]:
    return [src for src, rel, _w, _e in fw.parents.get(nid, ()) if rel == "attack"]


def explain_label(fw, labels, nid: str, strength: float | None = None) -> str:
    """Why card *nid* is labelled as it is, from the framework *fw* and all *labels*, and
    that the label is not its *strength*."""
    label = labels.get(nid)
    if label is None or fw is None:
        return ""
    att = _attackers(fw, nid)
    if label == "in":
        why = ("in: nothing attacks it" if not att else
               f"in: every card attacking it is out ({_names(fw, att)})")
    elif label == "out":
        winners = [a for a in att if labels.get(a) == "in"]
        free = [a for a in winners if not _attackers(fw, a)]
        first = (free or winners)[:1]
        tail = ", which nothing attacks" if free else ", which is in"
        why = f"out: attacked by {_names(fw, first)}{tail}"
        if len(winners) > 1:
            why += f" (and by {len(winners) - 1} more that are in)"
    else:
        open_ = [a for a in att if labels.get(a) == "undec"]
        why = f"undecided: attacked by {_names(fw, open_)}, which is undecided too (a cycle of attacks)"
    note = NOT_STRENGTH
    if strength is not None:
        note += f" Its strength is {strength:.2f}."
    return f"{why}.\n{note}"
