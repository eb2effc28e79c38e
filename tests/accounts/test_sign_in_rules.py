"""What pages and emails say about passwords and signing in follows the settings that enforce it."""

from urllib.parse import urlparse

import pytest
from django.core import mail
from django.urls import reverse

from tests.accounts.helpers import extract_link, page_text, sign_in
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def shortest_password_of(length):
    return [
        {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
        {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": length}},
        {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    ]


def test_the_password_hint_and_message_say_todays_shortest_password(client):
    sign_in(client, UserFactory())
    response = client.get(reverse("account_change_password"))
    assert "Use 8 characters or more." in page_text(response)


def test_a_longer_shortest_password_changes_the_hint_and_the_message(client, settings):
    settings.AUTH_PASSWORD_VALIDATORS = shortest_password_of(12)
    sign_in(client, UserFactory())
    response = client.get(reverse("account_change_password"))
    assert "Use 12 characters or more." in page_text(response)
    assert "Use 8 characters" not in page_text(response)

    short = "ten chars!"
    response = client.post(
        reverse("account_change_password"), {"oldpassword": PASSWORD, "password1": short, "password2": short}
    )
    assert "Your password must be 12 characters or more" in page_text(response)


def test_the_pause_after_too_many_wrong_passwords_is_the_one_in_the_settings(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login_failed": "3/10m/ip,3/10m/key"}
    UserFactory(email="kim@example.org")
    for _ in range(3):
        client.post(reverse("account_login"), {"login": "kim@example.org", "password": "guess"})
    response = client.post(reverse("account_login"), {"login": "kim@example.org", "password": "guess"})
    assert "You have tried to sign in too many times. Wait 10 minutes, then try again." in page_text(response)


def test_the_reset_email_says_how_long_the_link_works_from_the_setting(client, settings):
    settings.PASSWORD_RESET_TIMEOUT = 60 * 60
    UserFactory(email="kim@example.org")
    client.post(reverse("account_reset_password"), {"email": "kim@example.org"})
    assert "The link works once, for 1 hour." in mail.outbox[0].body
    assert "3 days" not in mail.outbox[0].body
    response = client.get(urlparse(extract_link(mail.outbox[0].body)).path, follow=True)
    assert "Choose a new password" in page_text(response)


def test_by_default_the_reset_link_works_for_three_days(client):
    UserFactory(email="kim@example.org")
    client.post(reverse("account_reset_password"), {"email": "kim@example.org"})
    assert "The link works once, for 3 days." in mail.outbox[0].body
