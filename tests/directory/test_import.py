"""Loading an Open Referral UK file: the standard's own examples load and export again valid; hostile and broken
files are refused with a reason, and nothing of another organisation is touched."""

import json

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from included.directory import services
from included.directory.models import Service
from included.directory.openreferral import FeedError, read_feed
from tests.directory.factories import admin_of, make_service
from tests.directory.oruk import example, problems
from tests.factories import OrganisationFactory, OrganisationMemberFactory

pytestmark = pytest.mark.django_db


def _import(organisation, document):
    return services.import_services(organisation, read_feed(json.dumps(document).encode()), by=admin_of(organisation))


@pytest.mark.parametrize(
    "name",
    [
        "service_full.json",
        "service_list.json",
        "service_at_location_full.json",
        "service_at_location_list.json",
        "organization_full.json",
    ],
)
def test_the_standards_examples_load_and_export_again_valid(name, client):
    organisation = OrganisationFactory()
    report = _import(organisation, example(name))
    assert [service.name for service in report.created] == ["Community Counselling"]
    assert report.rejected == []
    service = Service.objects.get(pk="ac148810-d857-441c-9679-408f346de14b")
    assert service.organisation == organisation
    assert not service.is_published
    services.publish_service(service, by=admin_of(organisation))
    exported = client.get(f"/api/openreferral/{organisation.partnership.slug}/services/{service.pk}").json()
    assert problems("compiled/service.json", exported) == []


def test_the_full_example_keeps_its_places_times_and_costs():
    organisation = OrganisationFactory()
    report = _import(organisation, example("service_full.json"))
    service = report.created[0]
    location = service.places.get().location
    assert location.name == "MyCity Civic Center"
    assert location.latitude is None  # the example's latitude of 100 is not a real place
    assert any("map position" in note for _, note in report.notes)
    assert "induction loops" in location.accessibility_details
    assert service.schedules.get().byday == "TH,FR"
    assert service.cost_options.get().option == "Under 18s and Over 60s"
    assert not service.is_free


def test_loading_the_same_file_again_updates_instead_of_adding():
    organisation = OrganisationFactory()
    _import(organisation, example("service_full.json"))
    report = _import(organisation, example("service_full.json"))
    assert (len(report.created), len(report.updated)) == (0, 1)
    assert Service.objects.count() == 1


def test_a_service_of_another_organisation_is_refused_and_left_alone():
    mine, theirs = OrganisationFactory(), OrganisationFactory()
    _import(theirs, example("service_full.json"))
    report = _import(mine, example("service_full.json"))
    assert report.rejected == [("Community Counselling", "A service with this id belongs to another organisation.")]
    assert Service.objects.get().organisation == theirs


def test_services_that_do_not_match_the_standard_are_refused_with_the_reason():
    organisation = OrganisationFactory()
    good = example("service_full.json")
    feed = [
        {"id": "not-a-uuid", "name": "Bad id", "status": "active"},
        {"id": "3a19ff88-4620-4d17-9830-ac1d859eb5d5", "status": "active"},
        {"id": "3a19ff88-4620-4d17-9830-ac1d859eb5d6", "name": "Odd status", "status": "maybe"},
        "a string",
        good,
    ]
    report = _import(organisation, feed)
    assert [service.name for service in report.created] == ["Community Counselling"]
    reasons = dict(report.rejected)
    assert "uuid" in reasons["Bad id"]
    assert "name" in reasons["3a19ff88-4620-4d17-9830-ac1d859eb5d5"]
    assert "status" in reasons["Odd status"]
    assert "(not a service)" in reasons


@pytest.mark.parametrize(
    "raw",
    [b"", b"not json", b"\xff\xfe\x00", b"[]", b"{}", b"[" * 100_000 + b"]" * 100_000, json.dumps([1] * 501).encode()],
)
def test_files_that_are_not_a_feed_are_refused_as_a_whole(raw):
    with pytest.raises(FeedError):
        read_feed(raw)


def test_only_admins_may_load_a_file():
    organisation = OrganisationFactory()
    member = OrganisationMemberFactory(organisation=organisation, member=True).user
    with pytest.raises(PermissionDenied):
        services.import_services(organisation, read_feed(json.dumps(example("service_full.json")).encode()), by=member)
    assert not Service.objects.exists()


def _upload(organisation, content, name="feed.json"):
    client = Client()
    client.force_login(admin_of(organisation))
    url = reverse(
        "directory:import",
        kwargs={"partnership_slug": organisation.partnership.slug, "organisation_slug": organisation.slug},
    )
    return client.post(url, {"file": SimpleUploadedFile(name, content, content_type="application/json")})


def test_an_admin_uploads_a_file_and_sees_the_report():
    organisation = OrganisationFactory()
    response = _upload(organisation, json.dumps(example("service_list.json")).encode())
    assert response.status_code == 200
    assert "New services: 1" in response.content.decode()
    assert "Community Counselling" in response.content.decode()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"%PDF-1.4 not a feed", "The file is not JSON"),
        (b"\x89PNG\r\n\x1a\n", "The file is not JSON"),
        (b"{nope", "The file is not JSON"),
        (b'{"contents": []}', "no services"),
        (b"", "The file is empty"),
    ],
)
def test_an_upload_that_is_not_a_feed_gets_a_clear_error(content, message):
    organisation = OrganisationFactory()
    response = _upload(organisation, content)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Service.objects.exists()


def test_a_file_over_the_size_limit_is_refused(settings):
    settings.DIRECTORY_IMPORT_MAX_BYTES = 1000
    organisation = OrganisationFactory()
    response = _upload(organisation, json.dumps(example("service_full.json")).encode())
    assert "must be smaller than" in response.content.decode()
    assert not Service.objects.exists()


def test_an_existing_service_made_by_hand_is_kept_when_a_file_loads():
    organisation = OrganisationFactory()
    mine = make_service(organisation, name="Ours")
    _import(organisation, example("service_full.json"))
    assert Service.objects.get(pk=mine.pk).name == "Ours"


def test_control_characters_in_a_feed_are_taken_out():
    organisation = OrganisationFactory()
    service = example("service_full.json") | {"name": "Nul\x00 club\x07", "description": "Fine\nlines"}
    report = _import(organisation, service)
    assert report.created[0].name == "Nul club"
    assert report.created[0].description == "Fine\nlines"


def test_a_contacts_personal_name_is_left_out_and_the_report_says_why():
    organisation = OrganisationFactory()
    document = example("service_full.json")
    phone = {"id": "5a3c3c6e-0b3c-4d3e-9b3c-6e0b3c4d3e9b", "number": "01632 960 001"}
    document["contacts"] = [
        {"id": "1e7efce3-639b-4880-940c-b95cd30cdb50", "name": "Ann Persona", "title": "Reception Manager",
         "email": "ann.persona@example.org", "phones": [phone]},
        {"id": "2e7efce3-639b-4880-940c-b95cd30cdb51", "name": "Advice line", "email": "advice@example.org"},
    ]  # fmt: skip
    report = _import(organisation, document)

    service = report.created[0]
    contacts = sorted(
        (contact.name, contact.title, contact.email, [phone.number for phone in contact.phones.all()])
        for contact in service.contacts.all()
    )
    assert contacts == [
        ("", "Advice line", "advice@example.org", []),
        ("", "Reception Manager", "", ["01632 960 001"]),
    ]
    notes = [note for _, note in report.notes]
    assert any("looks like a person's name" in note for note in notes)
    assert any("email address was left out" in note for note in notes)
    services.publish_service(service, by=admin_of(organisation))
    assert "Ann Persona" not in json.dumps(
        Client().get(f"/api/openreferral/{organisation.partnership.slug}/services/{service.pk}").json()
    )
