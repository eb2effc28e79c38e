"""Tables of published figures: every cell is decided by `core.suppression` before anyone sees it.

`published_table` takes the figures and, for each cell, how many organisations (or people) are behind it, and
returns the table as it may be shown: hidden cells carry no figure at all, only why they are hidden. Pages, the
report, the PDF and the open data all read these tables, so nothing is published by another road.
"""

from dataclasses import dataclass, field

from included.core import suppression

HIDDEN_TOO_FEW = "Fewer than {k}"
HIDDEN_TO_PROTECT = "Hidden"
SHADES = 5  # a shown cell's share of its row, in fifths: the heatmap's shading, always with the figure as text


@dataclass(frozen=True)
class Cell:
    value: object  # the figure, or None when hidden
    count: int  # organisations or people behind it: kept for the tests, never shown
    reason: str | None  # suppression.TOO_FEW, suppression.PROTECTS_ANOTHER, or None when shown
    column: str
    shade: int = 0  # 0 to SHADES, for the heatmap
    percent: int | None = None  # share of the row's total, for the heatmap's words
    cell_id: object = None  # its name in the suppression, shared with another table's cell where they are one
    note: str = ""  # for a hidden cell, what to write instead of the figure

    @property
    def hidden(self):
        return self.reason is not None


@dataclass(frozen=True)
class Row:
    heading: str
    cells: tuple


@dataclass(frozen=True)
class Table:
    key: str  # a stable name, for the open data and for links
    caption: str
    row_heading: str
    columns: tuple
    rows: tuple
    k: int
    lines: tuple  # the lines that add up, named by cell_id: for the tests

    @property
    def hides_something(self):
        return any(cell.hidden for row in self.rows for cell in row.cells)

    def counts(self):
        return [[cell.count for cell in row.cells] for row in self.rows]


@dataclass(frozen=True)
class Spec:
    """One table to publish: its figures, how many are behind each, and which of its cells are shared with other
    tables published beside it (`shared` maps (row, column) to a name both tables use)."""

    key: str
    caption: str
    row_heading: str
    rows: tuple
    columns: tuple
    values: list
    counts: list | None = None
    row_totals: bool = False
    column_totals: bool = False
    shaded: bool = False
    shared: dict = field(default_factory=dict)

    def cell_id(self, r, c):
        return self.shared.get((r, c), (self.key, r, c))

    def lines(self):
        shape = (len(self.values), len(self.values[0]) if self.values else 0)
        return [
            suppression.Line(tuple(self.cell_id(*cell) for cell in line.parts), self.cell_id(*line.total))
            for line in suppression.lines_of(shape, row_totals=self.row_totals, column_totals=self.column_totals)
        ]


def published_tables(specs, *, k, period=None):
    """Tables published side by side, with small numbers hidden in all of them at once: a cell two tables share is
    hidden in both or neither, and nothing hidden can be worked out from all the tables together.

    With a `period` (a year), the tables are that period's, among others published period by period: their cells
    are named with the period (`suppression.suppress_periods`), so no cell or total is shared with another period's.
    """
    count, lines = {}, []
    for spec in specs:
        counts = spec.counts if spec.counts is not None else spec.values
        for r, row in enumerate(counts):
            for c, value in enumerate(row):
                cell = spec.cell_id(r, c)
                if count.setdefault(cell, value) != value:
                    raise ValueError(f"The shared cell {cell!r} has two different counts.")
        lines += spec.lines()
    if period is None:
        decided = suppression.suppress_cells(count, lines, k=k)
        name = _as_it_is
    else:
        decided = suppression.suppress_periods({period: (count, lines)}, k=k)
        name = suppression.in_period(period)
    return [_built(spec, decided, k, name) for spec in specs]


def _as_it_is(cell):
    return cell


def published_table(key, caption, *, row_heading, rows, columns, values, counts=None, k, **options):
    """One table with every cell about too few, or that would give one away, hidden.

    `values` are the figures, one row per heading in `rows`; `counts` how many organisations or people are behind
    each (the values themselves when not given). With `row_totals` the last column is each row's total; with
    `column_totals` the last row is each column's total. `shaded` works out each shown cell's share of its row's
    total, for a heatmap.
    """
    spec = Spec(key, caption, row_heading, tuple(rows), tuple(columns), values, counts, **options)
    return published_tables([spec], k=k)[0]


def _built(spec, decided, k, name):
    counts = spec.counts if spec.counts is not None else spec.values
    built = []
    for r, (heading, row_values) in enumerate(zip(spec.rows, spec.values, strict=True)):
        total = row_values[-1] if spec.row_totals else sum(v for v in row_values if v)
        cells = []
        for c, value in enumerate(row_values):
            cell = name(spec.cell_id(r, c))
            reason = suppression.TOO_FEW if cell in decided.primary else None
            reason = reason or (suppression.PROTECTS_ANOTHER if cell in decided.complementary else None)
            shown = None if reason else value
            percent = shade = None
            is_total = spec.row_totals and c == len(row_values) - 1
            if spec.shaded and shown is not None and total and not is_total:
                percent = round(100 * shown / total)
                shade = round(SHADES * shown / total)
            cells.append(
                Cell(
                    value=shown,
                    count=counts[r][c],
                    reason=reason,
                    column=spec.columns[c],
                    shade=shade or 0,
                    percent=percent,
                    cell_id=cell,
                    note=_note(reason, k),
                )
            )
        built.append(Row(heading=heading, cells=tuple(cells)))
    return Table(
        key=spec.key,
        caption=spec.caption,
        row_heading=spec.row_heading,
        columns=tuple(spec.columns),
        rows=tuple(built),
        k=k,
        lines=tuple(
            suppression.Line(tuple(name(part) for part in line.parts), name(line.total)) for line in spec.lines()
        ),
    )


def _note(reason, k):
    if reason == suppression.TOO_FEW:
        return HIDDEN_TOO_FEW.format(k=k)
    if reason == suppression.PROTECTS_ANOTHER:
        return HIDDEN_TO_PROTECT
    return ""


def is_shown(count, k):
    """A single figure about `count` organisations or people, outside any table, may be shown."""
    return not suppression.is_too_few(count, k)
