"""Property test: no table the dashboard publishes shows, or lets anyone work out, a figure about fewer than k.

Random partnerships' latest ratings (sectors, sizes, ratings, earlier ratings, targets, reviewers' verdicts and
actions) go through the same function the dashboard, the report and the open data use. For every item, across all
its tables at once: no shown cell is about 1 to k-1 organisations; no row or column that adds up has exactly one
hidden cell; a cell two tables share is hidden in both or neither; and no hidden figure can be worked out from the
shown ones, checked by exact linear algebra over every line of every table together.
"""

from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from included.assessments.enums import Verdict
from included.core.suppression import derivable
from included.impact import dashboard
from included.organisations.enums import Sector, Size

LEVELS = [1, 2, 3, 4, 5]
ITEM = SimpleNamespace(pk=1, number="1", title="Co-produce")


@st.composite
def partnerships(draw):
    count = draw(st.integers(0, 30))
    ratings, review, actions = [], {}, []
    for organisation in range(count):
        rating = draw(st.sampled_from(LEVELS))
        ratings.append(
            dashboard.Rating(
                assessment_id=organisation,
                organisation_id=organisation,
                sector=draw(st.sampled_from(Sector.values[:3])),
                size=draw(st.sampled_from(Size.values[:2])),
                item_id=ITEM.pk,
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
    k = draw(st.integers(3, 6))
    return ratings, review, actions, k


@settings(max_examples=150, deadline=None)
@given(partnerships())
def test_no_published_table_reveals_a_small_number(partnership):
    ratings, review, actions, k = partnership
    tables = dashboard._item_tables(ITEM, ratings, LEVELS, review, actions, k)
    summary = dashboard._summary_cells(tables, ratings, k)
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


@settings(max_examples=60, deadline=None)
@given(partnerships())
def test_the_summary_hides_what_the_items_tables_hide(partnership):
    ratings, review, actions, k = partnership
    tables = {table.key: table for table in dashboard._item_tables(ITEM, ratings, LEVELS, review, actions, k)}
    summary = dashboard._summary_cells(list(tables.values()), ratings, k)
    assert summary[0].hidden == tables["by_sector"].rows[-1].cells[-1].hidden
    assert summary[2].hidden == tables["change"].rows[0].cells[0].hidden
    assert summary[3].hidden == tables["targets"].rows[0].cells[0].hidden
    assert summary[4].hidden == tables["reviews"].rows[0].cells[0].hidden
