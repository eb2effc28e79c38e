"""Two coordinators answering the same request at the same moment: one decision is saved, the other is refused,
and only one organisation, invitation or email comes of it.

Real threads on PostgreSQL, each with its own connection, released together (see tests/concurrency.py).
"""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from included.invitations.models import Invitation
from included.joining import services
from included.joining.models import JoinRequest
from included.organisations.models import Organisation
from tests.concurrency import postgresql_only, run_together
from tests.factories import PartnershipMemberFactory
from tests.joining.factories import JoinRequestFactory
from tests.joining.test_views import FORM

pytestmark = [pytest.mark.django_db(transaction=True), postgresql_only]


@pytest.mark.parametrize("second", ["accept", "decline"])
def test_two_coordinators_answering_at_once_make_one_decision(second):
    first = PartnershipMemberFactory()
    other = PartnershipMemberFactory(partnership=first.partnership)
    request = JoinRequestFactory(partnership=first.partnership)

    def answer(who):
        copy = JoinRequest.objects.get(pk=request.pk)
        if who is first.user or second == "accept":
            return services.accept_join_request(copy, by=who)
        return services.decline_join_request(copy, reason="Not in our area.", by=who)

    results = run_together(2, lambda index: [first.user, other.user][index], answer)

    outcomes = sorted(kind for kind, _ in results)
    assert outcomes == ["error", "ok"], results
    error = next(value for kind, value in results if kind == "error")
    assert isinstance(error, services.JoinRequestError)
    assert Organisation.objects.filter(name=request.organisation_name).count() <= 1
    assert Invitation.objects.count() <= 1
    assert len(mail.outbox) == 1


def test_the_same_form_sent_twice_at_once_makes_one_request_and_one_email():
    partnership = PartnershipMemberFactory().partnership
    url = reverse("joining:ask", kwargs={"partnership_slug": partnership.slug})
    page = Client().get(url).content.decode()
    sent = FORM | {"form_token": re.search(r'name="form_token" value="([^"]+)"', page).group(1)}

    results = run_together(2, lambda index: Client(), lambda client: client.post(url, sent))

    assert [kind for kind, _ in results] == ["ok", "ok"], results
    assert [response.status_code for _, response in results] == [302, 302]
    assert JoinRequest.objects.count() == 1
    assert len(mail.outbox) == 2  # one to the contact, one to the coordinator
