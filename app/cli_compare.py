"""The text that `reasonmap compare` prints: the table, head to head, leader changes and the
ranking under every semantics (the data comes from :mod:`app.reasoning.compare`)."""

from __future__ import annotations

from .model import SEMANTICS
from .reasoning.ranking import level

SEPARATING_SHOWN = 10   # considerations listed head to head (the JSON has all)


def print_comparison(amap, fw, table, duel, leads, robust, who: str, flip_line) -> None:
    """Print every part of the comparison as plain text."""
    labels = {c.id: f"S{c.rank}" for c in table.columns}
    state = "converged" if table.converged else "NOT converged"
    print(f"Compare the strategies of {amap.meta.get('title', '')!r} under "
          f"{SEMANTICS[table.semantics]}, from {who} ({state}, method: {table.method})")
    for c in table.columns:
        print(f"  {labels[c.id]:<4} {c.strength:.4f}  rank {c.rank}  {c.title}")
    _print_table(table, labels)
    _print_duel(fw, duel, labels, amap, flip_line, {c.id: c.strength for c in table.columns})
    _print_leads(fw, leads, amap, flip_line)
    print(f"Across the four semantics: {robust.sentence}")
    for sem, ids in robust.rankings.items():
        settled = "" if robust.converged[sem] else "  (not settled)"
        print(f"  {SEMANTICS[sem] + ':':<27} {' > '.join(labels[i] for i in ids)}{settled}")


def _print_table(table, labels) -> None:
    print("Contribution of each consideration to each strategy (its strength minus its strength "
          "without that consideration; blank where it does not bear):")
    if not table.rows:
        print("  (nothing bears on the strategies yet)")
        return
    heads = "".join(f"{labels[c.id]:>9}" for c in table.columns)
    print(f"{heads}   consideration")
    for row in table.rows:
        cells = "".join(f"{row.contributions[c.id]:>+9.4f}" if c.id in row.contributions
                        else " " * 9 for c in table.columns)
        print(f"{cells}   {row.title}")


def _print_duel(fw, duel, labels, amap, flip_line, strengths) -> None:
    a, b = fw.titles[duel.a], fw.titles[duel.b]
    if level(strengths.get(duel.a), strengths.get(duel.b)):
        print(f"Head to head: {labels[duel.a]} {a!r} level with {labels[duel.b]} {b!r} "
              f"({strengths[duel.a]:.4f} each; listed first only by its title)")
    else:
        print(f"Head to head: {labels[duel.a]} {a!r} ahead of {labels[duel.b]} {b!r}")
    print(f"  Separating them most (contribution to {labels[duel.a]} minus to {labels[duel.b]}):")
    if not duel.separating:
        print("    (none: no consideration bears more on one than on the other)")
    for x in duel.separating[:SEPARATING_SHOWN]:
        print(f"    {x.difference:+.4f}  ({labels[duel.a]} {x.a:+.4f}, {labels[duel.b]} {x.b:+.4f})"
              f"  {x.title}")
    print(f"  What alone would put {b!r} ahead of {a!r}:")
    for line in duel.flips.caveats():
        print(f"    {line}")
    if duel.flips.searched and not duel.flips.flips and not duel.flips.tied:
        print("    No single base score or weight can reverse them.")
    for f in duel.flips.flips:
        print(f"    {flip_line(amap, f)}")


def _print_leads(fw, leads, amap, flip_line) -> None:
    print(f"Leader changes (one input alone puts another strategy than "
          f"{fw.titles[leads.top[0]]!r} first):")
    for line in leads.caveats():
        print(f"    {line}")
    if leads.searched and not leads.flips and not leads.tied:
        print("    No single base score or weight can change the leader.")
    for f in leads.flips:
        print(f"    {flip_line(amap, f)}  (then {fw.titles[f.leader]!r} leads)")
