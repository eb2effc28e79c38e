"""Who must use two-step verification: people who can see other people's work."""

import pytest
from django.contrib.auth.models import AnonymousUser

from included.access.rules import must_use_two_step
from tests.factories import OrganisationMemberFactory, PartnershipMemberFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_coordinators_reviewers_and_staff_must_use_two_step_verification():
    assert must_use_two_step(PartnershipMemberFactory().user)
    assert must_use_two_step(PartnershipMemberFactory(reviewer=True).user)
    assert must_use_two_step(UserFactory(is_staff=True))


def test_organisation_members_and_people_signed_out_need_not():
    assert not must_use_two_step(OrganisationMemberFactory().user)
    assert not must_use_two_step(UserFactory())
    assert not must_use_two_step(AnonymousUser())
