"""Asking to join a partnership, and the coordinators' answer.

Anyone may ask, through the public form: a request changes nothing until a coordinator accepts it. Accepting adds
the organisation and emails its contact an invitation to make an account and run its page (through
organisations.services.invite_organisation); declining emails them the coordinator's reason. A request is decided
once: the row is locked, and a second decision is refused.

The contact is never asked for a password and never told whether their email address has an account: the request
keeps their name and email address, and the invitation link, like any other, leads them to sign in or make an
account with it.
"""

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format

from included.access.rules import can_decide_join_request, require
from included.core import audit, mail
from included.core.receipts import create_once
from included.organisations.services import invite_organisation

from . import signals
from .enums import JoinRequestStatus
from .models import JoinRequest

DECIDE_MESSAGE = "Only the partnership's coordinators can answer requests to join."


class JoinRequestError(Exception):
    """The request cannot be answered this way. The message is written for the coordinator who sees it."""


def _email(request, kind, subject, context):
    """Queue the plain text and HTML versions of one email to the request's contact, once per request and kind.

    These go straight through the outbox, not through a kind of notification: the contact has no account, so no
    choices to respect, and each email answers something they did themselves (asking, or being declined).
    Until a coordinator has read a request, its emails repeat nothing the visitor typed: the form must not become a
    way to send anyone a message of a stranger's choosing from Included's address.
    """
    context = {
        "join_request": request,
        "partnership": request.partnership,
        "retention_days": settings.RETAIN_DECIDED_JOIN_REQUESTS_DAYS,
        **context,
    }
    mail.queue_email(
        to=request.contact_email,
        subject=subject,
        body=render_to_string(f"joining/email/{kind}.txt", context),
        html_body=render_to_string(f"joining/email/{kind}.html", context),
        key=f"joining.{kind}:{request.pk}",
    )


def ask_to_join(
    partnership,
    *,
    organisation_name,
    sector,
    size,
    contact_name,
    contact_email,
    local_area="",
    registration_number="",
    message="",
    form_token="",
):
    """Record an organisation's request to join, email its contact to say it arrived and tell the coordinators.

    Nobody is signed in to ask about: anyone may ask, and nothing changes until a coordinator accepts. The same
    form sent twice (`form_token`) makes one request and one email. The coordinators hear of it through the
    notifications app (signal `join_request_received`), as each chose, at most once an hour however many arrive.
    """

    def create():
        request = JoinRequest.objects.create(
            partnership=partnership,
            organisation_name=organisation_name.strip(),
            sector=sector,
            size=size,
            local_area=local_area.strip(),
            registration_number=registration_number,
            contact_name=contact_name.strip(),
            contact_email=contact_email.strip().lower(),
            message=message.strip(),
        )
        audit.record(
            "join_request.received",
            obj=request,
            partnership=partnership,
            summary=f"{request.organisation_name} asked to join",
        )
        _email(request, "received", f"We have your request to join {partnership.name}", {})
        signals.join_request_received.send(sender=JoinRequest, join_request=request)
        return request

    with transaction.atomic():
        return create_once(form_token, f"joining.ask:{partnership.pk}", JoinRequest, create)


def _lock_pending(join_request):
    """The request, locked until the decision is saved, so two coordinators cannot both decide it."""
    locked = JoinRequest.objects.select_for_update().get(pk=join_request.pk)
    if not locked.is_pending:
        when = date_format(timezone.localtime(locked.decided_at), "j F Y")
        raise JoinRequestError(f"This request was already {locked.get_status_display().lower()} on {when}.")
    return locked


def accept_join_request(join_request, *, by, base_url=""):
    """Add the organisation to the partnership and invite the request's contact to be its first admin.

    Refused (JoinRequestError, with nothing changed) if the request was decided already; an organisation of the
    same name or an invitation limit refuses it too (organisations.services.MembershipError,
    invitations.services.InvitationError).
    """
    require(can_decide_join_request(by, join_request), DECIDE_MESSAGE)
    with transaction.atomic():
        locked = _lock_pending(join_request)
        if locked.contact_erased:
            raise JoinRequestError(
                "The contact's details were removed, so there is nobody to invite. Decline it, or invite the "
                "organisation yourself from the invitations page."
            )
        invitation = invite_organisation(
            partnership=locked.partnership,
            name=locked.organisation_name,
            sector=locked.sector,
            size=locked.size,
            local_area=locked.local_area,
            registration_number=locked.registration_number,
            admin_name=locked.contact_name,
            admin_email=locked.contact_email,
            by=by,
            base_url=base_url,
        )
        locked.status = JoinRequestStatus.ACCEPTED
        locked.decided_at = timezone.now()
        locked.decided_by = by
        locked.organisation = invitation.organisation
        locked.invitation = invitation
        locked.save(update_fields=["status", "decided_at", "decided_by", "organisation", "invitation", "updated_at"])
        audit.record(
            "join_request.accepted",
            actor=by,
            obj=locked,
            partnership=locked.partnership,
            summary=f"Accepted the request to join from {locked.organisation_name}",
            organisation_id=invitation.organisation_id,
        )
    return locked


def decline_join_request(join_request, *, reason, by):
    """Say no to a request to join, and email the contact the reason. Refused if it was decided already."""
    require(can_decide_join_request(by, join_request), DECIDE_MESSAGE)
    reason = reason.strip()
    if not reason:
        raise JoinRequestError("Say why you are saying no. We send this to the person who asked.")
    with transaction.atomic():
        locked = _lock_pending(join_request)
        locked.status = JoinRequestStatus.DECLINED
        locked.decided_at = timezone.now()
        locked.decided_by = by
        locked.decline_reason = reason
        locked.save(update_fields=["status", "decided_at", "decided_by", "decline_reason", "updated_at"])
        audit.record(
            "join_request.declined",
            actor=by,
            obj=locked,
            partnership=locked.partnership,
            summary=f"Declined the request to join from {locked.organisation_name}",
        )
        # Straight to the contact, not through notifications: they have no account and no email choices.
        if locked.contact_email:
            subject = f"Your request to join {locked.partnership.name}"
            _email(locked, "declined", subject, {"reason_lines": reason.splitlines()})
    return locked
