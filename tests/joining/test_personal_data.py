"""What a request to join holds about a person is in their download, goes when they delete their account, and goes
on its own some time after the request is decided."""

import datetime

import pytest
from django.utils import timezone

from included.core import personal_data
from included.joining import services
from included.joining.models import JoinRequest
from included.joining.personal_data import decided_join_requests
from tests.factories import PartnershipMemberFactory, UserFactory
from tests.joining.factories import JoinRequestFactory

pytestmark = pytest.mark.django_db


def test_the_download_has_the_requests_a_person_sent_and_those_they_answered():
    contact = UserFactory(email="amara@example.org")
    coordinator = PartnershipMemberFactory()
    JoinRequestFactory(organisation_name="Kestrel Bakery", contact_email="Amara@example.org")
    answered = JoinRequestFactory(partnership=coordinator.partnership, organisation_name="Old Mill Trust")
    services.decline_join_request(answered, reason="Not in our area.", by=coordinator.user)

    sent = personal_data.collect(contact)["requests_to_join_you_sent"]
    decided = personal_data.collect(coordinator.user)["requests_to_join_you_answered"]

    assert [(r["organisation"], r["your_email"]) for r in sent] == [("Kestrel Bakery", "Amara@example.org")]
    assert [(r["organisation"], r["reason_you_gave"]) for r in decided] == [("Old Mill Trust", "Not in our area.")]


def test_deleting_an_account_removes_the_contact_details_from_requests_they_sent():
    contact = UserFactory(email="amara@example.org")
    mine = JoinRequestFactory(contact_email="amara@example.org", contact_name="Amara Okafor")
    someone_elses = JoinRequestFactory()

    personal_data.erase(contact)

    mine.refresh_from_db()
    assert (mine.contact_name, mine.contact_email, mine.message) == ("", "", "")
    assert mine.contact_erased_at is not None
    assert mine.organisation_name  # what the organisation is stays
    someone_elses.refresh_from_db()
    assert someone_elses.contact_email and not someone_elses.contact_erased


def test_a_coordinators_name_comes_out_of_the_reasons_they_gave():
    coordinator = PartnershipMemberFactory(user__name="Sam Patel")
    request = JoinRequestFactory(partnership=coordinator.partnership)
    services.decline_join_request(request, reason="Sam Patel says: not in our area.", by=coordinator.user)

    personal_data.erase(coordinator.user)

    request.refresh_from_db()
    assert request.decline_reason == "Former member says: not in our area."


def test_contact_details_go_once_a_decided_request_is_older_than_the_retention_period(settings):
    settings.RETAIN_DECIDED_JOIN_REQUESTS_DAYS = 90
    coordinator = PartnershipMemberFactory()
    now = timezone.now()
    old = JoinRequestFactory(partnership=coordinator.partnership)
    recent = JoinRequestFactory(partnership=coordinator.partnership)
    waiting = JoinRequestFactory(partnership=coordinator.partnership, created_at=now - datetime.timedelta(days=400))
    for request in (old, recent):
        services.decline_join_request(request, reason="Not in our area.", by=coordinator.user)
    JoinRequest.objects.filter(pk=old.pk).update(decided_at=now - datetime.timedelta(days=91))
    JoinRequest.objects.filter(pk=recent.pk).update(decided_at=now - datetime.timedelta(days=89))

    assert personal_data.apply_retention(now=now)["Contact details of decided requests to join removed"] == 1
    assert decided_join_requests(now) == 0  # a second run changes nothing

    old.refresh_from_db()
    assert (old.contact_name, old.contact_email, old.decline_reason) == ("", "", "")
    assert old.status == "declined"
    for kept in (recent, waiting):
        kept.refresh_from_db()
        assert kept.contact_email and not kept.contact_erased
