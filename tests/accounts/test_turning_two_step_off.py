"""The page to turn two-step verification off warns the people whose role needs it; the form decides, not the page."""

import pytest
from django.urls import reverse

from included.accounts.forms import TurnOffTwoStepForm
from tests.accounts.helpers import confirm_password, page_text, sign_in
from tests.factories import OrganisationMemberFactory, PartnershipMemberFactory

pytestmark = pytest.mark.django_db

WARNING = "You are a coordinator or a reviewer, so you must have it on."


def turn_off_page(client, user):
    sign_in(client, user)
    confirm_password(client)
    return client.get(reverse("mfa_deactivate_totp"))


def test_a_reviewer_is_warned_they_must_have_it_on(client):
    reviewer = PartnershipMemberFactory(reviewer=True)
    response = turn_off_page(client, reviewer.user)
    assert isinstance(response.context["form"], TurnOffTwoStepForm)
    assert response.context["form"].role_needs_two_step
    assert WARNING in page_text(response)


def test_an_ordinary_member_is_not_warned(client):
    member = OrganisationMemberFactory(member=True, user__with_two_step=True)
    response = turn_off_page(client, member.user)
    assert response.status_code == 200
    assert not response.context["form"].role_needs_two_step
    assert "Turn off two-step verification" in page_text(response)
    assert WARNING not in page_text(response)
