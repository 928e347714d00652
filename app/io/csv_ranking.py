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

COLUMNS = ("rank", "id", "title", *SEMANTICS)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralised(cell: str) -> str:
    """*cell* with an apostrophe in front if a spreadsheet would read it as a formula."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def write_csv(amap) -> str:
    """The strategies of *amap*, strongest first, one row each."""
    from ..reasoning import evaluate, framework_from_map, rank_strategies
    fw = framework_from_map(amap)
    evals = {name: evaluate(fw, name) for name in SEMANTICS}
    chosen = amap.meta.get("semantics", "dfquad")
    ranking = rank_strategies(fw, evals[chosen if chosen in evals else "dfquad"])
    out = io.StringIO()
    writer = csv.writer(out)  # RFC 4180: minimal quoting, doubled quotes, CRLF
    writer.writerow(COLUMNS)
    rank, previous = 0, None
    for position, entry in enumerate(ranking, start=1):
        key = round(entry.strength, 12)
        if key != previous:
            rank, previous = position, key
        writer.writerow([rank, neutralised(entry.id), neutralised(amap.nodes[entry.id].label),
                         *(f"{evals[name].strengths[entry.id]:.6f}" for name in SEMANTICS)])
    return out.getvalue()
