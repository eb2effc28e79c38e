"""Every change to the directory goes through these functions.

Each asks included.access first whether the person acting (`by`) may make it, then changes the rows inside one
transaction and writes an audit row. Saving a service's details, publishing it and confirming it all count as a
check that the details are right, so they set `last_checked_on` (see freshness.py).
"""

from django.db import transaction
from django.utils import timezone

from included.access.rules import can_edit_services, can_import_services, require
from included.core import audit
from included.core.receipts import create_once
from included.core.versions import EditConflict, update_if_unchanged

from .enums import Publication, WayIn
from .models import Contact, Language, Location, Phone, Schedule, Service, ServiceArea, ServiceAtLocation

SERVICE_FIELDS = {
    "name",
    "description",
    "who_it_is_for",
    "minimum_age",
    "maximum_age",
    "is_free",
    "fees",
    "url",
    "email",
    "status",
    "lived_experience_led",
}
LOCATION_FIELDS = {
    "location_type",
    "name",
    "description",
    "address_1",
    "city",
    "postal_code",
    "latitude",
    "longitude",
    "step_free",
    "hearing_loop",
    "bsl",
    "quiet_space",
    "accessible_toilet",
    "accessibility_details",
}
EDIT_REFUSED = "Only people in the organisation can change its services."


def _apply_details(service, details):
    """Set the service's own fields and replace its languages, contact, areas and terms from `details`."""
    for name in SERVICE_FIELDS & details.keys():
        setattr(service, name, details[name])
    ways_in = details.get("ways_in")
    if ways_in is not None:
        for way in WayIn:
            setattr(service, way.value, way.value in ways_in)
    if not service.is_free and "fees" in details:
        service.fees = details["fees"]
    elif service.is_free:
        service.fees = ""
    service.last_checked_on = timezone.localdate()
    service.save()
    if "languages" in details:
        service.languages.all().delete()
        Language.objects.bulk_create(Language(service=service, name=name) for name in details["languages"])
    if "areas" in details:
        service.service_areas.all().delete()
        ServiceArea.objects.bulk_create(ServiceArea(service=service, name=name) for name in details["areas"])
    if {"contact_name", "contact_title", "phone"} & details.keys():
        service.contacts.all().delete()
        if details.get("contact_name") or details.get("contact_title") or details.get("phone"):
            contact = Contact.objects.create(
                service=service, name=details.get("contact_name", ""), title=details.get("contact_title", "")
            )
            if details.get("phone"):
                Phone.objects.create(contact=contact, number=details["phone"])
    if "terms" in details:
        service.terms.set(details["terms"])


def create_service(organisation, details, *, by, form_token=""):
    """Describe a new service of an organisation. It starts as a draft: nobody outside the organisation sees it.
    The same form sent twice makes one service (core.receipts)."""
    require(can_edit_services(by, organisation), EDIT_REFUSED)

    def create():
        service = Service(partnership=organisation.partnership, organisation=organisation)
        _apply_details(service, details)
        _record(service, "directory.service_added", f"described “{service.name}”", by)
        return service

    with transaction.atomic():
        return create_once(form_token, f"directory.add_service:{organisation.pk}", Service, create)


def change_service(service, details, *, by, expected_version=None):
    """Change a service's details. Saving them says they are right today.

    With `expected_version` (the version the person's form showed), nothing is saved if someone else saved first:
    EditConflict says so, with the service as it is saved now (core.versions).
    """
    require(can_edit_services(by, service.organisation), EDIT_REFUSED)
    with transaction.atomic():
        version = service.version if expected_version is None else expected_version
        if not update_if_unchanged(service, version):
            raise EditConflict(Service.objects.get(pk=service.pk), attempted=details)
        _apply_details(service, details)
        _record(service, "directory.service_changed", f"changed “{service.name}”", by)
    return service


def _touch(*service_ids):
    """A change to a place or to opening times changes the services' records in the API (`last_modified`)."""
    Service.objects.filter(pk__in=service_ids).update(updated_at=timezone.now())


def _location_values(details):
    values = {name: details[name] for name in LOCATION_FIELDS & details.keys()}
    if "postal_code" in values:
        values |= Location.postcode_fields(values["postal_code"])
    return values


def add_location(service, details, *, by, form_token=""):
    """A place where the service runs: a new place of the organisation, linked to this service. The same form sent
    twice adds one place."""
    require(can_edit_services(by, service.organisation), EDIT_REFUSED)

    def create():
        location = Location(partnership=service.partnership, organisation=service.organisation)
        for name, value in _location_values(details).items():
            setattr(location, name, value)
        location.save()
        place = ServiceAtLocation.objects.create(service=service, location=location)
        _touch(service.pk)
        _record(service, "directory.location_added", f"added “{location.name}” to “{service.name}”", by)
        return place

    with transaction.atomic():
        return create_once(form_token, f"directory.add_location:{service.pk}", ServiceAtLocation, create)


def _require_place_of(service, location):
    linked = ServiceAtLocation.objects.filter(service=service, location=location).exists()
    require(linked, "The place is not one of this service's places.")


def change_location(service, location, details, *, by, expected_version):
    """Change a place of the service: its address, postcode, map position and access. Every service the
    organisation runs there shows the change. If someone else saved the place first, nothing is saved:
    EditConflict carries the place as it is saved now."""
    require(can_edit_services(by, service.organisation), EDIT_REFUSED)
    _require_place_of(service, location)
    with transaction.atomic():
        if not update_if_unchanged(location, expected_version, **_location_values(details)):
            raise EditConflict(Location.objects.get(pk=location.pk), attempted=details)
        _touch(*location.places.values_list("service_id", flat=True))
        _record(service, "directory.location_changed", f"changed the place “{location.name}”", by)
    return location


def remove_location(service, location, *, by):
    """Take a place off the service, with the opening times given for that place. A place no service uses any
    more is deleted. Returns whether it was."""
    require(can_edit_services(by, service.organisation), EDIT_REFUSED)
    _require_place_of(service, location)
    with transaction.atomic():
        ServiceAtLocation.objects.filter(service=service, location=location).delete()
        deleted = not ServiceAtLocation.objects.filter(location=location).exists()
        if deleted:
            location.delete()
        _touch(service.pk)
        _record(service, "directory.location_removed", f"took “{location.name}” off “{service.name}”", by)
    return deleted


def _opening_values(days, opens_at, closes_at, description):
    return {"byday": ",".join(days), "opens_at": opens_at, "closes_at": closes_at, "description": description}


def add_opening_times(service, *, days, opens_at, closes_at, description="", by, form_token=""):
    """Regular opening times: every week on these days, between these times. The same form sent twice adds them
    once."""
    require(can_edit_services(by, service.organisation), EDIT_REFUSED)

    def create():
        schedule = Schedule.objects.create(service=service, **_opening_values(days, opens_at, closes_at, description))
        _touch(service.pk)
        _record(service, "directory.opening_times_added", f"opening times for “{service.name}”", by)
        return schedule

    with transaction.atomic():
        return create_once(form_token, f"directory.add_opening_times:{service.pk}", Schedule, create)


def _require_times_of(service, schedule):
    require(schedule.service_id == service.pk, "These opening times are not this service's.")


def change_opening_times(service, schedule, *, days, opens_at, closes_at, description="", by, expected_version):
    """Change one row of opening times. If someone else saved it first, nothing is saved (EditConflict)."""
    require(can_edit_services(by, service.organisation), EDIT_REFUSED)
    _require_times_of(service, schedule)
    with transaction.atomic():
        values = _opening_values(days, opens_at, closes_at, description)
        if not update_if_unchanged(schedule, expected_version, **values):
            raise EditConflict(Schedule.objects.get(pk=schedule.pk), attempted=values)
        _touch(service.pk)
        _record(service, "directory.opening_times_changed", f"changed opening times of “{service.name}”", by)
    return schedule


def remove_opening_times(service, schedule, *, by):
    """Take one row of opening times off the service."""
    require(can_edit_services(by, service.organisation), EDIT_REFUSED)
    _require_times_of(service, schedule)
    with transaction.atomic():
        schedule.delete()
        _touch(service.pk)
        _record(service, "directory.opening_times_removed", f"took opening times off “{service.name}”", by)


def _record(service, action, what, by):
    audit.record(
        action, actor=by, obj=service, partnership=service.partnership, summary=f"{service.organisation}: {what}"
    )


def publish_service(service, *, by):
    """Show the service in the partnership's public directory. Publishing says the details are right today."""
    require(can_edit_services(by, service.organisation), EDIT_REFUSED)
    with transaction.atomic():
        service.publication = Publication.PUBLISHED
        service.published_at = service.published_at or timezone.now()
        service.last_checked_on = timezone.localdate()
        service.save(update_fields=["publication", "published_at", "last_checked_on", "updated_at"])
        _record(service, "directory.service_published", f"published “{service.name}”", by)
    return service


def unpublish_service(service, *, by):
    """Take the service out of the public directory; it stays as a draft."""
    require(can_edit_services(by, service.organisation), EDIT_REFUSED)
    with transaction.atomic():
        service.publication = Publication.DRAFT
        service.save(update_fields=["publication", "updated_at"])
        _record(service, "directory.service_unpublished", f"took “{service.name}” out of the directory", by)
    return service


def confirm_service(service, *, by):
    """Someone in the organisation says the details are still right: the service is fresh again."""
    require(can_edit_services(by, service.organisation), EDIT_REFUSED)
    with transaction.atomic():
        service.last_checked_on = timezone.localdate()
        service.save(update_fields=["last_checked_on", "updated_at"])
        _record(service, "directory.service_confirmed", f"confirmed “{service.name}” is right", by)
    return service


def import_services(organisation, feed, *, by):
    """Load Open Referral UK services (already read from JSON) into an organisation's entries, as drafts.

    Returns the report of what was created, updated or refused, and why (openreferral.import_feed).
    """
    from .openreferral import import_feed

    require(can_import_services(by, organisation), "Only your organisation's admins can load a file of services.")
    with transaction.atomic():
        report = import_feed(organisation, feed)
        audit.record(
            "directory.services_imported",
            actor=by,
            obj=organisation,
            partnership=organisation.partnership,
            summary=f"{organisation}: loaded {len(report.created)} new and {len(report.updated)} changed services",
        )
    return report
