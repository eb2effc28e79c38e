"""The Open Referral UK 3.0 read API of one partnership's directory, at /api/openreferral/<partnership>/.

The endpoints, query parameters and page wrapper are the standard's (https://openreferral.org.uk; the schemas are
Open Referral's, CC BY-SA 4.0). Only published services of organisations still in the partnership are listed.
`postcode` narrows to places in the same postcode district; `proximity` is accepted but not applied, because
Included never sends a postcode to an outside service to find where it is.
"""

import datetime
import math
import uuid
from typing import Any

from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Query, Router, Schema

from included.core.api_errors import ERRORS
from included.core.public_cache import cached_content
from included.partnerships.lookups import partnership_from_slug

from . import openreferral
from .models import Schedule, Service, ServiceAtLocation, Taxonomy, TaxonomyTerm
from .postcodes import district_of

router = Router(tags=["Open Referral UK"])

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 200


class Page(Schema):
    """The standard's page wrapper."""

    total_items: int
    total_pages: int
    page_number: int
    size: int
    first_page: bool
    last_page: bool
    empty: bool
    contents: list[dict[str, Any]]


class About(Schema):
    version: str
    profile: str
    openapi_url: str


class PageQuery(Schema):
    page: int = 1
    per_page: int = DEFAULT_PER_PAGE


class ServiceQuery(PageQuery):
    search: str = ""
    taxonomy_term_id: str = ""
    taxonomy_id: str = ""
    organization_id: str = ""
    minimum_age: float | None = None
    maximum_age: float | None = None
    modified_after: datetime.datetime | None = None
    day: str = ""
    start_time: datetime.time | None = None
    end_time: datetime.time | None = None
    postcode: str = ""
    proximity: str = ""


def _page(queryset, query, to_dicts, total=None):
    """The standard's page wrapper around the page `query` asks for; `to_dicts` writes out that page's rows.
    `total`, if given, is how many rows there are, in place of counting the queryset."""
    size = min(max(query.per_page, 1), MAX_PER_PAGE)
    if total is None:
        total = queryset.count()
    pages = max(math.ceil(total / size), 1)
    number = min(max(query.page, 1), pages)
    rows = list(queryset[(number - 1) * size : number * size]) if total else []
    return {
        "total_items": total,
        "total_pages": pages,
        "page_number": number,
        "size": len(rows),
        "first_page": number == 1,
        "last_page": number == pages,
        "empty": not rows,
        "contents": to_dicts(rows),
    }


def _each(to_dict):
    return lambda rows: [to_dict(row) for row in rows]


def _uuid_or_404(value):
    try:
        return uuid.UUID(str(value))
    except ValueError as error:
        raise Http404("No such record") from error


def _published(partnership):
    return Service.objects.for_partnership(partnership).published()


def _words(value, limit=100):
    """A query parameter as text the database accepts: no NUL, which PostgreSQL refuses, and not too long."""
    return value.replace("\x00", "")[:limit]


def _aware(moment):
    """A date and time with no offset is read as the partnership's local time (UK), as the standard's dates are."""
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


def _wall_clock(time_of_day):
    """Opening times are times on the local clock: an offset sent with one ("09:00+01:00") is set aside."""
    return time_of_day.replace(tzinfo=None)


def _filtered_services(partnership, query):
    services = _published(partnership).matching(_words(query.search))
    if query.taxonomy_term_id:
        services = services.with_term(_uuid_or_none(query.taxonomy_term_id))
    if query.taxonomy_id:
        services = services.in_taxonomy(_uuid_or_none(query.taxonomy_id))
    if query.organization_id:
        wanted = _words(query.organization_id)
        ids = [o.pk for o in partnership.organisations.all() if openreferral.organisation_uuid(o) == wanted]
        services = services.filter(organisation__in=ids)
    if query.minimum_age is not None:
        services = services.filter(Q(minimum_age__isnull=True) | Q(minimum_age__gte=query.minimum_age))
    if query.maximum_age is not None:
        services = services.filter(Q(maximum_age__isnull=True) | Q(maximum_age__lte=query.maximum_age))
    if query.modified_after:
        services = services.filter(updated_at__gte=_aware(query.modified_after))
    times = Schedule.objects.filter(service=OuterRef("pk"))
    if query.day:
        times = times.filter(byday__contains=_words(query.day.upper(), 2))
    if query.start_time:
        times = times.filter(opens_at__gte=_wall_clock(query.start_time))
    if query.end_time:
        times = times.filter(closes_at__lte=_wall_clock(query.end_time))
    if query.day or query.start_time or query.end_time:
        services = services.filter(Exists(times))
    if query.postcode:
        services = services.in_area(district_of(_words(query.postcode)) or "-")
    return services


def _uuid_or_none(value):
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


@router.get(
    "/{partnership_slug}/", response={200: About, **ERRORS}, summary="About this API", operation_id="openreferral_about"
)
def about(request, partnership_slug: str):
    partnership_from_slug(partnership_slug)
    return {
        "version": openreferral.HSDS_VERSION,
        "profile": openreferral.PROFILE_URL,
        "openapi_url": request.build_absolute_uri("/api/openapi.json"),
    }


@router.get(
    "/{partnership_slug}/services",
    response={200: Page, **ERRORS},
    summary="Services",
    operation_id="openreferral_services",
)
def services(request, partnership_slug: str, query: Query[ServiceQuery]):
    partnership = partnership_from_slug(partnership_slug)
    services = _filtered_services(partnership, query)
    queryset = services.select_related("organisation__partnership").order_by("name", "pk")
    return _page(queryset, query, openreferral.service_dicts, total=_kept_count(partnership, services, query))


def _kept_count(partnership, services, query):
    """How many services match the filters, kept until the directory changes: someone reading the whole list asks
    the same count with every page, and at 20,000 services it took the database as long as the page's other queries
    together."""
    filters = {name: value for name, value in query.model_dump().items() if name not in PageQuery.model_fields}
    return cached_content(partnership.pk, "openreferral-services-count", sorted(filters.items()), services.count)


@router.get(
    "/{partnership_slug}/services/{service_id}",
    response={200: dict[str, Any], **ERRORS},
    summary="One service",
    operation_id="openreferral_service",
)
def service(request, partnership_slug: str, service_id: str):
    partnership = partnership_from_slug(partnership_slug)
    found = get_object_or_404(
        _published(partnership).select_related("organisation__partnership"), pk=_uuid_or_404(service_id)
    )
    return openreferral.service_dicts([found])[0]


@router.get(
    "/{partnership_slug}/taxonomies",
    response={200: Page, **ERRORS},
    summary="Taxonomies",
    operation_id="openreferral_taxonomies",
)
def taxonomies(request, partnership_slug: str, query: Query[PageQuery]):
    partnership_from_slug(partnership_slug)
    return _page(Taxonomy.objects.order_by("name", "pk"), query, _each(openreferral.taxonomy_dict))


@router.get(
    "/{partnership_slug}/taxonomies/{taxonomy_id}",
    response={200: dict[str, Any], **ERRORS},
    summary="One taxonomy",
    operation_id="openreferral_taxonomy",
)
def taxonomy(request, partnership_slug: str, taxonomy_id: str):
    partnership_from_slug(partnership_slug)
    found = get_object_or_404(Taxonomy, pk=_uuid_or_404(taxonomy_id))
    terms = found.terms.select_related("taxonomy").order_by("name", "pk")
    return openreferral.taxonomy_dict(found, terms)


@router.get(
    "/{partnership_slug}/taxonomy_terms",
    response={200: Page, **ERRORS},
    summary="Taxonomy terms",
    operation_id="openreferral_taxonomy_terms",
)
def taxonomy_terms(request, partnership_slug: str, query: Query[PageQuery]):
    partnership_from_slug(partnership_slug)
    terms = TaxonomyTerm.objects.select_related("taxonomy").order_by("taxonomy__name", "name", "pk")
    return _page(terms, query, _each(openreferral.term_dict))


@router.get(
    "/{partnership_slug}/taxonomy_terms/{term_id}",
    response={200: dict[str, Any], **ERRORS},
    summary="One taxonomy term",
    operation_id="openreferral_taxonomy_term",
)
def taxonomy_term(request, partnership_slug: str, term_id: str):
    partnership_from_slug(partnership_slug)
    return openreferral.term_dict(
        get_object_or_404(TaxonomyTerm.objects.select_related("taxonomy"), pk=_uuid_or_404(term_id))
    )


def _places(partnership):
    return (
        ServiceAtLocation.objects.filter(service__in=_published(partnership))
        .select_related("location", "service__organisation__partnership")
        .order_by("location__name", "pk")
    )


@router.get(
    "/{partnership_slug}/service_at_locations",
    response={200: Page, **ERRORS},
    summary="Services at places",
    operation_id="openreferral_service_at_locations",
)
def service_at_locations(request, partnership_slug: str, query: Query[ServiceQuery]):
    partnership = partnership_from_slug(partnership_slug)
    places = _places(partnership).filter(service__in=_filtered_services(partnership, query).values("pk"))
    if query.postcode:
        district = district_of(_words(query.postcode))
        places = places.filter(location__postcode_district=district or "-")
    return _page(places, query, _each(openreferral.service_at_location_dict))


@router.get(
    "/{partnership_slug}/service_at_locations/{place_id}",
    response={200: dict[str, Any], **ERRORS},
    summary="One service at a place",
    operation_id="openreferral_service_at_location",
)
def service_at_location(request, partnership_slug: str, place_id: str):
    partnership = partnership_from_slug(partnership_slug)
    return openreferral.service_at_location_dict(get_object_or_404(_places(partnership), pk=_uuid_or_404(place_id)))
