"""The host: the site's superusers start partnerships, and use two-step verification like staff."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import reverse

from included.access.rules import can_host_partnerships, is_host, must_use_two_step
from tests.accounts.helpers import sign_in_with_password_only
from tests.factories import PartnershipMemberFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_an_active_superuser_is_the_host():
    assert is_host(UserFactory(is_superuser=True))
    assert can_host_partnerships(UserFactory(is_superuser=True, is_staff=True))


@pytest.mark.parametrize(
    "person",
    [
        lambda: UserFactory(is_superuser=True, is_active=False),
        lambda: UserFactory(is_staff=True),
        lambda: PartnershipMemberFactory().user,
        lambda: UserFactory(),
        lambda: AnonymousUser(),
        lambda: None,
    ],
)
def test_nobody_else_is(person):
    assert not is_host(person())


def test_a_superuser_must_use_two_step_even_without_staff():
    assert must_use_two_step(UserFactory(is_superuser=True, is_staff=False))


def test_a_host_without_two_step_is_sent_to_set_it_up_before_the_host_pages():
    host = UserFactory(is_superuser=True, is_staff=True)
    client = Client()
    sign_in_with_password_only(client, host)
    response = client.get(reverse("www:host_new_partnership"))
    assert response.status_code == 302
    assert "two-step" in response["Location"]
