"""The admin signs people in through Included's own sign-in page, so its limits and two-step verification apply.

Django's admin has a sign-in form of its own. It asks for a password only and has no limit on tries, so it must
never take a password.
"""

import pytest
from django.urls import reverse

from tests.accounts.helpers import sign_in, sign_in_with_password_only
from tests.factories import PASSWORD, PartnershipMemberFactory, UserFactory
from tests.helpers import totp_code

pytestmark = pytest.mark.django_db


def staff_coordinator():
    """A coordinator who can also open the admin, with an authenticator app set up."""
    role = PartnershipMemberFactory(user=UserFactory(is_staff=True, is_superuser=True, with_two_step=True))
    return role.user


def test_the_admin_sends_people_to_included_sign_in_page(client):
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    response = client.get(response.url)
    assert response.status_code == 302
    assert response.url == f"{reverse('account_login')}?next=%2Fadmin%2F"


def test_the_admin_sign_in_form_takes_no_password(client):
    staff = staff_coordinator()
    response = client.post(reverse("admin:login"), {"username": staff.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("admin:index")).status_code == 302


def test_thirty_wrong_passwords_on_the_admin_form_then_the_right_one_does_not_sign_in(client):
    staff = staff_coordinator()
    for _ in range(30):
        client.post(reverse("admin:login"), {"username": staff.email, "password": "a guess"})
    client.post(reverse("admin:login"), {"username": staff.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session


def test_staff_sign_in_asks_for_the_code_and_then_opens_the_admin(client):
    staff = staff_coordinator()
    login = reverse("account_login")
    response = client.post(f"{login}?next=/admin/", {"login": staff.email, "password": PASSWORD, "next": "/admin/"})
    assert response.url == reverse("mfa_authenticate")
    assert client.get(reverse("admin:index")).status_code == 302

    response = client.post(reverse("mfa_authenticate"), {"code": totp_code()})
    assert response.url == "/admin/"
    assert client.get(reverse("admin:index")).status_code == 200


def test_staff_signed_in_with_the_password_only_cannot_use_the_admin(client):
    staff = staff_coordinator()
    sign_in_with_password_only(client, staff)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("mfa_reauthenticate"))
    slug = staff.partnership_roles.get().partnership.slug
    assert client.get(reverse("www:invitations", kwargs={"partnership_slug": slug})).status_code == 302


def test_staff_without_an_authenticator_must_set_one_up_before_the_admin(client):
    staff = UserFactory(is_staff=True, is_superuser=True)
    sign_in_with_password_only(client, staff)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response.url == reverse("accounts:two_step_needed")


def test_the_admin_sign_in_page_refuses_someone_who_is_not_staff(client):
    person = UserFactory(with_two_step=True)
    client.force_login(person)
    assert client.get(reverse("admin:login")).status_code == 403


def test_staff_already_signed_in_cannot_use_the_admin_form_to_try_someone_elses_password(client):
    staff, other = staff_coordinator(), staff_coordinator()
    sign_in(client, staff)
    response = client.post(reverse("admin:login"), {"username": other.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("admin:index")
    assert client.session["_auth_user_id"] == str(staff.pk)
