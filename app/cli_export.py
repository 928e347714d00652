"""Text exports from the command line (``reasonmap export MAP -o x.csv|x.md``), with a
participant's or the group's values when ``--participant NAME`` or ``--group`` is given."""

from __future__ import annotations

from pathlib import Path

from .model import ReasonmapError


def add_aggregation_arg(parser) -> None:
    parser.add_argument("--aggregation", choices=("inputs", "strengths"), default=None,
                        help="with --group (CSV, Markdown): median of inputs then evaluate "
                             "(default), or each person's strength then the median")


def check_aggregation_use(args, fmt: str) -> None:
    """One message when --aggregation cannot apply (nothing written)."""
    if args.aggregation and not args.group:
        raise ReasonmapError("--aggregation applies only with --group")
    if args.aggregation == "strengths" and (fmt in ("png", "svg", "pdf") or args.slides):
        raise ReasonmapError("Images of the group use the median of inputs; "
                             "--aggregation strengths applies to CSV and Markdown exports")


def export_text(amap, out: Path, args) -> None:
    """Write a text format; CSV and Markdown can carry a participant's or the group's values."""
    from .gcpause import collector_paused
    from .io import export_map, view_of
    from .reasoning import ReasoningError
    try:
        view = view_of(amap, args.participant, args.group, args.aggregation or "inputs")
    except ReasoningError as exc:
        raise ReasonmapError(str(exc)) from exc
    with collector_paused():
        export_map(amap, out, args.format, view=view)
