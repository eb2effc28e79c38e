"""The Open Referral UK API: every response validates against the published schemas, drafts never leave, and the
lists take the same queries at any size."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from included.directory import services
from tests.directory.factories import admin_of, make_service, term
from tests.directory.oruk import page_problems, problems
from tests.factories import OrganisationFactory, PartnershipFactory

pytestmark = pytest.mark.django_db


def _get(partnership, path, **params):
    response = Client().get(f"/api/openreferral/{partnership.slug}{path}", params)
    return response


@pytest.fixture
def directory():
    organisation = OrganisationFactory()
    full = make_service(
        organisation,
        name="Riverside job club",
        terms=[term("finding-work"), term("getting-online")],
        lived_experience_led=True,
        place={"postal_code": "RV1 2AB", "latitude": 51.5, "longitude": -0.12, "hearing_loop": True},
        url="https://example.org/job-club",
        email="club@example.org",
        contact_title="Drop-in team",
        phone="01632 960 001",
        minimum_age=16,
    )
    import datetime

    services.add_opening_times(
        full,
        days=["TU", "TH"],
        opens_at=datetime.time(10),
        closes_at=datetime.time(13),
        by=admin_of(organisation),
    )
    make_service(organisation, name="Paid course", is_free=False, fees="£5 a week")
    make_service(organisation, name="Secret draft", published=False)
    return organisation.partnership, full


def test_the_about_endpoint_names_the_version(directory):
    partnership, _ = directory
    body = _get(partnership, "/").json()
    assert body["version"] == "3.0"
    assert body["openapi_url"].endswith("/api/openapi.json")


def test_services_validate_against_the_published_schemas(directory):
    partnership, full = directory
    page = _get(partnership, "/services").json()
    assert page_problems("compiled/service_list.json", page) == []
    assert [service["name"] for service in page["contents"]] == ["Paid course", "Riverside job club"]
    one = _get(partnership, f"/services/{full.pk}").json()
    assert problems("compiled/service.json", one) == []
    assert one["service_at_locations"][0]["location"]["addresses"][0]["postal_code"] == "RV1 2AB"
    assert one["schedules"][0]["byday"] == "TU,TH"
    assert {entry["description"] for entry in one["service_at_locations"][0]["location"]["accessibility"]} >= {
        "Step-free access",
        "Hearing loop",
    }


def test_the_standards_query_parameters_filter_services(directory):
    partnership, full = directory
    finding_work = term("finding-work")

    def names(**params):
        return [service["name"] for service in _get(partnership, "/services", **params).json()["contents"]]

    assert names(search="club") == ["Riverside job club"]
    assert names(taxonomy_term_id=str(finding_work.pk)) == ["Riverside job club"]
    assert names(taxonomy_id=str(finding_work.taxonomy_id)) == ["Riverside job club"]
    assert names(postcode="RV1 9ZZ") == ["Riverside job club"]
    assert names(day="TU") == ["Riverside job club"]
    assert names(day="SU") == []
    assert names(taxonomy_term_id="nonsense") == []
    page = _get(partnership, "/services", per_page=1, page=2).json()
    assert (page["total_items"], page["total_pages"], page["page_number"], page["size"]) == (2, 2, 2, 1)
    assert page["last_page"] and not page["first_page"]


def test_the_count_of_matching_services_is_kept_until_the_directory_changes(
    directory, django_capture_on_commit_callbacks
):
    """Someone reading the whole list asks the same count with every page; it is counted once, and again after any
    change to the directory, which shows at once."""
    partnership, full = directory

    def total(**params):
        with CaptureQueriesContext(connection) as queries:
            body = _get(partnership, "/services", per_page=1, **params).json()
        counted = any("COUNT(" in query["sql"] for query in queries.captured_queries)
        return body["total_items"], counted

    assert total(page=1) == (2, True)
    assert total(page=2) == (2, False)
    assert total(page=1, search="club") == (1, True), "other filters have a count of their own"
    with django_capture_on_commit_callbacks(execute=True):
        make_service(full.organisation, name="Evening job club")
    assert total(page=2) == (3, True)
    assert total(page=1, search="club") == (2, True)
    with django_capture_on_commit_callbacks(execute=True):
        services.unpublish_service(full, by=admin_of(full.organisation))
    assert total(page=1) == (2, True)
    assert total(page=1, search="club") == (1, True)


def test_drafts_never_leave_through_the_api(directory):
    partnership, _ = directory
    draft = partnership.services.get(name="Secret draft")
    assert _get(partnership, f"/services/{draft.pk}").status_code == 404
    assert "Secret draft" not in _get(partnership, "/services").content.decode()


def test_another_partnerships_service_is_not_found_here(directory):
    partnership, full = directory
    other = OrganisationFactory().partnership
    assert _get(other, f"/services/{full.pk}").status_code == 404
    assert _get(other, "/services").json()["total_items"] == 0


def test_taxonomies_and_terms_validate(directory):
    partnership, _ = directory
    taxonomies = _get(partnership, "/taxonomies").json()
    assert page_problems("taxonomy.json", taxonomies) == []
    included = next(t for t in taxonomies["contents"] if t["name"] == "What it is for")
    one = _get(partnership, f"/taxonomies/{included['id']}").json()
    assert problems("taxonomy.json", one) == []
    assert len(one["taxonomy_terms"]) == 10
    terms = _get(partnership, "/taxonomy_terms", per_page=3).json()
    assert page_problems("taxonomy_term.json", terms) == []
    assert terms["size"] == 3
    term_id = terms["contents"][0]["id"]
    assert problems("taxonomy_term.json", _get(partnership, f"/taxonomy_terms/{term_id}").json()) == []


def test_service_at_locations_validate_and_filter_by_postcode(directory):
    partnership, full = directory
    page = _get(partnership, "/service_at_locations").json()
    assert page_problems("compiled/service_at_location_list.json", page) == []
    assert page["total_items"] == 1
    place_id = page["contents"][0]["id"]
    one = _get(partnership, f"/service_at_locations/{place_id}").json()
    assert problems("compiled/service_at_location.json", one) == []
    assert _get(partnership, "/service_at_locations", postcode="ZZ1 1ZZ").json()["total_items"] == 0


@pytest.mark.parametrize("path", ["/services/not-a-uuid", "/taxonomies/00000000-0000-0000-0000-000000000000"])
def test_unknown_ids_are_not_found(directory, path):
    partnership, _ = directory
    assert _get(partnership, path).status_code == 404


def test_an_unknown_partnership_is_not_found():
    assert Client().get("/api/openreferral/nowhere/services").status_code == 404


def _queries_for(path, count):
    organisation = OrganisationFactory()
    for number in range(count):
        make_service(
            organisation,
            name=f"Club {number}",
            terms=[term("advice")],
            place={"name": f"Hall {number}"},
            contact_title="Team",
            phone="01632 960 001",
        )
    with CaptureQueriesContext(connection) as queries:
        assert _get(organisation.partnership, path).status_code == 200
    return len(queries)


@pytest.mark.parametrize("path", ["/services", "/service_at_locations"])
def test_api_lists_take_the_same_queries_whatever_their_size(path):
    assert _queries_for(path, 2) == _queries_for(path, 20)


@pytest.mark.parametrize("value", ["before\x00after", "' OR 1=1; --", "x" * 5000, "{{ 7*7 }}"])
def test_hostile_query_parameters_get_an_answer_not_an_error(directory, value):
    partnership, _ = directory
    for path in ("/services", "/service_at_locations"):
        for name in ("search", "postcode", "day", "organization_id", "taxonomy_term_id", "taxonomy_id"):
            response = _get(partnership, path, **{name: value})
            assert response.status_code in (200, 400, 422), (path, name, response.status_code)


def test_times_and_dates_with_or_without_an_offset_are_understood(client):
    """Found by the schema-driven fuzz run: a time with an offset was a server error on SQLite."""
    partnership = PartnershipFactory()
    base = f"/api/openreferral/{partnership.slug}/services"
    for query in (
        "start_time=09:00:00%2B01:00",
        "end_time=17:30:00Z",
        "start_time=09:00:00",
        "modified_after=2026-01-01T00:00:00",
        "modified_after=2026-01-01T00:00:00%2B01:00",
    ):
        response = client.get(f"{base}?{query}")
        assert response.status_code == 200, query
        assert response.json()["total_items"] == 0
