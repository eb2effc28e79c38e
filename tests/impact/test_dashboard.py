"""The partnership dashboard: figures per item, filters that work without JavaScript, small numbers hidden."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from included.assessments.enums import ActionStatus, Verdict
from included.assessments.models import Action, Assessment, AssessmentItem
from included.core import public_cache
from included.impact import dashboard
from included.impact.figures import published_rows
from included.organisations.enums import Sector, Size
from tests.assessments.factories import AssessmentFactory, ReviewFactory, coordinator_of
from tests.factories import FrameworkVersionFactory, PartnershipFactory

from .factories import rated_organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def version():
    return FrameworkVersionFactory(items=2)


def url(partnership, **query):
    address = reverse("impact:dashboard", kwargs={"partnership_slug": partnership.slug})
    if query:
        address += "?" + "&".join(f"{key}={value}" for key, value in query.items())
    return address


def test_with_no_cycles_the_page_says_so(client):
    partnership = PartnershipFactory()
    page = client.get(url(partnership))
    assert page.status_code == 200
    assert "No organisation has sent a self-assessment yet" in page.text


def test_the_public_sees_figures_about_enough_organisations(client, version):
    partnership = PartnershipFactory()
    for _ in range(6):
        rated_organisation(partnership, version, ratings=(2, 3), target=3)
    page = client.get(url(partnership)).text
    assert "6 organisations have rated themselves." in page
    board = dashboard.build_dashboard(partnership, dashboard.Filters(version=version, year=_year(partnership)))
    summary = board.items[0].summary
    assert [cell.value for cell in summary] == [6, 3, 6, 6, 0]
    heatmap = board.items[0].table("by_sector")
    employers = next(row for row in heatmap.rows if row.heading == Sector.EMPLOYER.label)
    assert [cell.value for cell in employers.cells] == [0, 0, 6, 0, 0, 6]
    assert employers.cells[2].percent == 100


def test_a_figure_about_too_few_organisations_is_hidden_and_said_so(client, version):
    partnership = PartnershipFactory()
    for _ in range(5):
        rated_organisation(partnership, version, ratings=(3,))
    rated_organisation(partnership, version, ratings=(1,), sector=Sector.VCSE)
    board = dashboard.build_dashboard(partnership, dashboard.Filters(version=version, year=_year(partnership)))
    heatmap = board.items[0].table("by_sector")
    vcse = next(row for row in heatmap.rows if row.heading == Sector.VCSE.label)
    assert vcse.cells[0].hidden and vcse.cells[0].value is None
    assert board.hides_something
    page = client.get(url(partnership)).text
    assert "So some numbers here are hidden" in page


def test_the_k_of_the_partnership_is_used(version):
    partnership = PartnershipFactory(suppression_k=3)
    for _ in range(3):
        rated_organisation(partnership, version, ratings=(4,))
    board = dashboard.build_dashboard(partnership, dashboard.Filters(version=version, year=_year(partnership)))
    assert board.items[0].summary[0].value == 3


def test_k_can_never_be_below_three():
    from django.db import IntegrityError, transaction

    partnership = PartnershipFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        type(partnership).objects.filter(pk=partnership.pk).update(suppression_k=2)


def test_coordinators_filter_by_sector_and_size_and_the_public_cannot(client, version):
    partnership = PartnershipFactory()
    for _ in range(5):
        rated_organisation(partnership, version, ratings=(3,))
    for _ in range(5):
        rated_organisation(partnership, version, ratings=(2,), sector=Sector.VCSE, size=Size.LARGE)
    public = client.get(url(partnership, sector="vcse")).text
    assert "10 organisations have rated themselves." in public
    assert 'name="sector"' not in public
    client.force_login(coordinator_of(partnership))
    filtered = client.get(url(partnership, sector="vcse")).text
    assert 'name="sector"' in filtered
    assert "5 organisations have rated themselves." in filtered


def test_an_items_page_shows_its_heatmaps(client, version):
    partnership = PartnershipFactory()
    for _ in range(5):
        rated_organisation(partnership, version, ratings=(3,))
    item = version.assessed_items().first()
    page = client.get(reverse("impact:item", kwargs={"partnership_slug": partnership.slug, "item_id": item.pk}))
    assert page.status_code == 200
    assert "latest ratings by sector" in page.text and "latest ratings by size" in page.text
    assert "included-heat--5" in page.text and "(100%)" in page.text
    assert "how many organisations gave each rating" in page.text and "<svg" in page.text


def test_an_item_of_another_partnership_is_not_found(client, version):
    partnership = PartnershipFactory()
    rated_organisation(partnership, version)
    other = FrameworkVersionFactory(items=1).assessed_items().first()
    page = client.get(reverse("impact:item", kwargs={"partnership_slug": partnership.slug, "item_id": other.pk}))
    assert page.status_code == 404


def test_published_rows_never_hold_a_hidden_figure(version):
    partnership = PartnershipFactory()
    for _ in range(5):
        rated_organisation(partnership, version, ratings=(3,))
    rated_organisation(partnership, version, ratings=(1,), sector=Sector.VCSE)
    rows = list(published_rows(partnership))
    assert rows
    assert {"framework", "year", "table", "caption", "row", "column", "value", "note"} == set(rows[0])
    hidden = [row for row in rows if row["note"]]
    assert hidden and all(row["value"] is None for row in hidden)


def _year(partnership):
    return dashboard.years_with_cycles(partnership)[0]


def _queries(client, address):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(address).status_code == 200
    return len(queries)


def test_the_dashboard_runs_the_same_queries_however_many_organisations(client, version):
    counts = []
    for size in (2, 7):
        partnership = PartnershipFactory()
        for number in range(size):
            rated_organisation(partnership, version, ratings=(2, 3), sector=list(Sector)[number % 6])
        client.force_login(coordinator_of(partnership))
        counts.append((_queries(client, url(partnership)), _queries(client, url(partnership, sector="employer"))))
    assert counts[0] == counts[1]


def test_each_year_counts_only_the_self_assessments_sent_that_year(version):
    partnership = PartnershipFactory(suppression_k=3)
    for _ in range(3):
        rated_organisation(partnership, version, ratings=(2, 4), target=3)
    this_year = timezone.localdate().year
    Assessment.objects.filter(organisation__partnership=partnership, number=1).update(
        submitted_at=timezone.make_aware(datetime.datetime(this_year - 1, 6, 1))
    )
    assert dashboard.years_with_cycles(partnership) == [this_year, this_year - 1]

    def summary(year):
        board = dashboard.build_dashboard(partnership, dashboard.Filters(version=version, year=year))
        return [cell.value for cell in board.items[0].summary]

    # Rated by, middle rating, rated higher than last time, at or above their target, challenged.
    assert summary(this_year - 1) == [3, 2, 0, 0, 0]
    assert summary(this_year) == [3, 4, 3, 3, 0]


def test_reviewers_verdicts_and_actions_done_by_their_date_are_counted(version):
    partnership = PartnershipFactory(suppression_k=3)
    cycles = [rated_organisation(partnership, version, ratings=(3,))[1] for _ in range(6)]
    item = version.assessed_items().first()
    for cycle, verdict in zip(cycles, [Verdict.CHALLENGE] * 3 + [Verdict.AGREE] * 3, strict=True):
        review = ReviewFactory(assessment=cycle, completed=True)
        review.comments.filter(assessment_item__item=item).update(verdict=verdict, comment="Not yet, I think.")
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    for cycle in cycles[:3]:
        answer = AssessmentItem.objects.get(assessment=cycle, item=item)
        Action.objects.create(assessment_item=answer, what="Ask the panel", who="Us", due=yesterday)
    board = dashboard.build_dashboard(partnership, dashboard.Filters(version=version, year=timezone.localdate().year))
    figures = board.items[0]
    assert [cell.value for cell in figures.table("reviews").rows[0].cells] == [3, 3, 0, 6]
    assert [cell.value for cell in figures.table("actions").rows[0].cells] == [0, 0, 3, 3]
    Action.objects.update(status=ActionStatus.DONE)
    board = dashboard.build_dashboard(partnership, dashboard.Filters(version=version, year=timezone.localdate().year))
    # Marked done today, after the date they were due.
    assert [cell.value for cell in board.items[0].table("actions").rows[0].cells] == [0, 3, 0, 3]


def test_an_action_of_a_sent_cycle_empties_the_cached_figures_and_a_drafts_does_not(
    version, django_capture_on_commit_callbacks
):
    partnership = PartnershipFactory()
    _, sent = rated_organisation(partnership, version)
    draft = AssessmentFactory(sign_up=sent.sign_up)
    generation = public_cache.public_generation(partnership.pk)
    with django_capture_on_commit_callbacks(execute=True):
        Action.objects.create(assessment_item=draft.items.first(), what="Ask the panel", who="Us")
    assert public_cache.public_generation(partnership.pk) == generation
    with django_capture_on_commit_callbacks(execute=True):
        Action.objects.create(assessment_item=sent.items.first(), what="Ask the panel", who="Us")
    assert public_cache.public_generation(partnership.pk) != generation
