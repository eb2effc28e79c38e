"""What requests to join hold about a person: the requests they sent (as the contact, by email address) and the
requests they answered as a coordinator.

Registered with the registry in included/core/personal_data.py. A request keeps its contact's name and email
address only as long as they are needed to answer it: settings.RETAIN_DECIDED_JOIN_REQUESTS_DAYS after it was
accepted or declined they are deleted, with what the contact told us and the reason they were given (either may
name them). What the organisation is, and what was decided, stays. By then an accepted organisation's contact has
an invitation of their own (invitations.personal_data).
"""

import datetime

from django.conf import settings
from django.utils import timezone

from included.core.personal_data import register_eraser, register_exporter, register_retention, scrub_rows

from .models import JoinRequest

CONTACT_FIELDS = {"contact_name": "", "contact_email": "", "message": "", "decline_reason": ""}


def _request(join_request):
    return {
        "partnership": join_request.partnership.name,
        "organisation": join_request.organisation_name,
        "asked_at": join_request.created_at,
        "what_became_of_it": join_request.get_status_display(),
        "decided_at": join_request.decided_at,
    }


def _sent_by(user):
    if not user.email:
        return JoinRequest.objects.none()
    return JoinRequest.objects.filter(contact_email__iexact=user.email)


@register_exporter(covers=["joining.JoinRequest"])
def join_requests(user):
    sent = _sent_by(user).select_related("partnership")
    answered = JoinRequest.objects.filter(decided_by=user).select_related("partnership")
    return {
        "requests_to_join_you_sent": [
            {
                **_request(r),
                "your_name": r.contact_name,
                "your_email": r.contact_email,
                "what_you_told_us": r.message,
                "reason_you_were_given": r.decline_reason,
            }
            for r in sent
        ],
        "requests_to_join_you_answered": [{**_request(r), "reason_you_gave": r.decline_reason} for r in answered],
    }


def erase_contact(queryset, now=None):
    """Delete the contact's details from these requests. Returns how many requests changed."""
    return queryset.filter(contact_erased_at__isnull=True).update(
        **CONTACT_FIELDS, contact_erased_at=now or timezone.now()
    )


@register_eraser(covers=["joining.JoinRequest"])
def forget_join_requests(user):
    """Requests the person sent lose their details, even if still waiting (a coordinator can no longer accept one
    then: there is nobody to invite). Reasons the person gave as a coordinator lose their name and email."""
    erase_contact(_sent_by(user))
    scrub_rows(JoinRequest.objects.filter(decided_by=user), ["decline_reason"], user)


@register_retention("Contact details of decided requests to join removed")
def decided_join_requests(now):
    limit = now - datetime.timedelta(days=settings.RETAIN_DECIDED_JOIN_REQUESTS_DAYS)
    return erase_contact(JoinRequest.objects.decided().filter(decided_at__lt=limit), now)
