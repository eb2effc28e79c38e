"""The downloads: streamed, with the right type and name, the licence beside the data, and nothing unpublished."""

import csv
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from included.opendata.datasets import all_datasets
from included.organisations.enums import Sector
from included.organisations.models import Organisation
from included.partnerships.enums import DataLicence
from tests.factories import FrameworkVersionFactory

from .conftest import PUBLISHED_STATEMENT, SECRETS, make_rated, make_register

pytestmark = pytest.mark.django_db

DATASETS = [dataset.slug for dataset in all_datasets()]


def url(name, partnership, dataset):
    return reverse(f"opendata:{name}", kwargs={"partnership_slug": partnership.slug, "dataset_slug": dataset})


def body(response):
    return b"".join(response.streaming_content).decode()


def read_csv(response):
    return list(csv.DictReader(io.StringIO(body(response).removeprefix("\ufeff"))))


@pytest.mark.parametrize("dataset", DATASETS)
def test_each_dataset_downloads_as_a_streamed_csv_file_with_its_name(client, seeded, dataset):
    response = client.get(url("csv", seeded, dataset))

    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith(f'attachment; filename="riverside-{dataset}-')
    assert response["Content-Disposition"].endswith('.csv"')
    assert 'rel="license"' in response["Link"]
    rows = read_csv(response)
    assert rows
    assert list(rows[0]) == [field.name for field in next(d for d in all_datasets() if d.slug == dataset).fields]


@pytest.mark.parametrize("dataset", DATASETS)
def test_each_dataset_downloads_as_a_streamed_json_file_with_its_licence(client, seeded, dataset):
    response = client.get(url("json", seeded, dataset))

    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].endswith('.json"')
    document = json.loads(body(response))
    assert document["metadata"]["licence"]["url"] == DataLicence.OGL_3.url
    assert document["metadata"]["licence"]["identifier"] == "OGL-UK-3.0"
    assert [field["name"] for field in document["metadata"]["fields"]] == list(document["rows"][0])


def test_the_csv_licence_is_in_a_sidecar_that_describes_every_column(client, seeded):
    seeded.data_licence = DataLicence.CC_BY_4
    seeded.save(update_fields=["data_licence"])

    response = client.get(url("csv_metadata", seeded, "register"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/csvm+json"
    document = response.json()
    assert document["dc:license"] == {"@id": "https://creativecommons.org/licenses/by/4.0/"}
    assert document["url"].endswith(url("csv", seeded, "register"))
    columns = [column["name"] for column in document["tableSchema"]["columns"]]
    assert columns == list(read_csv(client.get(url("csv", seeded, "register")))[0])


def test_the_register_download_has_what_the_register_shows_and_nothing_more(client, seeded):
    rows = read_csv(client.get(url("csv", seeded, "register")))

    assert [row["organisation"] for row in rows] == ["Approved Bakery", "Member 000", "Member 001"]
    assert rows[0]["statement"] == PUBLISHED_STATEMENT
    assert rows[0]["where_they_have_got_to"] == "Signed up"
    bakery = Organisation.objects.get(name="Approved Bakery")
    assert rows[0]["organisation_page"] == f"/p/riverside/register/{bakery.slug}/"


@pytest.mark.parametrize("file_format", ["csv", "json"])
@pytest.mark.parametrize("dataset", DATASETS)
def test_nothing_unpublished_is_in_any_download(client, seeded, dataset, file_format):
    text = body(client.get(url(file_format, seeded, dataset)))

    for secret in SECRETS:
        assert secret not in text


def test_a_dataset_or_partnership_that_does_not_exist_is_not_found(client, partnership):
    assert client.get(url("csv", partnership, "passwords")).status_code == 404
    assert client.get("/p/nowhere/open-data/register.csv").status_code == 404
    assert client.get("/p/nowhere/open-data/").status_code == 404


@pytest.mark.parametrize("dataset", ["register", "frameworks", "impact-figures"])
@pytest.mark.parametrize("file_format", ["csv", "json"])
def test_a_download_reads_the_same_number_of_queries_however_many_rows(
    client, partnership, dataset, file_format, settings
):
    # The impact figures are kept in the public pages' cache (core.public_cache): measured here, built afresh.
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    version = FrameworkVersionFactory(items=2)
    make_register(partnership, 3)
    make_rated(partnership, version, 3)

    def queries():
        with CaptureQueriesContext(connection) as context:
            body(client.get(url(file_format, partnership, dataset)))
        return len(context)

    few = queries()
    make_register(partnership, 40)
    make_rated(partnership, version, 40, sector=Sector.VCSE)
    assert queries() == few


def test_a_download_reads_rows_a_chunk_at_a_time(client, partnership, monkeypatch):
    """The rows stream from the database with iterator(): the file is never built in memory first."""
    from django.db.models.query import QuerySet

    calls = []
    original = QuerySet.iterator

    def iterator(self, chunk_size=None):
        calls.append(chunk_size)
        return original(self, chunk_size=chunk_size)

    monkeypatch.setattr(QuerySet, "iterator", iterator)
    make_register(partnership, 3)
    response = client.get(url("csv", partnership, "register"))
    assert calls == []  # nothing is read until the file is sent
    body(response)
    assert calls == [500]
