"""Which pages a coordinator or reviewer can open before setting up two-step verification.

Nothing lists them by hand: public pages (marked @login_not_required), the account pages and allauth's sign-out and
set-up pages are open; everything else sends them to set it up. This module is also a URLconf, with a public and a
private page that no list names, added in front of Included's own.
"""

import pytest
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.urls import path, reverse

from included import urls as included_urls
from included.core.decorators import private_when_signed_in
from tests.factories import PartnershipMemberFactory, UserFactory
from tests.helpers import read_download

pytestmark = pytest.mark.django_db


@login_not_required
def a_new_public_page(request):
    return HttpResponse("Anyone can read this.")


def a_new_private_page(request):
    return HttpResponse("Only for people who are signed in.")


@login_not_required
@private_when_signed_in
def a_new_public_page_that_greets_people_by_name(request):
    return HttpResponse(f"Hello, {request.user}.")


urlpatterns = [
    path("a-new-public-page/", a_new_public_page, name="new_public_page"),
    path("a-new-private-page/", a_new_private_page, name="new_private_page"),
    path("hello/", a_new_public_page_that_greets_people_by_name, name="hello"),
    *included_urls.urlpatterns,
]
handler403 = included_urls.handler403
handler404 = included_urls.handler404
handler500 = included_urls.handler500

SET_UP = reverse("accounts:two_step_needed")


@pytest.fixture
def coordinator_without_two_step(client):
    role = PartnershipMemberFactory(user=UserFactory())
    client.force_login(role.user)
    return role


def sends_to_set_up(response):
    return response.status_code == 302 and response.url == SET_UP


@pytest.mark.urls(__name__)
def test_a_new_public_page_is_open_without_being_listed_anywhere(client, coordinator_without_two_step):
    response = client.get("/a-new-public-page/")
    assert response.status_code == 200
    assert response.content == b"Anyone can read this."


@pytest.mark.urls(__name__)
def test_a_new_private_page_asks_for_two_step_first(client, coordinator_without_two_step):
    assert sends_to_set_up(client.get("/a-new-private-page/"))


@pytest.mark.urls(__name__)
def test_a_public_page_that_shows_signed_in_people_their_own_work_asks_for_two_step_first(
    client, coordinator_without_two_step
):
    assert sends_to_set_up(client.get("/hello/"))
    client.logout()
    assert client.get("/hello/").status_code == 200


@pytest.mark.parametrize(
    "name",
    [
        "account_logout",
        "accounts:settings",
        "accounts:edit_name",
        "accounts:two_step_needed",
        "mfa_index",
        "mfa_activate_totp",
        "core:privacy",
        "core:accessibility",
        "core:cookies",
        "language:check",
    ],
)
def test_signing_out_account_pages_set_up_and_public_pages_stay_open(client, coordinator_without_two_step, name):
    assert not sends_to_set_up(client.get(reverse(name)))


def test_public_pages_of_the_partnership_stay_open(client, coordinator_without_two_step):
    slug = coordinator_without_two_step.partnership.slug
    assert client.get(reverse("frameworks:list", kwargs={"partnership_slug": slug})).status_code == 200
    assert client.get(reverse("assessments:register", kwargs={"partnership_slug": slug})).status_code == 200


def test_an_invitation_link_stays_open(client, coordinator_without_two_step):
    response = client.get(reverse("invitations:accept", kwargs={"token": "not-a-real-token"}))
    assert response.status_code == 404
    assert "invitation" in response.content.decode().lower()


def test_static_files_stay_open(client, coordinator_without_two_step):
    response = client.get("/static/images/favicon.svg")
    assert response.status_code == 200
    assert b"<svg" in read_download(response)


@pytest.mark.parametrize("name", ["www:home", "www:invitations", "assessments:overview", "admin:index"])
def test_everything_else_asks_for_two_step_first(client, coordinator_without_two_step, name):
    slug = coordinator_without_two_step.partnership.slug
    kwargs = {"partnership_slug": slug} if name in {"www:invitations", "assessments:overview"} else {}
    assert sends_to_set_up(client.get(reverse(name, kwargs=kwargs)))
