"""The demo partnership has requests to join, so a coordinator trying the demo has one to answer."""

import pytest
from django.urls import reverse
from django.utils import timezone

from included.access.models import PartnershipMember
from included.core.enums import EmailStatus
from included.core.models import OutgoingEmail
from included.demo.partnership import load_demo
from included.joining.enums import JoinRequestStatus
from included.joining.models import JoinRequest
from tests.accounts.helpers import page_text

pytestmark = pytest.mark.django_db


def test_the_demo_coordinator_sees_waiting_requests_one_with_a_possible_duplicate(client):
    partnership = load_demo()
    requests = JoinRequest.objects.for_partnership(partnership)
    assert requests.pending().count() == 2
    assert requests.filter(status=JoinRequestStatus.DECLINED).exclude(decline_reason="").count() == 1
    assert all(request.created_at.date() < timezone.localdate() for request in requests)
    assert not OutgoingEmail.objects.filter(key__startswith="joining.").exclude(status=EmailStatus.CANCELLED).exists()

    coordinator = PartnershipMember.objects.coordinators().filter(partnership=partnership).first().user
    client.force_login(coordinator)
    response = client.get(reverse("joining:requests", kwargs={"partnership_slug": partnership.slug}))

    text = page_text(response)
    assert "Northbank Allotment Growers" in text
    assert "The Riverside Works CIC" in text
    assert "Riverside Works (already a member): the same name" in text


def test_every_demo_request_uses_choices_included_offers_and_a_made_up_email_address():
    from included.demo.joining import JOINING
    from included.joining import numbers
    from included.organisations.enums import Sector, Size

    for spec in JOINING["join_requests"]:
        assert spec["contact_email"].endswith(".example"), spec
        assert spec["sector"] in Sector.values, spec
        assert spec["size"] in Size.values, spec
        number = spec["registration_number"]
        assert number == "" or (numbers.is_valid(number) and numbers.normalise(number) == number), spec
