"""Coordinators' pages about the partnership's member organisations: the list, archiving and restoring."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from included.access.requests import require_coordinator
from included.core.pagination import page_of
from included.partnerships.lookups import partnership_from_slug

from .forms import MemberOrganisationSearchForm
from .models import Organisation
from .services import archive_organisation, restore_organisation

PAGE_SIZE = 50


def _list(request, partnership, queryset, template):
    form = MemberOrganisationSearchForm(request.GET or None)
    name = form.chosen_text()
    if name:
        queryset = queryset.filter(name__icontains=name)
    organisations = page_of(request, queryset.order_by("name", "pk"), per_page=PAGE_SIZE)
    return render(
        request,
        template,
        {
            "partnership": partnership,
            "organisations": organisations,
            "search_form": form,
            "searched": name,
            "page_has_errors": bool(form.is_bound and form.errors),
        },
    )


@require_safe
def organisation_list(request, partnership_slug):
    """Every organisation in the partnership that is not archived, with a way to archive each."""
    partnership = partnership_from_slug(partnership_slug)
    require_coordinator(request, partnership)
    return _list(
        request, partnership, Organisation.objects.for_partnership(partnership).active(), "organisations/list.html"
    )


@require_safe
def archived_list(request, partnership_slug):
    """The archived organisations, each with a button to bring it back."""
    partnership = partnership_from_slug(partnership_slug)
    require_coordinator(request, partnership)
    return _list(
        request,
        partnership,
        Organisation.objects.for_partnership(partnership).archived(),
        "organisations/archived.html",
    )


@require_http_methods(["GET", "POST"])
def archive(request, partnership_slug, organisation_slug):
    """Say what archiving does, then archive the organisation."""
    partnership = partnership_from_slug(partnership_slug)
    require_coordinator(request, partnership)
    organisation = get_object_or_404(Organisation.objects.for_partnership(partnership).active(), slug=organisation_slug)
    if request.method == "POST":
        archive_organisation(organisation, by=request.user)
        messages.success(request, f"{organisation.name} is archived. You can restore it from the archived list.")
        return redirect("organisations:coordinator_list", partnership_slug=partnership.slug)
    return render(request, "organisations/archive.html", {"partnership": partnership, "organisation": organisation})


@require_POST
def restore(request, partnership_slug, organisation_slug):
    partnership = partnership_from_slug(partnership_slug)
    require_coordinator(request, partnership)
    organisation = get_object_or_404(
        Organisation.objects.for_partnership(partnership).archived(), slug=organisation_slug
    )
    restore_organisation(organisation, by=request.user)
    messages.success(request, f"{organisation.name} is back on the register and in your lists.")
    return redirect("organisations:archived", partnership_slug=partnership.slug)
