"""Result tables for pages: columns, rows of (term, name) cells, and whether rows were left out.

A column ``x`` with a sibling ``xLabel`` shows as one column: the term, named by the label.

>>> from rdflib import Literal, URIRef
>>> from bilateral.store import SelectResult
>>> rows = iter([{"s": URIRef("http://x/a"), "sLabel": Literal("A"), "n": Literal(1)}])
>>> t = make_table(SelectResult(["s", "sLabel", "n"], rows))
>>> t.columns, t.rows[0]["s"].label
(['s', 'n'], 'A')
"""

from dataclasses import dataclass, field
from itertools import islice

from rdflib.term import Identifier

from ..store import SelectResult

MAX_ROWS = 1_000


@dataclass
class Cell:
    """One value in a table, with a readable name when the query gave one."""

    term: Identifier | str | None
    label: str | None = None
    more: list["Cell"] = field(default_factory=list)


@dataclass
class Table:
    """Columns and rows ready to show; ``more`` says rows past ``limit`` were left out."""

    columns: list[str]
    rows: list[dict[str, Cell]] = field(default_factory=list)
    more: bool = False
    limit: int = MAX_ROWS

    def column(self, name: str) -> list[Identifier | None]:
        """The terms of one column, top to bottom."""
        return [row[name].term for row in self.rows if name in row]


def make_table(
    result: SelectResult, hidden: set[str] | None = None, limit: int = MAX_ROWS
) -> Table:
    """Read up to ``limit`` rows of ``result`` into a table (reading runs the query)."""
    hidden = hidden or set()
    names = set(result.variables)
    labels = {v: v + "Label" for v in result.variables if v + "Label" in names}
    columns = [v for v in result.variables if v not in hidden and v not in set(labels.values())]
    taken = list(islice(result.rows, limit + 1))
    rows = []
    for solution in taken[:limit]:
        row = {}
        for column in columns:
            label = solution.get(labels[column]) if column in labels else None
            row[column] = Cell(solution.get(column), str(label) if label is not None else None)
        rows.append(row)
    return Table(columns, rows, len(taken) > limit, limit)
