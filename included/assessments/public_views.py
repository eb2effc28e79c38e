"""What the public sees: the register of organisations that signed up, and each one's commitment.

Only what was written to be public appears here: the statement, the lead's name, dates and counts. Never a draft,
a rating's evidence, an action or a reviewer's comment.
"""

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from included.core.pagination import page_links
from included.organisations.models import Organisation
from included.partnerships.lookups import partnership_from_slug

from .overview import on_the_register, outcome_of, public_statement, reviewed_cycles
from .review_forms import SectorFilterForm

# Each entry is a card with its own statement: 20 make a page that reads, prints and loads well on a phone.
PAGE_SIZE = 20


@login_not_required
@require_safe
def register(request, partnership_slug):
    """The partnership's public register of signatories, with how far each has got, filtered by sector."""
    partnership = partnership_from_slug(partnership_slug)
    form = SectorFilterForm(request.GET or None)
    sector = form.chosen_sector()
    listed = on_the_register(partnership, sector=sector)
    page = Paginator(listed, PAGE_SIZE).get_page(request.GET.get("page"))
    entries = list(page.object_list)
    for sign_up in entries:
        sign_up.outcome = outcome_of(sign_up)
        sign_up.public_statement = public_statement(partnership, sign_up)

    page_url = page_links(request)

    return render(
        request,
        "assessments/public/register.html",
        {
            "partnership": partnership,
            "filter_form": form,
            "page_has_errors": bool(form.is_bound and form.errors),
            "filtered": sector is not None,
            "withdrawn_count": listed.withdrawn().count(),
            "sign_ups": entries,
            "page": page,
            "previous_url": page_url(page.previous_page_number()) if page.has_previous() else "",
            "next_url": page_url(page.next_page_number()) if page.has_next() else "",
        },
    )


@login_not_required
@require_safe
def commitment(request, partnership_slug, organisation_slug):
    """One organisation's public commitments and the dates and counts of its reviewed cycles."""
    partnership = partnership_from_slug(partnership_slug)
    organisation = get_object_or_404(Organisation.objects.active(), partnership=partnership, slug=organisation_slug)
    sign_ups = list(on_the_register(partnership).filter(organisation=organisation))
    if not sign_ups:
        raise Http404("This organisation has not signed up to a framework")
    cycles = reviewed_cycles(sign_ups)
    for sign_up in sign_ups:
        sign_up.outcome = outcome_of(sign_up)
        sign_up.public_statement = public_statement(partnership, sign_up)
        sign_up.reviewed_cycles = [cycle for cycle in cycles if cycle.sign_up_id == sign_up.pk]
    return render(
        request,
        "assessments/public/commitment.html",
        {"partnership": partnership, "organisation": organisation, "sign_ups": sign_ups},
    )
