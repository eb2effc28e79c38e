"""Coordinators approve statements before they go on the public register, where their partnership asks for that."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from included.access.requests import require_coordinator
from included.core.forms import OUT_OF_DATE
from included.core.pagination import page_of
from included.partnerships.lookups import partnership_from_slug

from . import services
from .forms import DecisionForm, SendBackForm
from .models import SignUp

PAGE_SIZE = 25


def _waiting(partnership):
    return (
        SignUp.objects.for_partnership(partnership)
        .waiting_for_approval()
        .filter(organisation__archived_at__isnull=True)
        .select_related("organisation", "framework_version__framework")
    )


def _sign_up(partnership, sign_up_id):
    return get_object_or_404(_waiting(partnership), pk=sign_up_id)


@require_safe
def waiting(request, partnership_slug):
    """Statements new or changed since a coordinator last approved them, oldest change first."""
    partnership = partnership_from_slug(partnership_slug)
    require_coordinator(request, partnership)
    statements = page_of(request, _waiting(partnership).order_by("updated_at", "pk"), per_page=PAGE_SIZE)
    return render(
        request,
        "assessments/approval/waiting.html",
        {"partnership": partnership, "statements": statements},
    )


@require_POST
def approve(request, partnership_slug, sign_up_id):
    partnership = partnership_from_slug(partnership_slug)
    require_coordinator(request, partnership)
    record = _sign_up(partnership, sign_up_id)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, OUT_OF_DATE)
    else:
        try:
            services.approve_statement(record, by=request.user, expected_version=form.cleaned_data["version"])
        except services.StatementChanged as changed:
            messages.error(request, str(changed))
        else:
            messages.success(request, f"The statement of {record.organisation.name} is on the register now.")
    return redirect("assessments:statements_waiting", partnership_slug=partnership.slug)


@require_http_methods(["GET", "POST"])
def send_back(request, partnership_slug, sign_up_id):
    """Send a statement back to the organisation with a reason."""
    partnership = partnership_from_slug(partnership_slug)
    require_coordinator(request, partnership)
    record = _sign_up(partnership, sign_up_id)
    form = SendBackForm(request.POST if request.method == "POST" else None, initial={"version": record.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.return_statement(
                record,
                by=request.user,
                expected_version=form.cleaned_data["version"],
                reason=form.cleaned_data["reason"],
            )
        except services.StatementChanged as changed:
            form.add_error(None, str(changed))
        else:
            messages.success(
                request, f"The statement is sent back to {record.organisation.name}. We have told its admins."
            )
            return redirect("assessments:statements_waiting", partnership_slug=partnership.slug)
    return render(
        request,
        "assessments/approval/send_back.html",
        {"partnership": partnership, "sign_up": record, "form": form},
    )
