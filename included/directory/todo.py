"""What the directory puts on an organisation's to-do list: published services whose details are due a check
(freshness.py). One query, whatever the number."""

from django.db.models import Count, Min
from django.urls import reverse

from included.core.todo import ToDo, for_organisation, plural

from .enums import Publication
from .freshness import fresh_since
from .models import Service


def to_do(user, access):
    by_id = {organisation.pk: organisation for organisation in access.organisations}
    if not by_id:
        return []
    rows = (
        Service.objects.filter(organisation__in=list(by_id), publication=Publication.PUBLISHED)
        .filter(last_checked_on__lt=fresh_since())
        .values("organisation")
        .annotate(count=Count("pk"), since=Min("last_checked_on"))
        .order_by("organisation")
    )
    return [
        ToDo(
            group=for_organisation(by_id[row["organisation"]]),
            label=f"Check {plural(row['count'], 'service is', 'services are')} still right",
            url=reverse(
                "directory:services",
                kwargs={
                    "partnership_slug": access.partnership.slug,
                    "organisation_slug": by_id[row["organisation"]].slug,
                },
            ),
            count=row["count"],
            waiting_since=row["since"],
            hint="People trust the directory more when the details were checked in the last six months.",
            order=40,
        )
        for row in rows
    ]
