"""Coordinators see the partnership's co-production measures; nobody else does."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from included.coproduction import services
from included.coproduction.models import RealLivingWageRate
from included.organisations.services import archive_organisation
from tests.factories import OrganisationFactory, PartnershipMemberFactory

from .factories import ActivityFactory, ContributionFactory, FeedbackRecordFactory, ResponseFactory

pytestmark = pytest.mark.django_db


def measures_url(partnership):
    return reverse("coproduction:partnership_measures", kwargs={"partnership_slug": partnership.slug})


def test_a_coordinator_sees_the_partnerships_measures_and_each_organisation(
    client, partnership, organisation, coordinator
):
    other = OrganisationFactory(partnership=partnership, name="Riverside Council")
    for day in range(1, 4):
        ActivityFactory(organisation=organisation, held_on=datetime.date(2025, 11, day))
        ActivityFactory(organisation=other, held_on=datetime.date(2025, 11, day), short_notice=True)
    FeedbackRecordFactory(response__contribution__activity=ActivityFactory(organisation=other))
    ActivityFactory(organisation__name="Far Away Ltd")
    client.force_login(coordinator)

    response = client.get(measures_url(partnership))

    page = response.content.decode()
    assert response.status_code == 200
    assert page.count("<h1") == 1
    assert "Co-production measures" in page
    assert "By organisation" in page
    assert organisation.name in page and "Riverside Council" in page
    assert "Far Away Ltd" not in page
    assert "Activities with short notice (fewer than 14 days)" in page
    assert "43% (3 of 7)" in page
    assert "100% (1 of 1)" in page
    assert "Not shown: fewer than 5 activities" not in page


def test_the_short_notice_threshold_is_the_partnerships_own(client, partnership, organisation, coordinator):
    partnership.short_notice_days = 30
    partnership.save(update_fields=["short_notice_days"])
    ActivityFactory(organisation=organisation)
    client.force_login(coordinator)

    page = client.get(measures_url(partnership)).content.decode()

    assert "fewer than 30 days" in page
    assert "100% (1 of 1)" in page


def test_organisation_members_and_reviewers_may_not_see_the_partnerships_measures(client, partnership, member):
    reviewer = PartnershipMemberFactory(partnership=partnership, reviewer=True).user
    other_coordinator = PartnershipMemberFactory().user

    for user in (member.user, reviewer, other_coordinator):
        client.force_login(user)
        assert client.get(measures_url(partnership)).status_code == 403


def test_signed_out_people_are_asked_to_sign_in(client, partnership):
    response = client.get(measures_url(partnership))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_the_partnership_measures_run_the_same_queries_however_much_data(client, partnership, coordinator):
    client.force_login(coordinator)
    ActivityFactory(organisation__partnership=partnership)
    client.get(measures_url(partnership))
    with CaptureQueriesContext(connection) as few:
        client.get(measures_url(partnership))

    for number in range(6):
        organisation = OrganisationFactory(partnership=partnership)
        for month in (1, 6):
            activity = ActivityFactory(organisation=organisation, held_on=datetime.date(2025 + number % 2, month, 3))
            FeedbackRecordFactory(response__contribution__activity=activity)
    with CaptureQueriesContext(connection) as many:
        assert client.get(measures_url(partnership)).status_code == 200

    assert len(many) == len(few)


def test_an_archived_organisation_leaves_the_partnerships_measures(client, partnership, organisation, coordinator):
    archived = OrganisationFactory(partnership=partnership, name="Gone Quiet Ltd")
    for day in range(1, 6):
        ActivityFactory(organisation=organisation, held_on=datetime.date(2025, 11, day))
        ActivityFactory(organisation=archived, held_on=datetime.date(2025, 11, day), short_notice=True)
    archive_organisation(archived, by=coordinator)
    client.force_login(coordinator)

    page = client.get(measures_url(partnership)).content.decode()

    assert organisation.name in page
    assert "Gone Quiet Ltd" not in page
    assert "0% (0 of 5)" in page, "only the 5 activities of the organisation still in the partnership count"


# The page keeps its figures in the partnership's cache (included/core/public_cache.py): each change shows at once.


def test_the_measures_kept_in_the_cache_change_as_soon_as_activities_and_feedback_do(
    client, partnership, organisation, member, coordinator, django_capture_on_commit_callbacks
):
    contribution = ContributionFactory(activity=ActivityFactory(organisation=organisation))
    ResponseFactory(contribution=contribution)
    client.force_login(coordinator)
    first = client.get(measures_url(partnership)).context
    assert (first["figures"].activities, first["figures"].closed.part) == (1, 0)

    with django_capture_on_commit_callbacks(execute=True):
        ActivityFactory(organisation=organisation)
    assert client.get(measures_url(partnership)).context["figures"].activities == 2

    # Feedback is saved in bulk, which sends no signal: the service clears the cache itself.
    with django_capture_on_commit_callbacks(execute=True):
        services.record_feedback([contribution], method="meeting", told_on=timezone.localdate(), by=member.user)
    assert client.get(measures_url(partnership)).context["figures"].closed.part == 1


def test_a_new_real_living_wage_rate_shows_on_every_partnerships_measures_at_once(
    client, partnership, organisation, coordinator, django_capture_on_commit_callbacks
):
    ActivityFactory(organisation=organisation)
    client.force_login(coordinator)
    assert datetime.date(2026, 10, 1) not in {
        rate.in_force_from for rate in client.get(measures_url(partnership)).context["rates"]
    }

    with django_capture_on_commit_callbacks(execute=True):
        RealLivingWageRate.objects.create(area="uk", in_force_from=datetime.date(2026, 10, 1), hourly_rate="14.00")

    rates = client.get(measures_url(partnership)).context["rates"]
    assert datetime.date(2026, 10, 1) in {rate.in_force_from for rate in rates}


def test_each_page_of_organisations_kept_in_the_cache_links_to_its_neighbours_from_any_address(
    client, partnership, coordinator
):
    for number in range(30):
        ActivityFactory(organisation=OrganisationFactory(partnership=partnership, name=f"Member {number:02}"))
    client.force_login(coordinator)
    client.get(measures_url(partnership) + "?page=2")

    page = client.get(measures_url(partnership) + "?page=2&unused=yes").context["by_organisation_page"]

    assert page.number == 2
    assert page.previous_url == "?page=1&unused=yes#by-organisation"
    assert page.next_url == ""
