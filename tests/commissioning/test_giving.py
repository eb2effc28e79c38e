"""The grants export follows the 360Giving Data Standard: checked against the published schema with jsonschema.

The schema files are 360Giving's (https://standard.threesixtygiving.org/), under CC BY 4.0.
"""

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest
from django.test import Client
from django.urls import reverse
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from tests.commissioning.factories import Commissioning

pytestmark = pytest.mark.django_db

STANDARD = Path(__file__).parent / "360giving"


def _schema_files():
    grant = json.loads((STANDARD / "360-giving-schema.json").read_text())
    package = json.loads((STANDARD / "360-giving-package-schema.json").read_text())
    return grant, package


def validator():
    grant, package = _schema_files()
    # The package names the grant schema by its address on GitHub; we give it the copy we keep, so no test goes online.
    reference = package["properties"]["grants"]["items"]["$ref"]
    # Its "$schema" is written with http://, which the referencing library does not recognise: we say which it is.
    resource = Resource(contents=grant, specification=DRAFT202012)
    registry = Registry().with_resources([(reference, resource), (grant.get("$id", reference), resource)])
    return jsonschema.Draft202012Validator(
        package, registry=registry, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


@pytest.fixture
def awarded():
    world = Commissioning()
    world.group_a.registration_number = "1123456"
    world.group_a.save(update_fields=["registration_number"])
    world.award(world.application_a, amount=Decimal("1500.50"))
    world.award(world.application_b)
    return world


def test_the_json_export_is_a_valid_360giving_package(awarded):
    response = Client().get(reverse("commissioning:ledger_json", kwargs={"partnership_slug": awarded.partnership.slug}))
    assert response.status_code == 200
    data = json.loads(response.content)
    errors = sorted(validator().iter_errors(data), key=str)
    assert not errors, [error.message for error in errors]
    assert len(data["grants"]) == 2
    grant = next(g for g in data["grants"] if g["title"] == "Monday peer support café")
    assert grant["amountAwarded"] == 1500.5
    assert grant["recipientOrganization"][0]["charityNumber"] == "1123456"
    assert grant["fundingOrganization"][0]["name"] == awarded.funder.name


def test_the_validator_would_catch_a_broken_grant(awarded):
    response = Client().get(reverse("commissioning:ledger_json", kwargs={"partnership_slug": awarded.partnership.slug}))
    data = json.loads(response.content)
    data["grants"][0]["amountAwarded"] = "lots"
    del data["grants"][0]["fundingOrganization"][0]["id"]
    assert len(list(validator().iter_errors(data))) >= 2


def test_the_csv_export_uses_the_standards_column_titles(awarded):
    response = Client().get(reverse("commissioning:ledger_csv", kwargs={"partnership_slug": awarded.partnership.slug}))
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == 2
    assert {"Identifier", "Amount Awarded", "Recipient Org:Name", "Funding Org:Identifier"} <= set(rows[0])
    assert {row["Recipient Org:Name"] for row in rows} == {awarded.group_a.name, awarded.group_b.name}


def test_the_csv_never_holds_a_formula(awarded):
    awarded.application_a.__class__.objects.filter(pk=awarded.application_a.pk).update(title="=HYPERLINK(1)")
    response = Client().get(reverse("commissioning:ledger_csv", kwargs={"partnership_slug": awarded.partnership.slug}))
    assert "'=HYPERLINK(1)" in response.content.decode()


def test_only_awards_are_exported(awarded):
    other = Commissioning(awarded.partnership)
    response = Client().get(reverse("commissioning:ledger_json", kwargs={"partnership_slug": awarded.partnership.slug}))
    titles = {g["id"] for g in json.loads(response.content)["grants"]}
    assert len(titles) == 2
    assert not any(str(other.application_a.pk) == t.rsplit("-", 1)[1] for t in titles)


def test_the_public_api_gives_the_same_valid_package(awarded):
    response = Client(headers={"origin": "https://elsewhere.example"}).get(f"/api/grants/{awarded.partnership.slug}/")
    assert response.status_code == 200
    data = response.json()
    assert not list(validator().iter_errors(data))
    assert len(data["grants"]) == 2
    assert Client().get("/api/grants/no-such-partnership/").status_code == 404


def test_with_no_awards_yet_the_grants_page_offers_no_file_and_the_files_say_there_are_none():
    world = Commissioning()  # two applications, neither decided
    kwargs = {"partnership_slug": world.partnership.slug}
    client = Client()

    page = client.get(reverse("commissioning:ledger", kwargs=kwargs)).content.decode()
    assert "No grants have been given yet, so there is nothing to download." in page
    assert reverse("commissioning:ledger_json", kwargs=kwargs) not in page

    for name in ("commissioning:ledger_json", "commissioning:ledger_csv"):
        response = client.get(reverse(name, kwargs=kwargs))
        assert response.status_code == 404
        assert response["Content-Type"].startswith("text/html")
        text = response.content.decode()
        assert text.count("<h1") == 1
        assert "No grants yet" in text
        assert reverse("commissioning:ledger", kwargs=kwargs) in text


def test_with_no_awards_yet_the_api_answers_404_as_its_document_says():
    world = Commissioning()

    response = Client().get(f"/api/grants/{world.partnership.slug}/")

    assert response.status_code == 404
    assert "No grants have been given" in response.json()["detail"]
    operation = Client().get("/api/openapi.json").json()["paths"]["/api/grants/{partnership_slug}/"]["get"]
    assert "404" in operation["responses"]
    assert "answers 404" in operation["description"]


def test_the_package_is_valid_whenever_it_is_served(awarded):
    """From the first award on, every answer of the download and the API is a valid package; before it, none is
    served."""
    other = Commissioning()
    for partnership, served in ((awarded.partnership, True), (other.partnership, False)):
        for url in (
            reverse("commissioning:ledger_json", kwargs={"partnership_slug": partnership.slug}),
            f"/api/grants/{partnership.slug}/",
        ):
            response = Client().get(url)
            assert (response.status_code == 200) is served, url
            if served:
                data = json.loads(response.content)
                assert not list(validator().iter_errors(data)), url
    other.award(other.application_a)
    data = Client().get(f"/api/grants/{other.partnership.slug}/").json()
    assert len(data["grants"]) == 1
    assert not list(validator().iter_errors(data))
