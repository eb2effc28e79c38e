"""Open Referral UK 3.0: our rows written out in the standard's shapes, and a feed in those shapes read back in.

The shapes follow the Open Referral UK profile of the Human Services Data Specification (HSDS 3.0), published by
Open Referral under CC BY-SA 4.0 (https://openreferral.org.uk). Empty values are left out rather than sent as
empty strings, because the published schemas check `email` and `uri` formats. Our own extras are written in the
standard's own places: access features as `accessibility` entries, how to get in as schedule `attending_type`,
who it is for inside the description, and "led by people with lived experience" as an attribute of our taxonomy.
"""

import datetime
import functools
import json
import re
import unicodedata
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from .enums import AccessFeature, Day, LocationType, Publication, ServiceStatus
from .models import (
    Attribute,
    Contact,
    CostOption,
    Language,
    Location,
    Phone,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    TaxonomyTerm,
)

# The version of the standard these shapes follow, and where it is described.
HSDS_VERSION = "3.0"
PROFILE_URL = "https://openreferral.org.uk"
MAX_SERVICES_PER_FILE = 500
SCHEMA_DIR = Path(__file__).resolve().parent / "data" / "oruk"


def organisation_uuid(organisation):
    """Our organisations have whole-number ids; the standard asks for UUIDs, so each gets a fixed one from its id."""
    return _organisation_uuid(settings.SITE_URL, organisation.pk)


@functools.lru_cache(maxsize=20_000)
def _organisation_uuid(site_url, organisation_id):
    # Kept, because a page of services names each organisation twice, and filtering by `organization_id` works out
    # the UUID of every organisation in the partnership.
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{site_url}/organisations/{organisation_id}"))


def _clean(values):
    return {key: value for key, value in values.items() if value not in (None, "", [])}


def _time(value):
    return value.strftime("%H:%M") if value else None


def organisation_dict(organisation):
    return _clean(
        {
            "id": organisation_uuid(organisation),
            "name": organisation.name,
            "description": f"{organisation.name}, a member of {organisation.partnership.name}.",
            "website": organisation.website,
        }
    )


def term_dict(term):
    return _clean(
        {
            "id": str(term.id),
            "name": term.name,
            "description": term.description,
            "parent_id": str(term.parent_id) if term.parent_id else None,
            "taxonomy": term.taxonomy.name,
            "taxonomy_id": str(term.taxonomy_id),
            "term_uri": term.term_uri,
            "term": term.code,
        }
    )


def taxonomy_dict(taxonomy, terms=None):
    values = {
        "id": str(taxonomy.id),
        "name": taxonomy.name,
        "description": taxonomy.description,
        "uri": taxonomy.uri,
        "version": taxonomy.version,
    }
    if terms is not None:
        values["taxonomy_terms"] = [term_dict(term) for term in terms]
    return _clean(values)


def _accessibility(location):
    entries = []
    for feature in AccessFeature:
        if getattr(location, feature.value):
            # A fixed id for each place and feature, so the same entry keeps its id between reads.
            entry_id = uuid.uuid5(location.id, feature.value)
            entries.append({"id": str(entry_id), "location_id": str(location.id), "description": feature.label})
    if location.accessibility_details:
        entries.append(
            {
                "id": str(uuid.uuid5(location.id, "details")),
                "location_id": str(location.id),
                "description": location.accessibility_details,
            }
        )
    return entries


def location_dict(location):
    values = {
        "id": str(location.id),
        "location_type": location.location_type,
        "name": location.name,
        "description": location.description,
        "latitude": float(location.latitude) if location.latitude is not None else None,
        "longitude": float(location.longitude) if location.longitude is not None else None,
        "accessibility": _accessibility(location),
    }
    if location.address_1 or location.postal_code:
        values["addresses"] = [
            {
                "id": str(uuid.uuid5(location.id, "address")),
                "location_id": str(location.id),
                "address_1": location.address_1,
                "city": location.city,
                "region": location.region,
                "state_province": location.region,
                "postal_code": location.postal_code,
                "country": location.country,
                "address_type": "physical",
            }
        ]
    return _clean(values)


def _ways_in(service):
    return "; ".join(service.ways_in)


def schedule_dict(schedule, service):
    return _clean(
        {
            "id": str(schedule.id),
            "service_id": str(service.id),
            "service_at_location_id": str(schedule.service_at_location_id) if schedule.service_at_location_id else None,
            "freq": schedule.freq,
            "interval": 1,
            "byday": schedule.byday,
            "opens_at": _time(schedule.opens_at),
            "closes_at": _time(schedule.closes_at),
            "description": schedule.description,
            "attending_type": _ways_in(service),
        }
    )


def _description(service):
    if service.who_it_is_for:
        return f"{service.description}\n\nWho it is for: {service.who_it_is_for}"
    return service.description


LOCATION_FIELDS = (
    "id", "location_type", "name", "description", "latitude", "longitude", "address_1", "city", "region",
    "postal_code", "country", "accessibility_details", *(feature.value for feature in AccessFeature),
)  # fmt: skip


def _grouped(queryset, key, *fields):
    """Rows of `queryset` as named tuples of `fields`, in lists by the value of `key` (one of the fields)."""
    lists = defaultdict(list)
    for row in queryset.values_list(*fields, named=True):
        lists[getattr(row, key)].append(row)
    return lists


class Linked:
    """What a page of services links to, read with one query per kind, each in its model's own order, as plain
    rows. A page of fifty services links to several hundred rows, and making a model object of each cost more than
    the rest of the page (prefetching did, per service and per kind)."""

    def __init__(self, service_ids):
        ids = list(service_ids)
        self.schedules = _grouped(
            Schedule.objects.filter(service_id__in=ids),
            "service_id",
            *("id", "service_id", "service_at_location_id", "freq", "byday", "opens_at", "closes_at", "description"),
        )
        self.areas = _grouped(
            ServiceArea.objects.filter(service_id__in=ids), "service_id", "id", "service_id", "name", "uri"
        )
        self.languages = _grouped(
            Language.objects.filter(service_id__in=ids), "service_id", "id", "service_id", "name", "code"
        )
        self.costs = _grouped(
            CostOption.objects.filter(service_id__in=ids),
            "service_id",
            *("id", "service_id", "option", "amount", "amount_description", "valid_from", "valid_to"),
        )
        self.contacts = _grouped(
            Contact.objects.filter(service_id__in=ids), "service_id", "id", "service_id", "name", "title", "email"
        )
        self.phones = _grouped(
            Phone.objects.filter(contact__service_id__in=ids), "contact_id", "id", "contact_id", "number"
        )
        self.attributes = _grouped(
            Attribute.objects.filter(service_id__in=ids), "service_id", "id", "service_id", "taxonomy_term_id"
        )
        term_ids = {row.taxonomy_term_id for rows in self.attributes.values() for row in rows}
        self.terms = TaxonomyTerm.objects.select_related("taxonomy").in_bulk(term_ids)
        self.places = _grouped(
            ServiceAtLocation.objects.filter(service_id__in=ids), "service_id", "id", "service_id", "location_id"
        )
        location_ids = {row.location_id for rows in self.places.values() for row in rows}
        self.locations = {
            row.id: row
            for row in Location.objects.filter(id__in=location_ids).values_list(*LOCATION_FIELDS, named=True)
        }


def service_dicts(services):
    """A page of services in the standard's shape, with all they link to."""
    linked = Linked(service.pk for service in services)
    return [service_dict(service, linked) for service in services]


def service_dict(service, linked=None):
    """One service in the standard's shape: with `linked` (a `Linked` that holds it), in full; without, only its
    own fields and its organisation, as inside a service-at-location record."""
    values = {
        "id": str(service.id),
        "organization_id": organisation_uuid(service.organisation),
        "name": service.name,
        "description": _description(service),
        "url": service.url,
        "email": service.email,
        "status": service.status,
        "fees": "Free" if service.is_free else service.fees,
        "minimum_age": service.minimum_age,
        "maximum_age": service.maximum_age,
        "assured_date": service.last_checked_on.isoformat() if service.last_checked_on else None,
        "last_modified": service.updated_at.isoformat(),
        "organization": organisation_dict(service.organisation),
    }
    if linked is None:
        return _clean(values)
    key = service.pk
    values |= {
        "schedules": [schedule_dict(schedule, service) for schedule in linked.schedules[key]],
        "service_areas": [
            _clean({"id": str(area.id), "service_id": str(service.id), "name": area.name, "uri": area.uri})
            for area in linked.areas[key]
        ],
        "service_at_locations": [
            {"id": str(place.id), "service_id": str(service.id), "location_id": str(place.location_id)}
            | {"location": location_dict(linked.locations[place.location_id])}
            for place in linked.places[key]
        ],
        "languages": [
            _clean(
                {"id": str(language.id), "service_id": str(service.id), "name": language.name, "code": language.code}
            )
            for language in linked.languages[key]
        ],
        "cost_options": [
            _clean(
                {
                    "id": str(cost.id),
                    "service_id": str(service.id),
                    "option": cost.option,
                    "amount": float(cost.amount) if cost.amount is not None else None,
                    "amount_description": cost.amount_description,
                    "valid_from": cost.valid_from.isoformat() if cost.valid_from else None,
                    "valid_to": cost.valid_to.isoformat() if cost.valid_to else None,
                }
            )
            for cost in linked.costs[key]
        ],
        "contacts": [
            _clean(
                {
                    "id": str(contact.id),
                    "service_id": str(service.id),
                    "name": contact.name,
                    "title": contact.title,
                    "email": contact.email,
                    "phones": [
                        _clean({"id": str(phone.id), "contact_id": str(contact.id), "number": phone.number})
                        for phone in linked.phones[contact.id]
                    ],
                }
            )
            for contact in linked.contacts[key]
        ],
        "attributes": [
            {
                "id": str(attribute.id),
                "link_id": str(service.id),
                "link_type": "service",
                "taxonomy_term_id": str(attribute.taxonomy_term_id),
                "taxonomy_term": term_dict(linked.terms[attribute.taxonomy_term_id]),
            }
            for attribute in linked.attributes[key]
        ],
    }
    return _clean(values)


def service_at_location_dict(place):
    return {
        "id": str(place.id),
        "service_id": str(place.service_id),
        "location_id": str(place.location_id),
        "location": location_dict(place.location),
        "service": service_dict(place.service),
    }


# Reading a feed back in


@dataclass
class ImportReport:
    """What a feed did: the services made, the ones changed, and the ones refused with the reason."""

    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    rejected: list = field(default_factory=list)  # (name or id, reason)
    notes: list = field(default_factory=list)  # (service name, what was left out)

    @property
    def is_empty(self):
        return not (self.created or self.updated or self.rejected)


class FeedError(ValueError):
    """The file as a whole is not a feed we can read; the message says why, in plain words."""


def read_feed(raw):
    """Parse the bytes of an uploaded file into a list of service dicts, or raise FeedError."""
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as error:
        raise FeedError("The file is not JSON. Choose a JSON file from an Open Referral UK feed.") from error
    services = _services_in(data)
    if not services:
        raise FeedError("The file has no services in it. Choose the services list or one service from the feed.")
    if len(services) > MAX_SERVICES_PER_FILE:
        raise FeedError(f"The file has more than {MAX_SERVICES_PER_FILE} services. Split it into smaller files.")
    return services


def _services_in(data):
    """Services from any of the feed's usual shapes: a page of results, a list, one service, an organisation with
    its services, or service-at-location records (their service gets the location)."""
    if isinstance(data, dict) and isinstance(data.get("contents"), list):
        data = data["contents"]
    items = data if isinstance(data, list) else [data] if data else []
    services = []
    for item in items:
        if not isinstance(item, dict):
            services.append(item)
        elif isinstance(item.get("services"), list) and "service_at_locations" not in item:
            organisation = {key: value for key, value in item.items() if key != "services"}
            services.extend(
                {**service, "organization": organisation} if isinstance(service, dict) else service
                for service in item["services"]
            )
        elif isinstance(item.get("service"), dict) and isinstance(item.get("location"), dict):
            place = {"id": item.get("id"), "location": item["location"]}
            services.append({**item["service"], "service_at_locations": [place]})
        else:
            services.append(item)
    return services


def _schema_validator():
    from jsonschema import Draft202012Validator, FormatChecker

    schema = json.loads((SCHEMA_DIR / "service.json").read_text(encoding="utf-8"))
    return Draft202012Validator(schema, format_checker=FormatChecker())


def _first_problem(validator, item):
    error = next(iter(sorted(validator.iter_errors(item), key=lambda e: list(e.absolute_path))), None)
    if error is None:
        return ""
    where = "/".join(str(part) for part in error.absolute_path) or "the service"
    return f"{where}: {error.message[:200]}"


def _text(value, limit):
    """Text from the feed, without control characters (a NUL would stop PostgreSQL), cut to the field's length."""
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        return ""
    text = "".join(
        character for character in str(value) if character in "\n\t" or unicodedata.category(character) != "Cc"
    )
    return text.strip()[:limit]


def _uuid(value):
    try:
        return uuid.UUID(str(value))
    except (ValueError, TypeError, AttributeError):
        return None


def import_feed(organisation, services):
    """Create or update the organisation's services from the feed, each as a draft. Run inside a transaction
    (services.import_services); each service is saved in its own savepoint, so one refused service leaves the
    others."""
    from django.db import transaction

    validator = _schema_validator()
    report = ImportReport()
    known_terms = {str(term.id): term for term in TaxonomyTerm.objects.all()}
    for item in services:
        if not isinstance(item, dict):
            report.rejected.append(("(not a service)", "Each service must be a JSON object."))
            continue
        label = _text(item.get("name"), 200) or _text(item.get("id"), 60) or "(no name)"
        problem = _first_problem(validator, item)
        if problem:
            report.rejected.append((label, f"It does not match Open Referral UK: {problem}"))
            continue
        service_id = _uuid(item["id"])
        existing = Service.objects.filter(pk=service_id).select_related("organisation").first()
        if existing and existing.organisation_id != organisation.pk:
            report.rejected.append((label, "A service with this id belongs to another organisation."))
            continue
        try:
            with transaction.atomic():
                service = _save_service(organisation, existing, service_id, item, known_terms, report, label)
        except ValidationError as error:
            report.rejected.append((label, "; ".join(error.messages)[:300]))
            continue
        (report.updated if existing else report.created).append(service)
    return report


def _save_service(organisation, existing, service_id, item, known_terms, report, label):
    service = existing or Service(id=service_id, partnership=organisation.partnership, organisation=organisation)
    service.name = _text(item.get("name"), 200)
    service.description = _text(item.get("description"), 3000) or service.name
    service.url = _text(item.get("url"), 300)
    service.email = _text(item.get("email"), 254)
    service.status = item.get("status") if item.get("status") in ServiceStatus.values else ServiceStatus.ACTIVE
    fees = _text(item.get("fees"), 500)
    service.is_free = not fees and not item.get("cost_options")
    service.fees = fees
    for name in ("minimum_age", "maximum_age"):
        value = item.get(name)
        setattr(service, name, int(value) if isinstance(value, (int, float)) and 0 <= value <= 150 else None)
    if not existing:
        service.publication = Publication.DRAFT
    service.full_clean(validate_unique=False, validate_constraints=True)
    service.save()
    for related in (
        service.schedules,
        service.service_areas,
        service.languages,
        service.contacts,
        service.cost_options,
    ):
        related.all().delete()
    service.attributes.all().delete()

    for area in item.get("service_areas") or []:
        name = _text(area.get("name") or area.get("service_area"), 200)
        if name:
            ServiceArea.objects.create(service=service, name=name, uri=_text(area.get("uri"), 300))
    for language in item.get("languages") or []:
        name = _text(language.get("name") or language.get("code"), 100)
        if name:
            Language.objects.create(service=service, name=name, code=_text(language.get("code"), 20))
    for cost in item.get("cost_options") or []:
        CostOption.objects.create(
            service=service,
            option=_text(cost.get("option"), 200),
            amount=_decimal(cost.get("amount")),
            amount_description=_text(cost.get("amount_description"), 200),
        )
    for contact_item in item.get("contacts") or []:
        _save_contact(service, contact_item, report, label)
    for attribute in item.get("attributes") or []:
        term_item = attribute.get("taxonomy_term") or {}
        term = known_terms.get(str(attribute.get("taxonomy_term_id") or term_item.get("id")))
        if term:
            Attribute.objects.get_or_create(service=service, taxonomy_term=term)
        else:
            report.notes.append((label, f"The term “{_text(term_item.get('name'), 80) or '?'}” is not one we know."))
    places = {}
    for place_item in item.get("service_at_locations") or []:
        place = _save_place(organisation, service, place_item, report, label)
        if place:
            places[str(place_item.get("id"))] = place
    for schedule in item.get("schedules") or []:
        days = [day for day in _text(schedule.get("byday"), 40).split(",") if day in Day.values]
        Schedule.objects.create(
            service=service,
            service_at_location=places.get(str(schedule.get("service_at_location_id"))),
            freq=_text(schedule.get("freq"), 10) or "WEEKLY",
            byday=",".join(days),
            opens_at=_clock(schedule.get("opens_at")),
            closes_at=_clock(schedule.get("closes_at")),
            description=_text(schedule.get("description"), 500),
        )
    return service


# Words that make a contact's name a role ("Reception", "Advice line", "Duty team") rather than a person's name.
ROLE_WORDS = re.compile(
    r"\b(advice|admin|bookings?|centre|coordinator|co-ordinator|desk|duty|enquiry|enquiries|front|general|help|"
    r"helpline|info|information|line|main|manager|office|officer|reception|referrals?|service|services|support|"
    r"switchboard|team|worker)\b",
    re.IGNORECASE,
)
PERSONAL_NAME_LEFT_OUT = (
    "A contact's name was left out, as it looks like a person's name. The directory gives a role, a phone and an "
    "email, not people's names: a name is personal data, and the person has not agreed to it here."
)
PERSONAL_EMAIL_LEFT_OUT = "A contact's email address was left out, as it is made from that person's name."


def _save_contact(service, contact_item, report, label):
    """A contact as a role with its phones and email. A person's name is personal data that the file's publisher
    may have had a reason to share, but we have not: it is left out, and the report says so. A name made of role
    words ("Reception", "Advice line") is a role, and kept as the contact's title if it has none. An email made
    from the left-out name (ann.persona@...) goes too; the service's own email and phones stay."""
    if not isinstance(contact_item, dict):
        return
    name = _text(contact_item.get("name"), 200)
    title = _text(contact_item.get("title"), 200)
    email = _text(contact_item.get("email"), 254)
    if name and ROLE_WORDS.search(name):
        title = title or name
    elif name:
        report.notes.append((label, PERSONAL_NAME_LEFT_OUT))
        parts = [part for part in re.split(r"[^a-z]+", name.lower()) if len(part) >= 3]
        if email and any(part in email.lower().split("@")[0] for part in parts):
            report.notes.append((label, PERSONAL_EMAIL_LEFT_OUT))
            email = ""
    if email:
        try:
            validate_email(email)
        except ValidationError:
            email = ""
    numbers = [_text(phone.get("number"), 40) for phone in contact_item.get("phones") or [] if isinstance(phone, dict)]
    numbers = [number for number in numbers if number]
    if not (title or email or numbers):
        return
    contact = Contact.objects.create(service=service, title=title, email=email)
    Phone.objects.bulk_create(Phone(contact=contact, number=number) for number in numbers)


def _save_place(organisation, service, place_item, report, label):
    location_item = place_item.get("location") or {}
    location_id = _uuid(location_item.get("id")) or uuid.uuid4()
    location = Location.objects.filter(pk=location_id).first()
    if location and location.organisation_id != organisation.pk:
        report.notes.append((label, "A place in the file belongs to another organisation, so it was left out."))
        return None
    location = location or Location(id=location_id, partnership=organisation.partnership, organisation=organisation)
    location.name = _text(location_item.get("name"), 200) or service.name
    location.description = _text(location_item.get("description"), 1000)
    location.location_type = (
        location_item.get("location_type")
        if location_item.get("location_type") in LocationType.values
        else LocationType.PHYSICAL
    )
    address = (location_item.get("addresses") or [{}])[0]
    if isinstance(address, dict):
        location.address_1 = _text(address.get("address_1"), 200)
        location.city = _text(address.get("city"), 100)
        location.region = _text(address.get("region"), 100)
        location.postal_code = _text(address.get("postal_code"), 10)
    latitude, longitude = _decimal(location_item.get("latitude")), _decimal(location_item.get("longitude"))
    if latitude is not None and longitude is not None and abs(latitude) <= 90 and abs(longitude) <= 180:
        location.latitude, location.longitude = round(latitude, 6), round(longitude, 6)
    elif latitude is not None or longitude is not None:
        report.notes.append((label, f"The map position of “{location.name}” is not a real place, so it was left out."))
    details = [_text(entry.get("description"), 500) for entry in location_item.get("accessibility") or []]
    location.accessibility_details = "\n".join(detail for detail in details if detail)[:1000]
    location.full_clean(validate_unique=False)
    location.save()
    place_id = _uuid(place_item.get("id"))
    existing = ServiceAtLocation.objects.filter(service=service, location=location).first()
    if existing:
        return existing
    if place_id and ServiceAtLocation.objects.filter(pk=place_id).exists():
        place_id = None
    return ServiceAtLocation.objects.create(id=place_id or uuid.uuid4(), service=service, location=location)


def _decimal(value):
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    return number if number.is_finite() and abs(number) < Decimal("10000000") else None


def _clock(value):
    """ "10:00", "10:00:00" or "10:00:00Z" as a time of day; anything else as no time."""
    text = _text(value, 20)
    for pattern, length in (("%H:%M:%S", 8), ("%H:%M", 5)):
        try:
            return datetime.datetime.strptime(text[:length], pattern).time()
        except ValueError:
            continue
    return None
