"""Wrong passwords are limited per place, not per person: behind the TLS proxy each visitor is counted by the
address the proxy saw, and a stranger guessing a coordinator's password cannot keep the coordinator out."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.accounts.helpers import page_text
from tests.factories import PASSWORD, UserFactory
from tests.helpers import totp_code

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"
TOO_MANY = "You have tried to sign in too many times"
WRONG = "not the password"


@pytest.fixture(autouse=True)
def _behind_one_proxy(settings):
    settings.INCLUDED_TRUSTED_PROXIES = 1


def visitor_at(address, *, claims=None):
    """A browser at `address`, reaching Included through the TLS proxy, which adds `address` to X-Forwarded-For.

    `claims` is what the browser itself put in X-Forwarded-For before the proxy added to it: anything at all.
    """
    forwarded = f"{claims}, {address}" if claims else address
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded)


def try_to_sign_in(client, email, password=WRONG):
    response = client.post(reverse("account_login"), {"login": email, "password": password})
    if response.status_code == 302 and response.url == reverse("mfa_authenticate"):
        response = client.post(reverse("mfa_authenticate"), {"code": totp_code()})
    return response


def signed_in(response):
    return response.status_code == 302 and response.url == reverse("www:home")


def test_five_wrong_passwords_behind_the_proxy_do_not_lock_everyone_out():
    UserFactory(email="kim@example.org")
    colleague = UserFactory(email="ali@example.org")
    kim = visitor_at("198.51.100.7")
    for _ in range(6):
        try_to_sign_in(kim, "kim@example.org")
    assert TOO_MANY in page_text(try_to_sign_in(kim, "kim@example.org", PASSWORD))

    assert signed_in(try_to_sign_in(visitor_at("203.0.113.9"), colleague.email, PASSWORD))


def test_without_a_trusted_proxy_x_forwarded_for_is_not_read_at_all(settings):
    settings.INCLUDED_TRUSTED_PROXIES = 0
    UserFactory(email="kim@example.org")
    for number in range(6):
        try_to_sign_in(Client(REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR=f"192.0.2.{number}"), "kim@example.org")

    fresh_claim = Client(REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR="192.0.2.200")
    assert TOO_MANY in page_text(try_to_sign_in(fresh_claim, "kim@example.org", PASSWORD))
