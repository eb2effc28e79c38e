"""Invitations: a coordinator (or an organisation admin) asks someone to join; the email link lets them in.

The token is shown once, in the email; only its hash is stored. Holding a valid token in the session fills in the
invited address when the person creates an account, and counts as checking it, so they are never asked for a code
(see AccountAdapter.is_email_verified). A link works once, until it expires
(settings.INVITATION_DAYS), and stops working when it is withdrawn or sent again.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from included.access.enums import MemberRole, PartnershipRole
from included.access.models import OrganisationMember, PartnershipMember
from included.access.rules import can_invite, can_invite_coordinator, require
from included.core import audit, mail, throttle
from included.core.text import duration_in_words
from included.partnerships.services import create_partnership

from . import inviter_message
from .enums import InvitationKind
from .models import Invitation

SESSION_TOKEN = "invitation_token"  # noqa: S105 (the session key's name, not a secret)
ORGANISATION_KINDS = (InvitationKind.ORGANISATION_ADMIN, InvitationKind.ORGANISATION_MEMBER)
# Kinds an organisation sends, so they name it. Only ORGANISATION_KINDS make the person one of its members.
FROM_AN_ORGANISATION = (*ORGANISATION_KINDS, InvitationKind.PERSON)


class InvitationError(Exception):
    """The invitation cannot be sent or used. The message is written for the person who sees it."""


def invitations_per_hour():
    """How many invitation emails one person may send in an hour (settings.INVITATIONS_PER_HOUR)."""
    return getattr(settings, "INVITATIONS_PER_HOUR", 30)


def _count_towards_hourly_limit(by):
    """Each invitation is an email from Included's address to anyone, so one person may only send so many."""
    limit = invitations_per_hour()
    if not throttle.allow_person(by, "invitations:send", limit=limit, window_seconds=60 * 60):
        minutes = -(-throttle.seconds_until_next_window(60 * 60) // 60)
        raise InvitationError(
            f"You can send {limit} invitations an hour, and you have sent them all. "
            f"Wait {duration_in_words(minutes * 60)}, then try again."
        )


def _already_has_the_role(partnership, email, kind, organisation):
    if kind == InvitationKind.PERSON:
        # A person's own place is theirs whatever else they do, and nothing here says whether the address has one.
        return False
    if kind in ORGANISATION_KINDS:
        return OrganisationMember.objects.filter(organisation=organisation, user__email__iexact=email).exists()
    role = PartnershipRole.REVIEWER if kind == InvitationKind.REVIEWER else PartnershipRole.COORDINATOR
    return PartnershipMember.objects.filter(partnership=partnership, user__email__iexact=email, role=role).exists()


def _send(invitation, token, base_url):
    link = base_url.rstrip("/") + reverse("invitations:accept", kwargs={"token": token})
    inviter = invitation.invited_by
    context = {
        "invitation": invitation,
        "inviter": inviter.name if inviter and inviter.name else "Someone",
        "link": link,
        "days": settings.INVITATION_DAYS,
    }
    subject = f"You are invited to join {invitation.organisation or invitation.partnership} on Included"
    # Into the outbox, in the invitation's own transaction: the invitation and its email are saved together, and a
    # mail server that is down delays the email instead of failing the invitation.
    mail.queue_email(
        to=invitation.email, subject=subject, body=render_to_string("invitations/email/invitation.txt", context)
    )
    # Kept on the object only, never saved: `manage.py create_partnership` shows it to the host who ran it.
    invitation.link = link


def invite(*, partnership, email, kind, by, organisation=None, name="", message="", base_url=""):
    """Create an invitation and email its link. Returns the invitation; the token only goes in the email.

    An earlier invitation still waiting for the same person and role is withdrawn, so only the newest link works.
    The inviter's `message` is kept as plain text without links (see inviter_message), and each person may send
    invitations_per_hour() invitations an hour.
    """
    email = email.strip().lower()
    if kind not in InvitationKind.values:
        raise ValueError(f"Unknown invitation kind {kind!r}")
    if kind in FROM_AN_ORGANISATION:
        if organisation is None or organisation.partnership_id != partnership.pk:
            raise InvitationError("Choose an organisation in this partnership.")
    else:
        organisation = None
    if kind == InvitationKind.COORDINATOR:
        require(can_invite_coordinator(by, partnership), "You cannot send this invitation.")
    else:
        require(can_invite(by, partnership, organisation=organisation), "You cannot send this invitation.")
    if _already_has_the_role(partnership, email, kind, organisation):
        where = organisation.name if organisation else partnership.name
        raise InvitationError(f"{email} already has this role in {where}.")
    if problem := inviter_message.too_long(message):
        raise InvitationError(problem)
    _count_towards_hourly_limit(by)
    token = Invitation.new_token()
    with transaction.atomic():
        Invitation.objects.pending().filter(
            partnership=partnership, email__iexact=email, kind=kind, organisation=organisation
        ).update(withdrawn_at=timezone.now())
        invitation = Invitation.objects.create(
            partnership=partnership,
            email=email,
            name=name.strip(),
            kind=kind,
            organisation=organisation,
            message=inviter_message.tidy(message),
            token_hash=Invitation.hash_token_value(token),
            expires_at=Invitation.default_expiry(),
            invited_by=by,
        )
        audit.record(
            "invitation.sent",
            actor=by,
            obj=invitation,
            partnership=partnership,
            summary=f"Invited {{invitee}} as {invitation.get_kind_display().lower()}",
            mentions={"invitee": invitation},
        )
        _send(invitation, token, base_url)
    return invitation


def resend_invitation(invitation, *, by, base_url=""):
    """Send a fresh link for an invitation that is waiting or has expired. The old link stops working."""
    require(
        can_invite(by, invitation.partnership, organisation=invitation.organisation), "You cannot send this invitation."
    )
    _count_towards_hourly_limit(by)
    token = Invitation.new_token()
    with transaction.atomic():
        locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if locked.accepted_at:
            raise InvitationError(f"{locked.email} has already accepted this invitation.")
        if locked.withdrawn_at:
            raise InvitationError("This invitation was withdrawn. Send a new one instead.")
        if locked.assisted:
            raise InvitationError("This is an assisted sign-up. Cancel it and start a new one instead.")
        locked.token_hash = Invitation.hash_token_value(token)
        locked.expires_at = Invitation.default_expiry()
        locked.invited_by = by
        locked.save(update_fields=["token_hash", "expires_at", "invited_by", "updated_at"])
        audit.record(
            "invitation.resent",
            actor=by,
            obj=locked,
            summary="Sent the invitation to {invitee} again",
            mentions={"invitee": locked},
        )
        _send(locked, token, base_url)
    return locked


def withdraw_invitation(invitation, by):
    """Stop an invitation's link from working. An accepted invitation cannot be withdrawn."""
    require(
        can_invite(by, invitation.partnership, organisation=invitation.organisation),
        "You cannot withdraw this invitation.",
    )
    with transaction.atomic():
        locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if locked.accepted_at:
            raise InvitationError(f"{locked.email} has already accepted this invitation.")
        if locked.withdrawn_at:
            return locked
        locked.withdrawn_at = timezone.now()
        locked.save(update_fields=["withdrawn_at", "updated_at"])
        audit.record(
            "invitation.withdrawn",
            actor=by,
            obj=locked,
            summary="Withdrew the invitation to {invitee}",
            mentions={"invitee": locked},
        )
    return locked


def find_invitation(token):
    if not token or len(token) > 200:
        return None
    return Invitation.objects.for_token(token).select_related("partnership", "organisation", "invited_by").first()


def hold_invitation(request, token):
    request.session[SESSION_TOKEN] = token


def release_invitation(request):
    request.session.pop(SESSION_TOKEN, None)


def pending_invitation(request):
    """The usable invitation this visitor opened, if any."""
    invitation = find_invitation(request.session.get(SESSION_TOKEN))
    if invitation is None or not invitation.is_usable:
        return None
    return invitation


def accept_pending_invitation_url(request):
    """Where to go after signing in or creating an account while holding an invitation."""
    token = request.session.get(SESSION_TOKEN)
    if token:
        return reverse("invitations:accept", kwargs={"token": token})
    return None


def accept_invitation(invitation, user):
    """Give the person the role the invitation offers. The signed-in email must match the invited one.

    Accepting proves the person reads mail at that address, so the address counts as checked from then on.
    """
    from allauth.account.models import EmailAddress

    if user.email.lower() != invitation.email.lower():
        raise PermissionDenied("This invitation was sent to a different email address.")
    with transaction.atomic():
        locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if not locked.is_usable:
            raise InvitationError("This invitation can no longer be used.")
        if locked.kind == InvitationKind.PERSON:
            pass  # no role: the account and its own place are all they get, and all they need
        elif locked.kind in ORGANISATION_KINDS:
            role = MemberRole.ADMIN if locked.kind == InvitationKind.ORGANISATION_ADMIN else MemberRole.MEMBER
            membership, created = OrganisationMember.objects.get_or_create(
                organisation=locked.organisation, user=user, defaults={"role": role}
            )
            if not created and role == MemberRole.ADMIN and membership.role != MemberRole.ADMIN:
                membership.role = MemberRole.ADMIN
                membership.save(update_fields=["role", "updated_at"])
        else:
            role = PartnershipRole.REVIEWER if locked.kind == InvitationKind.REVIEWER else PartnershipRole.COORDINATOR
            PartnershipMember.objects.get_or_create(partnership=locked.partnership, user=user, role=role)
        locked.accepted_at = timezone.now()
        locked.accepted_by = user
        locked.save(update_fields=["accepted_at", "accepted_by", "updated_at"])
        EmailAddress.objects.filter(user=user, email__iexact=locked.email).update(verified=True)
        audit.record(
            "invitation.accepted",
            actor=user,
            obj=locked,
            partnership=locked.partnership,
            summary=f"{{person}} joined as {locked.get_kind_display().lower()}",
            mentions={"person": user},
        )
    return locked


def start_partnership(*, by, coordinator_emails, base_url="", **details):
    """Start a partnership and invite its first coordinators, all or nothing. Only the host may.

    `details` are those of `partnerships.services.create_partnership`. Each address gets one invitation, however
    often it is given. Returns the partnership and its invitations; each invitation's `link` is the one emailed,
    for a host who set the partnership up from the command line and wants to pass it on.
    """
    emails = list(dict.fromkeys(email.strip().lower() for email in coordinator_emails if email.strip()))
    if not emails:
        raise InvitationError("Give the email address of at least one coordinator.")
    for email in emails:
        try:
            validate_email(email)
        except ValidationError:
            raise InvitationError(f"{email[:60]} is not an email address in the right format.") from None
    with transaction.atomic():
        partnership = create_partnership(by=by, **details)
        invitations = [
            invite(partnership=partnership, email=email, kind=InvitationKind.COORDINATOR, by=by, base_url=base_url)
            for email in emails
        ]
    return partnership, invitations
