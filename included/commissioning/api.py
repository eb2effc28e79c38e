"""The public API's grants: every award in a partnership as a 360Giving data package, the same as the download."""

from django.shortcuts import get_object_or_404
from ninja import Router, Status

from included.core.api_errors import ERRORS
from included.partnerships.models import Partnership

from . import giving, ledger

router = Router(tags=["Grants"])


@router.get(
    "/{partnership_slug}/",
    response={200: dict, **ERRORS},
    summary="Grants given in a partnership",
    description="Every award made through the partnership's funding rounds, in the 360Giving Data Standard (by "
    "360Giving, CC BY 4.0). A 360Giving package must hold at least one grant, so a partnership that has given no "
    "grants yet answers 404, with a `detail` that says so.",
)
def grants(request, partnership_slug: str):
    partnership = get_object_or_404(Partnership, slug=partnership_slug)
    base_url = request.build_absolute_uri(f"/p/{partnership.slug}/grants/")
    try:
        return giving.package(partnership, ledger.awards_for(partnership), base_url=base_url)
    except giving.NoGrants as none:
        return Status(404, {"detail": str(none)})
