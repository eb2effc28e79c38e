"""The open data in the public API: the same rows as the downloads, a page at a time, with the licence, and a
documented 404 for a partnership that does not exist."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openapi_spec_validator import validate

from included.opendata import api as opendata_api
from included.opendata.datasets import all_datasets
from included.organisations.enums import Sector
from included.partnerships.enums import DataLicence
from tests.factories import FrameworkFactory, FrameworkVersionFactory

from .conftest import PUBLISHED_STATEMENT, SECRETS, make_rated, make_register

pytestmark = pytest.mark.django_db

DATASETS = [dataset.slug for dataset in all_datasets()]


def test_every_dataset_has_a_documented_operation_with_its_fields(client):
    document = client.get("/api/openapi.json").json()
    validate(document)

    for dataset in all_datasets():
        operation = document["paths"][f"/api/partnerships/{{slug}}/{dataset.slug}/"]["get"]
        assert set(operation["responses"]) == {"200", "400", "404", "422"}
        page = operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
        page_schema = document["components"]["schemas"][page]
        assert set(page_schema["properties"]) == {
            "count", "page", "pages", "page_size", "next", "previous", "licence", "results"
        }  # fmt: skip
        row = page_schema["properties"]["results"]["items"]["$ref"].rsplit("/", 1)[1]
        assert list(document["components"]["schemas"][row]["properties"]) == dataset.field_names


def test_the_partnerships_are_listed_with_their_licence_and_datasets(client, seeded):
    seeded.data_licence = DataLicence.CC_BY_4
    seeded.save(update_fields=["data_licence"])

    page = client.get("/api/partnerships/").json()

    assert page["count"] == 2
    riverside = next(p for p in page["results"] if p["slug"] == "riverside")
    assert riverside["licence"]["identifier"] == "CC-BY-4.0"
    assert riverside["datasets"]["register"] == "/api/partnerships/riverside/register/"
    assert client.get("/api/partnerships/riverside/").json() == riverside


def test_the_register_comes_with_its_licence_a_page_at_a_time(client, partnership, monkeypatch):
    monkeypatch.setattr(opendata_api, "PAGE_SIZE", 2)
    make_register(partnership, 3)

    first = client.get("/api/partnerships/riverside/register/").json()
    second = client.get(first["next"]).json()

    assert (first["count"], first["pages"], first["page"], first["page_size"]) == (3, 2, 1, 2)
    assert first["previous"] is None
    assert first["licence"]["url"] == DataLicence.OGL_3.url
    assert [row["organisation"] for row in first["results"] + second["results"]] == [
        "Member 000",
        "Member 001",
        "Member 002",
    ]
    assert second["next"] is None
    assert second["previous"].endswith("/api/partnerships/riverside/register/?page=1")


def test_the_api_and_the_json_download_give_the_same_rows(client, seeded):
    for dataset in DATASETS:
        download = json.loads(b"".join(client.get(f"/p/riverside/open-data/{dataset}.json").streaming_content))
        rows, page = [], 1
        while page:
            answer = client.get(f"/api/partnerships/riverside/{dataset}/", {"page": page}).json()
            rows += answer["results"]
            page = page + 1 if answer["next"] else None
        assert rows == download["rows"]


def test_the_register_shows_the_approved_statement_not_the_one_waiting(client, seeded):
    rows = client.get("/api/partnerships/riverside/register/").json()["results"]

    assert next(row for row in rows if row["organisation"] == "Approved Bakery")["statement"] == PUBLISHED_STATEMENT


@pytest.mark.parametrize(
    "path", ["/api/partnerships/nowhere/", *[f"/api/partnerships/nowhere/{dataset}/" for dataset in DATASETS]]
)
def test_a_partnership_that_does_not_exist_is_a_documented_404(client, path):
    response = client.get(path)

    assert response.status_code == 404
    assert response.json() == {"detail": "There is no partnership with this web address."}


def test_an_address_the_api_does_not_know_answers_in_json(client):
    response = client.get("/api/partnerships/a%2Fb/register/")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"


def test_nothing_unpublished_is_in_any_api_answer(client, seeded):
    paths = ["/api/partnerships/", "/api/partnerships/riverside/"]
    paths += [f"/api/partnerships/riverside/{dataset}/" for dataset in DATASETS]

    for path in paths:
        text = client.get(path).content.decode()
        for secret in SECRETS:
            assert secret not in text, path


@pytest.mark.parametrize("dataset", ["register", "frameworks", "impact-figures"])
def test_an_api_page_reads_the_same_number_of_queries_however_many_rows(client, partnership, dataset, settings):
    # The impact figures are kept in the public pages' cache (core.public_cache): measured here, built afresh.
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    version = FrameworkVersionFactory(items=2)
    make_register(partnership, 3)
    make_rated(partnership, version, 3)

    def queries():
        with CaptureQueriesContext(connection) as context:
            assert client.get(f"/api/partnerships/riverside/{dataset}/").status_code == 200
        return len(context)

    few = queries()
    make_register(partnership, 30)
    make_rated(partnership, version, 30, sector=Sector.VCSE)
    assert queries() == few


def test_a_page_past_the_end_is_empty_and_a_silly_one_is_refused(client, partnership):
    make_register(partnership, 1)

    past = client.get("/api/partnerships/riverside/register/?page=9")
    assert past.status_code == 200
    assert past.json()["results"] == []
    assert client.get("/api/partnerships/riverside/register/?page=0").status_code == 422
    assert client.get("/api/partnerships/riverside/register/?page=99999999999999999999").status_code == 422


def test_the_frameworks_can_be_narrowed_to_one_framework_and_version(client, partnership, monkeypatch):
    monkeypatch.setattr(opendata_api, "PAGE_SIZE", 2)
    make_register(partnership, 1)
    FrameworkVersionFactory(framework=FrameworkFactory(partnership=partnership, short_name="OWN"), version="2", items=3)

    first = client.get("/api/partnerships/riverside/frameworks/?framework_short_name=own&version=2").json()
    second = client.get(first["next"]).json()

    assert first["count"] == 3
    assert "framework_short_name=own" in first["next"]
    rows = first["results"] + second["results"]
    assert {(row["framework_short_name"], row["version"]) for row in rows} == {("OWN", "2")}
    assert [row["item_number"] for row in rows] == ["1", "2", "3"]
    assert client.get("/api/partnerships/riverside/frameworks/?version=9").json()["count"] == 0
