"""What co-production puts on an organisation's to-do list (see `included.core.todo`): things people said that have
no response yet, so nobody has been told what became of them. One query, whatever the number."""

from django.db.models import Count, Exists, Min, OuterRef
from django.urls import reverse

from included.core.todo import ToDo, for_organisation, plural

from .models import Contribution, Response


def to_do(user, access):
    by_id = {organisation.pk: organisation for organisation in access.organisations}
    if not by_id:
        return []
    rows = (
        Contribution.objects.filter(activity__organisation__in=list(by_id))
        .filter(~Exists(Response.objects.filter(contribution=OuterRef("pk"))))
        .values("activity__organisation")
        .annotate(
            count=Count("pk"), since=Min("given_on"), activities=Count("activity", distinct=True), first=Min("activity")
        )
        .order_by("activity__organisation")
    )
    items = []
    for row in rows:
        organisation = by_id[row["activity__organisation"]]
        kwargs = {"partnership_slug": access.partnership.slug, "organisation_slug": organisation.slug}
        if row["activities"] == 1:
            url = reverse("coproduction:activity", kwargs=kwargs | {"activity_id": row["first"]})
        else:
            url = reverse("coproduction:activities", kwargs=kwargs)
        items.append(
            ToDo(
                group=for_organisation(organisation),
                label=f"Say what you did with {plural(row['count'], 'thing', 'things')} people told you",
                url=url,
                count=row["count"],
                waiting_since=row["since"],
                hint="People are more willing to take part again when they hear what changed.",
                order=30,
            )
        )
    return items
