"""Property test: no table the dashboard publishes shows, or lets anyone work out, a figure about fewer than k.

Random partnerships' latest ratings (sectors, sizes, ratings, earlier ratings, targets, reviewers' verdicts and
actions) are counted as the database counts them and go through the same function the dashboard, the report and the
open data use. For every item, across all its tables at once: no shown cell is about 1 to k-1 organisations; no row
or column that adds up has exactly one hidden cell; a cell two tables share is hidden in both or neither; and no
hidden figure can be worked out from the shown ones, checked by exact linear algebra over every line of every table
together.

The years are published side by side (a year filter, and a row per year in the open data), so the same checks run
over several years' tables at once: no cell or total is shared between years, nothing hidden in one year can be
worked out from all the years together, and each year shows what it would show alone.
"""

from collections import Counter
from dataclasses import dataclass
from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from included.assessments.enums import Verdict
from included.core.suppression import Line, derivable, suppress_periods
from included.impact import dashboard
from included.organisations.enums import Sector, Size

LEVELS = [1, 2, 3, 4, 5]
ITEM = SimpleNamespace(pk=1, number="1", title="Co-produce")


@dataclass(frozen=True)
class Rating:
    """One organisation's latest answer to the item, as the database holds it."""

    assessment_id: int
    organisation_id: int
    sector: str
    size: str
    rating: int
    target: int | None
    previous: int | None  # the rating in the cycle before, if any


def counted(ratings, review, actions):
    """What `dashboard.item_counts` counts in the database, counted here from the ratings themselves."""
    compared = [r for r in ratings if r.previous is not None]
    targeted = [r for r in ratings if r.target is not None]
    verdicts = [0, 0, 0]
    for r in ratings:
        given = review.get((r.assessment_id, ITEM.pk), set())
        verdicts[0 if Verdict.CHALLENGE in given else 1 if Verdict.AGREE in given else 2] += 1
    outcomes = dashboard.ACTION_OUTCOMES
    return dashboard.ItemCounts(
        ratings=dict(Counter((r.sector, r.size, r.rating) for r in ratings)),
        change=(
            sum(1 for r in compared if r.rating > r.previous),
            sum(1 for r in compared if r.rating == r.previous),
            sum(1 for r in compared if r.rating < r.previous),
        ),
        targets=(sum(1 for r in targeted if r.rating >= r.target), sum(1 for r in targeted if r.rating < r.target)),
        verdicts=tuple(verdicts),
        actions=tuple(sum(1 for _, o in actions if o == outcome) for outcome in outcomes),
        action_organisations=tuple(len({org for org, o in actions if o == outcome}) for outcome in outcomes),
        action_organisations_all=len({org for org, _ in actions}),
    )


@st.composite
def partnerships(draw, k=None):
    count = draw(st.integers(0, 30))
    ratings, review, actions = [], {}, []
    for organisation in range(count):
        rating = draw(st.sampled_from(LEVELS))
        ratings.append(
            Rating(
                assessment_id=organisation,
                organisation_id=organisation,
                sector=draw(st.sampled_from(Sector.values[:3])),
                size=draw(st.sampled_from(Size.values[:2])),
                rating=rating,
                target=draw(st.one_of(st.none(), st.sampled_from(LEVELS))),
                previous=draw(st.one_of(st.none(), st.sampled_from(LEVELS))),
            )
        )
        verdicts = draw(st.sets(st.sampled_from(Verdict.values), max_size=2))
        if verdicts:
            review[(organisation, ITEM.pk)] = verdicts
        for _ in range(draw(st.integers(0, 2))):
            actions.append((organisation, draw(st.sampled_from(dashboard.ACTION_OUTCOMES))))
    k = k or draw(st.integers(3, 6))
    return counted(ratings, review, actions), k


def _check(tables, summary, k):
    cells = [cell for table in tables for row in table.rows for cell in row.cells]
    for cell in [*cells, *summary]:
        assert cell.hidden or not 0 < cell.count < k, cell
        assert cell.value is None if cell.hidden else (cell.value is not None or cell.count == 0)

    hidden_ids = {cell.cell_id for cell in cells if cell.hidden}
    shown_ids = {cell.cell_id for cell in cells if not cell.hidden}
    assert not hidden_ids & shown_ids, "a shared cell is hidden in one table and shown in another"

    lines = [line for table in tables for line in table.lines]
    for line in lines:
        assert sum(1 for cell in line.cells if cell in hidden_ids) != 1
    assert not derivable(hidden_ids, lines)


@settings(max_examples=150, deadline=None)
@given(partnerships())
def test_no_published_table_reveals_a_small_number(partnership):
    counts, k = partnership
    tables = dashboard._item_tables(ITEM, counts, LEVELS, k)
    _check(tables, dashboard._summary_cells(tables, counts, k), k)


@settings(max_examples=60, deadline=None)
@given(partnerships())
def test_the_summary_hides_what_the_items_tables_hide(partnership):
    counts, k = partnership
    tables = {table.key: table for table in dashboard._item_tables(ITEM, counts, LEVELS, k)}
    summary = dashboard._summary_cells(list(tables.values()), counts, k)
    assert summary[0].hidden == tables["by_sector"].rows[-1].cells[-1].hidden
    assert summary[2].hidden == tables["change"].rows[0].cells[0].hidden
    assert summary[3].hidden == tables["targets"].rows[0].cells[0].hidden
    assert summary[4].hidden == tables["reviews"].rows[0].cells[0].hidden


@st.composite
def years_of_a_partnership(draw):
    """Two to four years of one partnership (one k), each year its own self-assessments."""
    k = draw(st.integers(3, 6))
    first = draw(st.integers(2020, 2030))
    years = range(first, first + draw(st.integers(2, 4)))
    return {year: draw(partnerships(k=k))[0] for year in years}, k


@settings(max_examples=60, deadline=None)
@given(years_of_a_partnership())
def test_no_year_reveals_a_small_number_of_another(partnership):
    by_year, k = partnership
    tables = {year: dashboard._item_tables(ITEM, counts, LEVELS, k, period=year) for year, counts in by_year.items()}

    # Together, as someone who downloads every year sees them: the same checks over every year's tables at once.
    everything = [table for year_tables in tables.values() for table in year_tables]
    _check(everything, (), k)
    years_of_a_cell = {}
    for year, year_tables in tables.items():
        for table in year_tables:
            for cell in [cell for row in table.rows for cell in row.cells]:
                years_of_a_cell.setdefault(cell.cell_id, set()).add(year)
            for line in table.lines:
                assert {part[0] for part in line.cells} == {year}, "a line adds up cells of different years"
    assert all(len(years) == 1 for years in years_of_a_cell.values()), "a cell is shared between years"

    # Each year shows what it would show alone, so a year published later changes nothing already published.
    decided = suppress_periods(
        {
            year: (
                {cell.cell_id[1]: cell.count for table in year_tables for row in table.rows for cell in row.cells},
                [
                    Line(tuple(part[1] for part in line.parts), line.total[1])
                    for table in year_tables
                    for line in table.lines
                ],
            )
            for year, year_tables in tables.items()
        },
        k=k,
    )
    alone = {cell.cell_id for table in everything for row in table.rows for cell in row.cells if cell.hidden}
    assert decided.hidden == alone
