"""Co-production pages for a partnership's coordinators."""

from django.shortcuts import render

from included.access.requests import require_coordinator
from included.core import public_cache
from included.core.decorators import kept_for_each_person
from included.core.pagination import page_of, relinked
from included.partnerships.lookups import partnership_from_slug

from . import reports
from .models import RealLivingWageRate

ORGANISATIONS_PAGE_SIZE = 25


def _measures_content(request, partnership):
    """Everything the page shows. It is the same for every coordinator of the partnership."""
    figures = reports.partnership_measures(partnership)
    # One row for each organisation: 25 at a time, so the page stays the same size however many there are.
    organisations = page_of(
        request,
        reports.organisations_with_activities(partnership),
        per_page=ORGANISATIONS_PAGE_SIZE,
        anchor="by-organisation",
    )
    return {
        "figures": figures,
        "tables": reports.measure_tables(figures),
        "rates": list(RealLivingWageRate.objects.all()),
        "by_organisation": reports.measures_by_organisation(partnership, organisations),
        "by_organisation_page": organisations,
        "reviewers_pay": reports.reviewers_time_and_pay(partnership),
    }


@kept_for_each_person
def partnership_measures(request, partnership_slug):
    """Coordinators: the partnership's co-production measures, and the main figures for each organisation.

    Adding them up reads every activity and contribution of the partnership, so what the page shows is kept in the
    cache (included/core/public_cache.py), cleared whenever an activity, contribution, response, feedback record,
    reviewer's payment, organisation, the partnership's settings or a Real Living Wage rate changes.
    """
    partnership = partnership_from_slug(partnership_slug)
    require_coordinator(request, partnership)
    number = public_cache.page_number(request.GET.get("page"))
    content = public_cache.cached_content(
        partnership.pk,
        "coordinators-measures",
        [number],
        lambda: _measures_content(request, partnership),
        # A page number past the end shows the last page: not kept, so odd addresses cannot fill the cache.
        keep=lambda built: built["by_organisation_page"].number == number,
    )
    content["by_organisation_page"] = relinked(request, content["by_organisation_page"], anchor="by-organisation")
    return render(
        request,
        "coproduction/measures.html",
        {
            "partnership": partnership,
            "organisation": None,
            "whose": partnership.name,
            **content,
            "back_url": "",
            "back_text": "",
        },
    )
