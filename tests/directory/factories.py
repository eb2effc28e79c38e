"""Directory records built through the same services people use, with names that say what they are."""

import datetime

from django.utils import timezone

from included.access.enums import MemberRole
from included.access.models import OrganisationMember
from included.directory import services
from included.directory.models import Service, Taxonomy, TaxonomyTerm
from included.directory.taxonomies import INCLUDED_TAXONOMY, load_taxonomy, read_taxonomy_file
from tests.factories import OrganisationMemberFactory


def ensure_taxonomy():
    """Our taxonomy comes from a data migration; a browser test empties every table, so put it back if it went."""
    if not TaxonomyTerm.objects.filter(taxonomy__slug="included").exists():
        load_taxonomy(read_taxonomy_file(INCLUDED_TAXONOMY), taxonomy_model=Taxonomy, term_model=TaxonomyTerm)


def term(code):
    return TaxonomyTerm.objects.get(taxonomy__slug="included", code=code)


def admin_of(organisation):
    row = OrganisationMember.objects.filter(organisation=organisation, role=MemberRole.ADMIN).first()
    return row.user if row else OrganisationMemberFactory(organisation=organisation).user


def details(**changes):
    values = {
        "name": "Tuesday job club",
        "description": "Help with CVs, forms and interviews, with tea and a friendly welcome.",
        "who_it_is_for": "Anyone looking for work.",
        "ways_in": ["drop_in"],
        "is_free": True,
        "fees": "",
        "terms": [],
        "lived_experience_led": False,
        "languages": ["English"],
        "areas": ["Riverside"],
        "status": "active",
    }
    return values | changes


def make_service(organisation, *, published=True, checked_days_ago=0, place=None, times=None, by=None, **changes):
    """A service of the organisation, published unless asked, checked some days ago, at one place if given, open at
    the given times (a list of days, say ["MO", "WE"], from 9:30 to 16:00) if given."""
    by = by or admin_of(organisation)
    service = services.create_service(organisation, details(**changes), by=by)
    if place is not None:
        services.add_location(service, location(**place), by=by)
    if times is not None:
        opens_at, closes_at = datetime.time(9, 30), datetime.time(16)
        services.add_opening_times(service, days=times, opens_at=opens_at, closes_at=closes_at, by=by)
    if published:
        services.publish_service(service, by=by)
    if checked_days_ago:
        Service.objects.filter(pk=service.pk).update(
            last_checked_on=timezone.localdate() - datetime.timedelta(days=checked_days_ago)
        )
        service.refresh_from_db()
    return service


def location(**changes):
    values = {
        "location_type": "physical",
        "name": "Riverside Library",
        "address_1": "1 High Street",
        "city": "Riverside",
        "postal_code": "RV1 2AB",
        "step_free": True,
        "hearing_loop": False,
        "bsl": False,
        "quiet_space": False,
        "accessible_toilet": False,
    }
    return values | changes
