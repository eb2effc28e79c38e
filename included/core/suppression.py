"""Small-number suppression: which cells of a table of figures about people can be published.

Every table, chart and export of figures about people goes through `suppress`, so that nobody can read or work out
a figure about one person, or a handful of people, however they combine what is published.

A table is a grid of cells; the caller gives, for each cell, how many people (or organisations) are behind it. A
table may have totals: the last cell of each row can be the sum of the others (`row_totals`), and the last row
can be the sum of the rows above (`column_totals`). A row or column with a total is a "line": its cells add up.

Two kinds of cell are hidden:

- **Too few.** A cell about fewer than `k` people (but at least one). A cell about nobody is shown: there is
  nobody to protect.
- **To protect another.** Once a cell is hidden, the rest of its line must not give it away. So:
  - a line never has exactly one hidden cell (its total counts as one of its cells): with only one, the total
    minus the other cells would be the hidden figure;
  - where a line's total is shown, its hidden cells together are about at least `k` people, so that someone in
    one of them, who knows their own figure, learns no more about the others than a shown cell would tell;
  - no hidden cell can be worked out by combining rows and columns (checked exactly, by linear algebra).

The extra cells to hide are chosen from the counts alone, the smallest first, and never from the figures, so
which cells are hidden says nothing about the hidden figures.

Figures published period by period (a page with a year filter, a dataset with a row per year) go through
`suppress_periods`: each period counts only what happened in it, and nothing adds periods up, so one period's
figures can never be taken from another's to give a hidden figure away.
"""

from dataclasses import dataclass
from fractions import Fraction

DEFAULT_K = 5
# Below 3, two people in a cell of 2 could each work out the other's figure from the total.
SMALLEST_K = 3

TOO_FEW = "too_few"
PROTECTS_ANOTHER = "protects_another"


@dataclass(frozen=True)
class Line:
    """Cells that add up to a total, which is also a cell of the table."""

    parts: tuple
    total: tuple

    @property
    def cells(self):
        return (*self.parts, self.total)


@dataclass(frozen=True)
class Suppression:
    """What to hide in one table: `primary` cells are about too few people; `complementary` ones protect them."""

    primary: frozenset
    complementary: frozenset

    @property
    def hidden(self):
        return self.primary | self.complementary

    def is_hidden(self, row, column):
        return (row, column) in self.primary or (row, column) in self.complementary

    def reason(self, row, column):
        """TOO_FEW, PROTECTS_ANOTHER, or None for a cell that is shown."""
        if (row, column) in self.primary:
            return TOO_FEW
        if (row, column) in self.complementary:
            return PROTECTS_ANOTHER
        return None

    def publish(self, values, hidden=None):
        """The table's values with every hidden one replaced by `hidden`."""
        return [
            [hidden if self.is_hidden(r, c) else value for c, value in enumerate(row)] for r, row in enumerate(values)
        ]


def check_k(k):
    if isinstance(k, bool) or not isinstance(k, int) or k < SMALLEST_K:
        raise ValueError(f"k must be a whole number of at least {SMALLEST_K}, not {k!r}.")
    return k


def is_too_few(count, k=DEFAULT_K):
    """A figure about at least one person, but fewer than k."""
    return 0 < count < check_k(k)


def lines_of(shape, *, row_totals=False, column_totals=False):
    """The lines of a table of `shape` (rows, columns): each row when the last column holds totals, each column
    when the last row does. With both, the totals row and column add up to the grand total in the corner."""
    rows, columns = shape
    lines = []
    if row_totals and columns >= 2:
        lines += [Line(tuple((r, c) for c in range(columns - 1)), (r, columns - 1)) for r in range(rows)]
    if column_totals and rows >= 2:
        lines += [Line(tuple((r, c) for r in range(rows - 1)), (rows - 1, c)) for c in range(columns)]
    return lines


def suppress(counts, *, k=DEFAULT_K, row_totals=False, column_totals=False):
    """Decide which cells to hide in a table, given how many people are behind each cell (rows of whole numbers).

    Totals are cells too, with their own counts: the caller gives them, because the same person can be behind
    two cells of a line and still be one person in its total.
    """
    check_k(k)
    grid = _checked(counts)
    shape = (len(grid), len(grid[0]) if grid else 0)
    count = {(r, c): value for r, row in enumerate(grid) for c, value in enumerate(row)}
    return suppress_cells(count, lines_of(shape, row_totals=row_totals, column_totals=column_totals), k=k)


def suppress_cells(count, lines, *, k=DEFAULT_K):
    """`suppress` for cells of any shape: `count` maps each cell (any sortable key) to how many people are behind
    it, and `lines` are the `Line`s that add up. For figures published in several tables that share cells or
    totals (a heatmap by sector and another by size, with the same "all organisations" row), give every table's
    cells and lines at once, so that nothing hidden in one can be worked out from another."""
    check_k(k)
    primary = frozenset(cell for cell, value in count.items() if is_too_few(value, k))
    hidden = set(primary)
    while True:
        weak = next((line for line in lines if _is_weak(line, hidden, count, k)), None)
        if weak is not None:
            exposed_lines = [weak]
        else:
            exposed = sorted(derivable(hidden, lines))
            if not exposed:
                break
            exposed_lines = [line for line in lines if exposed[0] in line.cells]
        extra = _cheapest(exposed_lines, hidden, count)
        if extra is None:
            # Nothing left to hide beside it: hiding everything is always safe.
            hidden = set(count)
            break
        hidden.add(extra)
    return Suppression(primary=primary, complementary=frozenset(hidden) - primary)


def suppress_periods(periods, *, k=DEFAULT_K):
    """`suppress_cells` for figures published period by period, like a dashboard with a year filter.

    `periods` maps each period (a year) to its `(count, lines)`, as `suppress_cells` takes them. The rule that keeps
    periods apart: a period's figures count only what happened in it (the self-assessments sent that year, each
    counted in one year only), and nothing is published that adds up several periods (no "all years" total). Then
    no line joins two periods, and taking one period's figures from another's cannot give a hidden figure away.

    Each cell is named `(period, cell)` (see `in_period`), so a line can never reach into another period, and each
    period is decided as if it were alone: publishing a new year never changes what an earlier year showed.
    """
    count, lines = {}, []
    for period, (period_count, period_lines) in periods.items():
        name = in_period(period)
        count.update({name(cell): value for cell, value in period_count.items()})
        lines += [Line(tuple(name(part) for part in line.parts), name(line.total)) for line in period_lines]
    return suppress_cells(count, lines, k=k)


def in_period(period):
    """A function that names a cell as the cell of this period."""

    def name(cell):
        return (period, cell)

    return name


def derivable(hidden, lines):
    """The hidden cells whose figures can be worked out exactly from the shown cells, using every line at once.

    Each line says: its parts minus its total make nothing. With the shown cells moved to the other side, a hidden
    cell can be worked out when some sum of those equations leaves it alone; that is, when its unit vector lies in
    the span of the equations' rows over the hidden cells. Gaussian elimination with exact fractions tells us.
    """
    hidden = sorted(hidden)
    if not hidden:
        return set()
    index = {cell: i for i, cell in enumerate(hidden)}
    rows = []
    for line in lines:
        row = [Fraction(0)] * len(hidden)
        for cell in line.parts:
            if cell in index:
                row[index[cell]] += 1
        if line.total in index:
            row[index[line.total]] -= 1
        if any(row):
            rows.append(row)
    pivots = _row_reduce(rows)
    found = set()
    for cell, i in index.items():
        vector = [Fraction(0)] * len(hidden)
        vector[i] = Fraction(1)
        for column, row in pivots:
            if vector[column]:
                factor = vector[column]
                vector = [a - factor * b for a, b in zip(vector, row, strict=True)]
        if not any(vector):
            found.add(cell)
    return found


def _row_reduce(rows):
    """Reduced row echelon form, as (pivot column, row) pairs."""
    pivots = []
    for row in rows:
        for column, pivot_row in pivots:
            if row[column]:
                factor = row[column]
                row = [a - factor * b for a, b in zip(row, pivot_row, strict=True)]
        lead = next((i for i, value in enumerate(row) if value), None)
        if lead is None:
            continue
        row = [value / row[lead] for value in row]
        pivots = [
            (column, [a - pivot_row[lead] * b for a, b in zip(pivot_row, row, strict=True)])
            for column, pivot_row in pivots
        ]
        pivots.append((lead, row))
    return pivots


def _is_weak(line, hidden, count, k):
    hidden_cells = [cell for cell in line.cells if cell in hidden]
    if len(hidden_cells) == 1:
        return True
    hidden_parts = [cell for cell in line.parts if cell in hidden]
    return bool(hidden_parts) and line.total not in hidden and sum(count[cell] for cell in hidden_parts) < k


def _cheapest(lines, hidden, count):
    """The shown cell of these lines about the fewest people; a total only when nothing else will do."""
    totals = {line.total for line in lines}
    shown = {cell for line in lines for cell in line.cells if cell not in hidden}
    candidates = [cell for cell in shown if count[cell] > 0] or list(shown)
    if not candidates:
        return None
    return min(candidates, key=lambda cell: (count[cell], cell in totals, cell))


def _checked(counts):
    grid = [list(row) for row in counts]
    if grid and any(len(row) != len(grid[0]) for row in grid):
        raise ValueError("Every row of the table must have the same number of cells.")
    for row in grid:
        for value in row:
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ValueError(f"A count must be a whole number of people, 0 or more, not {value!r}.")
    return grid
