"""Every django-allauth page Included uses is in our layout: one h1, GOV.UK markup, no allauth placeholders."""

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.urls import reverse

from tests.accounts.helpers import confirm_password, h1_count, sign_in
from tests.accounts.security_key import add_key
from tests.factories import PASSWORD, PartnershipMemberFactory, UserFactory

pytestmark = pytest.mark.django_db

SIGNED_OUT_PAGES = [
    "account_login",
    "account_signup",
    "account_reset_password",
    "account_reset_password_done",
    "account_reset_password_from_key_done",
    "accounts:deleted",
]
SIGNED_IN_PAGES = [
    "account_logout",
    "account_change_password",
    "account_reauthenticate",
    "accounts:settings",
    "accounts:edit_name",
    "accounts:delete",
    "mfa_index",
    "mfa_activate_totp",
    "mfa_list_webauthn",
    "mfa_add_webauthn",
]
TWO_STEP_PAGES = [
    "mfa_index",
    "mfa_deactivate_totp",
    "mfa_generate_recovery_codes",
    "mfa_reauthenticate",
    "accounts:settings",
]


def assert_in_our_layout(response):
    content = response.content.decode()
    assert response.status_code == 200
    assert h1_count(response) == 1
    assert 'class="govuk-heading-l"' in content or 'class="govuk-panel__title"' in content
    assert "govuk-template__body" in content
    assert "placeholder=" not in content


@pytest.mark.parametrize("name", SIGNED_OUT_PAGES)
def test_signed_out_account_pages_use_our_layout(client, name):
    assert_in_our_layout(client.get(reverse(name)))


@pytest.mark.parametrize("name", SIGNED_IN_PAGES)
def test_signed_in_account_pages_use_our_layout(client, name):
    sign_in(client, UserFactory())
    confirm_password(client)
    assert_in_our_layout(client.get(reverse(name)))


@pytest.mark.parametrize("name", TWO_STEP_PAGES)
def test_two_step_pages_use_our_layout(client, name):
    sign_in(client, PartnershipMemberFactory().user)
    confirm_password(client)
    assert_in_our_layout(client.get(reverse(name)))


def test_the_code_prompt_at_sign_in_uses_our_layout(client):
    coordinator = PartnershipMemberFactory()
    client.post(
        reverse("account_login"), {"login": coordinator.user.email, "password": "a long and private passphrase"}
    )
    assert_in_our_layout(client.get(reverse("mfa_authenticate")))


def test_security_key_pages_use_our_layout(client):
    person = UserFactory()
    sign_in(client, person)
    add_key(client)
    key = Authenticator.objects.get(user=person, type=Authenticator.Type.WEBAUTHN)
    for url in [
        reverse("mfa_list_webauthn"),
        reverse("mfa_edit_webauthn", kwargs={"pk": key.pk}),
        reverse("mfa_remove_webauthn", kwargs={"pk": key.pk}),
        reverse("mfa_reauthenticate_webauthn"),
        reverse("mfa_view_recovery_codes"),
        reverse("mfa_generate_recovery_codes"),
    ]:
        assert_in_our_layout(client.get(url))
    client.logout()
    client.post(reverse("account_login"), {"login": person.email, "password": PASSWORD})
    assert_in_our_layout(client.get(reverse("mfa_authenticate")))


def test_allauths_page_for_several_email_addresses_is_not_offered(client):
    sign_in(client, UserFactory())
    response = client.get(reverse("account_email"))
    assert response.status_code == 302
    assert response.url == reverse("accounts:settings")
    response = client.post(reverse("account_email"), {"action_add": "", "email": "second@example.org"})
    assert response.status_code in (302, 405)
    assert not EmailAddress.objects.filter(email="second@example.org").exists()
