"""The partnership dashboard (public, with more filters for coordinators), an item's tables, the facts coordinators
record, and an organisation's own pages: its benchmark and its social mobility figures."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from included.access.requests import access_for, organisation_for_member, require_coordinator
from included.assessments.models import Assessment
from included.core import public_cache
from included.core.decorators import kept_for_each_person, same_for_everyone_signed_out
from included.partnerships.lookups import partnership_from_slug

from . import benchmark, dashboard, figures, services
from .enums import Background
from .forms import DashboardFilters, PartnershipFactForm, SocialMobilityForm
from .models import AnnualReport, PartnershipFact, SocialMobilityReturn


def _filters(request, partnership, *, by_group):
    """The filters chosen in the address, or the first framework and newest year; None when nothing is rated yet."""
    versions, years = dashboard.filter_choices(partnership)
    form = DashboardFilters(request.GET or None, versions=versions, years=years, by_group=by_group)
    if not versions:
        return None, form
    chosen = form.cleaned_data if form.is_bound and form.is_valid() else {}
    version = next((v for v in versions if v.pk == chosen.get("framework")), versions[0])
    return (
        dashboard.Filters(
            version=version,
            year=chosen.get("year") or years[0],
            sector=chosen.get("sector", "") if by_group else "",
            size=chosen.get("size", "") if by_group else "",
        ),
        form,
    )


@login_not_required
@same_for_everyone_signed_out
@kept_for_each_person
def partnership_dashboard(request, partnership_slug):
    """How the partnership's organisations rate themselves, item by item, with small numbers hidden. Anyone may see
    it; coordinators can also filter by sector and size and find the pages where they record and report."""
    partnership = partnership_from_slug(partnership_slug)
    access = access_for(request, partnership)
    filters, form = _filters(request, partnership, by_group=access.is_coordinator)
    year = filters.year if filters else None

    def content():
        return {
            "board": dashboard.cached_dashboard(partnership, filters) if filters else None,
            "measures": figures.framework_impact(partnership, year) if year else [],
            "facts": figures.partnership_facts(partnership),
            "funding": figures.funding(partnership),
            "social_mobility": figures.social_mobility(partnership, year) if year else None,
            "reports": list(
                AnnualReport.objects.for_partnership(partnership)
                .published()
                .defer("pdf", "figures")
                .order_by("-year", "-number")
            ),
        }

    # The content is the same for everyone who may choose these filters (sector and size are for coordinators
    # only), so it comes from the public pages' cache, coordinators' views included.
    return render(
        request,
        "impact/dashboard.html",
        {
            "partnership": partnership,
            "is_coordinator": access.is_coordinator,
            "filter_form": form,
            "query": request.GET.urlencode(),
            **public_cache.cached_content(partnership.pk, "impact", _parts(filters), content),
        },
    )


def _parts(filters):
    if filters is None:
        return ["nothing rated"]
    return [filters.version.pk, filters.year, filters.sector, filters.size]


@login_not_required
@same_for_everyone_signed_out
def item_figures(request, partnership_slug, item_id):
    """One item's tables: the heatmaps by sector and by size, change, targets, reviews and actions."""
    partnership = partnership_from_slug(partnership_slug)
    access = access_for(request, partnership)
    filters, form = _filters(request, partnership, by_group=access.is_coordinator)
    if filters is None:
        raise Http404("Nothing rated yet")
    versions, _ = dashboard.filter_choices(partnership)
    version = next((v for v in versions if v.items.filter(pk=item_id).exists()), None)
    if version is None:
        raise Http404("No such item")
    if version != filters.version:
        filters = dashboard.Filters(version=version, year=filters.year, sector=filters.sector, size=filters.size)
    board = dashboard.cached_dashboard(partnership, filters)
    item = next((each for each in board.items if each.item.pk == item_id), None)
    if item is None:
        raise Http404("No such item")
    return render(
        request,
        "impact/item.html",
        {
            "partnership": partnership,
            "is_coordinator": access.is_coordinator,
            "filter_form": form,
            "board": board,
            "item": item,
            "query": request.GET.urlencode(),
        },
    )


def partnership_facts(request, partnership_slug):
    """Coordinators: what the partnership achieved, each dated with a link, and a form to add one."""
    partnership = partnership_from_slug(partnership_slug)
    require_coordinator(request, partnership)
    form = PartnershipFactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.record_partnership_fact(partnership, by=request.user, **form.cleaned_data)
        messages.success(request, "Saved. It shows on the impact page.")
        return redirect("impact:facts", partnership_slug=partnership.slug)
    return render(
        request,
        "impact/facts.html",
        {"partnership": partnership, "form": form, "facts": PartnershipFact.objects.for_partnership(partnership)},
    )


def delete_partnership_fact(request, partnership_slug, fact_id):
    partnership = partnership_from_slug(partnership_slug)
    require_coordinator(request, partnership)
    fact = get_object_or_404(PartnershipFact, pk=fact_id, partnership=partnership)
    if request.method != "POST":
        return redirect("impact:facts", partnership_slug=partnership.slug)
    services.delete_partnership_fact(fact, by=request.user)
    messages.success(request, "Removed.")
    return redirect("impact:facts", partnership_slug=partnership.slug)


def organisation_benchmark(request, partnership_slug, organisation_slug):
    """An organisation's members: its own latest ratings beside the rest of the partnership's."""
    partnership = partnership_from_slug(partnership_slug)
    organisation = organisation_for_member(request, partnership, organisation_slug)
    return render(
        request,
        "impact/benchmark.html",
        {
            "partnership": partnership,
            "organisation": organisation,
            "frameworks": benchmark.benchmarks_for(organisation),
            "k": partnership.suppression_k,
        },
    )


def social_mobility(request, partnership_slug, organisation_slug):
    """An organisation's admins: their workforce's counts by background, for one of their submitted cycles."""
    partnership = partnership_from_slug(partnership_slug)
    organisation = organisation_for_member(request, partnership, organisation_slug, admin=True)
    cycles = list(
        Assessment.objects.filter(organisation=organisation)
        .submitted()
        .select_related("sign_up__framework_version__framework")
        .order_by("-submitted_at")
    )
    saved = list(
        SocialMobilityReturn.objects.filter(assessment__organisation=organisation).select_related(
            "assessment__sign_up__framework_version__framework"
        )
    )
    form = SocialMobilityForm(request.POST or None, cycles=cycles)
    if request.method == "POST" and form.is_valid():
        cycle = next(c for c in cycles if c.pk == form.cleaned_data["cycle"])
        services.record_social_mobility(
            cycle,
            collected_on=form.cleaned_data["collected_on"],
            by=request.user,
            **{background: form.cleaned_data[background] for background in Background.values},
        )
        messages.success(request, "Saved your figures.")
        return redirect(
            reverse(
                "impact:social_mobility",
                kwargs={"partnership_slug": partnership.slug, "organisation_slug": organisation.slug},
            )
        )
    return render(
        request,
        "impact/social_mobility.html",
        {
            "partnership": partnership,
            "organisation": organisation,
            "form": form,
            "cycles": cycles,
            "saved": saved,
            "backgrounds": Background.labels,
        },
    )
