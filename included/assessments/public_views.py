"""What the public sees: the register of organisations that signed up, and each one's commitment.

Only what was written to be public appears here: the statement, the lead's name, dates and counts. Never a draft,
a rating's evidence, an action or a reviewer's comment.
"""

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe

from included.core import public_cache
from included.core.decorators import same_for_everyone_signed_out
from included.core.pagination import page_links
from included.organisations.models import Organisation
from included.partnerships.lookups import partnership_from_slug

from .overview import on_the_register, outcome_of, public_statement, reviewed_cycles
from .review_forms import SectorFilterForm

# Each entry is a card with its own statement: 20 make a page that reads, prints and loads well on a phone.
PAGE_SIZE = 20


def _register_content(partnership, sector, number):
    listed = on_the_register(partnership, sector=sector)
    page = Paginator(listed, PAGE_SIZE).get_page(number)
    entries = list(page.object_list)
    for sign_up in entries:
        sign_up.outcome = outcome_of(sign_up)
        sign_up.public_statement = public_statement(partnership, sign_up)
    counts = {
        "count": page.paginator.count,
        "num_pages": page.paginator.num_pages,
        "number": page.number,
        "filtered": sector is not None,
        "withdrawn_count": listed.withdrawn().count() if entries else 0,
    }
    html = render_to_string(
        "assessments/public/register_entries.html", {"partnership": partnership, "sign_ups": entries, **counts}
    )
    return {**counts, "html": html}


@login_not_required
@same_for_everyone_signed_out
@require_safe
def register(request, partnership_slug):
    """The partnership's public register of signatories, with how far each has got, filtered by sector.

    The list is the same for everyone, so it is cached (included/core/public_cache.py); the page around it is not.
    """
    partnership = partnership_from_slug(partnership_slug)
    form = SectorFilterForm(request.GET or None)
    sector = form.chosen_sector()
    number = public_cache.page_number(request.GET.get("page"))
    content = public_cache.cached_content(
        partnership.pk,
        "register",
        [sector or "", number],
        lambda: _register_content(partnership, sector, number),
        # A page number past the end shows the last page: only the pages that exist are kept.
        keep=lambda value: value["number"] == number,
    )
    # The same page again, from the counts alone, for the links to the pages before and after it.
    page = Paginator(range(content["count"]), PAGE_SIZE).get_page(content["number"])
    page_url = page_links(request)

    return render(
        request,
        "assessments/public/register.html",
        {
            "partnership": partnership,
            "filter_form": form,
            "page_has_errors": bool(form.is_bound and form.errors),
            "filtered": sector is not None,
            "content": mark_safe(content["html"]),  # noqa: S308 - our own template's output
            "previous_url": page_url(page.previous_page_number()) if page.has_previous() else "",
            "next_url": page_url(page.next_page_number()) if page.has_next() else "",
        },
    )


def _commitment_content(partnership, organisation_slug):
    organisation = Organisation.objects.active().filter(partnership=partnership, slug=organisation_slug).first()
    if organisation is None:
        return None
    sign_ups = list(on_the_register(partnership).filter(organisation=organisation))
    if not sign_ups:
        return None
    cycles = reviewed_cycles(sign_ups)
    for sign_up in sign_ups:
        sign_up.outcome = outcome_of(sign_up)
        sign_up.public_statement = public_statement(partnership, sign_up)
        sign_up.reviewed_cycles = [cycle for cycle in cycles if cycle.sign_up_id == sign_up.pk]
    html = render_to_string(
        "assessments/public/commitment_content.html",
        {"partnership": partnership, "organisation": organisation, "sign_ups": sign_ups},
    )
    return {"organisation_name": organisation.name, "html": html}


@login_not_required
@same_for_everyone_signed_out
@require_safe
def commitment(request, partnership_slug, organisation_slug):
    """One organisation's public commitments and the dates and counts of its reviewed cycles (cached, like the
    register)."""
    partnership = partnership_from_slug(partnership_slug)
    # Only a page that exists is kept: a made-up address is never cached.
    content = public_cache.cached_content(
        partnership.pk,
        "commitment",
        [organisation_slug],
        lambda: _commitment_content(partnership, organisation_slug),
    )
    if content is None:
        raise Http404("This organisation has not signed up to a framework")
    return render(
        request,
        "assessments/public/commitment.html",
        {
            "partnership": partnership,
            "organisation_name": content["organisation_name"],
            "content": mark_safe(content["html"]),  # noqa: S308 - our own template's output
        },
    )
