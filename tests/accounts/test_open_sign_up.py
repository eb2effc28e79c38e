"""Anyone can have an account as themselves: open sign-up, with the address checked by a code, a limit on tries,
and nothing on the page that says whether an address already has an account."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from included.accounts.forms import SIGN_UPS_AN_HOUR
from included.accounts.models import User
from tests.accounts.helpers import page_text
from tests.accounts.test_create_account import create_account, open_invitation
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

CODE_PAGE = reverse("account_email_verification_sent")


def code_from_email(message):
    return re.search(r"^\s*([A-Z0-9]{4}-[A-Z0-9]{4})\s*$", message.body, flags=re.MULTILINE).group(1)


def test_a_person_signs_up_alone_and_types_the_code_from_their_email(client):
    response = create_account(client, email="sam@example.org")
    assert response.status_code == 302
    assert response["Location"] == CODE_PAGE
    person = User.objects.get(email="sam@example.org")
    assert not EmailAddress.objects.get(user=person).verified
    page = client.get(CODE_PAGE)
    assert "We sent a code to sam@example.org" in page_text(page)
    assert "_auth_user_id" not in client.session

    [email] = mail.outbox
    assert email.to == ["sam@example.org"]
    response = client.post(CODE_PAGE, {"code": "WRONG1"})
    assert "That code is not right" in page_text(response)
    response = client.post(CODE_PAGE, {"code": code_from_email(email)})
    assert response.status_code == 302
    assert EmailAddress.objects.get(user=person).verified
    assert client.get(reverse("people:hub")).status_code == 200


def test_an_address_with_an_account_gets_the_same_page_and_an_email_instead(client):
    UserFactory(email="kim@example.org", name="Kim")
    response = create_account(client, email="kim@example.org")
    assert response.status_code == 302
    assert response["Location"] == CODE_PAGE
    assert "There is already an account" not in page_text(client.get(CODE_PAGE))
    assert User.objects.filter(email="kim@example.org").count() == 1
    [email] = mail.outbox
    assert "you already have one" in email.body
    assert "_auth_user_id" not in client.session


def test_someone_who_never_typed_the_code_is_asked_for_it_at_sign_in(client):
    create_account(client, email="sam@example.org", password1=PASSWORD)
    client.logout()
    cache.clear()  # allauth lets one code be sent every 10 seconds; this person comes back later
    response = client.post(reverse("account_login"), {"login": "sam@example.org", "password": PASSWORD})
    assert response["Location"] == CODE_PAGE


def test_an_invited_person_is_never_asked_for_a_code(client):
    open_invitation(client)
    response = create_account(client)
    assert response.status_code == 302
    assert response["Location"] != CODE_PAGE
    assert EmailAddress.objects.get(user__email="new.person@example.org").verified
    assert not [m for m in mail.outbox if "Your code" in m.subject]


def test_people_who_had_accounts_before_are_not_asked_for_a_code_at_sign_in(client):
    UserFactory(email="old@example.org")
    response = client.post(reverse("account_login"), {"login": "old@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] != CODE_PAGE


def test_creating_accounts_is_limited_for_each_address(client):
    for number in range(SIGN_UPS_AN_HOUR):
        create_account(client, email=f"person{number}@example.org")
        client.logout()
    response = create_account(client, email="one.more@example.org")
    assert "too many times" in page_text(response)
    assert not User.objects.filter(email="one.more@example.org").exists()
