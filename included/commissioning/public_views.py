"""The open allocation ledger and the 360Giving files: public, for anyone, signed in or not."""

import json

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.shortcuts import render

from included.core.decorators import same_for_everyone_signed_out
from included.core.pagination import page_of
from included.partnerships.lookups import partnership_from_slug

from . import giving, ledger

LEDGER_PAGE_SIZE = 50


def _base_url(request, partnership):
    return request.build_absolute_uri(f"/p/{partnership.slug}/grants/")


@login_not_required
@same_for_everyone_signed_out
def ledger_page(request, partnership_slug):
    partnership = partnership_from_slug(partnership_slug)
    awards = ledger.awards_for(partnership)
    page = page_of(request, awards, per_page=LEDGER_PAGE_SIZE)
    return render(
        request,
        "commissioning/ledger.html",
        {"partnership": partnership, "page": page, "figures": ledger.figures(awards)},
    )


def _no_grants(request, partnership):
    """With no awards there is no valid 360Giving file: a page says so, with the 404 of a file that is not there."""
    return render(request, "commissioning/no_grants.html", {"partnership": partnership}, status=404)


@login_not_required
def ledger_json(request, partnership_slug):
    partnership = partnership_from_slug(partnership_slug)
    try:
        data = giving.package(partnership, ledger.awards_for(partnership), base_url=_base_url(request, partnership))
    except giving.NoGrants:
        return _no_grants(request, partnership)
    response = HttpResponse(json.dumps(data, indent=2), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="{partnership.slug}-grants-360giving.json"'
    return response


@login_not_required
def ledger_csv(request, partnership_slug):
    partnership = partnership_from_slug(partnership_slug)
    try:
        text = giving.csv_text(partnership, ledger.awards_for(partnership), base_url=_base_url(request, partnership))
    except giving.NoGrants:
        return _no_grants(request, partnership)
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{partnership.slug}-grants-360giving.csv"'
    return response
