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

from typing import Iterable, Mapping

from .framework import Framework, copied

IN, OUT, UNDEC = "in", "out", "undec"
ATTACK = "attack"


def relabelled(fw: Framework, labels: Mapping[str, str], roots: Iterable[str]
               ) -> tuple[dict[str, str], set[str]]:
    """The grounded labelling of *fw* from *labels* (that of a framework that differs only in
    the attackers of *roots*, and in nodes added there or removed), and the nodes whose label
    changed.

    A node's label depends on its attackers' alone, so only the nodes that *roots* reach
    through attacks are labelled again, with the labels of every attacker outside them fixed.

    >>> from app.reasoning.framework import framework_from_edges
    >>> fw = framework_from_edges(dict.fromkeys("abc", .5), [("a", "b", "attack"),
    ...                                                      ("b", "c", "attack")])
    >>> old = grounded_labelling(fw)
    >>> loop = framework_from_edges(fw.tau, [("a", "b", "attack"), ("b", "c", "attack"),
    ...                                      ("c", "a", "attack")])
    >>> new, moved = relabelled(loop, old, ["a"])
    >>> new == grounded_labelling(loop), sorted(moved)
    (True, ['a', 'b', 'c'])
    """
    region = _attack_reach([n for n in roots if n in fw.tau], fw)
    attackers = {n: [src for src, rel, _w, _e in fw.parents[n] if rel == ATTACK] for n in region}
    fresh = _label(region, attackers, labels)
    new = copied(labels)
    gone = labels.keys() - fw.tau.keys()
    for n in gone:
        del new[n]
    for n in region:
        new[n] = fresh.get(n, UNDEC)
    moved = {n for n in region if labels.get(n) != new[n]} | gone
    return new, moved


def _attack_reach(roots, fw: Framework) -> set[str]:
    """The roots and every node they reach through attacks."""
    seen, todo = set(roots), list(roots)
    while todo:
        node = todo.pop()
        for child in fw.children[node]:
            if child not in seen and any(src == node and rel == ATTACK
                                         for src, rel, _w, _e in fw.parents[child]):
                seen.add(child)
                todo.append(child)
    return seen


def _label(region, attackers, fixed: Mapping[str, str]) -> dict[str, str]:
    """Grounded labels of the nodes of *region* (closed under being attacked from it), the
    labels of attackers outside it given by *fixed*."""
    targets: dict[str, list[str]] = {n: [] for n in region}
    open_attackers, label = {}, {}
    for n in region:
        count, beaten = 0, False
        for src in attackers[n]:
            if src in targets:
                targets[src].append(n)
                count += 1
            elif fixed.get(src) == IN:
                beaten = True
            elif fixed.get(src) != OUT:
                count += 1          # undecided outside: never out, so never counted down
        if beaten:
            label[n] = OUT
        open_attackers[n] = count
    todo = [n for n, k in open_attackers.items() if k == 0 and n not in label]
    for n in label:               # out from outside: what they attack loses an open attacker
        _count_down(n, targets, open_attackers, label, todo)
    while todo:
        node = todo.pop()
        if node in label:
            continue
        label[node] = IN
        for victim in targets[node]:
            if victim not in label:
                label[victim] = OUT
                _count_down(victim, targets, open_attackers, label, todo)
    return label


def _count_down(out_node, targets, open_attackers, label, todo) -> None:
    for further in targets[out_node]:
        if further not in label:
            open_attackers[further] -= 1
            if open_attackers[further] == 0:
                todo.append(further)


def grounded_labelling(fw: Framework) -> dict[str, str]:
    """Each evaluated node → 'in', 'out' or 'undec' (the grounded labelling)."""
    attackers = {n: [src for src, rel, _w, _e in plist if rel == "attack"]
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
