"""A person's words are theirs: only those they share with, while it lasts, read them, and every reading is logged."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from included.accounts.models import User
from included.people import services
from included.people.models import ConsentRecord, Fact, SectionView, Share
from tests.factories import OrganisationFactory, OrganisationMemberFactory, PartnershipMemberFactory, UserFactory
from tests.people.factories import organisation_with_member, person_with_facts

KNOWN = "people.known_as"
PROUD = "people.proud_of"
HELPS = "people.helps"

pytestmark = pytest.mark.django_db


def _signed_in(user):
    client = Client()
    client.force_login(user)
    return client


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
def shared():
    person = person_with_facts(known_as="Call me Sam.", proud_of="I fixed bikes.", helps="Quiet rooms help me.")
    organisation, member = organisation_with_member()
    share = services.share_sections(person, organisation, [KNOWN, PROUD], days=30, by=person)
    return person, organisation, member, share


def test_a_member_reads_exactly_the_shared_sections_and_the_reading_is_logged(shared):
    person, _, member, share = shared
    page = _signed_in(member).get(_shared_url(share)).content.decode()
    assert "Call me Sam." in page
    assert "I fixed bikes." in page
    assert "Quiet rooms help me." not in page
    views = SectionView.objects.filter(person=person)
    assert sorted(views.values_list("section", flat=True)) == [KNOWN, PROUD]
    assert {view.viewer for view in views} == {member}
    looked = _signed_in(person).get(reverse("people:looked")).content.decode()
    assert escape(member.name) in looked


def test_organisation_b_a_coordinator_and_a_reviewer_never_see_it(shared):
    person, organisation, _, share = shared
    other = OrganisationMemberFactory(organisation=OrganisationFactory(partnership=organisation.partnership)).user
    coordinator = PartnershipMemberFactory(partnership=organisation.partnership).user
    reviewer = PartnershipMemberFactory(partnership=organisation.partnership, role="reviewer").user
    for user in [other, coordinator, reviewer, UserFactory()]:
        assert _signed_in(user).get(_shared_url(share)).status_code == 404
    assert not SectionView.objects.exists()


def test_after_the_person_stops_sharing_the_member_gets_404(shared):
    person, _, member, share = shared
    response = _signed_in(person).post(reverse("people:stop_share", kwargs={"share_id": share.pk}))
    assert response.status_code == 302
    assert _signed_in(member).get(_shared_url(share)).status_code == 404
    assert list(ConsentRecord.objects.filter(person=person).values_list("action", flat=True)) == [
        "stopped",
        "granted",
    ]


def test_a_share_ends_by_itself_on_the_day_the_person_chose(shared):
    _, _, member, share = shared
    Share.objects.filter(pk=share.pk).update(ends_at=timezone.now() - datetime.timedelta(minutes=1))
    assert _signed_in(member).get(_shared_url(share)).status_code == 404


def test_a_share_to_named_people_hides_it_from_everyone_else_there():
    person = person_with_facts(known_as="Call me Sam.")
    organisation, named = organisation_with_member()
    colleague = OrganisationMemberFactory(organisation=organisation, member=True).user
    share = services.share_sections(person, organisation, [KNOWN], days=7, only_people=[named], by=person)
    assert _signed_in(named).get(_shared_url(share)).status_code == 200
    assert _signed_in(colleague).get(_shared_url(share)).status_code == 404


def test_nobody_else_can_share_or_stop_or_write_for_a_person(shared):
    person, organisation, member, share = shared
    with pytest.raises(PermissionDenied):
        services.save_fact(person, "known_as", "Changed", by=member)
    with pytest.raises(PermissionDenied):
        services.remove_all_facts(person, by=member)
    with pytest.raises(PermissionDenied):
        services.share_sections(person, organisation, [HELPS], days=30, by=member)
    with pytest.raises(PermissionDenied):
        services.stop_sharing(share, by=member)
    with pytest.raises(PermissionDenied):
        services.record_reading(share, [HELPS], by=UserFactory())
    assert Fact.objects.get(person=person, section="known_as").text == "Call me Sam."
    assert Share.objects.get(pk=share.pk).stopped_at is None


def test_another_person_cannot_stop_a_share_that_is_not_theirs(shared):
    _, _, _, share = shared
    response = _signed_in(UserFactory()).post(reverse("people:stop_share", kwargs={"share_id": share.pk}))
    assert response.status_code == 404
    assert Share.objects.get(pk=share.pk).stopped_at is None


def test_consent_records_are_never_changed(shared):
    record = ConsentRecord.objects.first()
    record.shared_with = "Someone else"
    with pytest.raises(Exception, match="never changed"):
        record.save()


def test_the_person_shares_through_the_form():
    person = person_with_facts(known_as="Call me Sam.")
    organisation, _ = organisation_with_member()
    client = _signed_in(person)
    response = client.post(
        reverse("people:new_share"), {"organisation": organisation.pk, "sections": [KNOWN], "days": "30"}
    )
    assert response.status_code == 302
    share = Share.objects.get(person=person)
    assert share.sections == [KNOWN]
    assert (share.ends_at - timezone.now()).days in (29, 30)


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"organisation": "999999", "sections": [KNOWN], "days": "30"},
        {"organisation": "x' OR 1=1", "sections": ["<script>alert(1)</script>"], "days": "-5"},
        {"sections": ["people.nothing"], "days": "100000"},
    ],
)
def test_a_wrong_share_form_says_what_to_fix_and_shares_nothing(data):
    person = person_with_facts(known_as="Call me Sam.")
    response = _signed_in(person).post(reverse("people:new_share"), data)
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    assert not Share.objects.exists()


def test_the_organisation_lists_only_current_shares_with_it(shared, django_assert_max_num_queries):
    person, organisation, member, share = shared
    url = reverse(
        "people:shared_with_organisation",
        kwargs={"partnership_slug": organisation.partnership.slug, "organisation_slug": organisation.slug},
    )
    client = _signed_in(member)
    client.get(url)
    with django_assert_max_num_queries(20) as few:
        client.get(url)
    for _ in range(5):
        other = person_with_facts(known_as="Hi")
        services.share_sections(other, organisation, [KNOWN], days=30, by=other)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(url).content.decode()
    assert escape(person.name) in page
    services.stop_sharing(share, by=person)
    assert escape(person.name) not in client.get(url).content.decode()


def test_the_organisation_finds_a_person_by_name(shared):
    person, organisation, member, _ = shared
    other = person_with_facts(known_as="Hi")
    services.share_sections(other, organisation, [KNOWN], days=30, by=other)
    User.objects.filter(pk=person.pk).update(name="Robin Hale")
    User.objects.filter(pk=other.pk).update(name="Zed Quill")
    url = reverse(
        "people:shared_with_organisation",
        kwargs={"partnership_slug": organisation.partnership.slug, "organisation_slug": organisation.slug},
    )
    page = _signed_in(member).get(url, {"q": "robin"}).content.decode()
    assert "Robin Hale" in page
    assert "Zed Quill" not in page
    too_long = _signed_in(member).get(url, {"q": "x" * 101})
    assert "Type no more than 100 characters" in too_long.content.decode()


def test_who_looked_keeps_to_a_fixed_number_of_queries(shared, django_assert_max_num_queries):
    person, organisation, member, share = shared
    client = _signed_in(person)
    services.record_reading(share, [KNOWN], by=member)
    client.get(reverse("people:looked"))
    with django_assert_max_num_queries(30) as few:
        client.get(reverse("people:looked"))
    for _ in range(6):
        reader = OrganisationMemberFactory(organisation=organisation, member=True).user
        services.record_reading(share, [KNOWN, PROUD], by=reader)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(reverse("people:looked")).content.decode()
    assert escape(member.name) in page
