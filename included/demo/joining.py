"""Demo requests to join, so a coordinator has some to answer. What they say is in data/joining.yaml.

They are sent and declined through the services, like any other; then their dates are moved into the past, and
the emails they queued are marked as not sent: the addresses are made up.
"""

import datetime

from django.utils import timezone

from included.core.enums import EmailStatus
from included.core.models import OutgoingEmail
from included.demo.content import read
from included.joining import services
from included.joining.models import JoinRequest
from included.organisations.enums import Sector, Size

JOINING = read("joining")
NOT_SENT = "Not sent: this is the demo, and its email addresses are made up."


def _days_ago(days):
    day = timezone.localdate() - datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))


def load_demo_join_requests(partnership, coordinator):
    """Send the demo's requests to join, and decline those the data says were declined. Returns them."""
    made = []
    for spec in JOINING["join_requests"]:
        request = services.ask_to_join(
            partnership,
            organisation_name=spec["organisation_name"],
            sector=Sector(spec["sector"]),
            size=Size(spec["size"]),
            local_area=spec["local_area"],
            registration_number=spec["registration_number"],
            contact_name=spec["contact_name"],
            contact_email=spec["contact_email"],
            message=spec["message"],
        )
        asked = _days_ago(spec["asked_days_ago"])
        JoinRequest.objects.filter(pk=request.pk).update(created_at=asked, updated_at=asked)
        if "declined" in spec:
            services.decline_join_request(request, reason=spec["declined"]["reason"], by=coordinator)
            decided = _days_ago(spec["declined"]["days_ago"])
            JoinRequest.objects.filter(pk=request.pk).update(decided_at=decided, updated_at=decided)
        made.append(request)
    # The demo is loaded into a partnership of its own, so every email about requests to join is the demo's.
    OutgoingEmail.objects.filter(key__startswith="joining.").update(status=EmailStatus.CANCELLED, last_error=NOT_SENT)
    return made
