"""What stories put on to-do lists (see included.core.todo): stories waiting for a partnership's lived-experience
reviewers, and stories whose reviewer asked the organisation for changes. Two queries at most, whatever the number."""

from django.db.models import Count, Max, Min
from django.urls import reverse

from included.core.todo import FOR_REVIEWERS, ToDo, for_organisation, plural

from .enums import StoryStatus
from .models import Story


def to_do(user, access):
    items = []
    partnership = access.partnership
    if access.is_reviewer:
        waiting = (
            Story.objects.for_partnership(partnership)
            .waiting_for_review()
            .exclude(organisation__in=[organisation.pk for organisation in access.organisations])
        )
        row = waiting.aggregate(count=Count("pk"), since=Min("sent_for_review_at"))
        if row["count"]:
            items.append(
                ToDo(
                    group=FOR_REVIEWERS,
                    label=f"Read {plural(row['count'], 'story', 'stories')} waiting for your review",
                    url=reverse("stories:review_list", kwargs={"partnership_slug": partnership.slug}),
                    count=row["count"],
                    waiting_since=row["since"],
                    order=40,
                )
            )
    by_id = {organisation.pk: organisation for organisation in access.organisations}
    if by_id:
        rows = (
            Story.objects.filter(organisation__in=list(by_id), status=StoryStatus.CHANGES_ASKED)
            .values("organisation")
            .annotate(count=Count("pk"), since=Min("updated_at"), one=Max("pk"))
            .order_by("organisation")
        )
        for row in rows:
            organisation = by_id[row["organisation"]]
            kwargs = {"partnership_slug": partnership.slug, "organisation_slug": organisation.slug}
            url = (
                reverse("stories:story", kwargs=kwargs | {"story_id": row["one"]})
                if row["count"] == 1
                else reverse("stories:list", kwargs=kwargs)
            )
            items.append(
                ToDo(
                    group=for_organisation(organisation),
                    label=f"A reviewer asked for changes to {plural(row['count'], 'story', 'stories')}",
                    url=url,
                    count=row["count"],
                    waiting_since=row["since"],
                    hint="Change the story, or say why you left it as it is, then send it back.",
                    order=40,
                )
            )
    return items
