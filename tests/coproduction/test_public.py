"""The public "You said, we did" pages: only what people agreed to publish, never anything private."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from included.coproduction.enums import Decision, Stage
from included.organisations.models import Organisation
from tests.factories import OrganisationFactory, OrganisationMemberFactory

from .conftest import org_kwargs
from .factories import ActivityFactory, ContributionFactory, ResponseFactory

pytestmark = pytest.mark.django_db


def org_page(organisation):
    return reverse("coproduction:organisation_you_said_we_did", kwargs=org_kwargs(organisation))


def partnership_page(partnership):
    return reverse("coproduction:you_said_we_did", kwargs={"partnership_slug": partnership.slug})


def test_anyone_can_read_what_people_said_and_what_was_done(client, activity):
    said = ContributionFactory(activity=activity, text="Hold it on a bus route.")
    ResponseFactory(contribution=said, what_changed="It is now at the library.", changed_on=datetime.date(2026, 3, 1))

    response = client.get(org_page(activity.organisation))

    page = response.content.decode()
    assert response.status_code == 200
    assert page.count("<h1") == 1
    assert "Hold it on a bus route." in page
    assert "It is now at the library." in page
    assert "Adopted" in page
    assert "When: 1 March 2026" in page
    assert activity.title in page


def test_contributions_without_consent_never_appear_publicly(client, activity):
    ContributionFactory(activity=activity, text="Published words.")
    private = ContributionFactory(activity=activity, private=True, text="Private words.", named=True)
    ResponseFactory(contribution=private, what_changed="Private change.")
    outsider = OrganisationMemberFactory(organisation__partnership=activity.organisation.partnership)
    client.force_login(outsider.user)

    pages = [
        client.get(org_page(activity.organisation)).content.decode(),
        client.get(partnership_page(activity.organisation.partnership)).content.decode(),
        client.get(org_page(activity.organisation), {"status": "adopted"}).content.decode(),
        client.get(partnership_page(activity.organisation.partnership), {"stage": private.stage}).content.decode(),
    ]

    assert "Published words." in pages[0]
    for page in pages:
        assert "Private words." not in page
        assert "Private change." not in page
        assert "Amira Khan" not in page


def test_a_name_is_shown_only_when_the_person_chose_it_and_an_email_never(client, activity):
    ContributionFactory(activity=activity, named=True, hears_back=True, text="Named.")
    ContributionFactory(activity=activity, contributor_name="Quiet Person", named_publicly=False, text="Unnamed.")

    page = client.get(org_page(activity.organisation)).content.decode()

    assert "Amira Khan" in page
    assert "Quiet Person" not in page
    assert "@example.org" not in page


def test_the_newest_contribution_comes_first(client, organisation):
    older = ActivityFactory(organisation=organisation, held_on=datetime.date(2025, 10, 1))
    newer = ActivityFactory(organisation=organisation, held_on=datetime.date(2026, 5, 1))
    ContributionFactory(activity=older, text="Older words.")
    ContributionFactory(activity=newer, text="Newer words.")

    page = client.get(org_page(organisation)).content.decode()

    assert page.index("Newer words.") < page.index("Older words.")


def test_the_partnership_page_shows_every_organisation_but_no_other_partnership(client, activity):
    neighbour = ActivityFactory(organisation=OrganisationFactory(partnership=activity.organisation.partnership))
    ContributionFactory(activity=activity, text="From us.")
    ContributionFactory(activity=neighbour, text="From our neighbour.")
    ContributionFactory(text="From another partnership.")

    page = client.get(partnership_page(activity.organisation.partnership)).content.decode()

    assert "From us." in page
    assert "From our neighbour." in page
    assert neighbour.organisation.name in page
    assert "From another partnership." not in page


def test_an_organisation_page_shows_only_that_organisation(client, activity):
    neighbour = ActivityFactory(organisation=OrganisationFactory(partnership=activity.organisation.partnership))
    ContributionFactory(activity=neighbour, text="From our neighbour.")

    page = client.get(org_page(activity.organisation)).content.decode()

    assert "From our neighbour." not in page
    assert "Nothing has been published here yet." in page


def test_filtering_by_stage_and_by_what_happened(client, organisation):
    design = ActivityFactory(organisation=organisation, stage=Stage.SERVICE_DESIGN)
    hiring = ActivityFactory(organisation=organisation, stage=Stage.RECRUITMENT)
    ResponseFactory(contribution=ContributionFactory(activity=design, text="Adopted design idea."))
    ResponseFactory(contribution=ContributionFactory(activity=hiring, text="Refused hiring idea."), not_adopted=True)
    ContributionFactory(activity=hiring, text="Waiting hiring idea.")

    by_stage = client.get(org_page(organisation), {"stage": "recruitment"}).content.decode()
    refused = client.get(org_page(organisation), {"status": "not_adopted"}).content.decode()
    waiting = client.get(org_page(organisation), {"stage": "recruitment", "status": "awaiting"}).content.decode()
    nothing = client.get(org_page(organisation), {"stage": "strategy"}).content.decode()

    assert "Refused hiring idea." in by_stage and "Waiting hiring idea." in by_stage
    assert "Adopted design idea." not in by_stage
    assert "Refused hiring idea." in refused and "Why not: The library is closed on Saturdays." in refused
    assert "Waiting hiring idea." not in refused
    assert "Waiting hiring idea." in waiting and "Refused hiring idea." not in waiting
    assert "Nothing matches your choices." in nothing
    assert 'value="recruitment" selected' in by_stage


def test_a_broken_filter_is_explained_and_ignored(client, activity):
    ContributionFactory(activity=activity, text="Still shown.")

    response = client.get(org_page(activity.organisation), {"stage": "<script>alert(1)</script>", "status": "x" * 5000})

    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in page
    assert "Choose a part of the work from the list" in page
    assert "Choose what happened from the list" in page
    assert "Still shown." in page
    assert "<script>alert(1)" not in page


def test_the_status_filter_uses_the_current_response_not_an_old_one(client, activity):
    contribution = ContributionFactory(activity=activity, text="Moved on.")
    ResponseFactory(contribution=contribution, decision=Decision.IN_PROGRESS)
    ResponseFactory(contribution=contribution, what_changed="Done now.")

    in_progress = client.get(org_page(activity.organisation), {"status": "in_progress"}).content.decode()
    adopted = client.get(org_page(activity.organisation), {"status": "adopted"}).content.decode()

    assert "Moved on." not in in_progress
    assert "Moved on." in adopted
    assert "Earlier updates" in adopted


def test_many_contributions_come_in_pages_that_keep_the_filters(client, activity):
    for number in range(23):
        ContributionFactory(activity=activity, text=f"Idea number {number}.")

    first = client.get(org_page(activity.organisation), {"stage": activity.stage}).content.decode()
    second = client.get(org_page(activity.organisation), {"stage": activity.stage, "page": "2"}).content.decode()
    silly = client.get(org_page(activity.organisation), {"page": "banana"})

    assert "23 contributions" in first
    assert "Page 1 of 2" in first
    assert f"?stage={activity.stage}&amp;page=2" in first
    assert "Page 2 of 2" in second
    assert silly.status_code == 200


def test_unknown_or_foreign_organisations_are_not_found(client, activity):
    elsewhere = OrganisationFactory()

    wrong_partnership = reverse(
        "coproduction:organisation_you_said_we_did",
        kwargs={"partnership_slug": activity.organisation.partnership.slug, "organisation_slug": elsewhere.slug},
    )

    assert client.get(wrong_partnership).status_code == 404
    assert (
        client.get(reverse("coproduction:you_said_we_did", kwargs={"partnership_slug": "nowhere"})).status_code == 404
    )


def _queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("whose", ["organisation", "partnership"])
def test_the_public_page_runs_the_same_queries_however_many_contributions(client, activity, whose):
    url = (
        org_page(activity.organisation)
        if whose == "organisation"
        else partnership_page(activity.organisation.partnership)
    )
    ResponseFactory(contribution=ContributionFactory(activity=activity))
    few = _queries(client, url)

    for _ in range(6):
        other = ActivityFactory(organisation=OrganisationFactory(partnership=activity.organisation.partnership))
        contribution = ContributionFactory(activity=activity if whose == "organisation" else other)
        ResponseFactory(contribution=contribution, decision=Decision.IN_PROGRESS)
        ResponseFactory(contribution=contribution)

    assert _queries(client, url) == few


def test_what_people_told_an_archived_organisation_leaves_the_partnerships_page(client, activity):
    ContributionFactory(activity=activity, text="Words to an organisation still here.")
    archived = OrganisationFactory(partnership=activity.organisation.partnership, name="Gone Quiet Ltd")
    ContributionFactory(activity=ActivityFactory(organisation=archived), text="Words to an archived organisation.")
    Organisation.objects.filter(pk=archived.pk).update(archived_at=timezone.now())

    page = client.get(partnership_page(activity.organisation.partnership)).content.decode()

    assert "Words to an organisation still here." in page
    assert "Words to an archived organisation." not in page
