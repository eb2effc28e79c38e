"""The host's pages: every partnership this site hosts, and starting a new one with its first coordinators."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from included.access.rules import can_host_partnerships, require
from included.core.pagination import page_of
from included.invitations.enums import InvitationKind
from included.invitations.forms import InvitePersonForm
from included.invitations.services import InvitationError, invite, start_partnership
from included.partnerships.forms import NewPartnershipForm
from included.partnerships.models import Partnership
from included.partnerships.services import ONLY_HOSTS, PartnershipError

PARTNERSHIPS_PAGE_SIZE = 50


@require_safe
def partnerships(request):
    """Every partnership on this site, with how many organisations and coordinators each has."""
    require(can_host_partnerships(request.user), ONLY_HOSTS)
    hosted = page_of(request, Partnership.objects.with_counts().order_by("name", "pk"), per_page=PARTNERSHIPS_PAGE_SIZE)
    return render(request, "www/host/partnerships.html", {"hosted": hosted})


@require_http_methods(["GET", "POST"])
def new_partnership(request):
    """The host starts a partnership and invites its first coordinators."""
    require(can_host_partnerships(request.user), ONLY_HOSTS)
    form = NewPartnershipForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            partnership, invitations = start_partnership(
                by=request.user,
                coordinator_emails=form.cleaned_data["coordinators"],
                base_url=request.build_absolute_uri("/"),
                **form.details(),
            )
        except PartnershipError as problem:
            form.add_error(problem.field, str(problem))
        except InvitationError as problem:
            form.add_error("coordinators", str(problem))
        else:
            emails = ", ".join(invitation.email for invitation in invitations)
            messages.success(
                request, f"{partnership.name} is started. We have emailed {emails} a link to join as coordinator."
            )
            return redirect("www:host_partnerships")
    return render(request, "www/host/new_partnership.html", {"form": form})


@require_http_methods(["GET", "POST"])
def invite_coordinator(request, partnership_slug):
    """The host invites a coordinator to a partnership that has lost its own, or whose first invitation ran out."""
    require(can_host_partnerships(request.user), ONLY_HOSTS)
    partnership = get_object_or_404(Partnership.objects.with_counts(), slug=partnership_slug)
    form = InvitePersonForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = invite(
                partnership=partnership,
                email=form.cleaned_data["email"],
                name=form.cleaned_data["name"],
                kind=InvitationKind.COORDINATOR,
                by=request.user,
                base_url=request.build_absolute_uri("/"),
            )
        except InvitationError as problem:
            form.add_error("email", str(problem))
        else:
            messages.success(
                request, f"We have emailed {invitation.email} a link to join {partnership.name} as coordinator."
            )
            return redirect("www:host_partnerships")
    return render(request, "www/host/invite_coordinator.html", {"partnership": partnership, "form": form})
