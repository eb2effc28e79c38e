from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from included.core.permissions import partnership_from_slug, remember_organisation, require_coordinator
from included.organisations.services import MembershipError

from .enums import InvitationKind, InvitationStatus
from .forms import InviteOrganisationForm, InvitePersonForm
from .invitations import (
    InvitationError,
    find_invitation,
    hold_invitation,
    invite,
    invite_organisation,
    release_invitation,
    resend_invitation,
    withdraw_invitation,
)
from .invitations import (
    accept_invitation as accept,
)
from .models import Invitation

INVITATION_FORMS = {
    "organisation": InviteOrganisationForm,
    "reviewer": InvitePersonForm,
    "coordinator": InvitePersonForm,
}
STATUS_COLOURS = {
    InvitationStatus.PENDING: "blue",
    InvitationStatus.ACCEPTED: "green",
    InvitationStatus.EXPIRED: "grey",
    InvitationStatus.WITHDRAWN: "grey",
}


def _base_url(request):
    return request.build_absolute_uri("/")


def _send_invitation(request, partnership, action, form):
    data = form.cleaned_data
    if action == "organisation":
        invitation = invite_organisation(
            partnership=partnership,
            name=data["organisation_name"],
            sector=data["sector"],
            size=data["size"],
            admin_name=data["admin_name"],
            admin_email=data["admin_email"],
            by=request.user,
            base_url=_base_url(request),
        )
        return f"{invitation.organisation.name} is added. We have emailed {invitation.email} a link to join."
    kind = InvitationKind.REVIEWER if action == "reviewer" else InvitationKind.COORDINATOR
    invitation = invite(
        partnership=partnership,
        email=data["email"],
        name=data["name"],
        kind=kind,
        by=request.user,
        base_url=_base_url(request),
    )
    return f"We have emailed {invitation.email} a link to join as {invitation.get_kind_display().lower()}."


def invitations(request, partnership_slug):
    """Coordinators invite organisations, reviewers and other coordinators, and see what became of each invitation."""
    partnership = partnership_from_slug(partnership_slug)
    require_coordinator(request, partnership)
    forms = {action: form_class(prefix=action) for action, form_class in INVITATION_FORMS.items()}
    if request.method == "POST":
        action = request.POST.get("action")
        if action not in INVITATION_FORMS:
            messages.error(request, "Choose who you want to invite, then fill in their details.")
        else:
            form = forms[action] = INVITATION_FORMS[action](request.POST, prefix=action)
            if form.is_valid():
                try:
                    done = _send_invitation(request, partnership, action, form)
                except (InvitationError, MembershipError) as problem:
                    form.add_error(None, str(problem))
                else:
                    messages.success(request, done)
                    return redirect("partnerships:invitations", partnership_slug=partnership.slug)
    rows = [
        {"invitation": invitation, "status": invitation.status, "colour": STATUS_COLOURS[invitation.status]}
        for invitation in Invitation.objects.filter(partnership=partnership).select_related(
            "organisation", "invited_by"
        )
    ]
    return render(
        request,
        "partnerships/invitations.html",
        {
            "partnership": partnership,
            "rows": rows,
            "organisation_form": forms["organisation"],
            "reviewer_form": forms["reviewer"],
            "coordinator_form": forms["coordinator"],
            "all_forms": list(forms.values()),
            "page_has_errors": any(form.errors for form in forms.values()),
            "days": settings.INVITATION_DAYS,
            "pending": InvitationStatus.PENDING,
            "expired": InvitationStatus.EXPIRED,
        },
    )


def _coordinator_invitation(request, partnership_slug, invitation_id):
    partnership = partnership_from_slug(partnership_slug)
    require_coordinator(request, partnership)
    return get_object_or_404(
        Invitation.objects.select_related("partnership", "organisation"), partnership=partnership, pk=invitation_id
    )


@require_POST
def withdraw(request, partnership_slug, invitation_id):
    invitation = _coordinator_invitation(request, partnership_slug, invitation_id)
    try:
        withdraw_invitation(invitation, by=request.user)
    except InvitationError as problem:
        messages.error(request, str(problem))
    else:
        messages.success(request, f"The invitation to {invitation.email} is withdrawn. Its link no longer works.")
    return redirect("partnerships:invitations", partnership_slug=partnership_slug)


@require_POST
def resend(request, partnership_slug, invitation_id):
    invitation = _coordinator_invitation(request, partnership_slug, invitation_id)
    try:
        resend_invitation(invitation, by=request.user, base_url=_base_url(request))
    except InvitationError as problem:
        messages.error(request, str(problem))
    else:
        messages.success(request, f"We have emailed {invitation.email} a new link. The old link no longer works.")
    return redirect("partnerships:invitations", partnership_slug=partnership_slug)


def _where_to_go_after(request, invitation):
    if invitation.organisation_id and invitation.kind == InvitationKind.ORGANISATION_ADMIN:
        remember_organisation(request, invitation.organisation)
        return redirect(
            "organisations:home",
            partnership_slug=invitation.partnership.slug,
            organisation_slug=invitation.organisation.slug,
        )
    if invitation.organisation_id:
        remember_organisation(request, invitation.organisation)
    return redirect("core:home")


@login_not_required
def accept_invitation(request, token):
    """The page an invitation email links to. It explains the invitation, then lets the invited person accept it."""
    invitation = find_invitation(token)
    if invitation is None:
        return render(request, "partnerships/invitation_unusable.html", {"reason": "unknown"}, status=404)
    if not invitation.is_usable:
        release_invitation(request)
        return render(request, "partnerships/invitation_unusable.html", {"reason": invitation.status}, status=410)
    user = request.user
    context = {"invitation": invitation, "token": token}
    if not user.is_authenticated:
        hold_invitation(request, token)
        context["has_account"] = get_user_model().objects.filter(email__iexact=invitation.email).exists()
        return render(request, "partnerships/accept_invitation.html", context)
    if user.email.lower() != invitation.email.lower():
        return render(request, "partnerships/invitation_wrong_email.html", context, status=403)
    if request.method == "POST":
        try:
            accepted = accept(invitation, user)
        except InvitationError:
            release_invitation(request)
            return render(request, "partnerships/invitation_unusable.html", {"reason": "used"}, status=410)
        release_invitation(request)
        where = accepted.organisation.name if accepted.organisation_id else accepted.partnership.name
        messages.success(request, f"You have joined {where}.")
        return _where_to_go_after(request, accepted)
    hold_invitation(request, token)
    return render(request, "partnerships/accept_invitation.html", context)
