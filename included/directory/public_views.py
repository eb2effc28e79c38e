"""The public directory: find help by words, what it is for, town or postcode district, cost, access and who
leads it; and one service's page. Both work without JavaScript (the search is a GET form) and print cleanly.
"""

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from included.access.rules import can_see_service
from included.core import throttle
from included.core.decorators import same_for_everyone_signed_out
from included.core.pagination import Page, page_links
from included.partnerships.lookups import partnership_from_slug

from .forms import SearchForm
from .maps import allow_tiles, map_for
from .models import Service

PAGE_SIZE = 20
# A search shows at most this many services (50 pages). Past it, a count says little a person can use, while
# counting every match of a common word costs more the bigger the directory grows; the page asks for more words.
MOST_SHOWN = 1000


def search_services(partnership, filters):
    """The published services that match, in no order yet (see `freshest_page`)."""
    services = Service.objects.for_partnership(partnership).published().matching(filters.get("q", ""))
    if filters.get("term"):
        services = services.with_term(filters["term"])
    if filters.get("area"):
        services = services.in_area(filters["area"])
    if filters.get("free"):
        services = services.filter(is_free=True)
    if filters.get("lived"):
        services = services.filter(lived_experience_led=True)
    return services.with_access(filters.get("access") or [])


def freshest_page(request, services):
    """The page of results the request asks for (`?page=2`), freshest first (freshness.py), in the same number of
    queries at any size (ServiceQuerySet.freshest_page). A number past the end shows the last page."""
    last_page = MOST_SHOWN // PAGE_SIZE
    try:
        # Any page past the end shows the last one; a number too big for the database is just past the end.
        number = min(max(int(request.GET.get("page", 1)), 1), last_page)
    except (TypeError, ValueError):
        number = 1
    rows, total = services.freshest_page((number - 1) * PAGE_SIZE, PAGE_SIZE, most=MOST_SHOWN)
    if not rows and total and number > 1:
        number = min((total + PAGE_SIZE - 1) // PAGE_SIZE, last_page)
        rows, total = services.freshest_page((number - 1) * PAGE_SIZE, PAGE_SIZE, most=MOST_SHOWN)
    page_url = page_links(request, anchor="results")
    shown = min(total, MOST_SHOWN)
    return Page(
        rows=rows,
        number=number,
        per_page=PAGE_SIZE,
        total=shown,
        more_than_total=total > MOST_SHOWN,
        previous_url=page_url(number - 1) if number > 1 else "",
        next_url=page_url(number + 1) if number * PAGE_SIZE < shown else "",
    )


@login_not_required
@same_for_everyone_signed_out
def search(request, partnership_slug):
    partnership = partnership_from_slug(partnership_slug)
    form = SearchForm(request.GET or None)
    # Each search is built afresh (the page without one is kept for everyone), so one visitor may not make many.
    if form.is_bound and not throttle.allow_per_minute(request, "find-help", settings.FIND_HELP_SEARCHES_PER_MINUTE):
        return _too_many_searches(request, partnership, form)
    filters = form.filters()
    results = freshest_page(request, search_services(partnership, filters))
    places_map = map_for(partnership, results)
    response = render(
        request,
        "directory/search.html",
        {
            "partnership": partnership,
            "form": form,
            "filtered": bool(filters),
            "page_has_errors": bool(form.is_bound and form.errors),
            "results": results,
            "places_map": places_map,
        },
    )
    return allow_tiles(request, response) if places_map else response


def _too_many_searches(request, partnership, form):
    """The search page with the visitor's search still in the form, asking them to wait for the next minute."""
    wait = throttle.seconds_until_next_window(throttle.MINUTE)
    context = {"partnership": partnership, "form": form, "filtered": True, "too_many": True, "wait": wait}
    response = render(request, "directory/search.html", context, status=429)
    response["Retry-After"] = str(wait)
    return response


@login_not_required
@same_for_everyone_signed_out
def service_page(request, partnership_slug, service_id):
    partnership = partnership_from_slug(partnership_slug)
    service = get_object_or_404(
        Service.objects.for_partnership(partnership)
        .select_related("organisation")
        .prefetch_related(
            "languages",
            "service_areas",
            "contacts__phones",
            "attributes__taxonomy_term",
            "places__location",
            "schedules",
        ),
        pk=service_id,
    )
    if not can_see_service(request.user, service):
        raise Http404("No such service")
    places_map = map_for(partnership, [service])
    response = render(
        request,
        "directory/public_service.html",
        {
            "partnership": partnership,
            "organisation": service.organisation,
            "service": service,
            "owner_view": False,
            "places_map": places_map,
        },
    )
    return allow_tiles(request, response) if places_map else response
