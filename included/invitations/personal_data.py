"""What invitations hold about a person: the invitations they accepted and those they sent.

Registered with the registry in included/core/personal_data.py. Invitations sent to the person's own address are
anonymised by accounts.services.erase_account, which also needs them to clean the audit trail. An invitation that
was never used is removed settings.RETAIN_EXPIRED_INVITATIONS_DAYS after it expired or was withdrawn. An assisted
sign-up the person claimed loses the name and address it was made with when they delete their account: the
organisation keeps only that it helped someone.
"""

import datetime

from django.conf import settings
from django.db.models import Q

from included.core.personal_data import register_eraser, register_exporter, register_retention, scrub_rows

from .enums import InvitationStatus
from .models import Invitation


def _invitation(invitation):
    return {
        "partnership": invitation.partnership.name,
        "organisation": invitation.organisation.name if invitation.organisation else None,
        "invited_as": invitation.get_kind_display(),
        "sent_at": invitation.created_at,
    }


@register_exporter(covers=["invitations.Invitation"])
def invitations(user):
    related = ("partnership", "organisation", "invited_by")
    accepted = Invitation.objects.filter(accepted_by=user).select_related(*related)
    sent = Invitation.objects.filter(invited_by=user).select_related(*related)
    return {
        "invitations_accepted": [
            {
                **_invitation(i),
                "invited_by": str(i.invited_by) if i.invited_by else None,
                "accepted_at": i.accepted_at,
                # An assisted sign-up: someone at the organisation helped start the account, and the person claimed it.
                "started_with_help": i.assisted,
            }
            for i in accepted
        ],
        "invitations_you_sent": [
            {
                **_invitation(i),
                "to": i.email,
                "their_name": i.name,
                "your_message": i.message,
                "you_helped_them_start_an_account": i.assisted,
                "what_became_of_it": InvitationStatus(i.status).label,
            }
            for i in sent
        ],
    }


@register_eraser(covers=["invitations.Invitation"])
def forget_invitations(user):
    """Invitations the person sent stay with the partnership; their name and email come out of the messages."""
    scrub_rows(Invitation.objects.filter(invited_by=user), ["message"], user)
    # The assisted sign-up they claimed keeps only that someone was helped: not the name or address it was made with.
    Invitation.objects.filter(accepted_by=user, assisted=True).update(
        name="", email="", message="", claim_code_hash=None
    )


@register_retention("Expired invitations removed")
def unused_invitations(now):
    limit = now - datetime.timedelta(days=settings.RETAIN_EXPIRED_INVITATIONS_DAYS)
    ran_out = Q(expires_at__lt=limit) | Q(withdrawn_at__lt=limit)
    return Invitation.objects.filter(ran_out, accepted_at__isnull=True).delete()[0]
