"""The `reasonmap` command line: a thin shell over document, io, reasoning and render.

With no sub-command it opens the GUI. Every failure is one line on stderr and a non-zero
exit status; nothing is written on failure.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from . import __version__
from .model import SEMANTICS, ArgumentMap, ReasonmapError
from .cli_export import add_aggregation_arg, check_aggregation_use, export_text

IMAGE_SUFFIXES = (".png", ".svg", ".pdf")
EXIT_ERROR = 1
EXIT_USAGE = 2


def _columns() -> int:
    """The terminal's width, as ``shutil.get_terminal_size`` gives it (``COLUMNS`` first), 80
    when there is no terminal."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns > 0:
        return columns
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns or 80
    except (AttributeError, ValueError, OSError):
        return 80


class _Formatter(argparse.HelpFormatter):
    """argparse's help formatter, given the terminal's width: left to itself it imports
    ``shutil`` for it (with ``bz2``, ``lzma`` and ``zlib``), a good part of every command's
    start-up, and argparse makes a formatter for every argument it is given."""

    def __init__(self, prog, indent_increment=2, max_help_position=24, width=None):
        super().__init__(prog, indent_increment, max_help_position,
                         _columns() - 2 if width is None else width)


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser with that formatter (its sub-command parsers are made of this class)."""

    def __init__(self, *args, formatter_class=_Formatter, **kwargs):
        super().__init__(*args, formatter_class=formatter_class, **kwargs)


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="reasonmap", description="Map, weigh and export debates.")
    p.add_argument("--version", action="version", version=f"reasonmap {__version__}")
    p.add_argument("--self-test", action="store_true", help="open, evaluate and export the shipped map headlessly")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    o = sub.add_parser("open", help="open PATH in the window (other formats are imported into a new .rmap)")
    o.add_argument("path")
    i = sub.add_parser("import", help="import SRC into a new .rmap file")
    i.add_argument("source")
    i.add_argument("-o", "--output", required=True, help="the .rmap file to create")
    i.add_argument("--format", help="the format of SRC (default: from its suffix)")
    i.add_argument("--force", action="store_true", help="replace OUT if it exists")
    e = sub.add_parser("export", help="export MAP as a text format or an image (PNG, SVG, PDF)")
    e.add_argument("map")
    e.add_argument("-o", "--output", required=True)
    e.add_argument("--format", help="output format (default: from the suffix of -o)")
    e.add_argument("--scale", type=float, default=None, help="image scale factor (PNG, SVG; default 1)")
    e.add_argument("--transparent", action="store_true", help="PNG or SVG with a transparent background")
    e.add_argument("--legend", action="store_true", help="draw a legend beside the map")
    e.add_argument("--ranking", action="store_true", help="draw the strategy ranking beside the map")
    layout = e.add_mutually_exclusive_group()
    layout.add_argument("--slides", action="store_true",
                        help="16:9 slides: the ranking, then one slide per strategy (PDF, or numbered PNGs)")
    layout.add_argument("--poster", action="store_true",
                        help="PDF: the whole map at a legible scale across pages, with overlap marks")
    e.add_argument("--page", help="page size of --poster (A3, A4 (default), A5, letter, legal, tabloid)")
    _perspective_args(e)
    add_aggregation_arg(e)
    ev = sub.add_parser("evaluate", help="rank the strategies of MAP")
    ev.add_argument("map")
    _semantics_arg(ev)
    who = ev.add_mutually_exclusive_group()
    who.add_argument("--participant", metavar="NAME", help="use this participant's assessments")
    who.add_argument("--group", action="store_true", help="use the median of all participants' assessments")
    ev.add_argument("--aggregation", choices=("inputs", "strengths"), default=None,
                    help="with --group: median of inputs then evaluate (default), or each person's strength then the median")
    ev.add_argument("--json", action="store_true", help="machine-readable output")
    s = sub.add_parser("sensitivity", help="which single input would swap the top two strategies")
    s.add_argument("map")
    _semantics_arg(s)
    _perspective_args(s)
    _work_arg(s)
    s.add_argument("--json", action="store_true")
    cmp = sub.add_parser("compare", help="compare the strategies: contributions, head to head, robustness")
    cmp.add_argument("map")
    cmp.add_argument("pair", nargs="*", metavar="A B", help="two strategies (id or title) to set head to head")
    _semantics_arg(cmp)
    _perspective_args(cmp)
    _work_arg(cmp)
    cmp.add_argument("--json", action="store_true", help="machine-readable output")
    c = sub.add_parser("check", help="check a map file's integrity; exit 0 only if it is sound")
    c.add_argument("map")
    from .cli_workshop import register
    COMMANDS.update(register(sub))
    from .cli_live import register as register_live
    COMMANDS.update(register_live(sub))
    return p


def _perspective_args(p) -> None:
    who = p.add_mutually_exclusive_group()
    who.add_argument("--participant", metavar="NAME", help="use this participant's assessments")
    who.add_argument("--group", action="store_true", help="use the median of all participants' assessments")


def _work_arg(p) -> None:
    p.add_argument("--work", type=float, default=10.0, metavar="MILLIONS",
                   help="cap on the search's work, in millions of node updates (default 10)")


def _semantics_arg(p) -> None:
    p.add_argument("--semantics", choices=list(SEMANTICS), default=None,
                   help="dfquad (default), qe, euler or hcat")


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.self_test:
            from .selftest import run_self_test
            return run_self_test()
        if args.command is None:
            return _gui(None)
        return COMMANDS[args.command](args)
    except ReasonmapError as exc:
        print(f"reasonmap: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except OSError as exc:
        print(f"reasonmap: error: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130


def _gui(path) -> int:
    from .ui.app import run_gui
    return run_gui(path)


def load_map(path) -> ArgumentMap:
    """A map from a .rmap file (opened read-only) or any importable format."""
    p = Path(path)
    if p.suffix.lower() == ".rmap":
        from .store import Store
        store = Store.open(p, read_only=True)
        try:
            return store.load()
        finally:
            store.close()
    from .io import import_file
    from .store import regular_file
    regular_file(p, "source")
    return import_file(p).map


def cmd_open(args) -> int:
    return _gui(args.path)


def cmd_import(args) -> int:
    from .gcpause import collector_paused
    from .io import import_file
    from .store import Store, regular_file
    out = Path(args.output)
    if out.suffix.lower() != ".rmap":
        raise ReasonmapError(f"The output of an import must be a .rmap file, not {out.name!r}")
    if out.exists() and not args.force:
        raise ReasonmapError(f"{out} already exists; choose another name or pass --force")
    regular_file(Path(args.source), "source")
    with collector_paused():      # reading, laying out and writing make no cycles
        result = import_file(args.source, args.format)
        amap = _laid_out(result.map)
        # Store.create takes OUT's edit lock before replacing it (a map open for editing
        # elsewhere is refused), builds the file under a unique temporary name and checks it
        # once renamed; the command does not read the map back (Document.import_as does).
        Store.create(out, amap, overwrite=args.force).close()
    for note in result.notes:
        print(f"note: {note}", file=sys.stderr)
    print(f"Imported {len(amap.nodes)} nodes and {len(amap.edges)} relations into {out}")
    return 0


def _laid_out(amap: ArgumentMap) -> ArgumentMap:
    """Positions for nodes without any, so the window opens the map as the export draws it."""
    from .render.export import with_layout
    return with_layout(amap)


def cmd_export(args) -> int:
    amap = load_map(args.map)
    out = Path(args.output)
    fmt = (args.format or out.suffix.lstrip(".")).lower()
    if args.page and not args.poster:
        raise ReasonmapError("--page sets the sheet size of --poster: add --poster")
    _refuse_unused_options(args, fmt)
    check_aggregation_use(args, fmt)
    if args.slides:
        return _export_slides(amap, out, fmt, args)
    if args.poster and fmt != "pdf":
        raise ReasonmapError("--poster writes a PDF: use -o NAME.pdf")
    if fmt in ("png", "svg", "pdf"):
        _export_image(amap, out, fmt, args)
    else:
        export_text(amap, out, args)
    print(f"Wrote {out}")
    return 0


def _refuse_unused_options(args, fmt: str) -> None:
    """One message naming the picture options that this export would ignore (nothing written)."""
    given = [name for name, on in (("--legend", args.legend), ("--ranking", args.ranking),
                                   ("--scale", args.scale is not None),
                                   ("--transparent", args.transparent)) if on]
    if args.slides:
        unused, what = given, ("--slides (its own 16:9 layout, the ranking on its first slide, "
                               "on white)")
    elif fmt not in ("png", "svg", "pdf"):
        unused, what = given, f"a {fmt or 'text'} export (they apply to PNG, SVG and PDF)"
    elif fmt == "pdf":
        unused = [g for g in given if g in ("--scale", "--transparent")]
        what = "a PDF (its pages are drawn at print resolution, on white)"
    else:
        unused = []
    if unused:
        names = unused[0] if len(unused) == 1 else f"{', '.join(unused[:-1])} and {unused[-1]}"
        verb, them = ("does", "it") if len(unused) == 1 else ("do", "them")
        raise ReasonmapError(f"{names} {verb} not apply to {what}: leave {them} out")


def _export_image(amap: ArgumentMap, out: Path, fmt: str, args) -> None:
    scale = 1.0 if args.scale is None else args.scale
    if not (scale > 0 and scale <= 20):
        raise ReasonmapError(f"--scale must be between 0 and 20, not {scale}")
    from .drawing.export import weighed
    values = _overrides(amap, args)
    whose = _whose(args, amap) if args.ranking else ""        # the ranking's caption only
    strengths, ranking, caption = weighed(amap, values, whose)
    if fmt == "svg":                                            # no Qt at all
        from .drawing.export import export_svg
        export_svg(amap, out, scale=scale, transparent=args.transparent, strengths=strengths,
                   values=values, legend=args.legend, ranking=ranking if args.ranking else None,
                   ranking_caption=caption)
        return
    from .render.export import export_image
    export_image(amap, out, fmt=fmt, scale=scale, transparent=args.transparent, values=values,
                 legend=args.legend, ranking=ranking if args.ranking else None, strengths=strengths,
                 ranking_caption=caption, **({"poster": True, "page_size": args.page or "A4"}
                                             if args.poster else {}))


def _export_slides(amap: ArgumentMap, out: Path, fmt: str, args) -> int:
    from .render.deck import export_slides
    from .render.export import weighed_strategies
    strengths, ranking, caption = weighed_strategies(amap, _overrides(amap, args), _whose(args))
    written = export_slides(amap, out, ranking=ranking, strengths=strengths, caption=caption, fmt=fmt)
    print(f"Wrote {len(written)} slide{'s' if len(written) > 1 else ''}: " if fmt == "png" else "",
          end="")
    print(", ".join(str(p) for p in written) if fmt == "png" else f"Wrote {out}")
    return 0


def _whose(args, amap=None) -> str:
    if not (args.group or args.participant):
        from .model.rules import MAPS_OWN_VALUES
        return MAPS_OWN_VALUES          # (no need for the document layer's words)
    from .document.weighing import GROUP, whose_values
    if args.group:
        return whose_values(GROUP, amap=amap)
    return whose_values("participant", args.participant)


def evaluate_map(amap: ArgumentMap, semantics: str, overrides=None):
    from .reasoning import evaluate, framework_from_map, rank_strategies
    fw = framework_from_map(amap, overrides)
    ev = evaluate(fw, semantics)
    return ev, fw, rank_strategies(fw, ev)


def _overrides(amap: ArgumentMap, args) -> dict | None:
    from .reasoning import group_overrides, participant_overrides
    if args.group:
        if not amap.participants:
            raise ReasonmapError("This map has no participants to aggregate")
        return group_overrides(amap)
    if args.participant:
        matches = [p for p in amap.participants.values() if p.name == args.participant]
        if not matches:
            names = ", ".join(sorted(p.name for p in amap.participants.values())) or "none"
            raise ReasonmapError(f"No participant called {args.participant!r} (participants: {names})")
        return participant_overrides(amap, matches[0].id)
    return None


def cmd_evaluate(args) -> int:
    from .reasoning import grounded_labelling
    amap = load_map(args.map)
    semantics = args.semantics or "dfquad"
    if args.aggregation and not args.group:
        raise ReasonmapError("--aggregation applies only with --group")
    if args.group:
        from .cli_workshop import print_group
        return print_group(amap, semantics, args)
    ev, fw, ranking = evaluate_map(amap, semantics, _overrides(amap, args))
    if args.json:
        out = {"semantics": semantics, "converged": ev.converged,
               "strengths": ev.strengths, "labels": grounded_labelling(fw),
               "ranking": [{"id": e.id, "title": e.title, "strength": e.strength} for e in ranking]}
        print(json.dumps(out, indent=2, ensure_ascii=False))
        return 0
    print(f"Strategies of {amap.meta.get('title', '')!r} under {SEMANTICS[semantics]}"
          f" ({'converged' if ev.converged else 'NOT converged'}, method: {ev.method})")
    if not ranking:
        print("(this map has no strategies)")
    for rank, e in enumerate(ranking, 1):
        print(f"{rank:>3}  {e.strength:.4f}  {e.title}")
    return 0


def cmd_sensitivity(args) -> int:
    from .reasoning import framework_from_map, sensitivity
    amap = load_map(args.map)
    semantics = args.semantics or "dfquad"
    fw = framework_from_map(amap, _overrides(amap, args))
    result = sensitivity(fw, semantics, work=_work(args))
    if args.json:
        print(json.dumps({"semantics": semantics, "top": list(result.top) if result.top else None,
                          **_search_json(result)}, indent=2))
        return 0
    if not result.top:
        print("Fewer than two strategies: nothing to swap.")
        return 0
    a, b = (fw.titles.get(t, t) for t in result.top)
    print(f"Top two under {SEMANTICS[semantics]}: {a!r} ahead of {b!r}")
    for line in result.caveats():
        print(line)
    if result.searched and not result.flips and not result.tied:
        print("No single base score or weight can swap them.")
    for f in result.flips:
        print(f"  {_flip_line(amap, f)}")
    return 0


def _work(args) -> int:
    if not 0 < args.work <= 10_000:
        raise ReasonmapError(f"--work must be between 0 and 10000 (millions), not {args.work}")
    return int(args.work * 1_000_000)


def _search_json(result) -> dict:
    """The fields every sensitivity-like search reports in JSON."""
    return {"converged": result.converged, "method": result.method, "searched": result.searched,
            "complete": result.complete, "examined": result.examined, "total": result.total,
            "undecided": list(result.undecided), "tied": result.tied, "caveats": result.caveats(),
            "flips": [{"input": f.input, "field": f.field, "current": f.current, "flip_at": f.flip_at,
                       **({"leader": f.leader} if f.leader else {})} for f in result.flips]}


def _flip_line(amap: ArgumentMap, f) -> str:
    return f"{f.field:<10} {f.current:.3f} -> {f.flip_at:.6f}  {_input_name(amap, f.input)}"


def cmd_compare(args) -> int:
    from .reasoning import (contributions, framework_from_map, head_to_head, leader_changes,
                            robustness)
    amap = load_map(args.map)
    semantics = args.semantics or "dfquad"
    fw = framework_from_map(amap, _overrides(amap, args))
    if len(fw.strategies) < 2:
        raise ReasonmapError("This map needs at least two strategies to compare")
    if len(args.pair) not in (0, 2):
        raise ReasonmapError("Name two strategies to set head to head (or none for the top two)")
    table = contributions(fw, semantics)
    ids = [_strategy_id(fw, text) for text in args.pair] or [c.id for c in table.columns[:2]]
    duel = head_to_head(fw, semantics, *ids, table=table, work=_work(args))
    leads = leader_changes(fw, semantics, work=_work(args))
    robust = robustness(fw, prefer=semantics)
    who = _perspective_words(args)
    if args.json:
        print(json.dumps(_compare_json(table, duel, leads, robust, who), indent=2, ensure_ascii=False))
        return 0
    from .cli_compare import print_comparison
    print_comparison(amap, fw, table, duel, leads, robust, who, _flip_line)
    return 0


def _perspective_words(args) -> str:
    if args.group:
        return "the group's medians"
    if args.participant:
        return f"{args.participant}'s assessments"
    from .model.rules import MAPS_OWN_VALUES
    return MAPS_OWN_VALUES


def _strategy_id(fw, text: str) -> str:
    """A strategy named by id, by title, or by title ignoring case (it must be unique)."""
    if text in fw.strategies:
        return text
    for same in (lambda t: t == text, lambda t: t.casefold() == text.casefold()):
        found = [s for s in fw.strategies if same(fw.titles[s])]
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise ReasonmapError(f"More than one strategy is called {text!r}; use its id")
    names = ", ".join(repr(fw.titles[s]) for s in fw.strategies)
    raise ReasonmapError(f"No strategy called {text!r} (strategies: {names})")


def _compare_json(table, duel, leads, robust, who) -> dict:
    return {
        "semantics": table.semantics, "perspective": who, "converged": table.converged,
        "method": table.method,
        "strategies": [{"id": c.id, "title": c.title, "strength": c.strength, "rank": c.rank}
                       for c in table.columns],
        "rows": [{"id": r.id, "title": r.title, "influence": r.influence,
                  "contributions": r.contributions} for r in table.rows],
        "head_to_head": {"a": duel.a, "b": duel.b,
                         "separating": [{"id": x.id, "title": x.title, "a": x.a, "b": x.b,
                                         "difference": x.difference} for x in duel.separating],
                         **_search_json(duel.flips)},
        "leader_changes": {"leader": leads.top[0], **_search_json(leads)},
        "robustness": {"rankings": robust.rankings, "converged": robust.converged,
                       "leader": robust.leader, "sentence": robust.sentence},
    }


def _input_name(amap: ArgumentMap, target: str) -> str:
    if target in amap.nodes:
        return amap.nodes[target].label
    e = amap.edges[target]
    return f"{amap.nodes[e.source].label} -> {amap.nodes[e.target].label}"


def cmd_check(args) -> int:
    p = Path(args.map)
    if p.suffix.lower() != ".rmap":
        amap = load_map(p)
        print(f"ok: {p.name} imports cleanly ({len(amap.nodes)} nodes, {len(amap.edges)} relations)")
        return 0
    amap = load_map(p)
    print(f"ok: {p.name} is a sound Reasonmap file ({len(amap.nodes)} nodes, {len(amap.edges)} relations, "
          f"{len(amap.participants)} participants)")
    return 0


COMMANDS = {"open": cmd_open, "import": cmd_import, "export": cmd_export, "evaluate": cmd_evaluate,
            "sensitivity": cmd_sensitivity, "compare": cmd_compare, "check": cmd_check}
