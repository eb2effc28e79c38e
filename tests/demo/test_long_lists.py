"""Lists that grow with a partnership's members show a page at a time, with links to the next page that keep the
search, and a search by name. A small partnership's pages look as they did."""

import pytest
from django.test import Client
from django.urls import reverse

from included.accounts.models import User
from included.demo.partnership import load_demo
from included.demo.scale import seed_scale

pytestmark = pytest.mark.django_db

COORDINATOR = "amara.okafor@riverside-partnership.example"


@pytest.fixture
def coordinator_client():
    load_demo()
    client = Client()
    client.force_login(User.objects.get(email=COORDINATOR))
    return client


def overview_url(**query):
    url = reverse("assessments:overview", kwargs={"partnership_slug": "riverside"})
    return url + ("?" + "&".join(f"{key}={value}" for key, value in query.items()) if query else "")


def test_a_small_partnership_has_no_page_links(coordinator_client):
    page = coordinator_client.get(overview_url()).text

    assert "govuk-pagination" not in page
    assert "Page 1 of" not in page


def test_the_overview_shows_25_sign_ups_a_page_with_a_link_to_the_next(coordinator_client):
    seed_scale(organisations=40, into="riverside")

    first = coordinator_client.get(overview_url()).text
    second = coordinator_client.get(overview_url(sign_ups_page=2)).text

    assert 'href="?sign_ups_page=2#signatories"' in first
    assert "Pages of sign-ups" in first
    assert 'rel="prev"' in second


def test_the_overview_search_finds_organisations_by_name(coordinator_client):
    seed_scale(organisations=60, into="riverside")

    page = coordinator_client.get(overview_url(name="Riverside Works")).text

    assert "Showing organisations with “Riverside Works” in their name." in page
    assert "1 sign-up<" in page
    assert "Scale" not in page.split('id="signatories"')[1].split("</table>")[0]


def test_a_search_that_is_too_long_is_shown_as_an_error(coordinator_client):
    response = coordinator_client.get(overview_url(name="x" * 101))

    assert response.status_code == 200
    assert "Type no more than 100 characters" in response.text


def test_the_invitations_page_shows_25_at_a_time_and_finds_one_by_email(coordinator_client):
    seed_scale(organisations=30, into="riverside")
    url = reverse("www:invitations", kwargs={"partnership_slug": "riverside"})

    everything = coordinator_client.get(url).text
    found = coordinator_client.get(url + "?who=riverside-o7-admin").text

    assert "Pages of invitations" in everything
    assert "Page 1 of" in everything
    assert "1 invitation with “riverside-o7-admin”." in found
