"""Wrong passwords are limited per place, not per person: behind the TLS proxy each visitor is counted by the
address the proxy saw, and a stranger guessing a coordinator's password cannot keep the coordinator out."""

from urllib.parse import urlparse

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.accounts.helpers import extract_link, page_text
from tests.factories import PASSWORD, PartnershipMemberFactory, UserFactory
from tests.helpers import totp_code

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"
TOO_MANY = "You have tried to sign in too many times"
WRONG = "not the password"
NEW_PASSWORD = "lantern kettle orchard"


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


def test_an_address_the_browser_writes_into_x_forwarded_for_is_ignored():
    UserFactory(email="kim@example.org")
    attacker = "198.51.100.66"
    for spoofed in range(6):
        try_to_sign_in(visitor_at(attacker, claims=f"192.0.2.{spoofed}"), "kim@example.org")

    # Claiming a new address each time gave the attacker no fresh tries...
    assert TOO_MANY in page_text(try_to_sign_in(visitor_at(attacker, claims="192.0.2.99"), "kim@example.org"))
    # ...and claiming to be Kim's own address does not lock Kim out.
    for _ in range(6):
        try_to_sign_in(visitor_at(attacker, claims="203.0.113.9"), "kim@example.org")
    assert signed_in(try_to_sign_in(visitor_at("203.0.113.9"), "kim@example.org", PASSWORD))


def test_guessing_a_coordinators_password_from_many_addresses_does_not_keep_them_out():
    coordinator = PartnershipMemberFactory(user__email="coordinator@example.org").user
    for attacker in range(1, 16):
        bot = visitor_at(f"198.51.100.{attacker}")
        for _ in range(6):
            try_to_sign_in(bot, coordinator.email)
    assert TOO_MANY in page_text(try_to_sign_in(visitor_at("198.51.100.1"), coordinator.email, PASSWORD))

    assert signed_in(try_to_sign_in(visitor_at("203.0.113.9"), coordinator.email, PASSWORD))


def test_once_an_account_is_under_attack_each_new_address_gets_one_try_at_it():
    UserFactory(email="kim@example.org")
    for attacker in range(1, 11):
        bot = visitor_at(f"198.51.100.{attacker}")
        for _ in range(5):
            try_to_sign_in(bot, "kim@example.org")

    fresh_bot = visitor_at("198.51.100.200")
    assert "The email address or password is not right" in page_text(try_to_sign_in(fresh_bot, "kim@example.org"))
    assert TOO_MANY in page_text(try_to_sign_in(fresh_bot, "kim@example.org"))
    # Other accounts are not slowed down.
    UserFactory(email="ali@example.org")
    assert signed_in(try_to_sign_in(fresh_bot, "ali@example.org", PASSWORD))


def test_without_a_trusted_proxy_x_forwarded_for_is_not_read_at_all(settings):
    settings.INCLUDED_TRUSTED_PROXIES = 0
    UserFactory(email="kim@example.org")
    for number in range(6):
        try_to_sign_in(Client(REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR=f"192.0.2.{number}"), "kim@example.org")

    fresh_claim = Client(REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR="192.0.2.200")
    assert TOO_MANY in page_text(try_to_sign_in(fresh_claim, "kim@example.org", PASSWORD))


def test_resetting_the_password_lets_the_person_sign_in_again_from_where_they_were_stopped():
    UserFactory(email="kim@example.org")
    kim = visitor_at("203.0.113.9")
    for _ in range(6):
        try_to_sign_in(kim, "kim@example.org")

    kim.post(reverse("account_reset_password"), {"email": "kim@example.org"})
    response = kim.get(urlparse(extract_link(mail.outbox[0].body)).path, follow=True)
    kim.post(response.redirect_chain[-1][0], {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    assert signed_in(try_to_sign_in(kim, "kim@example.org", NEW_PASSWORD))
