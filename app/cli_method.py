"""Sub-commands of the workshop method: `rounds`, `snapshot`, `diff` (and `assess --round`,
which lives with `assess` in cli_workshop).

`rounds` and `diff` only read the map (read-only, in one read transaction); `snapshot`
writes one undoable step through the Document like any edit.
"""

from __future__ import annotations

import json

from .model import ReasonmapError


def register(sub) -> dict:
    r = sub.add_parser("rounds", help="report the rounds of MAP: answers, group ranking, spread, cruxes")
    r.add_argument("map")
    r.add_argument("--json", action="store_true")
    r.add_argument("--open", metavar="NAME", help="open a new round called NAME (then report)")
    r.add_argument("--scope", choices=("map", "lead"), default="map",
                   help="with --open: the whole map (default) or the inputs that could change the lead")
    r.add_argument("--close", action="store_true", help="close the round that is open (then report)")
    s = sub.add_parser("snapshot", help="keep MAP's cards, assessments and ranking now under NAME")
    s.add_argument("map")
    s.add_argument("name")
    d = sub.add_parser("diff", help="compare two snapshots of MAP")
    d.add_argument("map")
    d.add_argument("before", metavar="SNAPSHOT_A")
    d.add_argument("after", metavar="SNAPSHOT_B")
    d.add_argument("--json", action="store_true")
    return {"rounds": cmd_rounds, "snapshot": cmd_snapshot, "diff": cmd_diff}


def _num(v) -> str:
    return "\u2014" if v is None else f"{v:.2f}"


def round_json(amap, result, name) -> dict:
    rnd, report = result.round, result.report
    people = amap.participants
    return {"number": rnd.number, "name": rnd.name, "status": rnd.status, "scope": rnd.scope,
            "time_box": rnd.time_box, "created": rnd.created, "started": rnd.started, "closed": rnd.closed,
            "answer_count": sum(result.answered.values()),
            "answers": [{"participant": people[a.participant].name if a.participant in people else a.participant,
                         "input": a.target, "value": a.value, "note": a.note, "modified": a.modified}
                        for a in amap.answers.values() if a.round == rnd.id],
            "finished": [people[p].name for p in result.finished if p in people],
            "aggregation": report.aggregation_name if report else None,
            "ranking": [{"id": e.id, "title": e.title, "strength": e.strength} for e in result.ranking],
            "inputs": [{"id": t, "name": name(t), "median": s.median, "spread": s.spread,
                        "assessors": s.assessors, "no_opinion": s.no_opinion} for t, s in result.stats.items()],
            "cruxes": [{"input": c.input, "name": name(c.input), "camp_values": list(c.values),
                        "leaders": list(c.leaders)} for c in (report.crux_details if report else [])],
            "crux_reason": report.crux_reason if report else "nobody has given a value yet"}


def _change_rounds(args) -> None:
    from .cli_workshop import _open
    from .document.rounds import scope_targets
    from .model.round_commands import OpenRound, SetRoundStatus, current_round
    doc = _open(args.map)
    try:
        if args.close:
            cur = current_round(doc.map)
            if cur is None:
                raise ReasonmapError("No round is open")
            doc.execute(SetRoundStatus(cur.id, "closed"))
        if args.open is not None:
            targets = scope_targets(doc.weighing, args.scope)
            doc.execute(OpenRound(args.open, args.scope, tuple(targets)))
    finally:
        doc.close()


def cmd_rounds(args) -> int:
    from .cli import load_map
    from .document.rounds import all_results, movement
    if args.open is not None or args.close:
        _change_rounds(args)
    amap = load_map(args.map)
    semantics = amap.meta.get("semantics", "dfquad")
    results = all_results(amap, semantics)
    name = lambda t: _name(amap, t)                     # noqa: E731
    moved = movement(results)
    if args.json:
        print(json.dumps({"semantics": semantics, "rounds": [round_json(amap, r, name) for r in results],
                          "movement": {t: k for t, k in moved.items()}}, indent=2, ensure_ascii=False))
        return 0
    if not results:
        print("(no rounds)")
        return 0
    for r in results:
        _print_round(amap, r, name)
    for kind, words in (("converged", "Converged"), ("contested", "Still contested")):
        print(f"{words}: {', '.join(name(t) for t, k in moved.items() if k == kind) or 'none'}")
    return 0


def _print_round(amap, r, name) -> None:
    from .model.rounds import SCOPES
    rnd = r.round
    print(f"{rnd.title} ({rnd.status}; {SCOPES[rnd.scope]}; {len(rnd.targets)} inputs; "
          f"{len(r.finished)} of {len(amap.participants)} finished; {sum(r.answered.values())} answers kept)")
    if r.report:
        print(f"  Group ranking ({r.report.aggregation_name}):")
        for i, e in enumerate(r.ranking, 1):
            print(f"  {i:>3}  {e.strength:.4f}  {e.title}")
    print("  median  spread  assessors  no opinion  input")
    for t, s in r.stats.items():
        spread = "none" if s.spread is None else f"{s.spread:.2f}"
        print(f"  {_num(s.median):>6}  {spread:>6}  {s.assessors:>9}  {s.no_opinion:>10}  {name(t)}")
    if r.report and r.report.crux_details:
        print("  Cruxes: " + "; ".join(f"{name(c.input)} (camps {c.values[0]:.2f} vs {c.values[1]:.2f})"
                                       for c in r.report.crux_details))
    elif r.report:
        print(f"  Cruxes: none. {r.report.crux_reason}".rstrip())


def _name(amap, key: str) -> str:
    if key in amap.nodes:
        return amap.nodes[key].label
    if key in amap.edges:
        e = amap.edges[key]
        return f"{amap.nodes[e.source].label} -> {amap.nodes[e.target].label}"
    return f"(deleted {key})"


def cmd_snapshot(args) -> int:
    from .cli_workshop import _open
    from .document.snapshots import take_snapshot
    doc = _open(args.map)
    try:
        take_snapshot(doc, args.name)
    finally:
        doc.close()
    print(f"Snapshot {args.name.strip()!r} kept in {doc.path.name}")
    return 0


def cmd_diff(args) -> int:
    from .cli import load_map
    from .document.snapshots import compare, diff_lines, snapshot_named
    amap = load_map(args.map)
    try:
        result = compare(snapshot_named(amap, args.before), snapshot_named(amap, args.after))
    except ValueError as exc:
        raise ReasonmapError(str(exc)) from None
    if args.json:
        print(json.dumps(result.as_json(), indent=2, ensure_ascii=False))
        return 0
    for line in diff_lines(result):
        print(line)
    return 0
