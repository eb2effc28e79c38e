"""Sharing in two steps: find the organisation, then share with everyone there or only the people chosen by name."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from included.invitations.enums import InvitationKind
from included.invitations.models import Invitation
from included.people import services
from included.people.models import ConsentRecord, Share
from tests.factories import OrganisationFactory, OrganisationMemberFactory, UserFactory
from tests.people.factories import organisation_with_member, person_with_facts

KNOWN = "people.known_as"
NEW_SHARE = "/me/sharing/new/"

pytestmark = pytest.mark.django_db


def _signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def _invited_by(organisation, person):
    """The organisation invited the person, who accepted: a link that lets the person choose people there by name."""
    Invitation.objects.create(
        partnership=organisation.partnership,
        organisation=organisation,
        email=person.email,
        kind=InvitationKind.PERSON,
        token_hash=Invitation.hash_token_value(Invitation.new_token()),
        expires_at=Invitation.default_expiry(),
        accepted_at=timezone.now(),
        accepted_by=person,
    )


def _shared_url(share):
    organisation = share.organisation
    return reverse(
        "people:shared_person",
        kwargs={
            "partnership_slug": organisation.partnership.slug,
            "organisation_slug": organisation.slug,
            "share_id": share.pk,
        },
    )


@pytest.fixture
def linked():
    """A person an organisation invited; two people work there: Robin (the support worker) and a colleague."""
    person = person_with_facts(known_as="Call me Sam.")
    organisation, robin = organisation_with_member()
    robin.name = "Robin Support"
    robin.save(update_fields=["name"])
    colleague = OrganisationMemberFactory(organisation=organisation, member=True, user__name="Casey Colleague").user
    _invited_by(organisation, person)
    return person, organisation, robin, colleague


def test_step_one_lists_organisations_the_person_knows_and_finds_others_by_name(linked):
    person, organisation, _, _ = linked
    other = OrganisationFactory(name="Hillside Cafe")
    OrganisationFactory(name="Hillside Archived", archived_at=timezone.now())
    client = _signed_in(person)
    page = client.get(NEW_SHARE).content.decode()
    assert organisation.name in page
    assert "Hillside Cafe" not in page, "only the organisations the person knows are listed before a search"
    found = client.get(NEW_SHARE, {"q": "hillside"}).content.decode()
    assert f"?organisation={other.pk}" in found
    assert "Hillside Archived" not in found
    assert "1 organisation with “hillside” in the name" in found


def test_a_share_to_named_people_is_readable_by_them_only(linked):
    person, organisation, robin, colleague = linked
    client = _signed_in(person)
    step_two = client.get(NEW_SHARE, {"organisation": organisation.pk}).content.decode()
    assert "Robin Support" in step_two
    assert "Casey Colleague" in step_two
    response = client.post(
        NEW_SHARE,
        {"organisation": organisation.pk, "audience": "only", "people": [robin.pk], "sections": [KNOWN], "days": "7"},
    )
    assert response.status_code == 302
    share = Share.objects.get(person=person)
    assert not share.everyone_there
    assert list(share.only_people.all()) == [robin]
    assert _signed_in(robin).get(_shared_url(share)).status_code == 200
    assert _signed_in(colleague).get(_shared_url(share)).status_code == 404
    assert ConsentRecord.objects.get(share=share).shared_with == f"Robin Support at {organisation.name}"
    listed = client.get(reverse("people:shares")).content.decode()
    assert f"Only Robin Support at {organisation.name}" in listed


def test_everyone_who_works_there_can_read_a_share_to_everyone(linked):
    person, organisation, robin, colleague = linked
    response = _signed_in(person).post(
        NEW_SHARE, {"organisation": organisation.pk, "audience": "everyone", "sections": [KNOWN], "days": "30"}
    )
    assert response.status_code == 302
    share = Share.objects.get(person=person)
    assert share.everyone_there
    for reader in (robin, colleague):
        assert _signed_in(reader).get(_shared_url(share)).status_code == 200


def test_the_names_of_people_who_work_somewhere_are_not_shown_to_a_stranger():
    person = person_with_facts(known_as="Call me Sam.")
    organisation, member = organisation_with_member()
    client = _signed_in(person)
    page = client.get(NEW_SHARE, {"organisation": organisation.pk}).content.decode()
    assert escape(member.name) not in page
    assert "Everyone who works at" in page
    response = client.post(
        NEW_SHARE,
        {"organisation": organisation.pk, "audience": "only", "people": [member.pk], "sections": [KNOWN], "days": "7"},
    )
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    assert not Share.objects.exists()


@pytest.mark.parametrize(
    "change",
    [
        {"audience": "only", "people": []},
        {"audience": "everyone"},  # with Robin ticked
        {"audience": "<script>alert(1)</script>"},
        {"people": ["x' OR 1=1"]},
        {"people": ["99999999999999999999"]},
        {"people": "outsider"},
        {"organisation": "other"},
        {"sections": ["people.nothing"], "days": "100000"},
    ],
)
def test_a_wrong_choice_of_people_says_what_to_fix_and_keeps_what_was_chosen(linked, change):
    person, organisation, robin, _ = linked
    outsider = OrganisationMemberFactory().user
    other = OrganisationFactory(partnership=organisation.partnership)
    data = {"organisation": organisation.pk, "audience": "only", "people": [robin.pk], "sections": [KNOWN], "days": "7"}
    data |= change
    if data["people"] == "outsider":
        data["people"] = [outsider.pk]
    if data["organisation"] == "other":
        data["organisation"] = other.pk
    response = _signed_in(person).post(NEW_SHARE, data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page
    assert "<script>alert(1)</script>" not in page
    assert not Share.objects.exists()
    if data["organisation"] == organisation.pk and "sections" not in change:
        assert re.search(r'<input[^>]*value="people.known_as"[^>]*checked', page), "the ticked part stays ticked"


def test_the_service_refuses_to_name_someone_who_does_not_work_there(linked):
    person, organisation, _, _ = linked
    with pytest.raises(services.SharingError):
        services.share_sections(person, organisation, [KNOWN], days=7, only_people=[UserFactory()], by=person)
    assert not Share.objects.exists()


@pytest.mark.parametrize("organisation", ["x' OR 1=1", "-1", "99999999999999999999999", "<b>1</b>"])
def test_a_tampered_address_goes_back_to_step_one(organisation):
    response = _signed_in(UserFactory()).get(NEW_SHARE, {"organisation": organisation})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Choose an organisation from the list" in page
    assert "<b>1</b>" not in page


def test_a_huge_search_says_what_to_fix():
    response = _signed_in(UserFactory()).get(NEW_SHARE, {"q": "x" * 5000})
    assert "Type no more than 100 characters" in response.content.decode()


def test_step_one_keeps_to_a_fixed_number_of_queries(linked):
    person, organisation, _, _ = linked
    client = _signed_in(person)

    def measured():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(NEW_SHARE, {"q": "bakery"}).status_code == 200
        return len(queries)

    small = measured()
    for _ in range(30):
        other = OrganisationFactory()
        _invited_by(other, person)
    assert measured() == small


def test_step_two_keeps_to_a_fixed_number_of_queries(linked):
    person, organisation, _, _ = linked
    client = _signed_in(person)

    def measured():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(NEW_SHARE, {"organisation": organisation.pk}).status_code == 200
        return len(queries)

    small = measured()
    for _ in range(15):  # up to ShareForm.MOST_BOXES, a box for each; more, and a search (the next test)
        OrganisationMemberFactory(organisation=organisation, member=True)
    assert measured() == small


def test_at_a_large_organisation_step_two_finds_people_by_name_instead_of_a_box_each(linked):
    person, organisation, robin, _ = linked
    for number in range(30):
        OrganisationMemberFactory(organisation=organisation, member=True, user__name=f"Worker {number:02d}")
    client = _signed_in(person)
    page = client.get(NEW_SHARE, {"organisation": organisation.pk}).content.decode()
    assert "Worker 01" not in page and "Robin Support" not in page
    assert "find them by name above" in page
    found = client.get(NEW_SHARE, {"organisation": organisation.pk, "who": "robin"}).content.decode()
    assert "Robin Support" in found and "Worker 01" not in found
    many = client.get(NEW_SHARE, {"organisation": organisation.pk, "who": "worker"}).content.decode()
    assert many.count('name="people"') == 20
    assert "Type more of the name to find others" in many
    response = client.post(
        NEW_SHARE,
        {"organisation": organisation.pk, "audience": "only", "people": [robin.pk], "sections": [KNOWN], "days": "7"},
    )
    assert response.status_code == 302
    assert list(Share.objects.get(person=person).only_people.all()) == [robin]

    def measured(count):
        for number in range(count):
            OrganisationMemberFactory(organisation=organisation, member=True, user__name=f"Worker b{number}")
        with CaptureQueriesContext(connection) as queries:
            assert client.get(NEW_SHARE, {"organisation": organisation.pk, "who": "worker"}).status_code == 200
        return len(queries)

    assert measured(0) == measured(40)
