"""The demo's directory: services and spaces of Riverside's organisations, from data/directory.yaml.

Each is described, placed, given opening times and published by its organisation's first admin through
`included.directory.services`, the same door people use; then its last check is dated back, so the directory shows
services of different freshness (one is due a check).
"""

import datetime

from django.db import transaction
from django.utils import timezone

from included.directory import services
from included.directory.enums import AccessFeature
from included.directory.models import Service, Taxonomy, TaxonomyTerm
from included.directory.taxonomies import INCLUDED_TAXONOMY, load_taxonomy, read_taxonomy_file

from .content import read

DIRECTORY = read("directory")


def _details(spec, terms):
    return {
        "name": spec["name"],
        "description": spec["description"],
        "who_it_is_for": spec.get("who_it_is_for", ""),
        "minimum_age": spec.get("minimum_age"),
        "maximum_age": spec.get("maximum_age"),
        "ways_in": spec.get("ways_in", []),
        "is_free": spec.get("is_free", True),
        "fees": spec.get("fees", ""),
        "terms": [terms[code] for code in spec.get("terms", [])],
        "lived_experience_led": spec.get("lived_experience_led", False),
        "languages": spec.get("languages", []),
        "areas": spec.get("areas", []),
        "contact_title": spec.get("contact_title", ""),
        "phone": spec.get("phone", ""),
        "status": "active",
    }


def _place(spec):
    place = {"location_type": "physical", **spec}
    for feature in AccessFeature:
        place.setdefault(feature.value, False)
    return place


def load_demo_directory(partnership, organisations, admins):
    """Describe the services in data/directory.yaml. `organisations` and `admins` are by the demo's keys.

    Does nothing if the partnership's directory already has services.
    """
    if Service.objects.for_partnership(partnership).exists():
        return []
    # Loaded by a migration; again here, as a test that empties the database also empties what migrations added.
    load_taxonomy(read_taxonomy_file(INCLUDED_TAXONOMY), taxonomy_model=Taxonomy, term_model=TaxonomyTerm)
    terms = {term.code: term for term in TaxonomyTerm.objects.filter(taxonomy__slug="included")}
    today = timezone.localdate()
    made = []
    with transaction.atomic():
        for spec in DIRECTORY["services"]:
            organisation, by = organisations[spec["organisation"]], admins[spec["organisation"]]
            service = services.create_service(organisation, _details(spec, terms), by=by)
            if spec.get("place"):
                services.add_location(service, _place(DIRECTORY["places"][spec["place"]]), by=by)
            if spec.get("times"):
                times = spec["times"]
                services.add_opening_times(
                    service,
                    days=times["days"],
                    opens_at=datetime.time.fromisoformat(times["opens_at"]),
                    closes_at=datetime.time.fromisoformat(times["closes_at"]),
                    description=times.get("description", ""),
                    by=by,
                )
            if not spec.get("draft"):
                services.publish_service(service, by=by)
            checked = today - datetime.timedelta(days=spec["checked_days_ago"])
            Service.objects.filter(pk=service.pk).update(last_checked_on=checked)
            made.append(service)
    return made
