"""Coordinators keep their partnership's details and settings up to date; nobody else may."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.urls import reverse

from included.core.models import AuditEvent
from included.core.versions import EditConflict
from included.partnerships.models import Partnership
from included.partnerships.services import PartnershipError, update_partnership
from tests.accounts.helpers import h1_count, page_text
from tests.factories import OrganisationMemberFactory, PartnershipFactory, PartnershipMemberFactory
from tests.partnerships.factories import make_host

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator():
    return PartnershipMemberFactory()


def details_url(partnership):
    return reverse("partnerships:details", kwargs={"partnership_slug": partnership.slug})


def form_for(partnership, **changes):
    data = {
        "version": partnership.version,
        "name": partnership.name,
        "area": partnership.area,
        "description": partnership.description,
        "contact_email": partnership.contact_email,
        "privacy_contact_name": partnership.privacy_contact_name,
        "privacy_contact_email": partnership.privacy_contact_email,
        "short_notice_days": partnership.short_notice_days,
        "invitation_reminder_days": partnership.invitation_reminder_days,
        "contribution_reminder_days": partnership.contribution_reminder_days,
        "data_licence": partnership.data_licence,
        "suppression_k": partnership.suppression_k,
    }
    if partnership.statements_need_approval:
        data["statements_need_approval"] = "on"
    return data | changes


def test_new_partnerships_have_sensible_reminder_defaults():
    partnership = PartnershipFactory()
    assert (partnership.invitation_reminder_days, partnership.contribution_reminder_days) == (7, 14)
    assert partnership.statements_need_approval is False


def test_a_coordinator_changes_the_details_and_the_change_is_audited(client, coordinator):
    partnership = coordinator.partnership
    client.force_login(coordinator.user)
    response = client.get(details_url(partnership))
    assert response.status_code == 200
    assert h1_count(response) == 1
    response = client.post(
        details_url(partnership),
        form_for(
            partnership,
            name="Riverside Works",
            contact_email="Hello@Riverside.example",
            privacy_contact_name="Data team",
            privacy_contact_email="privacy@riverside.example",
            short_notice_days=10,
            invitation_reminder_days=3,
            contribution_reminder_days=21,
            statements_need_approval="on",
            data_licence="cc-by-4",
        ),
        follow=True,
    )
    assert "Riverside Works's details are saved" in page_text(response)
    partnership.refresh_from_db()
    assert partnership.name == "Riverside Works"
    assert partnership.contact_email == "hello@riverside.example"
    assert (partnership.short_notice_days, partnership.invitation_reminder_days) == (10, 3)
    assert partnership.contribution_reminder_days == 21
    assert partnership.statements_need_approval is True
    assert partnership.data_licence == "cc-by-4"
    assert partnership.version == 2
    event = AuditEvent.objects.get(action="partnership.updated")
    assert event.actor == coordinator.user
    assert event.partnership == partnership
    assert "Public contact email" in event.summary


def test_saving_nothing_new_says_so(client, coordinator):
    client.force_login(coordinator.user)
    response = client.post(details_url(coordinator.partnership), form_for(coordinator.partnership), follow=True)
    assert "Nothing was changed" in page_text(response)
    assert not AuditEvent.objects.filter(action="partnership.updated").exists()


def test_two_coordinators_saving_at_once_are_told_and_nothing_is_lost(client, coordinator):
    partnership = coordinator.partnership
    other = PartnershipMemberFactory(partnership=partnership)
    update_partnership(partnership, by=other.user, area="Riverside and the hills")
    client.force_login(coordinator.user)
    stale = form_for(partnership, version=1, area="Riverside town")
    response = client.post(details_url(partnership), stale)
    assert response.status_code == 409
    text = page_text(response)
    assert "Riverside and the hills" in text
    assert 'value="Riverside town"' in response.content.decode()
    partnership.refresh_from_db()
    assert partnership.area == "Riverside and the hills"
    with pytest.raises(EditConflict):
        update_partnership(partnership, by=coordinator.user, expected_version=1, area="Again")


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"name": ""}, "name", "Enter the name of the partnership"),
        ({"name": "n" * 151}, "name", "150 characters or fewer"),
        ({"area": "Zero\u200bwidth"}, "area", "hidden character"),
        ({"description": "d" * 2001}, "description", "2,000 characters or fewer"),
        ({"privacy_contact_email": "not-an-email"}, "privacy_contact_email", "right format"),
        ({"privacy_contact_name": "Nul\x00"}, "privacy_contact_name", "hidden character"),
        ({"short_notice_days": "0"}, "short_notice_days", "at least 1"),
        ({"short_notice_days": "many"}, "short_notice_days", "whole number"),
        ({"invitation_reminder_days": "366"}, "invitation_reminder_days", "365 or fewer"),
        ({"contribution_reminder_days": ""}, "contribution_reminder_days", "Enter the days"),
        ({"contribution_reminder_days": "9" * 5000}, "contribution_reminder_days", ""),
        ({"data_licence": ""}, "data_licence", "Choose the licence for your open data"),
        ({"data_licence": "all-rights-reserved"}, "data_licence", "Choose one of the two licences"),
        ({"suppression_k": "2"}, "suppression_k", "at least 3"),
    ],
)
def test_bad_input_is_explained_and_nothing_is_saved(client, coordinator, changes, field, message):
    partnership = coordinator.partnership
    client.force_login(coordinator.user)
    data = form_for(partnership, **changes)
    response = client.post(details_url(partnership), data)
    assert response.status_code == 200
    assert message in response.context["form"].errors[field][0]
    assert "govuk-error-summary" in response.content.decode()
    assert Partnership.objects.get(pk=partnership.pk).version == 1


def test_the_name_of_another_partnership_is_refused(client, coordinator):
    PartnershipFactory(name="Hillside Partnership")
    client.force_login(coordinator.user)
    response = client.post(
        details_url(coordinator.partnership), form_for(coordinator.partnership, name="hillside partnership")
    )
    assert "already a partnership called" in response.context["form"].errors["name"][0]
    with pytest.raises(PartnershipError):
        update_partnership(coordinator.partnership, by=coordinator.user, name="Hillside Partnership")


@pytest.mark.parametrize("who", ["coordinator elsewhere", "organisation admin", "reviewer", "host"])
def test_only_its_own_coordinators_change_a_partnership(who):
    partnership = PartnershipFactory()
    people = {
        "coordinator elsewhere": lambda: PartnershipMemberFactory().user,
        "organisation admin": lambda: OrganisationMemberFactory(organisation__partnership=partnership).user,
        "reviewer": lambda: PartnershipMemberFactory(partnership=partnership, reviewer=True).user,
        "host": make_host,
    }
    with pytest.raises(PermissionDenied):
        update_partnership(partnership, by=people[who](), name="Taken over")
    partnership.refresh_from_db()
    assert partnership.name != "Taken over"
    assert partnership.version == 1


def test_unknown_fields_are_a_programming_error(coordinator):
    with pytest.raises(ValueError, match="slug"):
        update_partnership(coordinator.partnership, by=coordinator.user, slug="moved")


def test_the_privacy_notice_names_who_to_ask(client):
    partnership = PartnershipFactory(
        privacy_contact_name="Riverside data team", privacy_contact_email="privacy@riverside.example"
    )
    response = client.get(reverse("partnerships:privacy", kwargs={"partnership_slug": partnership.slug}))
    assert response.status_code == 200
    assert h1_count(response) == 1
    text = page_text(response)
    assert "Ask Riverside data team at privacy@riverside.example" in text
    assert f"{partnership.name} is in charge of the data" in text


def test_the_privacy_notice_falls_back_to_the_public_contact(client):
    partnership = PartnershipFactory(contact_email="hello@riverside.example")
    text = page_text(client.get(reverse("partnerships:privacy", kwargs={"partnership_slug": partnership.slug})))
    assert "Write to the partnership at hello@riverside.example" in text


def test_the_site_privacy_notice_points_to_each_partnerships_own(client):
    text = page_text(client.get(reverse("core:privacy")))
    assert "Each partnership's own privacy notice says who to ask" in text


@pytest.mark.parametrize("field", ["short_notice_days", "invitation_reminder_days", "contribution_reminder_days"])
@pytest.mark.parametrize("days", [0, 366])
def test_the_database_keeps_every_number_of_days_within_a_year(field, days):
    partnership = PartnershipFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Partnership.objects.filter(pk=partnership.pk).update(**{field: days})
