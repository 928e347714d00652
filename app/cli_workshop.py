"""Workshop sub-commands of `reasonmap`: participants and assessments from the command line.

Each change is one command executed through the Document, so it is committed in one
transaction; a map open for editing elsewhere is refused by the store with one clear line.
`assess --round R` answers within round R (its number or name); there `--value none` is an
explicit "no opinion". The round reports, snapshots and diffs are in cli_method.
"""

from __future__ import annotations

import math
from pathlib import Path

from .model import ArgumentMap, ReasonmapError
from .model.entities import EVALUATED_RELATIONS

COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#7A7A7A")


def register(sub) -> dict:
    """Add the workshop sub-commands to *sub*; return {name: handler}."""
    p = sub.add_parser("participants", help="list, add or remove the participants of MAP")
    p.add_argument("map")
    p.add_argument("--add", metavar="NAME", help="add a participant")
    p.add_argument("--remove", metavar="NAME", help="remove a participant and their assessments")
    a = sub.add_parser("assess", help="record one participant's value for one input of MAP")
    a.add_argument("map")
    a.add_argument("--participant", metavar="NAME", required=True)
    a.add_argument("--input", metavar="ID_OR_TITLE", required=True, help="a card's or relation's id, or a card's title")
    a.add_argument("--value", required=True, help="a number between 0 and 1 (with --round also 'none': no opinion)")
    a.add_argument("--note", default="", help="a short reason kept with the value")
    a.add_argument("--round", metavar="R", help="answer within round R (its number or name), kept per round")
    from .cli_method import register as register_method
    return {"participants": cmd_participants, "assess": cmd_assess, **register_method(sub)}


def _open(path):
    from .document import Document
    if Path(path).suffix.lower() != ".rmap":
        raise ReasonmapError(f"Changing participants or assessments needs a .rmap file, not {Path(path).name!r}")
    return Document.open(path)


def participant_named(amap: ArgumentMap, name: str):
    """The participant called *name*, or a ReasonmapError listing who there is."""
    for p in amap.participants.values():
        if p.name == name.strip():
            return p
    names = ", ".join(sorted(p.name for p in amap.participants.values())) or "none"
    raise ReasonmapError(f"No participant called {name!r} (participants: {names})")


def cmd_participants(args) -> int:
    if not (args.add or args.remove):
        from .cli import load_map
        amap = load_map(args.map)
        counts = {}
        for a in amap.assessments.values():
            counts[a.participant] = counts.get(a.participant, 0) + 1
        for p in sorted(amap.participants.values(), key=lambda p: p.name.lower()):
            print(f"{p.name}\t{counts.get(p.id, 0)} assessed")
        if not amap.participants:
            print("(no participants)")
        return 0
    from .model.commands import AddParticipant, RemoveParticipant
    doc = _open(args.map)
    try:
        if args.remove:
            doc.execute(RemoveParticipant(participant_named(doc.map, args.remove).id))
            print(f"Removed {args.remove!r}")
        if args.add:
            used = {p.colour.lower() for p in doc.map.participants.values()}
            colour = next((c for c in COLOURS if c.lower() not in used), COLOURS[0])
            doc.execute(AddParticipant(args.add, colour))
            print(f"Added {args.add.strip()!r}")
    finally:
        doc.close()
    return 0


def parse_value(text: str) -> float:
    """*text* as a number in [0, 1], or a ReasonmapError saying what is wrong."""
    try:
        v = float(text)
    except ValueError:
        v = math.nan
    if not 0.0 <= v <= 1.0:
        raise ReasonmapError(f"--value must be a number between 0 and 1, not {text!r}")
    return v


def resolve_input(amap: ArgumentMap, key: str) -> str:
    """The id of the weighed card or relation *key* names (its id, or a card's unique title)."""
    if key in amap.nodes or key in amap.edges:
        target = key
    else:
        hits = sorted(n.id for n in amap.nodes.values() if n.title == key)
        if not hits:
            hits = sorted(n.id for n in amap.nodes.values() if n.title.casefold() == key.casefold())
        if not hits:
            raise ReasonmapError(f"No card or relation has the id or title {key!r}")
        if len(hits) > 1:
            raise ReasonmapError(f"{len(hits)} cards are titled {key!r} (ids {', '.join(hits)}); pass the id instead")
        target = hits[0]
    if target in amap.nodes and amap.nodes[target].kind == "note":
        raise ReasonmapError(f"{key!r} is a note, which is not weighed")
    if target in amap.edges and amap.edges[target].relation not in EVALUATED_RELATIONS:
        raise ReasonmapError(f"{key!r} is a {amap.edges[target].relation!r} relation, which is not weighed")
    return target


def round_called(amap: ArgumentMap, key: str):
    """The round numbered or named *key*, or a ReasonmapError listing the rounds."""
    for r in amap.rounds.values():
        if key.strip() == str(r.number) or key.strip() == r.name:
            return r
    names = ", ".join(r.title for r in sorted(amap.rounds.values(), key=lambda r: r.number)) or "none"
    raise ReasonmapError(f"No round numbered or named {key!r} (rounds: {names})")


def cmd_assess(args) -> int:
    from .model.commands import Assess
    from .model.round_commands import AnswerInRound
    none = args.round is not None and args.value.strip().lower() in ("none", "no opinion", "no-opinion")
    value = None if none else parse_value(args.value)
    doc = _open(args.map)
    try:
        person = participant_named(doc.map, args.participant)
        target = resolve_input(doc.map, args.input)
        if args.round is not None:
            rnd = round_called(doc.map, args.round)
            doc.execute(AnswerInRound(rnd.id, person.id, target, value, args.note))
        else:
            doc.execute(Assess(person.id, target, value, args.note))
    finally:
        doc.close()
    shown = "no opinion" if value is None else f"{value:g}"
    print(f"{person.name}: {args.input} = {shown}" + (f" (round {rnd.number})" if args.round else ""))
    return 0


def _name(amap: ArgumentMap, key: str) -> str:
    if key in amap.nodes:
        return amap.nodes[key].label
    e = amap.edges[key]
    return f"{amap.nodes[e.source].label} -> {amap.nodes[e.target].label}"


def group_json(amap: ArgumentMap, report, fw) -> dict:
    """`evaluate --group --json`: the usual keys plus the aggregation, inputs and cruxes."""
    from .reasoning import grounded_labelling
    from .reasoning.group import WHY_THEY_DIFFER
    return {"semantics": report.semantics, "converged": report.converged,
            "aggregation": report.aggregation, "aggregation_name": report.aggregation_name,
            "aggregation_note": WHY_THEY_DIFFER, "notes": report.notes,
            "strengths": report.strengths, "labels": grounded_labelling(fw),
            "ranking": [{"id": e.id, "title": e.title, "strength": e.strength} for e in report.group],
            "inputs": [{"id": k, "name": _name(amap, k), "assessors": report.assessors[k],
                        "median": report.medians[k], "spread": report.spread[k]}
                       for k in sorted(report.assessors)],
            "camps": {s: list(p) for s, p in report.camps.items()},
            "cruxes": [{"input": c.input, "name": _name(amap, c.input), "camp_values": list(c.values),
                        "leaders": list(c.leaders)} for c in report.crux_details],
            "crux_reason": report.crux_reason}


def print_group(amap: ArgumentMap, semantics: str, args) -> int:
    """`evaluate --group`: the group ranking, how it was aggregated, and the cruxes."""
    import json
    from .reasoning import framework_from_map, group_overrides
    from .reasoning.group import WHY_THEY_DIFFER, group_report
    if not amap.participants:
        raise ReasonmapError("This map has no participants to aggregate")
    report = group_report(amap, semantics, aggregation=args.aggregation or "inputs")
    if args.json:
        fw = framework_from_map(amap, group_overrides(amap))
        print(json.dumps(group_json(amap, report, fw), indent=2, ensure_ascii=False))
        return 0
    print(f"Group ranking ({report.aggregation_name}, {len(amap.participants)} participants)")
    print(f"  {WHY_THEY_DIFFER}")
    for note in report.notes:
        print(f"  {note}")
    for rank, e in enumerate(report.group, 1):
        print(f"{rank:>3}  {e.strength:.4f}  {e.title}")
    print("Cruxes:" if report.cruxes else f"Cruxes: none. {report.crux_reason}")
    for c in report.crux_details:
        spread = report.spread[c.input]
        print(f"  {_name(amap, c.input)}: camps {c.values[0]:.2f} vs {c.values[1]:.2f}, "
              f"{report.assessors[c.input]} assessors, spread "
              f"{'—' if spread is None else f'{spread:.2f}'}")
    return 0
