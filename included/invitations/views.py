from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from included.access.requests import remember_organisation, require_coordinator
from included.partnerships.lookups import partnership_from_slug

from .enums import InvitationKind
from .models import Invitation
from .services import (
    InvitationError,
    find_invitation,
    hold_invitation,
    release_invitation,
    resend_invitation,
    withdraw_invitation,
)
from .services import (
    accept_invitation as accept,
)


def _base_url(request):
    return request.build_absolute_uri("/")


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
    return redirect("www:invitations", partnership_slug=partnership_slug)


@require_POST
def resend(request, partnership_slug, invitation_id):
    invitation = _coordinator_invitation(request, partnership_slug, invitation_id)
    try:
        resend_invitation(invitation, by=request.user, base_url=_base_url(request))
    except InvitationError as problem:
        messages.error(request, str(problem))
    else:
        messages.success(request, f"We have emailed {invitation.email} a new link. The old link no longer works.")
    return redirect("www:invitations", partnership_slug=partnership_slug)


def _where_to_go_after(request, invitation):
    if invitation.kind == InvitationKind.PERSON:
        return redirect("people:hub")
    if invitation.organisation_id and invitation.kind == InvitationKind.ORGANISATION_ADMIN:
        remember_organisation(request, invitation.organisation)
        return redirect(
            "www:organisation_home",
            partnership_slug=invitation.partnership.slug,
            organisation_slug=invitation.organisation.slug,
        )
    if invitation.organisation_id:
        remember_organisation(request, invitation.organisation)
    return redirect("www:home")


@login_not_required
def accept_invitation(request, token):
    """The page an invitation email links to. It explains the invitation, then lets the invited person accept it."""
    invitation = find_invitation(token)
    if invitation is None:
        return render(request, "invitations/invitation_unusable.html", {"reason": "unknown"}, status=404)
    if not invitation.is_usable:
        release_invitation(request)
        return render(request, "invitations/invitation_unusable.html", {"reason": invitation.status}, status=410)
    user = request.user
    context = {"invitation": invitation, "token": token}
    if not user.is_authenticated:
        hold_invitation(request, token)
        context["has_account"] = get_user_model().objects.filter(email__iexact=invitation.email).exists()
        return render(request, "invitations/accept_invitation.html", context)
    if user.email.lower() != invitation.email.lower():
        return render(request, "invitations/invitation_wrong_email.html", context, status=403)
    if request.method == "POST":
        try:
            accepted = accept(invitation, user)
        except InvitationError:
            release_invitation(request)
            return render(request, "invitations/invitation_unusable.html", {"reason": "used"}, status=410)
        release_invitation(request)
        where = accepted.organisation.name if accepted.organisation_id else accepted.partnership.name
        if accepted.kind == InvitationKind.PERSON:
            messages.success(request, f"Welcome. This is your own place. {where} sees only what you share with it.")
        else:
            messages.success(request, f"You have joined {where}.")
        return _where_to_go_after(request, accepted)
    hold_invitation(request, token)
    return render(request, "invitations/accept_invitation.html", context)
