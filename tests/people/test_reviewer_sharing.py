"""A person shares chosen sections with one named lived-experience reviewer: only that reviewer reads them, while it
lasts and while they review there; every reading is logged; nobody else (other reviewers, coordinators,
organisations) finds it; and reviewers are only offered to people linked to their partnership."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from included.accounts.services import erase_account, export_personal_data
from included.people import services
from included.people.models import ConsentRecord, SectionView, Share
from tests.factories import OrganisationFactory, OrganisationMemberFactory, PartnershipMemberFactory, UserFactory
from tests.people.factories import person_with_facts

KNOWN = "people.known_as"
PROUD = "people.proud_of"

pytestmark = pytest.mark.django_db


def _signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def _read_url(share):
    return reverse(
        "people:shared_with_reviewer_person",
        kwargs={"partnership_slug": share.partnership.slug, "share_id": share.pk},
    )


def _list_url(partnership):
    return reverse("people:shared_with_reviewer", kwargs={"partnership_slug": partnership.slug})


@pytest.fixture
def linked():
    """Sam, who shared with Harbour Bakery before, so the reviewers of its partnership are Sam's to choose."""
    person = person_with_facts(known_as="Call me Sam.", proud_of="I fixed bikes.")
    organisation = OrganisationFactory(name="Harbour Bakery")
    services.share_sections(person, organisation, [KNOWN], days=7, by=person)
    reviewer = PartnershipMemberFactory(partnership=organisation.partnership, reviewer=True, user__name="Jo Okafor")
    return person, organisation, reviewer


def test_the_person_shares_with_a_reviewer_who_alone_reads_it_and_the_reading_is_logged(linked):
    person, organisation, reviewer = linked
    client = _signed_in(person)
    step_one = client.get(reverse("people:new_share")).content.decode()
    assert "Jo Okafor" in step_one
    step_two = client.get(reverse("people:new_share"), {"reviewer": reviewer.pk})
    assert "Share with Jo Okafor" in step_two.content.decode()
    response = client.post(reverse("people:new_share"), {"reviewer": reviewer.pk, "sections": [PROUD], "days": 30})
    assert response.status_code == 302
    share = Share.objects.get(reviewer=reviewer.user)
    assert share.partnership == organisation.partnership
    [granted] = ConsentRecord.objects.filter(share=share)
    assert "Jo Okafor" in granted.shared_with

    reviewer_client = _signed_in(reviewer.user)
    assert escape(person.name) in reviewer_client.get(_list_url(organisation.partnership)).content.decode()
    page = reviewer_client.get(_read_url(share)).content.decode()
    assert "I fixed bikes." in page
    assert "Call me Sam." not in page
    assert list(SectionView.objects.filter(share=share).values_list("viewer", "section")) == [(reviewer.user.pk, PROUD)]
    assert "Jo Okafor" in client.get(reverse("people:looked")).content.decode()
    assert "Jo Okafor" in client.get(reverse("people:shares")).content.decode()


def test_other_reviewers_coordinators_and_organisations_get_404(linked):
    person, organisation, reviewer = linked
    share = services.share_with_reviewer(person, reviewer, [PROUD], days=30, by=person)
    partnership = organisation.partnership
    others = [
        PartnershipMemberFactory(partnership=partnership, reviewer=True).user,
        PartnershipMemberFactory(partnership=partnership).user,
        OrganisationMemberFactory(organisation=organisation).user,
        PartnershipMemberFactory(reviewer=True).user,
        UserFactory(),
    ]
    for user in others:
        client = _signed_in(user)
        assert client.get(_read_url(share)).status_code == 404
        listing = client.get(_list_url(partnership))
        assert listing.status_code == 404 or escape(person.name) not in listing.content.decode()
        assert share not in Share.objects.visible_to(user)
    # The organisation's own list of shares never shows what was shared with the reviewer.
    member_page = _signed_in(others[2]).get(
        reverse(
            "people:shared_with_organisation",
            kwargs={"partnership_slug": partnership.slug, "organisation_slug": organisation.slug},
        )
    )
    assert "I fixed bikes." not in member_page.content.decode()
    assert not SectionView.objects.filter(share=share).exists()


def test_stopping_ending_or_leaving_the_role_ends_the_reviewers_access(linked):
    person, _, reviewer = linked
    share = services.share_with_reviewer(person, reviewer, [PROUD], days=30, by=person)
    client = _signed_in(reviewer.user)
    assert client.get(_read_url(share)).status_code == 200
    Share.objects.filter(pk=share.pk).update(ends_at=timezone.now() - datetime.timedelta(minutes=1))
    assert client.get(_read_url(share)).status_code == 404
    Share.objects.filter(pk=share.pk).update(ends_at=timezone.now() + datetime.timedelta(days=1))
    reviewer.delete()
    assert client.get(_read_url(share)).status_code == 404
    share = services.share_with_reviewer(
        person,
        PartnershipMemberFactory(partnership=share.partnership, reviewer=True, user=share.reviewer),
        [PROUD],
        days=30,
        by=person,
    )
    response = _signed_in(person).post(reverse("people:stop_share", kwargs={"share_id": share.pk}))
    assert response.status_code == 302
    assert client.get(_read_url(share)).status_code == 404
    assert ConsentRecord.objects.filter(share=share).count() == 2


def test_a_stranger_is_offered_no_reviewers_and_cannot_name_one(linked):
    _, _, reviewer = linked
    stranger = person_with_facts(proud_of="Mine.")
    client = _signed_in(stranger)
    assert escape(reviewer.user.name) not in client.get(reverse("people:new_share")).content.decode()
    step_two = client.get(reverse("people:new_share"), {"reviewer": reviewer.pk})
    assert escape(reviewer.user.name) not in step_two.content.decode()
    assert "Choose a reviewer from the list" in step_two.content.decode()
    response = client.post(reverse("people:new_share"), {"reviewer": reviewer.pk, "sections": [PROUD], "days": 30})
    assert response.status_code == 200
    assert not Share.objects.filter(person=stranger).exists()
    with pytest.raises(services.SharingError):
        services.share_with_reviewer(stranger, reviewer, [PROUD], days=30, by=stranger)


def test_a_coordinator_is_not_a_reviewer_to_choose(linked):
    person, organisation, _ = linked
    coordinator = PartnershipMemberFactory(partnership=organisation.partnership)
    with pytest.raises(services.SharingError):
        services.share_with_reviewer(person, coordinator, [PROUD], days=30, by=person)


@pytest.mark.parametrize(
    "data",
    [
        {"reviewer": "x"},
        {"reviewer": "99999999999999999999999"},
        {"reviewer": "\x00"},
        {"sections": ["nothing"], "days": "30"},
        {"sections": [PROUD], "days": "1000"},
        {"sections": [PROUD], "days": "<script>"},
    ],
)
def test_hostile_input_on_the_reviewer_form_gets_a_clear_answer(linked, data):
    person, _, reviewer = linked
    form = {"reviewer": str(reviewer.pk)} | data
    response = _signed_in(person).post(reverse("people:new_share"), form)
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert not Share.objects.filter(reviewer__isnull=False).exists()


def test_only_the_person_shares_their_own_words(linked):
    person, _, reviewer = linked
    with pytest.raises(PermissionDenied):
        services.share_with_reviewer(person, reviewer, [PROUD], days=30, by=reviewer.user)


def test_the_database_keeps_one_kind_of_recipient(linked):
    person, organisation, reviewer = linked
    with pytest.raises(IntegrityError):
        Share.objects.create(
            person=person,
            recipient="reviewer",
            organisation=organisation,
            partnership=organisation.partnership,
            reviewer=reviewer.user,
            everyone_there=False,
            ends_at=timezone.now(),
        )


def test_the_download_names_the_reviewer_and_erasure_removes_the_share(linked):
    person, _, reviewer = linked
    services.share_with_reviewer(person, reviewer, [PROUD], days=30, by=person)
    exported = export_personal_data(person, by=person)["what_you_shared"]
    assert any("Jo Okafor" in row["with"] for row in exported)
    erase_account(person, by=person)
    assert not Share.objects.filter(reviewer=reviewer.user).exists()


def test_a_reviewer_sees_it_on_their_to_do_list(linked):
    person, organisation, reviewer = linked
    services.share_with_reviewer(person, reviewer, [PROUD], days=30, by=person)
    from included.access.rules import access_in
    from included.people.todo import to_do

    [item] = to_do(reviewer.user, access_in(reviewer.user, organisation.partnership))
    assert item.label == "1 person shares their Facts About Me with you"
