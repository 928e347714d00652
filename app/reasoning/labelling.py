"""Dung's grounded labelling on the attack relation (weights and supports ignored).

A node is ``in`` when all its attackers are ``out``, ``out`` when an attacker is ``in``;
what the two rules leave open is ``undec``.

>>> from app.reasoning.framework import framework_from_edges
>>> fw = framework_from_edges(dict.fromkeys("abcd", .5),
...     [("a", "b", "attack"), ("b", "c", "attack"), ("c", "d", "attack")])
>>> grounded_labelling(fw)
{'a': 'in', 'b': 'out', 'c': 'in', 'd': 'out'}
"""

from __future__ import annotations

from .framework import Framework

IN, OUT, UNDEC = "in", "out", "undec"


def grounded_labelling(fw: Framework) -> dict[str, str]:
    """Each evaluated node → 'in', 'out' or 'undec' (the grounded labelling)."""
    attackers = {n: [p.source for p in plist if p.relation == "attack"]
                 for n, plist in fw.parents.items()}
    targets: dict[str, list[str]] = {n: [] for n in fw.tau}
    for n, srcs in attackers.items():
        for src in srcs:
            targets[src].append(n)
    label: dict[str, str] = {}
    open_attackers = {n: len(srcs) for n, srcs in attackers.items()}
    todo = [n for n, k in open_attackers.items() if k == 0]
    while todo:
        node = todo.pop()
        label[node] = IN
        for victim in targets[node]:
            if victim in label:
                continue
            label[victim] = OUT
            for further in targets[victim]:
                if further not in label:
                    open_attackers[further] -= 1
                    if open_attackers[further] == 0:
                        todo.append(further)
    return {n: label.get(n, UNDEC) for n in fw.tau}
