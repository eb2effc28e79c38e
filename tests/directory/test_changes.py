"""Changing and removing a service's places and opening times: what the organisation sees, what the public then
finds, and that nobody outside the organisation can touch them."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from included.directory import services
from included.directory.models import Location, Schedule, Service, ServiceAtLocation
from tests.directory.factories import admin_of, location, make_service
from tests.factories import OrganisationFactory, OrganisationMemberFactory

pytestmark = pytest.mark.django_db

PLACE_FORM = {
    "name": "Canal Street hub",
    "location_type": "physical",
    "address_1": "14 Canal Street",
    "city": "Riverside",
    "postal_code": "rv7 4ts",
    "access": ["step_free", "hearing_loop"],
}


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _url(name, service, **more):
    organisation = service.organisation
    kwargs = {
        "partnership_slug": organisation.partnership.slug,
        "organisation_slug": organisation.slug,
        "service_id": service.pk,
    }
    return reverse(f"directory:{name}", kwargs=kwargs | more)


def _search(partnership, **params):
    page = Client().get(reverse("directory:search", kwargs={"partnership_slug": partnership.slug}), params)
    return [service.name for service in page.context["results"]]


def test_a_member_changes_a_places_address_and_access_and_the_public_finds_it_there():
    service = make_service(OrganisationFactory(), name="Job club", place={"postal_code": "RV1 2AB", "step_free": False})
    place = service.places.get().location
    member = _client(OrganisationMemberFactory(organisation=service.organisation, member=True).user)
    form = member.get(_url("change_location", service, location_id=place.pk))
    assert 'value="RV1 2AB"' in form.content.decode()

    response = member.post(
        _url("change_location", service, location_id=place.pk),
        PLACE_FORM | {"latitude": "52.95", "longitude": "-1.15", "version": str(place.version)},
    )

    assert response.status_code == 302
    place.refresh_from_db()
    assert (place.address_1, place.postal_code, place.postcode_district) == ("14 Canal Street", "RV7 4TS", "RV7")
    assert (place.step_free, place.hearing_loop, place.bsl, float(place.latitude)) == (True, True, False, 52.95)
    assert _search(service.partnership, area="RV7", access="step_free") == ["Job club"]
    assert _search(service.partnership, area="RV1") == []


def test_a_wrong_change_to_a_place_is_explained_and_nothing_typed_is_lost():
    service = make_service(OrganisationFactory(), place={})
    place = service.places.get().location
    response = _client(admin_of(service.organisation)).post(
        _url("change_location", service, location_id=place.pk),
        PLACE_FORM | {"postal_code": "nope", "latitude": "95", "version": str(place.version)},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page
    assert "Enter a real postcode, like RV1 2AB" in page and "Enter a latitude from -90 to 90" in page
    assert 'value="14 Canal Street"' in page and 'value="nope"' in page
    place.refresh_from_db()
    assert place.address_1 == "1 High Street"


def test_two_people_changing_a_place_at_once_are_shown_both_versions():
    service = make_service(OrganisationFactory(), place={})
    place = service.places.get().location
    url = _url("change_location", service, location_id=place.pk)
    first = _client(admin_of(service.organisation))
    second = _client(OrganisationMemberFactory(organisation=service.organisation, member=True).user)
    opened = str(place.version)
    assert first.post(url, PLACE_FORM | {"name": "Mill hub", "version": opened}).status_code == 302
    response = second.post(url, PLACE_FORM | {"name": "Canal hub", "version": opened})
    page = response.content.decode()
    assert response.status_code == 409
    assert "Compare the two versions" in page and "Mill hub" in page and 'value="Canal hub"' in page
    place.refresh_from_db()
    assert place.name == "Mill hub"


def test_a_place_two_services_share_changes_for_both_and_the_page_says_so():
    organisation = OrganisationFactory()
    first = make_service(organisation, name="Job club", place={"name": "Old hall"})
    second = make_service(organisation, name="Peer group")
    ServiceAtLocation.objects.create(service=second, location=first.places.get().location)
    page = _client(admin_of(organisation)).get(
        _url("change_location", second, location_id=first.places.get().location_id)
    )
    assert "You also run Job club here" in page.content.decode()


def test_removing_a_place_takes_it_off_the_service_and_deletes_it_when_no_service_uses_it():
    organisation = OrganisationFactory()
    service = make_service(organisation, name="Job club", place={"name": "Old hall", "postal_code": "RV3 1AA"})
    other = make_service(organisation, name="Peer group")
    hall = service.places.get().location
    ServiceAtLocation.objects.create(service=other, location=hall)
    client = _client(admin_of(organisation))
    confirm = client.get(_url("remove_location", service, location_id=hall.pk))
    assert "Remove Old hall from this service?" in confirm.content.decode()

    assert client.post(_url("remove_location", service, location_id=hall.pk)).status_code == 302
    assert not service.places.exists() and Location.objects.filter(pk=hall.pk).exists()
    assert _search(organisation.partnership, area="RV3") == ["Peer group"]

    assert client.post(_url("remove_location", other, location_id=hall.pk)).status_code == 302
    assert not Location.objects.filter(pk=hall.pk).exists()
    assert _search(organisation.partnership, area="RV3") == []


def test_opening_times_are_changed_and_removed_row_by_row():
    service = make_service(OrganisationFactory(), times=["MO"])
    monday = service.schedules.get()
    services.add_opening_times(
        service, days=["TH"], opens_at=datetime.time(18), closes_at=datetime.time(20), by=admin_of(service.organisation)
    )
    client = _client(admin_of(service.organisation))
    form = {"days": ["MO", "TU"], "opens_at": "10:00", "closes_at": "15:30", "version": str(monday.version)}
    assert client.post(_url("change_opening_times", service, schedule_id=monday.pk), form).status_code == 302
    monday.refresh_from_db()
    assert (monday.byday, monday.opens_at, monday.closes_at) == ("MO,TU", datetime.time(10), datetime.time(15, 30))

    assert client.post(_url("remove_opening_times", service, schedule_id=monday.pk)).status_code == 302
    assert [schedule.byday for schedule in service.schedules.all()] == ["TH"]
    public = Client().get(
        reverse(
            "directory:public_service", kwargs={"partnership_slug": service.partnership.slug, "service_id": service.pk}
        )
    )
    assert "Thursday: 18:00 to 20:00" in public.content.decode() and "Monday" not in public.content.decode()


def test_a_wrong_change_to_opening_times_is_explained_and_kept():
    service = make_service(OrganisationFactory(), times=["MO"])
    schedule = service.schedules.get()
    response = _client(admin_of(service.organisation)).post(
        _url("change_opening_times", service, schedule_id=schedule.pk),
        {"days": ["WE"], "opens_at": "17:00", "closes_at": "nine", "version": str(schedule.version)},
    )
    page = response.content.decode()
    assert "govuk-error-summary" in page and "Enter the time it closes, like 17:00" in page
    assert 'value="17:00"' in page
    schedule.refresh_from_db()
    assert schedule.byday == "MO"


def test_changes_to_places_and_times_show_in_the_open_referral_feed_as_modified():
    service = make_service(OrganisationFactory(), place={}, times=["MO"])
    before = service.updated_at
    place = service.places.get().location
    services.change_location(
        service, place, PLACE_FORM | {"step_free": True}, by=admin_of(service.organisation), expected_version=1
    )
    service.refresh_from_db()
    assert service.updated_at > before


def test_sending_an_add_form_twice_adds_once():
    service = make_service(OrganisationFactory(), published=False)
    client = _client(admin_of(service.organisation))
    token = "a-one-time-token-0123456789"
    for _ in range(2):
        client.post(_url("add_location", service), PLACE_FORM | {"form_token": token})
        client.post(
            _url("add_opening_times", service),
            {"days": ["FR"], "opens_at": "9:00", "closes_at": "12:00", "form_token": token},
        )
        client.post(
            reverse(
                "directory:add_service",
                kwargs={
                    "partnership_slug": service.partnership.slug,
                    "organisation_slug": service.organisation.slug,
                },
            ),
            {"name": "Café", "description": "Tea and talk.", "is_free": "yes", "status": "active", "form_token": token},
        )
    assert (service.places.count(), service.schedules.count()) == (1, 1)
    assert Service.objects.filter(name="Café").count() == 1


def test_organisation_b_gets_a_page_not_found_for_a_places_and_times():
    service = make_service(OrganisationFactory(), place={}, times=["MO"])
    place, schedule = service.places.get().location, service.schedules.get()
    outsider = _client(admin_of(OrganisationFactory(partnership=service.partnership)))
    for name, more in (
        ("change_location", {"location_id": place.pk}),
        ("remove_location", {"location_id": place.pk}),
        ("change_opening_times", {"schedule_id": schedule.pk}),
        ("remove_opening_times", {"schedule_id": schedule.pk}),
    ):
        assert outsider.get(_url(name, service, **more)).status_code == 404, name
        assert outsider.post(_url(name, service, **more), {"version": "1"}).status_code == 404, name
    assert Location.objects.filter(pk=place.pk).exists() and Schedule.objects.filter(pk=schedule.pk).exists()


def test_a_place_or_times_of_another_service_cannot_be_reached_through_this_one():
    organisation = OrganisationFactory()
    mine = make_service(organisation, name="Mine")
    theirs = make_service(OrganisationFactory(), place={}, times=["MO"])
    client = _client(admin_of(organisation))
    place, schedule = theirs.places.get().location, theirs.schedules.get()
    assert client.get(_url("change_location", mine, location_id=place.pk)).status_code == 404
    assert client.post(_url("remove_opening_times", mine, schedule_id=schedule.pk)).status_code == 404
    with pytest.raises(PermissionDenied):
        services.remove_location(mine, place, by=admin_of(organisation))
    with pytest.raises(PermissionDenied):
        services.remove_opening_times(mine, schedule, by=admin_of(organisation))


@pytest.mark.parametrize("action", ["change_location", "remove_location", "change_times", "remove_times"])
def test_the_services_refuse_people_outside_the_organisation(action):
    service = make_service(OrganisationFactory(), place={}, times=["MO"])
    place, schedule = service.places.get().location, service.schedules.get()
    outsider = admin_of(OrganisationFactory(partnership=service.partnership))
    calls = {
        "change_location": lambda: services.change_location(
            service, place, location(name="Taken"), by=outsider, expected_version=1
        ),
        "remove_location": lambda: services.remove_location(service, place, by=outsider),
        "change_times": lambda: services.change_opening_times(
            service, schedule, days=["SU"], opens_at=None, closes_at=None, by=outsider, expected_version=1
        ),
        "remove_times": lambda: services.remove_opening_times(service, schedule, by=outsider),
    }
    with pytest.raises(PermissionDenied):
        calls[action]()
    place.refresh_from_db()
    schedule.refresh_from_db()
    assert (place.name, schedule.byday) == ("Riverside Library", "MO")
