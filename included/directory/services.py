"""Every change to the directory goes through these functions.

Each asks included.access first whether the person acting (`by`) may make it, then changes the rows inside one
transaction and writes an audit row. Saving a service's details, publishing it and confirming it all count as a
check that the details are right, so they set `last_checked_on` (see freshness.py).
"""

from django.db import transaction
from django.utils import timezone

from included.access.rules import can_edit_services, can_import_services, require
from included.core import audit
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


def create_service(organisation, details, *, by):
    """Describe a new service of an organisation. It starts as a draft: nobody outside the organisation sees it."""
    require(can_edit_services(by, organisation), EDIT_REFUSED)
    with transaction.atomic():
        service = Service(partnership=organisation.partnership, organisation=organisation)
        _apply_details(service, details)
        audit.record(
            "directory.service_added",
            actor=by,
            obj=service,
            partnership=organisation.partnership,
            summary=f"{organisation}: described “{service.name}”",
        )
    return service


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
        audit.record(
            "directory.service_changed",
            actor=by,
            obj=service,
            partnership=service.partnership,
            summary=f"{service.organisation}: changed “{service.name}”",
        )
    return service


def add_location(service, details, *, by):
    """A place where the service runs: a new place of the organisation, linked to this service."""
    require(can_edit_services(by, service.organisation), EDIT_REFUSED)
    with transaction.atomic():
        location = Location(partnership=service.partnership, organisation=service.organisation)
        for name in LOCATION_FIELDS & details.keys():
            setattr(location, name, details[name])
        location.save()
        place = ServiceAtLocation.objects.create(service=service, location=location)
        audit.record(
            "directory.location_added",
            actor=by,
            obj=service,
            partnership=service.partnership,
            summary=f"{service.organisation}: added “{location.name}” to “{service.name}”",
        )
    return place


def add_opening_times(service, *, days, opens_at, closes_at, description="", by):
    """Regular opening times: every week on these days, between these times."""
    require(can_edit_services(by, service.organisation), EDIT_REFUSED)
    with transaction.atomic():
        schedule = Schedule.objects.create(
            service=service, byday=",".join(days), opens_at=opens_at, closes_at=closes_at, description=description
        )
        audit.record(
            "directory.opening_times_added",
            actor=by,
            obj=service,
            partnership=service.partnership,
            summary=f"{service.organisation}: opening times for “{service.name}”",
        )
    return schedule


def publish_service(service, *, by):
    """Show the service in the partnership's public directory. Publishing says the details are right today."""
    require(can_edit_services(by, service.organisation), EDIT_REFUSED)
    with transaction.atomic():
        service.publication = Publication.PUBLISHED
        service.published_at = service.published_at or timezone.now()
        service.last_checked_on = timezone.localdate()
        service.save(update_fields=["publication", "published_at", "last_checked_on", "updated_at"])
        audit.record(
            "directory.service_published",
            actor=by,
            obj=service,
            partnership=service.partnership,
            summary=f"{service.organisation}: published “{service.name}”",
        )
    return service


def unpublish_service(service, *, by):
    """Take the service out of the public directory; it stays as a draft."""
    require(can_edit_services(by, service.organisation), EDIT_REFUSED)
    with transaction.atomic():
        service.publication = Publication.DRAFT
        service.save(update_fields=["publication", "updated_at"])
        audit.record(
            "directory.service_unpublished",
            actor=by,
            obj=service,
            partnership=service.partnership,
            summary=f"{service.organisation}: took “{service.name}” out of the directory",
        )
    return service


def confirm_service(service, *, by):
    """Someone in the organisation says the details are still right: the service is fresh again."""
    require(can_edit_services(by, service.organisation), EDIT_REFUSED)
    with transaction.atomic():
        service.last_checked_on = timezone.localdate()
        service.save(update_fields=["last_checked_on", "updated_at"])
        audit.record(
            "directory.service_confirmed",
            actor=by,
            obj=service,
            partnership=service.partnership,
            summary=f"{service.organisation}: confirmed “{service.name}” is right",
        )
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
