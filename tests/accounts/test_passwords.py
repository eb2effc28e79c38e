from urllib.parse import urlparse

import pytest
from django.core import mail
from django.urls import reverse

from included.core.models import AuditEvent
from tests.accounts.helpers import extract_link, h1_count, page_text
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "lantern kettle orchard"


def test_person_resets_a_forgotten_password_by_email(client):
    person = UserFactory(email="kim@example.org")
    response = client.get(reverse("account_reset_password"))
    assert h1_count(response) == 1
    assert "Tell us the email address you sign in with" in page_text(response)

    response = client.post(reverse("account_reset_password"), {"email": "Kim@example.org"}, follow=True)
    assert "Check your email" in page_text(response)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Reset your password for Included"
    assert "The link works once" in mail.outbox[0].body

    response = client.get(urlparse(extract_link(mail.outbox[0].body)).path, follow=True)
    assert "Choose a new password" in page_text(response)
    set_password_path = response.redirect_chain[-1][0]

    response = client.post(set_password_path, {"password1": "short", "password2": "short"})
    assert "Your password must be 8 characters or more" in page_text(response)

    response = client.post(set_password_path, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}, follow=True)
    assert "Your password is changed" in page_text(response)
    person.refresh_from_db()
    assert person.check_password(NEW_PASSWORD)
    assert AuditEvent.objects.filter(action="account.password_reset", actor=person).exists()


def test_asking_to_reset_for_an_unknown_address_looks_the_same(client):
    response = client.post(reverse("account_reset_password"), {"email": "nobody@example.org"}, follow=True)
    assert "Check your email" in page_text(response)
    assert "we have no account for this email" in mail.outbox[0].body


def test_a_broken_reset_link_says_so_and_offers_a_new_one(client):
    response = client.get("/accounts/password/reset/key/1-not-a-real-key/", follow=True)
    assert response.status_code == 200
    assert "This link does not work" in page_text(response)
    assert "Ask for a new link" in page_text(response)


@pytest.mark.parametrize("email", ["", "not an email", "x" * 400 + "@example.org", "<script>@x"])
def test_reset_form_answers_bad_addresses_with_a_clear_error(client, email):
    response = client.post(reverse("account_reset_password"), {"email": email})
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    assert not mail.outbox


def test_person_changes_their_password(client):
    person = UserFactory()
    client.force_login(person)
    response = client.get(reverse("account_change_password"))
    assert h1_count(response) == 1
    assert "Your current password" in page_text(response)
    assert "Three random words together make a strong password" in page_text(response)

    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert response.url == reverse("accounts:settings")
    person.refresh_from_db()
    assert person.check_password(NEW_PASSWORD)
    assert AuditEvent.objects.filter(action="account.password_changed", actor=person).exists()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"oldpassword": "wrong", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}, "Enter your current password"),
        (
            {"oldpassword": PASSWORD, "password1": "password123", "password2": "password123"},
            "passwords people use most often",
        ),
        ({"oldpassword": PASSWORD, "password1": "seven77", "password2": "seven77"}, "8 characters or more"),
        ({}, "Enter your current password"),
        ({"oldpassword": PASSWORD, "password1": "x" * 10_000, "password2": "<script>"}, "govuk-error-summary"),
    ],
    ids=["wrong current", "common", "short", "empty", "hostile"],
)
def test_changing_a_password_refuses_bad_input_clearly(client, fields, message):
    person = UserFactory()
    client.force_login(person)
    response = client.post(reverse("account_change_password"), fields)
    assert response.status_code == 200
    assert message in page_text(response) or message in response.content.decode()
    assert "Current Password" not in page_text(response)
    person.refresh_from_db()
    assert person.check_password(PASSWORD)


def test_a_new_password_like_the_persons_name_is_refused(client):
    person = UserFactory(name="Priya Shah")
    client.force_login(person)
    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": "priyashah1", "password2": "priyashah1"},
    )
    assert response.status_code == 200
    assert "Your password is too like your name or email address" in page_text(response)
    person.refresh_from_db()
    assert person.check_password(PASSWORD)
