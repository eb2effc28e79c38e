"""Small-number suppression: for any table, nothing hidden can be read or worked out from what is shown."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from included.core import suppression
from included.core.suppression import PROTECTS_ANOTHER, TOO_FEW, derivable, lines_of, suppress

# Small counts are the interesting ones: most tables that need suppressing have cells of 1, 2 or 3 people.
COUNTS = st.one_of(st.integers(0, 6), st.integers(0, 40))


@st.composite
def tables(draw):
    """A body of counts, with its row totals and column totals added up, as an impact page would build it."""
    rows = draw(st.integers(1, 5))
    columns = draw(st.integers(1, 5))
    body = [[draw(COUNTS) for _ in range(columns)] for _ in range(rows)]
    row_totals = draw(st.booleans())
    column_totals = draw(st.booleans())
    grid = [row + [sum(row)] if row_totals else list(row) for row in body]
    if column_totals:
        grid.append([sum(row[c] for row in grid) for c in range(len(grid[0]))])
    return grid, row_totals, column_totals


def rows_and_columns_with_a_total(grid, row_totals, column_totals):
    """Each row or column that adds up to a total, as its list of cells, the total last. Written out here by hand,
    not taken from the module, so that the test does not share the module's mistakes."""
    height, width = len(grid), len(grid[0])
    found = []
    if row_totals and width > 1:
        found += [[(r, c) for c in range(width)] for r in range(height)]
    if column_totals and height > 1:
        found += [[(r, c) for r in range(height)] for c in range(width)]
    return found


@settings(max_examples=400, deadline=None)
@given(tables(), st.integers(3, 7))
def test_no_hidden_figure_can_be_worked_out_from_its_row_or_column(table, k):
    grid, row_totals, column_totals = table

    hidden = suppress(grid, k=k, row_totals=row_totals, column_totals=column_totals).hidden

    for line in rows_and_columns_with_a_total(grid, row_totals, column_totals):
        hidden_in_line = [cell for cell in line if cell in hidden]
        # One hidden cell in a line that adds up is the total minus the rest (or, for the total, the sum of the rest).
        assert len(hidden_in_line) != 1, f"{hidden_in_line[0]} can be worked out from its line {line} in {grid}"


@settings(max_examples=400, deadline=None)
@given(tables(), st.integers(3, 7))
def test_every_cell_about_fewer_than_k_people_is_hidden(table, k):
    grid, row_totals, column_totals = table

    result = suppress(grid, k=k, row_totals=row_totals, column_totals=column_totals)

    for r, row in enumerate(grid):
        for c, count in enumerate(row):
            if 0 < count < k:
                assert result.reason(r, c) == TOO_FEW
            elif result.is_hidden(r, c):
                assert result.reason(r, c) == PROTECTS_ANOTHER


@settings(max_examples=400, deadline=None)
@given(tables(), st.integers(3, 7))
def test_no_hidden_figure_can_be_worked_out_by_combining_rows_and_columns(table, k):
    grid, row_totals, column_totals = table
    lines = lines_of((len(grid), len(grid[0])), row_totals=row_totals, column_totals=column_totals)

    hidden = suppress(grid, k=k, row_totals=row_totals, column_totals=column_totals).hidden

    assert derivable(hidden, lines) == set()


@settings(max_examples=400, deadline=None)
@given(tables(), st.integers(3, 7))
def test_someone_in_a_hidden_cell_learns_no_more_than_a_shown_cell_would_tell(table, k):
    """Where a total is shown, the hidden cells beside it are about k people or more together."""
    grid, row_totals, column_totals = table

    hidden = suppress(grid, k=k, row_totals=row_totals, column_totals=column_totals).hidden

    for line in rows_and_columns_with_a_total(grid, row_totals, column_totals):
        *parts, total = line
        hidden_parts = [cell for cell in parts if cell in hidden]
        if hidden_parts and total not in hidden:
            assert sum(grid[r][c] for r, c in hidden_parts) >= k


def test_all_years_minus_the_shown_years_gives_nothing_away():
    """The audit's case: years of 5 and 1 activities, and all years together. Showing 2025 and all years would
    give away 2026, so 2025 (the smaller shown cell) is hidden too, and the total for all years stays."""
    result = suppress([[5, 1, 6]], row_totals=True)

    assert result.reason(0, 1) == TOO_FEW
    assert result.reason(0, 0) == PROTECTS_ANOTHER
    assert result.reason(0, 2) is None


def test_two_small_cells_hidden_together_are_still_too_few():
    """Years of 1 and 1 activities beside a year of 10: all years minus 10 would be the pair, and either person
    could take their own figure away to learn the other's."""
    result = suppress([[1, 1, 10, 12]], row_totals=True)

    assert result.hidden == {(0, 0), (0, 1), (0, 2)}
    assert not result.is_hidden(0, 3)


def test_a_cell_about_nobody_is_shown():
    assert suppress([[0, 7, 7]], row_totals=True).hidden == frozenset()


def test_a_table_without_totals_hides_only_the_small_cells():
    result = suppress([[2, 9], [8, 8]])

    assert result.hidden == {(0, 0)}
    assert result.publish([["a", "b"], ["c", "d"]], hidden="-") == [["-", "b"], ["c", "d"]]


def test_the_hidden_cells_are_chosen_from_the_counts_never_the_figures():
    """Two tables with the same counts hide the same cells, whatever their figures."""
    counts = [[4, 6, 9, 19], [6, 6, 6, 18], [10, 12, 15, 37]]

    first = suppress(counts, row_totals=True, column_totals=True)

    assert suppress([row[:] for row in counts], row_totals=True, column_totals=True) == first
    assert first.reason(0, 0) == TOO_FEW
    assert len(first.hidden) >= 4


def test_working_out_a_cell_across_rows_and_columns_is_caught():
    """Two squares of four hidden cells joined by one more: every row and column has two or more hidden cells,
    yet the joining cell can be worked out by adding and taking away whole rows and columns."""
    lines = lines_of((5, 5), row_totals=True, column_totals=True)
    square_a = {(0, 0), (0, 1), (1, 0), (1, 1)}
    square_b = {(2, 2), (2, 3), (3, 2), (3, 3)}
    bridge = (1, 2)
    # The bridge gives row 1 and column 2 three hidden cells each, so no single line gives it away.
    assert derivable(square_a | square_b, lines) == set()
    assert bridge in derivable(square_a | square_b | {bridge}, lines)


def test_k_is_never_below_three():
    with pytest.raises(ValueError, match="at least 3"):
        suppress([[1, 2]], k=2)
    assert suppression.DEFAULT_K == 5
