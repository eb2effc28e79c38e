"""What self-assessment and review put on a person's to-do list (see `included.core.todo`).

- a reviewer: the reviews they were asked to do and have not finished;
- a coordinator: submitted self-assessments nobody has been asked to review yet;
- people in an organisation: a self-assessment in progress, and reviewers' challenges not answered yet.

Each part is one query, whatever the number of reviews, cycles or challenges.
"""

from django.db.models import Count, Exists, Min, OuterRef
from django.urls import reverse

from included.core.queries import count_of
from included.core.todo import FOR_COORDINATORS, FOR_REVIEWERS, ToDo, for_organisation, plural

from .enums import Verdict
from .models import Assessment, AssessmentItem, Review, ReviewComment


def to_do(user, access):
    items = []
    partnership = access.partnership
    if access.is_reviewer:
        items.extend(_reviews_to_do(user, partnership))
    if access.is_coordinator:
        items.extend(_cycles_with_no_reviewer(partnership))
    organisations = access.organisations
    if organisations:
        items.extend(_drafts_to_finish(partnership, organisations))
        items.extend(_challenges_to_answer(partnership, organisations))
    return items


def _reviews_to_do(user, partnership):
    waiting = (
        Review.objects.for_reviewer(user)
        .waiting()
        .filter(assessment__organisation__partnership=partnership, assessment__in=Assessment.objects.submitted())
        .aggregate(count=Count("pk"), since=Min("created_at"))
    )
    if not waiting["count"]:
        return []
    return [
        ToDo(
            group=FOR_REVIEWERS,
            label=f"{plural(waiting['count'], 'review', 'reviews')} to do",
            url=reverse("assessments:my_reviews", kwargs={"partnership_slug": partnership.slug}),
            count=waiting["count"],
            waiting_since=waiting["since"],
            hint="There is no deadline. If you need more time or help, tell your coordinator.",
            order=10,
        )
    ]


def _cycles_with_no_reviewer(partnership):
    waiting = (
        Assessment.objects.for_partnership(partnership)
        .submitted()
        .filter(~Exists(Review.objects.filter(assessment=OuterRef("pk"))))
        .aggregate(count=Count("pk"), since=Min("submitted_at"), first=Min("pk"))
    )
    count = waiting["count"]
    if not count:
        return []
    kwargs = {"partnership_slug": partnership.slug}
    if count == 1:
        url = reverse("assessments:assign", kwargs=kwargs | {"assessment_id": waiting["first"]})
    else:
        url = reverse("assessments:overview", kwargs=kwargs) + "#submitted"
    return [
        ToDo(
            group=FOR_COORDINATORS,
            label=f"Choose reviewers for {plural(count, 'submitted self-assessment', 'submitted self-assessments')}",
            url=url,
            count=count,
            waiting_since=waiting["since"],
            order=10,
        )
    ]


def _drafts_to_finish(partnership, organisations):
    by_id = {organisation.pk: organisation for organisation in organisations}
    drafts = (
        Assessment.objects.drafts()
        .filter(organisation__in=list(by_id), sign_up__withdrawn_at__isnull=True)
        .select_related("sign_up__framework_version__framework")
        .annotate(
            rated=count_of(AssessmentItem.objects.filter(assessment=OuterRef("pk"), rating__isnull=False)),
            item_count=count_of(AssessmentItem.objects.filter(assessment=OuterRef("pk"))),
        )
        .order_by("created_at", "pk")
    )
    items = []
    for cycle in drafts:
        organisation = by_id[cycle.organisation_id]
        left = cycle.item_count - cycle.rated
        framework = cycle.sign_up.framework_version.framework.name
        items.append(
            ToDo(
                group=for_organisation(organisation),
                label=f"Finish your self-assessment against {framework}",
                # Once every item is rated, what is left is to check and submit.
                url=reverse(
                    "assessments:assessment" if left else "assessments:submit",
                    kwargs={
                        "partnership_slug": partnership.slug,
                        "organisation_slug": organisation.slug,
                        "assessment_id": cycle.pk,
                    },
                ),
                count=left,
                hint=(
                    f"Cycle {cycle.number}: {cycle.rated} of {cycle.item_count} items rated."
                    if left
                    else f"Cycle {cycle.number}: every item is rated. Check your answers, then submit."
                ),
                order=20,
            )
        )
    return items


def _challenges_to_answer(partnership, organisations):
    by_id = {organisation.pk: organisation for organisation in organisations}
    # Only finished reviews reach the organisation, so only their challenges are waiting for an answer.
    cycles = (
        ReviewComment.objects.finished()
        .filter(verdict=Verdict.CHALLENGE, response="", assessment_item__assessment__organisation__in=list(by_id))
        .values(
            "assessment_item__assessment",
            "assessment_item__assessment__organisation",
            "assessment_item__assessment__number",
            "assessment_item__assessment__sign_up__framework_version__framework__name",
        )
        .annotate(count=Count("pk"), since=Min("review__completed_at"))
        .order_by("since", "assessment_item__assessment")
    )
    items = []
    for row in cycles:
        organisation = by_id[row["assessment_item__assessment__organisation"]]
        framework = row["assessment_item__assessment__sign_up__framework_version__framework__name"]
        items.append(
            ToDo(
                group=for_organisation(organisation),
                label=f"Answer {plural(row['count'], 'challenge', 'challenges')} from reviewers",
                url=reverse(
                    "assessments:respond",
                    kwargs={
                        "partnership_slug": partnership.slug,
                        "organisation_slug": organisation.slug,
                        "assessment_id": row["assessment_item__assessment"],
                    },
                ),
                count=row["count"],
                waiting_since=row["since"],
                hint=f"{framework}, cycle {row['assessment_item__assessment__number']}.",
                order=10,
            )
        )
    return items
