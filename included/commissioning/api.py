"""The public API's grants: every award in a partnership as a 360Giving data package, the same as the download."""

from django.shortcuts import get_object_or_404
from ninja import Router

from included.core.api_errors import ERRORS
from included.partnerships.models import Partnership

from . import giving, ledger

router = Router(tags=["Grants"])


@router.get(
    "/{partnership_slug}/",
    response={200: dict, **ERRORS},
    summary="Grants given in a partnership",
    description="Every award made through the partnership's funding rounds, in the 360Giving Data Standard (by "
    "360Giving, CC BY 4.0).",
)
def grants(request, partnership_slug: str) -> dict:
    partnership = get_object_or_404(Partnership, slug=partnership_slug)
    base_url = request.build_absolute_uri(f"/p/{partnership.slug}/grants/")
    return giving.package(partnership, ledger.awards_for(partnership), base_url=base_url)
