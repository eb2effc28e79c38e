"""An organisation's own directory entries: its services, their places and opening times, publishing, checking
that they are still right, and loading a file of services.

Every view decides the permission first (a 404 for anyone outside the organisation, a 403 for a member who is not
an admin where admins only may act), then calls one service, which asks the same rule again.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from included.access.requests import access_for, organisation_for_member
from included.assessments.uploads import TEXT, check_evidence_file
from included.core.pagination import page_of
from included.core.versions import EditConflict, last_saved_by, saved_version
from included.partnerships.lookups import partnership_from_slug

from . import services
from .forms import ChangeServiceForm, ImportForm, LocationForm, OpeningTimesForm, SearchForm, ServiceForm
from .models import Service
from .openreferral import FeedError, read_feed

SERVICES_PAGE_SIZE = 25


def _member_organisation(request, partnership_slug, organisation_slug, *, admin=False):
    partnership = partnership_from_slug(partnership_slug)
    organisation = organisation_for_member(request, partnership, organisation_slug, admin=admin)
    organisation.partnership = partnership
    return partnership, organisation


def _service_of(organisation, service_id):
    queryset = Service.objects.for_organisation(organisation).prefetch_related(
        "languages", "service_areas", "contacts__phones", "attributes__taxonomy_term", "places__location", "schedules"
    )
    service = get_object_or_404(queryset, pk=service_id)
    service.organisation = organisation
    return service


def _kwargs(service):
    organisation = service.organisation
    return {
        "partnership_slug": organisation.partnership.slug,
        "organisation_slug": organisation.slug,
        "service_id": service.pk,
    }


def _service_url(service):
    return reverse("directory:service", kwargs=_kwargs(service))


def service_list(request, partnership_slug, organisation_slug):
    """Members: the organisation's services, drafts and published, with how fresh each is."""
    partnership, organisation = _member_organisation(request, partnership_slug, organisation_slug)
    form = SearchForm(request.GET or None)
    words = form.filters().get("q", "")
    services_page = page_of(
        request,
        Service.objects.for_organisation(organisation).matching(words).order_by("name", "pk"),
        per_page=SERVICES_PAGE_SIZE,
        anchor="services",
    )
    return render(
        request,
        "directory/service_list.html",
        {
            "partnership": partnership,
            "organisation": organisation,
            "services": services_page,
            "words": words,
            "can_import": access_for(request, partnership).is_admin_of(organisation),
        },
    )


def add_service(request, partnership_slug, organisation_slug):
    partnership, organisation = _member_organisation(request, partnership_slug, organisation_slug)
    form = ServiceForm(request.POST) if request.method == "POST" else ServiceForm(initial={"is_free": "yes"})
    if request.method == "POST" and form.is_valid():
        service = services.create_service(organisation, form.cleaned_data, by=request.user)
        service.organisation = organisation
        messages.success(request, "Service saved as a draft. Add where it runs, then publish it.")
        return redirect(_service_url(service))
    return render(
        request,
        "directory/service_form.html",
        {"partnership": partnership, "organisation": organisation, "form": form, "service": None, "conflict": None},
    )


def change_service(request, partnership_slug, organisation_slug, service_id):
    """Change the details. Two people changing the same service at once are shown both versions (core.versions)."""
    partnership, organisation = _member_organisation(request, partnership_slug, organisation_slug)
    service = _service_of(organisation, service_id)
    if request.method == "POST":
        form = ChangeServiceForm(request.POST)
    else:
        form = ChangeServiceForm(initial=ChangeServiceForm.initial_for(service))
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.change_service(service, form.changes(), by=request.user, expected_version=form.expected_version)
        except EditConflict as edit_conflict:
            form, conflict = _conflicting_details(request, edit_conflict.current)
        else:
            messages.success(request, "Changes saved.")
            return redirect(_service_url(service))
    return render(
        request,
        "directory/service_form.html",
        {
            "partnership": partnership,
            "organisation": organisation,
            "form": form,
            "service": service,
            "conflict": conflict,
        },
        status=409 if conflict else 200,
    )


def _conflicting_details(request, current):
    """The form as the person sent it, now carrying the saved version, and what is saved now to compare."""
    data = request.POST.copy()
    data["version"] = current.version
    form = ChangeServiceForm(data)
    form.is_valid()
    saved = {name: getattr(current, name) for name in ("name", "description", "who_it_is_for", "fees", "url", "email")}
    who = last_saved_by(current, "directory.service_changed", "directory.service_added")
    return form, saved_version(form, saved, what="this service", by=who, at=current.updated_at)


def service_detail(request, partnership_slug, organisation_slug, service_id):
    partnership, organisation = _member_organisation(request, partnership_slug, organisation_slug)
    service = _service_of(organisation, service_id)
    return render(
        request,
        "directory/service_detail.html",
        {"partnership": partnership, "organisation": organisation, "service": service, "owner_view": True},
    )


def add_location(request, partnership_slug, organisation_slug, service_id):
    partnership, organisation = _member_organisation(request, partnership_slug, organisation_slug)
    service = _service_of(organisation, service_id)
    form = LocationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.add_location(service, form.cleaned_data, by=request.user)
        messages.success(request, "Place added.")
        return redirect(_service_url(service))
    return render(
        request,
        "directory/location_form.html",
        {"partnership": partnership, "organisation": organisation, "form": form, "service": service},
    )


def add_opening_times(request, partnership_slug, organisation_slug, service_id):
    partnership, organisation = _member_organisation(request, partnership_slug, organisation_slug)
    service = _service_of(organisation, service_id)
    form = OpeningTimesForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.add_opening_times(
            service,
            days=data["days"],
            opens_at=data["opens_at"],
            closes_at=data["closes_at"],
            description=data["description"],
            by=request.user,
        )
        messages.success(request, "Opening times added.")
        return redirect(_service_url(service))
    return render(
        request,
        "directory/opening_times_form.html",
        {"partnership": partnership, "organisation": organisation, "form": form, "service": service},
    )


@require_POST
def publish(request, partnership_slug, organisation_slug, service_id):
    _, organisation = _member_organisation(request, partnership_slug, organisation_slug)
    service = _service_of(organisation, service_id)
    services.publish_service(service, by=request.user)
    messages.success(request, "Published. Anyone can now find it in the directory.")
    return redirect(_service_url(service))


@require_POST
def unpublish(request, partnership_slug, organisation_slug, service_id):
    _, organisation = _member_organisation(request, partnership_slug, organisation_slug)
    service = _service_of(organisation, service_id)
    services.unpublish_service(service, by=request.user)
    messages.success(request, "Taken out of the directory. It is a draft again.")
    return redirect(_service_url(service))


@require_POST
def confirm(request, partnership_slug, organisation_slug, service_id):
    _, organisation = _member_organisation(request, partnership_slug, organisation_slug)
    service = _service_of(organisation, service_id)
    services.confirm_service(service, by=request.user)
    messages.success(request, "Thank you. The service shows it was checked today.")
    return redirect(_service_url(service))


def import_feed(request, partnership_slug, organisation_slug):
    """Admins: load an Open Referral UK file. Every service in it becomes or updates a draft, with a report."""
    partnership, organisation = _member_organisation(request, partnership_slug, organisation_slug, admin=True)
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        uploaded = form.cleaned_data["file"]
        try:
            content_type = check_evidence_file(uploaded, settings.DIRECTORY_IMPORT_MAX_BYTES)
            if content_type != TEXT:
                raise FeedError("The file is not JSON. Choose a JSON file from an Open Referral UK feed.")
            feed = read_feed(uploaded.read())
        except FeedError as error:
            form.add_error("file", str(error))
        except ValidationError as error:  # from the safe-upload check, in its own words
            form.add_error("file", error.messages[0])
        else:
            report = services.import_services(organisation, feed, by=request.user)
    return render(
        request,
        "directory/import.html",
        {"partnership": partnership, "organisation": organisation, "form": form, "report": report},
    )
