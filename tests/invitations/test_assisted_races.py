"""Two people type the same printed code at the same moment and both make an account: only one account claims it.

Real threads on PostgreSQL, each with its own connection, released together (see tests/concurrency.py).
"""

import time

import pytest

from included.invitations import assisted
from included.invitations.models import Invitation
from tests.concurrency import postgresql_only, run_together
from tests.factories import OrganisationMemberFactory, UserFactory

pytestmark = [pytest.mark.django_db(transaction=True), postgresql_only]


class Visitor:
    """What claiming reads of a request: the visitor's session, holding the code they typed."""

    def __init__(self, invitation):
        held = {"id": invitation.pk, "code": invitation.claim_code_hash, "at": int(time.time())}
        self.session = {assisted.SESSION_CLAIM: held}


def test_one_code_claimed_twice_at_once_belongs_to_one_account():
    helper = OrganisationMemberFactory(member=True)
    for attempt in range(5):
        invitation = assisted.start_assisted_sign_up(helper.organisation, name=f"Robin {attempt}", by=helper.user)
        people = [UserFactory(), UserFactory()]

        results = run_together(
            2,
            lambda index, invitation=invitation, people=people: (Visitor(invitation), people[index]),
            lambda prepared: assisted.claim_for_new_account(*prepared),
        )

        assert [kind for kind, _ in results] == ["ok", "ok"], results
        claimed = [result for _, result in results if result is not None]
        assert len(claimed) == 1
        invitation.refresh_from_db()
        assert invitation.accepted_by in people
        assert invitation.accepted_by == claimed[0].accepted_by
        assert not Invitation.objects.filter(pk=invitation.pk, accepted_at__isnull=True).exists()
