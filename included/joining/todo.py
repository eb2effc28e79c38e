"""What requests to join put on a coordinator's to-do list (see `included.core.todo`): those not answered yet.
One query.
"""

from django.db.models import Count, Min
from django.urls import reverse

from included.core.todo import FOR_COORDINATORS, ToDo, plural

from .models import JoinRequest


def to_do(user, access):
    if not access.is_coordinator:
        return []
    waiting = (
        JoinRequest.objects.for_partnership(access.partnership)
        .pending()
        .aggregate(count=Count("pk"), since=Min("created_at"))
    )
    if not waiting["count"]:
        return []
    return [
        ToDo(
            group=FOR_COORDINATORS,
            label=f"Answer {plural(waiting['count'], 'request', 'requests')} to join",
            url=reverse("joining:requests", kwargs={"partnership_slug": access.partnership.slug}),
            count=waiting["count"],
            waiting_since=waiting["since"],
            order=20,
        )
    ]
