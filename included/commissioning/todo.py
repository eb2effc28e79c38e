"""What commissioning puts on a person's to-do list (see `included.core.todo`): applications waiting for their
scores, as a panel member, in rounds not withdrawn. One query, and none for someone who cannot sit on a panel."""

from django.db.models import Count, Exists, Min, OuterRef
from django.urls import reverse

from included.access.rules import COMMISSIONING_SECTORS
from included.core.todo import FOR_REVIEWERS, ToDo, plural

from .enums import ApplicationStatus
from .models import Application, Declaration, Score


def _may_sit_on_panels(access):
    """Reviewers sit on panels; so do people in the funders, commissioners and councils that run rounds."""
    return access.is_reviewer or any(o.sector in COMMISSIONING_SECTORS for o in access.organisations)


def to_do(user, access):
    if not _may_sit_on_panels(access):
        return []
    scored = Score.objects.filter(application=OuterRef("pk"), panel_member__user=user)
    conflicted = Declaration.objects.filter(application=OuterRef("pk"), panel_member__user=user, has_conflict=True)
    waiting = (
        Application.objects.filter(
            round__partnership=access.partnership,
            round__panel__user=user,
            round__withdrawn_at__isnull=True,
            status=ApplicationStatus.SUBMITTED,
        )
        .filter(~Exists(scored), ~Exists(conflicted))
        .aggregate(count=Count("pk", distinct=True), since=Min("submitted_at"))
    )
    if not waiting["count"]:
        return []
    return [
        ToDo(
            group=FOR_REVIEWERS,
            label=f"Score {plural(waiting['count'], 'funding application', 'funding applications')}",
            url=reverse("commissioning:rounds", kwargs={"partnership_slug": access.partnership.slug}),
            count=waiting["count"],
            waiting_since=waiting["since"],
            hint="Say whether you have a conflict of interest first, then score each one on your own.",
            order=30,
        )
    ]
