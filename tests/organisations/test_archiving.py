"""Coordinators archive an organisation that no longer takes part, and restore it. Nothing is deleted."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from included.assessments.overview import cycles_in_progress, sector_coverage, signatories
from included.core.models import AuditEvent
from included.organisations.models import Organisation
from included.organisations.services import archive_organisation, restore_organisation
from tests.accounts.helpers import h1_count, page_text
from tests.assessments.factories import AssessmentFactory, SignUpFactory
from tests.factories import OrganisationFactory, OrganisationMemberFactory, PartnershipMemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator():
    return PartnershipMemberFactory()


@pytest.fixture
def signed_up(coordinator):
    return SignUpFactory(organisation=OrganisationFactory(partnership=coordinator.partnership, name="Gone Quiet Ltd"))


def url(name, partnership, **kwargs):
    return reverse(name, kwargs={"partnership_slug": partnership.slug, **kwargs})


def test_a_coordinator_archives_an_organisation_after_reading_what_happens(client, coordinator, signed_up):
    partnership = coordinator.partnership
    organisation = signed_up.organisation
    client.force_login(coordinator.user)
    listed = client.get(url("organisations:coordinator_list", partnership))
    assert listed.status_code == 200
    assert "Gone Quiet Ltd" in page_text(listed)
    archive_url = url("organisations:archive", partnership, organisation_slug=organisation.slug)
    response = client.get(archive_url)
    assert h1_count(response) == 1
    assert "we keep everything it wrote" in page_text(response)
    response = client.post(archive_url, follow=True)
    assert "Gone Quiet Ltd is archived" in page_text(response)
    organisation.refresh_from_db()
    assert organisation.archived_at is not None
    assert Organisation.objects.active().filter(pk=organisation.pk).count() == 0
    assert AuditEvent.objects.filter(action="organisation.archived", actor=coordinator.user).exists()
    assert "Gone Quiet Ltd" not in page_text(client.get(url("organisations:coordinator_list", partnership)))


def test_an_archived_organisation_leaves_the_register_and_the_overview(client, coordinator, signed_up):
    partnership = coordinator.partnership
    organisation = signed_up.organisation
    AssessmentFactory(sign_up=signed_up)
    archive_organisation(organisation, by=coordinator.user)

    assert "Gone Quiet Ltd" not in page_text(client.get(url("assessments:register", partnership)))
    assert (
        client.get(url("assessments:commitment", partnership, organisation_slug=organisation.slug)).status_code == 404
    )
    assert not list(signatories(partnership))
    assert not list(cycles_in_progress(partnership))
    assert all(row.members == 0 for row in sector_coverage(partnership))
    client.force_login(coordinator.user)
    assert "Gone Quiet Ltd" not in page_text(client.get(url("assessments:overview", partnership)))


def test_restoring_brings_it_back_as_it_was(client, coordinator, signed_up):
    partnership = coordinator.partnership
    organisation = signed_up.organisation
    archive_organisation(organisation, by=coordinator.user)
    client.force_login(coordinator.user)
    archived = client.get(url("organisations:archived", partnership))
    assert h1_count(archived) == 1
    assert "Gone Quiet Ltd" in page_text(archived)
    response = client.post(url("organisations:restore", partnership, organisation_slug=organisation.slug), follow=True)
    assert "Gone Quiet Ltd is back" in page_text(response)
    assert "There are none." in page_text(response)
    organisation.refresh_from_db()
    assert organisation.archived_at is None
    assert signed_up.statement in page_text(client.get(url("assessments:register", partnership)))
    assert AuditEvent.objects.filter(action="organisation.restored").exists()


def test_archiving_or_restoring_twice_changes_nothing_more(coordinator, signed_up):
    organisation = signed_up.organisation
    first = archive_organisation(organisation, by=coordinator.user).archived_at
    assert archive_organisation(organisation, by=coordinator.user).archived_at == first
    restore_organisation(organisation, by=coordinator.user)
    restore_organisation(organisation, by=coordinator.user)
    assert (
        AuditEvent.objects.filter(action__startswith="organisation.")
        .filter(action__in=["organisation.archived", "organisation.restored"])
        .count()
        == 2
    )


@pytest.mark.parametrize("who", ["coordinator elsewhere", "its own admin", "a member", "reviewer"])
def test_only_the_partnerships_coordinators_archive_or_restore(coordinator, signed_up, who):
    organisation = signed_up.organisation
    partnership = coordinator.partnership
    people = {
        "coordinator elsewhere": lambda: PartnershipMemberFactory().user,
        "its own admin": lambda: OrganisationMemberFactory(organisation=organisation).user,
        "a member": lambda: OrganisationMemberFactory(organisation=organisation, member=True).user,
        "reviewer": lambda: PartnershipMemberFactory(partnership=partnership, reviewer=True).user,
    }
    person = people[who]()
    with pytest.raises(PermissionDenied):
        archive_organisation(organisation, by=person)
    assert Organisation.objects.get(pk=organisation.pk).archived_at is None
    archive_organisation(organisation, by=coordinator.user)
    with pytest.raises(PermissionDenied):
        restore_organisation(organisation, by=person)
    assert Organisation.objects.get(pk=organisation.pk).archived_at is not None


def test_a_coordinator_elsewhere_cannot_reach_another_partnerships_organisation(client, coordinator, signed_up):
    other = PartnershipMemberFactory()
    client.force_login(other.user)
    organisation = signed_up.organisation
    response = client.post(url("organisations:archive", other.partnership, organisation_slug=organisation.slug))
    assert response.status_code == 404
    assert Organisation.objects.get(pk=organisation.pk).archived_at is None


def test_the_lists_can_be_searched_and_a_long_search_is_an_error(client, coordinator):
    partnership = coordinator.partnership
    OrganisationFactory(partnership=partnership, name="Hilltop Council")
    OrganisationFactory(partnership=partnership, name="Riverside Bakery")
    client.force_login(coordinator.user)
    text = page_text(client.get(url("organisations:coordinator_list", partnership) + "?name=hill"))
    assert "Hilltop Council" in text and "Riverside Bakery" not in text
    response = client.get(url("organisations:coordinator_list", partnership) + "?name=" + "x" * 101)
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
