"""Having an authenticator app is not enough: a coordinator or reviewer must have typed its code in this session.

A session that only ever saw the password (an old admin sign-in, a sign-in from a script) is asked for the code
before any page that is not public, and then carries on to the page the person wanted.
"""

import re

import pytest
from django.urls import reverse

from tests.accounts.helpers import confirm_password, page_text, sign_in, sign_in_with_password_only
from tests.factories import OrganisationMemberFactory, PartnershipMemberFactory, UserFactory
from tests.helpers import totp_code

pytestmark = pytest.mark.django_db

ENTER_CODE = reverse("mfa_reauthenticate")


@pytest.fixture
def reviewer():
    return PartnershipMemberFactory(reviewer=True)


def overview_of(role):
    return reverse("assessments:overview", kwargs={"partnership_slug": role.partnership.slug})


def test_a_reviewer_who_signed_in_with_the_password_only_is_asked_for_the_code(client, reviewer):
    sign_in_with_password_only(client, reviewer.user)
    wanted = reverse("www:home")
    response = client.get(wanted)
    assert response.status_code == 302
    assert response.url == f"{ENTER_CODE}?next=%2F"

    response = client.get(response.url)
    assert response.status_code == 200
    assert "Type the 6 numbers your authenticator app shows" in page_text(response)


def test_after_a_valid_code_the_reviewer_carries_on_where_they_were_going(client, reviewer):
    sign_in_with_password_only(client, reviewer.user)
    wanted = reverse("www:home")
    response = client.get(wanted)

    response = client.post(ENTER_CODE, {"code": "000000", "next": wanted})
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    assert client.get(wanted).status_code == 302

    response = client.post(ENTER_CODE, {"code": totp_code(), "next": wanted})
    assert response.status_code == 302
    assert response.url == wanted
    assert client.get(wanted).status_code == 200
    assert client.get(reverse("accounts:settings")).status_code == 200


def test_a_coordinator_who_signed_in_with_the_password_only_is_stopped_on_every_private_page(client):
    coordinator = PartnershipMemberFactory()
    sign_in_with_password_only(client, coordinator.user)
    slug = coordinator.partnership.slug
    for page in [
        reverse("www:invitations", kwargs={"partnership_slug": slug}),
        overview_of(coordinator),
        reverse("accounts:settings"),
        reverse("accounts:edit_name"),
        reverse("mfa_index"),
        reverse("admin:index"),
    ]:
        response = client.get(page)
        assert response.status_code == 302, page
        assert response.url.startswith(ENTER_CODE), page
    response = client.post(reverse("accounts:download_data"))
    assert response.status_code == 302
    assert response.url.startswith(ENTER_CODE)


def test_public_pages_signing_out_and_the_code_page_stay_open(client, reviewer):
    sign_in_with_password_only(client, reviewer.user)
    assert client.get(reverse("core:privacy")).status_code == 200
    frameworks = reverse("frameworks:list", kwargs={"partnership_slug": reviewer.partnership.slug})
    assert client.get(frameworks).status_code == 200
    assert client.get(ENTER_CODE).status_code == 200
    assert client.get(reverse("account_logout")).status_code == 200


def test_signing_in_with_password_and_code_goes_straight_on(client, reviewer):
    sign_in(client, reviewer.user)
    assert client.get(reverse("www:home")).status_code == 200


def test_organisation_members_are_not_asked_for_a_code(client):
    member = OrganisationMemberFactory(member=True)
    sign_in_with_password_only(client, member.user)
    assert client.get(reverse("www:home")).status_code == 200


def test_a_form_sent_before_the_code_is_sent_again_after_it(client, reviewer):
    sign_in_with_password_only(client, reviewer.user)
    edit_name = reverse("accounts:edit_name")
    response = client.post(edit_name, {"name": "Sam Okafor"})
    assert response.url == f"{ENTER_CODE}?next=%2Faccounts%2Fsettings%2Fname%2F"
    reviewer.user.refresh_from_db()
    assert reviewer.user.name != "Sam Okafor"

    response = client.post(ENTER_CODE, {"code": totp_code(), "next": edit_name})
    assert response.status_code == 302
    assert response.url == reverse("accounts:settings")
    reviewer.user.refresh_from_db()
    assert reviewer.user.name == "Sam Okafor"


def test_setting_up_the_app_counts_as_typing_its_code(client):
    coordinator = PartnershipMemberFactory(user=UserFactory())
    sign_in(client, coordinator.user)
    confirm_password(client)
    response = client.get(reverse("mfa_activate_totp"))
    secret = re.search(r'id="setup-key"[^>]*>([A-Z2-7 ]+)<', response.content.decode()).group(1).replace(" ", "")
    client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    assert coordinator.user.has_two_step
    assert client.get(reverse("www:home")).status_code == 200
