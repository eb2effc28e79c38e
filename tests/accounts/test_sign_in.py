import pytest
from django.urls import reverse

from tests.accounts.helpers import h1_count, page_text, sign_in
from tests.factories import PASSWORD, PartnershipMemberFactory, UserFactory
from tests.helpers import totp_code

pytestmark = pytest.mark.django_db


def test_sign_in_page_uses_plain_labels_and_one_heading(client):
    response = client.get(reverse("account_login"))
    content = response.content.decode()
    assert response.status_code == 200
    assert h1_count(response) == 1
    assert '<label class="govuk-label" for="id_login">Email address</label>' in content
    assert "placeholder" not in content
    assert "I have forgotten my password" in page_text(response)
    assert "Anyone can make an account as themselves" in page_text(response)


def test_person_signs_in_with_their_email_and_password(client):
    person = UserFactory(email="kim@example.org")
    response = client.post(reverse("account_login"), {"login": "KIM@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("www:home")
    assert client.get(reverse("accounts:settings")).context["user"] == person


def test_wrong_password_gets_a_plain_message_and_keeps_the_email_typed(client):
    UserFactory(email="kim@example.org")
    response = client.post(reverse("account_login"), {"login": "kim@example.org", "password": "not my password"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "<title>Error: " in content
    assert "govuk-error-summary" in content
    assert "The email address or password is not right" in page_text(response)
    assert 'value="kim@example.org"' in content


def test_empty_sign_in_form_says_what_to_enter(client):
    response = client.post(reverse("account_login"), {})
    text = page_text(response)
    assert response.status_code == 200
    assert "Enter your email address" in text
    assert "Enter your password" in text
    assert "This field is required" not in text


def test_sixth_wrong_password_in_a_row_is_refused_with_a_plain_message(client):
    UserFactory(email="kim@example.org")
    for _ in range(5):
        response = client.post(reverse("account_login"), {"login": "kim@example.org", "password": "guess"})
        assert "The email address or password is not right" in page_text(response)
    response = client.post(reverse("account_login"), {"login": "kim@example.org", "password": "guess"})
    assert response.status_code == 200
    assert "You have tried to sign in too many times. Wait 5 minutes" in page_text(response)


def test_right_password_is_refused_too_while_sign_in_is_throttled(client):
    UserFactory(email="kim@example.org")
    for _ in range(5):
        client.post(reverse("account_login"), {"login": "kim@example.org", "password": "guess"})
    response = client.post(reverse("account_login"), {"login": "kim@example.org", "password": PASSWORD})
    assert response.status_code == 200
    assert "too many times" in page_text(response)


@pytest.mark.parametrize(
    "login",
    ["x" * 10_000 + "@example.org", "<script>alert(1)</script>", "not an email", "kim@example.org\x00"],
)
def test_hostile_sign_in_input_gets_a_clear_error(client, login):
    response = client.post(reverse("account_login"), {"login": login, "password": "<script>alert(1)</script>"})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()
    assert "govuk-error-summary" in response.content.decode()


def test_signing_out_asks_first_and_needs_a_button(client):
    person = UserFactory()
    client.force_login(person)
    response = client.get(reverse("account_logout"))
    assert response.status_code == 200
    assert h1_count(response) == 1
    assert client.get(reverse("accounts:settings")).status_code == 200

    response = client.post(reverse("account_logout"), follow=True)
    assert "You have signed out." in page_text(response)
    assert client.get(reverse("accounts:settings")).status_code == 302


def test_person_with_two_step_verification_is_asked_for_their_code(client):
    coordinator = PartnershipMemberFactory()
    response = client.post(reverse("account_login"), {"login": coordinator.user.email, "password": PASSWORD})
    assert response.url == reverse("mfa_authenticate")
    response = client.get(response.url)
    assert h1_count(response) == 1
    assert "Code from your authenticator app" in page_text(response)
    assert "I do not have my phone" in page_text(response)

    response = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()

    response = client.post(reverse("mfa_authenticate"), {"code": totp_code()})
    assert response.status_code == 302
    assert client.get(reverse("accounts:settings")).context["user"] == coordinator.user


def test_empty_code_says_what_to_enter(client):
    coordinator = PartnershipMemberFactory()
    client.post(reverse("account_login"), {"login": coordinator.user.email, "password": PASSWORD})
    response = client.post(reverse("mfa_authenticate"), {"code": ""})
    assert "Enter the code from your authenticator app" in page_text(response)


def test_sign_in_helper_signs_in_through_both_steps(client):
    coordinator = PartnershipMemberFactory()
    sign_in(client, coordinator.user)
    assert client.get(reverse("accounts:settings")).status_code == 200


@pytest.mark.parametrize("code", ["x" * 10_000, "<script>alert(1)</script>", "12345\x00"])
def test_hostile_codes_at_sign_in_get_a_clear_error(client, code):
    coordinator = PartnershipMemberFactory()
    client.post(reverse("account_login"), {"login": coordinator.user.email, "password": PASSWORD})
    response = client.post(reverse("mfa_authenticate"), {"code": code})
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    assert "<script>alert(1)</script>" not in response.content.decode()


@pytest.mark.parametrize("password", ["", "x" * 10_000, "<script>alert(1)</script>"])
def test_hostile_answers_to_enter_your_password_again_get_a_clear_error(client, password):
    sign_in(client, UserFactory())
    response = client.post(reverse("account_reauthenticate"), {"password": password})
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    assert "<script>alert(1)</script>" not in response.content.decode()
