"""What invitations put on a coordinator's to-do list (see `included.core.todo`): invitations nobody has accepted.

That is those still waiting, and those that ran out lately without being used, which can be sent again. One query.
"""

import datetime

from django.conf import settings
from django.db.models import Count, Min, Q
from django.urls import reverse
from django.utils import timezone

from included.core.todo import FOR_COORDINATORS, ToDo, plural

from .models import Invitation


def to_do(user, access):
    if not access.is_coordinator:
        return []
    now = timezone.now()
    # An invitation that ran out long ago is no longer a thing to do; one that ran out lately may be worth sending
    # again. "Lately" is as long as an invitation lasts.
    lately = now - datetime.timedelta(days=settings.INVITATION_DAYS)
    waiting = Q(expires_at__gt=now)
    ran_out = Q(expires_at__lte=now, expires_at__gt=lately)
    counts = (
        Invitation.objects.for_partnership(access.partnership)
        .filter(accepted_at__isnull=True, withdrawn_at__isnull=True, assisted=False)
        .aggregate(
            waiting=Count("pk", filter=waiting),
            since=Min("created_at", filter=waiting),
            ran_out=Count("pk", filter=ran_out),
        )
    )
    if not counts["waiting"] and not counts["ran_out"]:
        return []
    ran_out_words = f"{plural(counts['ran_out'], 'invitation', 'invitations')} ran out without being used"
    if counts["waiting"]:
        label = f"{plural(counts['waiting'], 'invitation', 'invitations')} not accepted yet"
        hint = f"{ran_out_words}. You can send them again." if counts["ran_out"] else ""
    else:
        label, hint = ran_out_words, "You can send them again."
    return [
        ToDo(
            group=FOR_COORDINATORS,
            label=label,
            url=reverse("www:invitations", kwargs={"partnership_slug": access.partnership.slug}) + "#sent",
            count=counts["waiting"] + counts["ran_out"],
            waiting_since=counts["since"],
            hint=hint,
            order=30,
        )
    ]
