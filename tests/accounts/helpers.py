"""Helpers for tests that act as a person would: sign in through the real forms, read what the page says."""

import html
import re

from django.urls import reverse

from tests.factories import PASSWORD
from tests.helpers import totp_code


def page_text(response):
    """The words inside <main>, with tags removed and spaces tidied, as a person would read them."""
    content = response.content.decode()
    main = re.search(r"<main.*?</main>", content, re.S)
    text = re.sub(r"<[^>]+>", " ", main.group(0) if main else content)
    return re.sub(r"\s+", " ", html.unescape(text)).strip()


def h1_count(response):
    return response.content.decode().count("<h1")


def sign_in(client, user, password=PASSWORD):
    """Sign in with the form, typing the authenticator code too if the person has two-step verification."""
    response = client.post(reverse("account_login"), {"login": user.email, "password": password})
    if response.status_code == 302 and response.url == reverse("mfa_authenticate"):
        response = client.post(reverse("mfa_authenticate"), {"code": totp_code()})
    return response


def sign_in_with_password_only(client, user, password=PASSWORD):
    """Sign in with Django's own login and the password alone, as the admin's sign-in form once did.

    The session then holds no record that the person typed a code from their authenticator app.
    """
    assert client.login(email=user.email, password=password)


def confirm_password(client, password=PASSWORD):
    """Answer the "enter your password again" check that guards changes to how a person signs in."""
    return client.post(reverse("account_reauthenticate"), {"password": password})


def extract_link(body):
    match = re.search(r"https?://\S+", body)
    assert match, f"No link in: {body}"
    return match.group(0)
