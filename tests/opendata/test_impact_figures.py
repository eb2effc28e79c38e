"""The impact figures as open data: exactly the cells the public impact page shows, and never a hidden figure."""

import csv
import datetime
import io
import json
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from included.assessments.models import Assessment
from included.impact import dashboard
from included.organisations.enums import Sector
from tests.assessments.factories import coordinator_of
from tests.factories import FrameworkVersionFactory

from .conftest import make_rated

pytestmark = pytest.mark.django_db


@pytest.fixture
def rated(partnership):
    """Five employers, and one community group whose ratings are too few to publish on their own."""
    version = FrameworkVersionFactory(items=2)
    make_rated(partnership, version, 5, ratings=(2, 3), target=3)
    make_rated(partnership, version, 1, ratings=(1,), sector=Sector.VCSE)
    return version


def _board(partnership, version):
    year = dashboard.years_with_cycles(partnership)[0]
    return dashboard.build_dashboard(partnership, dashboard.Filters(version=version, year=year))


def _cells(board):
    """Every cell of the public page, keyed as the dataset names it."""
    tables = [board.summary, *[table for item in board.items for table in item.tables]]
    return {
        (table.key, table.caption, row.heading, cell.column): cell
        for table in tables
        for row in table.rows
        for cell in row.cells
    }


def _download(client, partnership, file_format):
    response = client.get(
        reverse(
            f"opendata:{file_format}",
            kwargs={"partnership_slug": partnership.slug, "dataset_slug": "impact-figures"},
        )
    )
    text = b"".join(response.streaming_content).decode().removeprefix("\ufeff")
    if file_format == "csv":
        return [{**row, "value": row["value"] or None} for row in csv.DictReader(io.StringIO(text))]
    return json.loads(text)["rows"]


def _api(client, partnership, **query):
    """Every row, page after page."""
    rows, page = [], 1
    while True:
        answer = client.get(f"/api/partnerships/{partnership.slug}/impact-figures/", {**query, "page": page}).json()
        rows += answer["results"]
        if answer["next"] is None:
            return rows
        page += 1


def _published(rows):
    return {(row["table"], row["caption"], row["row"], row["column"]): row for row in rows}


def test_a_hidden_figure_is_never_in_the_csv_the_json_or_the_api(client, partnership, rated):
    cells = _cells(_board(partnership, rated))
    hidden = {key for key, cell in cells.items() if cell.hidden}
    assert hidden, "the community group's figures must be hidden"

    for rows in (
        _download(client, partnership, "csv"),
        _download(client, partnership, "json"),
        _api(client, partnership),
    ):
        published = _published(rows)
        assert set(published) == set(cells)
        for key in hidden:
            assert published[key]["value"] is None
            assert published[key]["not_shown_because"] == cells[key].note
        for key, cell in cells.items():
            if not cell.hidden and cell.value is not None:
                assert Decimal(published[key]["value"]) == Decimal(str(cell.value))
                assert published[key]["not_shown_because"] == ""


def test_the_figures_are_the_public_pages_not_a_coordinators_filtered_view(client, partnership, rated):
    """Sector and size filters are for coordinators only (one filter minus another would give away small
    numbers), so the open data has no such filter, whoever asks."""
    everyone = _api(client, partnership)
    client.force_login(coordinator_of(partnership))
    assert _api(client, partnership, sector="vcse", size="large") == everyone
    assert _download(client, partnership, "json") == everyone
    employers = next(row for row in everyone if row["table"] == "by_sector" and row["row"] == Sector.EMPLOYER.label)
    assert employers["column"] and employers["value"] == "0"


def test_a_partnership_with_nothing_rated_publishes_no_figures(client, partnership):
    assert _api(client, partnership) == []
    assert _download(client, partnership, "csv") == []


def test_every_year_is_published_as_that_years_impact_page_shows_it(client, partnership):
    version = FrameworkVersionFactory(items=1)
    make_rated(partnership, version, 5, ratings=(2, 3), target=3)
    make_rated(partnership, version, 1, ratings=(4,), sector=Sector.VCSE)
    this_year = timezone.localdate().year
    # The first cycle of each of the five was sent last year; the second, and the community group's, this year.
    last_year = timezone.make_aware(datetime.datetime(this_year - 1, 6, 1))
    Assessment.objects.filter(organisation__partnership=partnership, number=1, next_cycle__isnull=False).update(
        submitted_at=last_year
    )

    rows = _api(client, partnership)
    assert {row["year"] for row in rows} == {this_year, this_year - 1}
    for year in (this_year, this_year - 1):
        cells = _cells(dashboard.build_dashboard(partnership, dashboard.Filters(version=version, year=year)))
        published = _published([row for row in rows if row["year"] == year])
        assert set(published) == set(cells)
        for key, cell in cells.items():
            assert published[key]["value"] == (None if cell.value is None else str(cell.value).removesuffix(".0"))
    assert _download(client, partnership, "json") == rows
    assert {row["year"] for row in _download(client, partnership, "csv")} == {str(this_year), str(this_year - 1)}
    assert _api(client, partnership, year=str(this_year - 1)) == [row for row in rows if row["year"] == this_year - 1]
