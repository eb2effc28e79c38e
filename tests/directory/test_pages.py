"""An organisation's pages: adding, changing, publishing and confirming services; drafts stay inside it."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from included.directory import services
from included.directory.models import Location, Schedule, Service
from tests.directory.factories import admin_of, details, location, make_service, term
from tests.factories import OrganisationFactory, OrganisationMemberFactory, UserFactory

pytestmark = pytest.mark.django_db


def _org_kwargs(organisation):
    return {"partnership_slug": organisation.partnership.slug, "organisation_slug": organisation.slug}


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_a_member_adds_a_service_with_a_place_and_publishes_it():
    organisation = OrganisationFactory()
    member = OrganisationMemberFactory(organisation=organisation, member=True).user
    client = _client(member)
    response = client.post(
        reverse("directory:add_service", kwargs=_org_kwargs(organisation)),
        {
            "name": "Thursday peer group",
            "description": "A friendly group where we share what helped us.",
            "ways_in": ["drop_in", "by_referral"],
            "is_free": "yes",
            "terms": [str(term("peer-support").pk)],
            "lived_experience_led": "on",
            "languages": "English, Polish, English",
            "status": "active",
        },
    )
    service = Service.objects.get()
    assert response.status_code == 302
    assert not service.is_published and service.drop_in and service.by_referral and not service.by_appointment
    assert [language.name for language in service.languages.all()] == ["English", "Polish"]
    service_kwargs = _org_kwargs(organisation) | {"service_id": service.pk}
    client.post(
        reverse("directory:add_location", kwargs=service_kwargs),
        {
            "name": "Community hall",
            "location_type": "physical",
            "address_1": "2 Mill Lane",
            "city": "Riverside",
            "postal_code": "rv2 3cd",
            "access": ["step_free", "quiet_space"],
        },
    )
    place = Location.objects.get()
    assert (place.postal_code, place.postcode_district, place.step_free, place.quiet_space) == (
        "RV2 3CD",
        "RV2",
        True,
        True,
    )
    client.post(
        reverse("directory:add_opening_times", kwargs=service_kwargs),
        {"days": ["TH"], "opens_at": "18:00", "closes_at": "20:00"},
    )
    assert Schedule.objects.get().byday == "TH"
    client.post(reverse("directory:publish", kwargs=service_kwargs))
    service.refresh_from_db()
    assert service.is_published and service.last_checked_on == timezone.localdate()
    page = Client().get(reverse("directory:search", kwargs={"partnership_slug": organisation.partnership.slug}))
    assert "Thursday peer group" in page.content.decode()


def test_wrong_answers_are_explained_and_nothing_typed_is_lost():
    organisation = OrganisationFactory()
    client = _client(admin_of(organisation))
    response = client.post(
        reverse("directory:add_service", kwargs=_org_kwargs(organisation)),
        {"name": "Kept name", "is_free": "no", "minimum_age": "40", "maximum_age": "12", "status": "active"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Say what the service offers" in page
    assert "Say what it costs" in page
    assert "The oldest age must be the same as or more than the youngest age" in page
    assert 'value="Kept name"' in page
    assert not Service.objects.exists()


def test_a_place_needs_a_real_postcode_and_both_coordinates():
    service = make_service(OrganisationFactory(), published=False)
    client = _client(admin_of(service.organisation))
    url = reverse("directory:add_location", kwargs=_org_kwargs(service.organisation) | {"service_id": service.pk})
    response = client.post(
        url,
        {"name": "Hall", "location_type": "physical", "address_1": "1 Road", "postal_code": "nope", "latitude": "51"},
    )
    page = response.content.decode()
    assert "Enter a real postcode, like RV1 2AB" in page
    assert "Enter both the latitude and the longitude, or neither" in page
    assert not Location.objects.exists()


def test_closing_must_come_after_opening():
    service = make_service(OrganisationFactory(), published=False)
    client = _client(admin_of(service.organisation))
    url = reverse("directory:add_opening_times", kwargs=_org_kwargs(service.organisation) | {"service_id": service.pk})
    response = client.post(url, {"days": ["MO"], "opens_at": "17:00", "closes_at": "09:00"})
    assert "The closing time must be after the opening time" in response.content.decode()


def test_drafts_of_organisation_a_are_never_seen_by_b_or_the_public():
    organisation_a = OrganisationFactory()
    organisation_b = OrganisationFactory(partnership=organisation_a.partnership)
    draft = make_service(organisation_a, name="A's secret plan", published=False)
    public_url = reverse(
        "directory:public_service", kwargs={"partnership_slug": organisation_a.partnership.slug, "service_id": draft.pk}
    )
    owner_url = reverse("directory:service", kwargs=_org_kwargs(organisation_a) | {"service_id": draft.pk})
    b_url = reverse("directory:service", kwargs=_org_kwargs(organisation_b) | {"service_id": draft.pk})
    admin_b = _client(admin_of(organisation_b))
    assert Client().get(public_url).status_code == 404
    assert admin_b.get(public_url).status_code == 404
    assert admin_b.get(owner_url).status_code == 404
    assert admin_b.get(b_url).status_code == 404
    assert _client(admin_of(organisation_a)).get(public_url).status_code == 200
    search = Client().get(reverse("directory:search", kwargs={"partnership_slug": organisation_a.partnership.slug}))
    assert "A's secret plan" not in search.content.decode()


def test_an_archived_organisations_services_leave_the_directory():
    organisation = OrganisationFactory()
    service = make_service(organisation, name="Old club")
    type(organisation).objects.filter(pk=organisation.pk).update(archived_at=timezone.now())
    url = reverse(
        "directory:public_service", kwargs={"partnership_slug": organisation.partnership.slug, "service_id": service.pk}
    )
    assert Client().get(url).status_code == 404


def test_confirming_makes_a_service_fresh_again():
    service = make_service(OrganisationFactory(), checked_days_ago=400)
    assert service.freshness < 1
    services.confirm_service(service, by=admin_of(service.organisation))
    service.refresh_from_db()
    assert service.freshness == 1


def test_the_organisation_list_shows_services_due_a_check():
    service = make_service(OrganisationFactory(), name="Due club", checked_days_ago=300)
    page = _client(admin_of(service.organisation)).get(
        reverse("directory:services", kwargs=_org_kwargs(service.organisation))
    )
    assert "Due a check" in page.content.decode()


def _refusals(service, outsider):
    organisation = service.organisation
    return [
        lambda: services.create_service(organisation, details(), by=outsider),
        lambda: services.change_service(service, details(name="Taken"), by=outsider),
        lambda: services.add_location(service, location(), by=outsider),
        lambda: services.add_opening_times(
            service, days=["MO"], opens_at=datetime.time(9), closes_at=datetime.time(10), by=outsider
        ),
        lambda: services.publish_service(service, by=outsider),
        lambda: services.unpublish_service(service, by=outsider),
        lambda: services.confirm_service(service, by=outsider),
        lambda: services.import_services(organisation, [], by=outsider),
    ]


@pytest.mark.parametrize("number", range(8))
def test_people_outside_the_organisation_are_refused_by_every_service(number):
    service = make_service(OrganisationFactory(), name="Ours", checked_days_ago=300)
    outsider = admin_of(OrganisationFactory(partnership=service.partnership))
    before = (Service.objects.count(), Location.objects.count(), Schedule.objects.count())
    with pytest.raises(PermissionDenied):
        _refusals(service, outsider)[number]()
    with pytest.raises(PermissionDenied):
        _refusals(service, UserFactory())[number]()
    service.refresh_from_db()
    assert (service.name, service.is_published) == ("Ours", True)
    assert before == (Service.objects.count(), Location.objects.count(), Schedule.objects.count())


def test_services_refuse_outsiders_by_name():
    """Each service, called by someone outside the organisation, raises PermissionDenied (named for the structure
    test)."""
    service = make_service(OrganisationFactory())
    outsider = UserFactory()
    for call in (
        lambda: services.create_service(service.organisation, details(), by=outsider),
        lambda: services.change_service(service, details(), by=outsider),
        lambda: services.add_location(service, location(), by=outsider),
        lambda: services.add_opening_times(service, days=["MO"], opens_at=None, closes_at=None, by=outsider),
        lambda: services.publish_service(service, by=outsider),
        lambda: services.unpublish_service(service, by=outsider),
        lambda: services.confirm_service(service, by=outsider),
        lambda: services.import_services(service.organisation, [], by=outsider),
    ):
        with pytest.raises(PermissionDenied):
            call()


def _queries_for_own_list(count):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    organisation = OrganisationFactory()
    for number in range(count):
        make_service(organisation, name=f"Club {number}", published=number % 2 == 0)
    client = _client(admin_of(organisation))
    url = reverse("directory:services", kwargs=_org_kwargs(organisation))
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, {"q": "club"}).status_code == 200
    return len(queries)


def test_the_organisations_list_takes_the_same_queries_whatever_its_size():
    assert _queries_for_own_list(2) == _queries_for_own_list(30)


def test_two_people_changing_a_service_at_once_are_shown_both_versions():
    service = make_service(OrganisationFactory(), name="Job club")
    url = reverse("directory:change_service", kwargs=_org_kwargs(service.organisation) | {"service_id": service.pk})
    first = _client(admin_of(service.organisation))
    second = _client(OrganisationMemberFactory(organisation=service.organisation, member=True).user)
    form = {
        "description": "Help with CVs.",
        "is_free": "yes",
        "status": "active",
        "version": str(service.version),
    }
    assert first.post(url, form | {"name": "Monday job club"}).status_code == 302
    response = second.post(url, form | {"name": "Tuesday job club"})
    page = response.content.decode()
    assert response.status_code == 409
    assert "Compare the two versions" in page and "Monday job club" in page
    assert 'value="Tuesday job club"' in page
    service.refresh_from_db()
    assert service.name == "Monday job club"
    assert second.post(url, form | {"name": "Tuesday job club", "version": str(service.version)}).status_code == 302
