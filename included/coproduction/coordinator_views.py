"""Co-production pages for a partnership's coordinators."""

from django.shortcuts import render

from included.access.requests import require_coordinator
from included.core.pagination import page_of
from included.partnerships.lookups import partnership_from_slug

from . import reports
from .models import RealLivingWageRate


def partnership_measures(request, partnership_slug):
    """Coordinators: the partnership's co-production measures, and the main figures for each organisation."""
    partnership = partnership_from_slug(partnership_slug)
    require_coordinator(request, partnership)
    figures = reports.partnership_measures(partnership)
    # One row for each organisation: 25 at a time, so the page stays the same size however many there are.
    organisations = page_of(
        request, reports.organisations_with_activities(partnership), per_page=25, anchor="by-organisation"
    )
    return render(
        request,
        "coproduction/measures.html",
        {
            "partnership": partnership,
            "organisation": None,
            "whose": partnership.name,
            "figures": figures,
            "tables": reports.measure_tables(figures),
            "rates": list(RealLivingWageRate.objects.all()),
            "by_organisation": reports.measures_by_organisation(partnership, organisations),
            "by_organisation_page": organisations,
            "reviewers_pay": reports.reviewers_time_and_pay(partnership),
            "back_url": "",
            "back_text": "",
        },
    )
