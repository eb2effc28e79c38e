"""Public co-production pages: "You said, we did" for an organisation or a whole partnership, and the form a
participant uses to add what they said through a link, without an account.
"""

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from included.core import public_cache, throttle
from included.core.decorators import same_for_everyone_signed_out
from included.core.pagination import page_links
from included.organisations.models import Organisation
from included.partnerships.lookups import partnership_from_slug

from . import services
from .enums import status_tag
from .forms import TakePartForm, YouSaidWeDidFilterForm
from .models import Contribution, ContributionLink

PAGE_SIZE = 20
TAKE_PART_LIMIT = 10
TAKE_PART_WINDOW_SECONDS = 60 * 60


def _entries(partnership, contributions, filters, number, organisation):
    contributions = contributions.published().with_progress()
    if "stage" in filters:
        contributions = contributions.at_stage(filters["stage"])
    if "status" in filters:
        contributions = contributions.with_status(filters["status"])
    contributions = contributions.select_related("activity__organisation").with_responses().newest_first()
    page = Paginator(contributions, PAGE_SIZE).get_page(number)
    entries = [{"contribution": c, "tag": status_tag(c.status)} for c in page.object_list]
    counts = {
        "count": page.paginator.count,
        "num_pages": page.paginator.num_pages,
        "number": page.number,
        "filtered": bool(filters),
    }
    html = render_to_string(
        "coproduction/you_said_we_did_entries.html",
        {"partnership": partnership, "organisation": organisation, "entries": entries, **counts},
    )
    return {**counts, "html": html}


def _you_said_we_did(request, partnership, contributions, *, organisation=None):
    """The page, with its list cached: it is the same for everyone (included/core/public_cache.py)."""
    form = YouSaidWeDidFilterForm(request.GET or None)
    filters = form.filters()
    number = public_cache.page_number(request.GET.get("page"))
    content = public_cache.cached_content(
        partnership.pk,
        "you-said-we-did",
        [organisation.pk if organisation else "", filters.get("stage", ""), filters.get("status", ""), number],
        lambda: _entries(partnership, contributions, filters, number, organisation),
        # A page number past the end shows the last page: only the pages that exist are kept.
        keep=lambda value: value["number"] == number,
    )
    # The same page again, from the counts alone, for the links to the pages before and after it.
    page = Paginator(range(content["count"]), PAGE_SIZE).get_page(content["number"])
    page_url = page_links(request)

    return render(
        request,
        "coproduction/you_said_we_did.html",
        {
            "partnership": partnership,
            "organisation": organisation,
            "filter_form": form,
            "page_has_errors": bool(form.is_bound and form.errors),
            "filtered": bool(filters),
            "content": mark_safe(content["html"]),  # noqa: S308 - our own template's output
            "previous_url": page_url(page.previous_page_number()) if page.has_previous() else "",
            "next_url": page_url(page.next_page_number()) if page.has_next() else "",
        },
    )


@login_not_required
@same_for_everyone_signed_out
def organisation_you_said_we_did(request, partnership_slug, organisation_slug):
    """Public: what people told one organisation, and what it did. Only what people agreed to publish."""
    partnership = partnership_from_slug(partnership_slug)
    organisation = get_object_or_404(Organisation, partnership=partnership, slug=organisation_slug)
    organisation.partnership = partnership
    return _you_said_we_did(
        request, partnership, Contribution.objects.for_organisation(organisation), organisation=organisation
    )


@login_not_required
@same_for_everyone_signed_out
def partnership_you_said_we_did(request, partnership_slug):
    """Public: the same, for every organisation in the partnership."""
    partnership = partnership_from_slug(partnership_slug)
    return _you_said_we_did(request, partnership, Contribution.objects.for_partnership(partnership))


def _link_for_token(token):
    link = (
        ContributionLink.objects.for_token(token).active().select_related("activity__organisation__partnership").first()
    )
    if link is None:
        raise Http404("This link does not work")
    return link


@login_not_required
def take_part(request, token):
    """Public, by link: a participant adds what they said, without an account. Limited to 10 an hour."""
    link = _link_for_token(token)
    activity = link.activity
    organisation = activity.organisation
    form = TakePartForm(request.POST) if request.method == "POST" else TakePartForm()
    status = 200
    if request.method == "POST":
        if not throttle.allow(
            request, "coproduction:take-part", limit=TAKE_PART_LIMIT, window_seconds=TAKE_PART_WINDOW_SECONDS
        ):
            form.is_valid()
            form.add_error(
                None,
                "You have sent a lot in the last hour. Please wait an hour, then send it again. "
                "What you wrote is still below.",
            )
            status = 429
        elif form.is_from_a_robot:
            return redirect("coproduction:take_part_thanks", token=token)
        elif form.is_valid():
            services.add_contribution_through_link(link, **form.service_details())
            return redirect("coproduction:take_part_thanks", token=token)
    return render(
        request,
        "coproduction/take_part.html",
        {"activity": activity, "organisation": organisation, "partnership": organisation.partnership, "form": form},
        status=status,
    )


@login_not_required
def take_part_thanks(request, token):
    link = _link_for_token(token)
    activity = link.activity
    return render(
        request,
        "coproduction/take_part_thanks.html",
        {
            "activity": activity,
            "organisation": activity.organisation,
            "partnership": activity.organisation.partnership,
            "token": token,
        },
    )
