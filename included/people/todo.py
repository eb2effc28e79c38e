"""What a person's own place puts on a reviewer's to-do list (see `included.core.todo`): people who share parts of
their Facts About Me with them as a lived-experience reviewer of this partnership. One query."""

from django.db.models import Count, Min
from django.urls import reverse

from included.core.todo import FOR_REVIEWERS, ToDo, plural

from .enums import ShareRecipient
from .models import Share


def to_do(user, access):
    if not access.is_reviewer:
        return []
    counts = (
        Share.objects.current()
        .filter(recipient=ShareRecipient.REVIEWER, reviewer=user, partnership=access.partnership)
        .aggregate(people=Count("person", distinct=True), since=Min("created_at"))
    )
    if not counts["people"]:
        return []
    return [
        ToDo(
            group=FOR_REVIEWERS,
            label=f"{plural(counts['people'], 'person shares', 'people share')} their Facts About Me with you",
            url=reverse("people:shared_with_reviewer", kwargs={"partnership_slug": access.partnership.slug}),
            count=counts["people"],
            hint="Only you can read it. Read it when it helps you.",
            order=60,
        )
    ]
