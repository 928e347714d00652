"""CSV of the strategy ranking: rank, id, title and the strength under each semantics.

Strategies are ranked by the map's chosen semantics (DF-QuAD unless the map says otherwise);
equal strengths share a rank. Quoting follows RFC 4180 (the csv module, CRLF line ends).
A text cell that a spreadsheet would run as a formula (it starts with ``= + - @``, a tab or a
carriage return) gets a leading apostrophe, as OWASP advises against CSV injection.

>>> from app.model.build import build_map
>>> from app.model import Node
>>> m = build_map([Node(id="s", kind="strategy", title="Plan, with comma")])
>>> print(write_csv(m).splitlines()[1])
1,s,"Plan, with comma",0.500000,0.500000,0.500000,0.500000
>>> neutralised("=SUM(A1)"), neutralised("Plain")
("'=SUM(A1)", 'Plain')
"""

from __future__ import annotations

import csv
import io

from ..model import SEMANTICS

COLUMNS: tuple = ("rank", "id", "title", *SEMANTICS)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralised(cell: str) -> str:
    """*cell* with an apostrophe in front if a spreadsheet would read it as a formula."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def write_csv(amap, view=None) -> str:
    """The strategies of *amap*, strongest first, one row each. With a *view*
    (:func:`app.io.perspective_view.view_of`) the strengths are that participant's or the
    group's, and each row names whose values they are; the group's rows also name the
    aggregation, the latest round and how many people assessed an input bearing on it."""
    from ..reasoning import evaluate, framework_from_map, rank_strategies
    from ..reasoning.group import ranking_from
    fw = framework_from_map(amap)
    chosen = amap.meta.get("semantics", "dfquad")
    chosen = chosen if chosen in SEMANTICS else "dfquad"
    if view is None:
        evals = {name: evaluate(fw, name).strengths for name in SEMANTICS}
        ranking = rank_strategies(fw, evaluate(fw, chosen))
    else:
        evals = {name: view.strengths(amap, name) for name in SEMANTICS}
        ranking = ranking_from(fw, evals[chosen])
    out = io.StringIO()
    writer = csv.writer(out)  # RFC 4180: minimal quoting, doubled quotes, CRLF
    writer.writerow(COLUMNS + _view_columns(view))
    rank, previous = 0, None
    for position, entry in enumerate(ranking, start=1):
        key = round(entry.strength, 12)
        if key != previous:
            rank, previous = position, key
        writer.writerow([rank, neutralised(entry.id), neutralised(amap.nodes[entry.id].label),
                         *(f"{evals[name][entry.id]:.6f}" for name in SEMANTICS),
                         *_view_cells(view, amap, fw, entry.id)])
    return out.getvalue()


def _view_columns(view) -> tuple:
    if view is None:
        return ()
    return ("values", "aggregation", "round", "assessors") if view.is_group else ("values",)


def _view_cells(view, amap, fw, strategy: str) -> list:
    if view is None:
        return []
    if not view.is_group:
        return [neutralised(view.whose)]
    return [neutralised(view.whose), neutralised(view.aggregation_words),
            neutralised(view.round_title), view.strategy_assessors(amap, fw, strategy)]
