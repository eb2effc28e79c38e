"""One visitor may make only so many searches of Find help, and so many requests of the public API, in a minute:
each is built afresh, so without a limit one visitor could keep the server busy for everyone else."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.directory.factories import make_service
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisation():
    organisation = OrganisationFactory()
    make_service(organisation, name="Job club", place={"postal_code": "RV1 2AB"})
    return organisation


def _find_help(organisation):
    return reverse("directory:search", kwargs={"partnership_slug": organisation.partnership.slug})


def test_past_the_limit_a_search_asks_the_visitor_to_wait_and_keeps_what_they_typed(settings, organisation):
    settings.FIND_HELP_SEARCHES_PER_MINUTE = 2
    visitor = Client(REMOTE_ADDR="198.51.100.20")
    for page in (1, 2):
        assert visitor.get(_find_help(organisation), {"q": "club", "page": page}).status_code == 200
    refused = visitor.get(_find_help(organisation), {"q": "job <club>", "area": "RV1", "access": "step_free"})
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    html = refused.content.decode()
    assert "Wait a minute, then search again" in html
    assert "Your search is still in the form" in html
    # What they typed is still there (and written out safely), and no results are shown.
    assert 'value="job &lt;club&gt;"' in html
    assert 'value="RV1"' in html
    assert "Job club" not in html
    assert "This list uses the Open Referral UK standard" not in html
    assert '<h1 class="govuk-heading-l">Find help</h1>' in html
    # Another visitor searches as usual.
    assert Client(REMOTE_ADDR="198.51.100.21").get(_find_help(organisation), {"q": "club"}).status_code == 200


def test_the_find_help_page_without_a_search_is_never_refused(settings, organisation):
    settings.FIND_HELP_SEARCHES_PER_MINUTE = 1
    visitor = Client(REMOTE_ADDR="198.51.100.22")
    assert visitor.get(_find_help(organisation), {"q": "club"}).status_code == 200
    assert visitor.get(_find_help(organisation), {"q": "club"}).status_code == 429
    for _ in range(3):
        assert visitor.get(_find_help(organisation)).status_code == 200


def test_a_limit_of_nought_turns_it_off(settings, organisation):
    settings.FIND_HELP_SEARCHES_PER_MINUTE = 0
    settings.PUBLIC_API_REQUESTS_PER_MINUTE = 0
    visitor = Client(REMOTE_ADDR="198.51.100.23")
    api = f"/api/openreferral/{organisation.partnership.slug}/services"
    for number in range(70):
        assert visitor.get(_find_help(organisation), {"q": f"club {number}"}).status_code == 200
        assert visitor.get(api, {"search": str(number)}).status_code == 200


def test_past_the_limit_the_api_answers_429_with_when_to_try_again(settings, organisation):
    settings.PUBLIC_API_REQUESTS_PER_MINUTE = 3
    client = Client(REMOTE_ADDR="198.51.100.24")
    api = f"/api/openreferral/{organisation.partnership.slug}"
    # Every part of the API counts towards the one limit: the directory's and the open data's.
    for address in (f"{api}/services", f"{api}/taxonomies", "/api/partnerships/"):
        assert client.get(address).status_code == 200, address
    refused = client.get(f"{api}/services", {"page": 2})
    assert refused.status_code == 429
    assert refused.json() == {"detail": "Too many requests."}
    assert 1 <= int(refused["Retry-After"]) <= 60
    # A reader on another website is told too, so it knows to wait.
    from_elsewhere = client.get(f"{api}/services", HTTP_ORIGIN="https://example.org")
    assert from_elsewhere.status_code == 429
    assert from_elsewhere["Access-Control-Allow-Origin"] == "*"
    assert from_elsewhere["Access-Control-Expose-Headers"] == "Retry-After"
    assert Client(REMOTE_ADDR="198.51.100.25").get(f"{api}/services").status_code == 200


def test_answers_kept_for_everyone_do_not_count(settings, organisation):
    settings.PUBLIC_API_REQUESTS_PER_MINUTE = 2
    settings.FIND_HELP_SEARCHES_PER_MINUTE = 2
    settings.SIGNED_OUT_PAGE_CACHE_BYTES = 1024 * 1024
    visitor = Client(REMOTE_ADDR="198.51.100.26")
    api = f"/api/openreferral/{organisation.partnership.slug}/services"
    for _ in range(10):
        assert visitor.get(api).status_code == 200
        assert visitor.get(_find_help(organisation), {"q": "club"}).status_code == 200
    # Only the first of each was built, and so counted: one more new one of each is still allowed.
    assert visitor.get(api, {"page": 2}).status_code == 200
    assert visitor.get(_find_help(organisation), {"q": "job"}).status_code == 200
    assert visitor.get(api, {"page": 3}).status_code == 429
    assert visitor.get(_find_help(organisation), {"q": "jobs"}).status_code == 429
    # A refusal is that visitor's alone: it is never kept and served to someone else who asks the same.
    someone_else = Client(REMOTE_ADDR="198.51.100.27")
    assert someone_else.get(api, {"page": 3}).status_code == 200
    found = someone_else.get(_find_help(organisation), {"q": "jobs"})
    assert found.status_code == 200
    assert "Wait a minute" not in found.content.decode()
