"""An organisation's own directory entries: its services, their places and opening times, publishing, checking
that they are still right, and loading a file of services.

Every view decides the permission first (a 404 for anyone outside the organisation, a 403 for a member who is not
an admin where admins only may act), then calls one service, which asks the same rule again.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from included.access.requests import access_for, organisation_for_member
from included.assessments.uploads import TEXT, check_evidence_file
from included.core.pagination import page_of
from included.core.versions import EditConflict, last_saved_by, saved_version
from included.partnerships.lookups import partnership_from_slug

from . import services
from .forms import (
    ChangeLocationForm,
    ChangeOpeningTimesForm,
    ChangeServiceForm,
    ImportForm,
    NewLocationForm,
    NewOpeningTimesForm,
    NewServiceForm,
    SearchForm,
)
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


def _form_page(request, template, service_or_organisation, form, *, status=200, **context):
    """Render one of the organisation's form pages, with what every one of them shows."""
    organisation = getattr(service_or_organisation, "organisation", service_or_organisation)
    service = service_or_organisation if organisation is not service_or_organisation else None
    context = {"partnership": organisation.partnership, "organisation": organisation, "service": service} | context
    return render(request, template, context | {"form": form}, status=status)


def _change_page(request, service, record, form_class, save, *, template, success, what, actions, **context):
    """The page that changes a shared record (the service, a place, opening times): the form filled with what is
    saved; on a valid POST, `save(form)`; if someone else saved first, both versions side by side (core.versions).

    `context` may carry `fields`, the names to compare when the form cannot be filled from the saved record alone.
    """
    fields = context.pop("fields", None)
    posted = request.method == "POST"
    form = form_class(request.POST) if posted else form_class(initial=form_class.initial_for(record))
    conflict = None
    if posted and form.is_valid():
        try:
            save(form)
        except EditConflict as edit_conflict:
            form, conflict = _conflicting(request, form_class, edit_conflict.current, service, what, actions, fields)
        else:
            messages.success(request, success)
            return redirect(_service_url(service))
    status = 409 if conflict else 200
    return _form_page(request, template, service, form, conflict=conflict, status=status, **context)


def _conflicting(request, form_class, current, service, what, actions, fields):
    """The form as the person sent it, now carrying the saved version, and what is saved now to compare."""
    data = request.POST.copy()
    data["version"] = current.version
    form = form_class(data)
    form.is_valid()
    if fields is None:
        saved = {name: value for name, value in form_class.initial_for(current).items() if name != "version"}
    else:
        saved = {name: getattr(current, name) for name in fields}
    # Every change is audited against the service, which also says when it was saved, if the record cannot.
    who = last_saved_by(service, *actions)
    at = getattr(current, "updated_at", None) or service.updated_at
    return form, saved_version(form, saved, what=what, by=who, at=at)


def _remove_page(request, service, remove, *, heading, explanation):
    """Asks first, on a page of its own (so it works without JavaScript); a POST does `remove()`, which returns the
    message to show."""
    if request.method == "POST":
        messages.success(request, remove())
        return redirect(_service_url(service))
    context = {"heading": heading, "explanation": explanation}
    return _form_page(request, "directory/confirm_remove.html", service, None, **context)


def add_service(request, partnership_slug, organisation_slug):
    _, organisation = _member_organisation(request, partnership_slug, organisation_slug)
    form = NewServiceForm(request.POST) if request.method == "POST" else NewServiceForm(initial={"is_free": "yes"})
    if request.method == "POST" and form.is_valid():
        service = services.create_service(
            organisation, form.cleaned_data, by=request.user, form_token=form.cleaned_data["form_token"]
        )
        if service is None:  # sent again after the service it made was deleted
            return redirect(
                "directory:services", partnership_slug=partnership_slug, organisation_slug=organisation_slug
            )
        service.organisation = organisation
        messages.success(request, "Service saved as a draft. Add where it runs, then publish it.")
        return redirect(_service_url(service))
    return _form_page(request, "directory/service_form.html", organisation, form, conflict=None)


def change_service(request, partnership_slug, organisation_slug, service_id):
    """Change the details. Two people changing the same service at once are shown both versions (core.versions)."""
    _, organisation = _member_organisation(request, partnership_slug, organisation_slug)
    service = _service_of(organisation, service_id)

    def save(form):
        services.change_service(service, form.changes(), by=request.user, expected_version=form.expected_version)

    return _change_page(
        request,
        service,
        service,
        ChangeServiceForm,
        save,
        template="directory/service_form.html",
        success="Changes saved.",
        what="this service",
        actions=("directory.service_changed", "directory.service_added"),
        fields=("name", "description", "who_it_is_for", "fees", "url", "email"),
    )


def service_detail(request, partnership_slug, organisation_slug, service_id):
    partnership, organisation = _member_organisation(request, partnership_slug, organisation_slug)
    service = _service_of(organisation, service_id)
    return render(
        request,
        "directory/service_detail.html",
        {"partnership": partnership, "organisation": organisation, "service": service, "owner_view": True},
    )


def _location_of(service, location_id):
    """One of the service's places, or 404: a place is reached only through a service of its organisation."""
    for place in service.places.all():
        if place.location_id == location_id:
            return place.location
    raise Http404("No such place")


def _times_of(service, schedule_id):
    """One row of the service's opening times, or 404."""
    for schedule in service.schedules.all():
        if schedule.pk == schedule_id:
            return schedule
    raise Http404("No such opening times")


def add_location(request, partnership_slug, organisation_slug, service_id):
    _, organisation = _member_organisation(request, partnership_slug, organisation_slug)
    service = _service_of(organisation, service_id)
    form = NewLocationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.add_location(service, form.cleaned_data, by=request.user, form_token=form.cleaned_data["form_token"])
        messages.success(request, "Place added.")
        return redirect(_service_url(service))
    return _form_page(request, "directory/location_form.html", service, form, location=None, conflict=None)


def change_location(request, partnership_slug, organisation_slug, service_id, location_id):
    """Change a place's address, postcode, map position or access. A place several services use changes for all."""
    _, organisation = _member_organisation(request, partnership_slug, organisation_slug)
    service = _service_of(organisation, service_id)
    location = _location_of(service, location_id)

    def save(form):
        services.change_location(
            service, location, form.changes(), by=request.user, expected_version=form.expected_version
        )

    return _change_page(
        request,
        service,
        location,
        ChangeLocationForm,
        save,
        template="directory/location_form.html",
        success="Place changed.",
        what="this place",
        actions=("directory.location_changed",),
        location=location,
        also_used_by=[place.service for place in location.places.select_related("service").exclude(service=service)],
    )


def remove_location(request, partnership_slug, organisation_slug, service_id, location_id):
    """Takes the place off the service, and deletes it if no other service runs there."""
    _, organisation = _member_organisation(request, partnership_slug, organisation_slug)
    service = _service_of(organisation, service_id)
    location = _location_of(service, location_id)

    def remove():
        deleted = services.remove_location(service, location, by=request.user)
        return "Place removed." if deleted else "Place taken off this service."

    return _remove_page(
        request,
        service,
        remove,
        heading=f"Remove {location.name} from this service?",
        explanation="People will no longer see this place for this service. Opening times given for this place go too.",
    )


def add_opening_times(request, partnership_slug, organisation_slug, service_id):
    _, organisation = _member_organisation(request, partnership_slug, organisation_slug)
    service = _service_of(organisation, service_id)
    form = NewOpeningTimesForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.add_opening_times(
            service, **form.opening_times(), by=request.user, form_token=form.cleaned_data["form_token"]
        )
        messages.success(request, "Opening times added.")
        return redirect(_service_url(service))
    return _form_page(request, "directory/opening_times_form.html", service, form, schedule=None, conflict=None)


def change_opening_times(request, partnership_slug, organisation_slug, service_id, schedule_id):
    _, organisation = _member_organisation(request, partnership_slug, organisation_slug)
    service = _service_of(organisation, service_id)
    schedule = _times_of(service, schedule_id)

    def save(form):
        services.change_opening_times(
            service, schedule, **form.opening_times(), by=request.user, expected_version=form.expected_version
        )

    return _change_page(
        request,
        service,
        schedule,
        ChangeOpeningTimesForm,
        save,
        template="directory/opening_times_form.html",
        success="Opening times changed.",
        what="these opening times",
        actions=("directory.opening_times_changed",),
        schedule=schedule,
    )


def remove_opening_times(request, partnership_slug, organisation_slug, service_id, schedule_id):
    _, organisation = _member_organisation(request, partnership_slug, organisation_slug)
    service = _service_of(organisation, service_id)
    schedule = _times_of(service, schedule_id)

    def remove():
        services.remove_opening_times(service, schedule, by=request.user)
        return "Opening times removed."

    return _remove_page(
        request,
        service,
        remove,
        heading="Remove these opening times?",
        explanation=f"{', '.join(schedule.day_names)}. People will no longer see these times.",
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
