"""The public API's ground rules: a valid OpenAPI 3.1 document, open to other websites, read-only, no sign-in."""

import pytest
from openapi_spec_validator import validate

pytestmark = pytest.mark.django_db


def test_the_openapi_document_is_valid_openapi_3_1(client):
    response = client.get("/api/openapi.json")

    assert response.status_code == 200
    document = response.json()
    assert document["openapi"].startswith("3.1")
    validate(document)


def test_other_websites_may_read_the_api_but_not_the_rest_of_included(client):
    api = client.get("/api/openapi.json", HTTP_ORIGIN="https://council.example")
    page = client.get("/", HTTP_ORIGIN="https://council.example")

    assert api["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in api
    assert "Access-Control-Allow-Origin" not in page


def test_a_cross_site_preflight_allows_reading_only(client):
    response = client.options(
        "/api/openapi.json",
        HTTP_ORIGIN="https://council.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )

    allowed = {method.strip() for method in response["Access-Control-Allow-Methods"].split(",")}
    assert allowed == {"GET", "HEAD", "OPTIONS"}


def test_the_api_has_no_interactive_page_that_would_load_outside_scripts(client):
    assert client.get("/api/docs").status_code == 404
