"""What the partnership overview and the public register count.

Every function here runs a fixed number of queries, however many organisations, cycles and reviews there are,
so these pages stay as quick with two hundred members as with two.
"""

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.formats import date_format

from included.core.queries import count_of
from included.organisations.enums import Sector
from included.organisations.models import Organisation

from .enums import ReviewStatus, Verdict
from .models import Assessment, Review, SignUp

# Short words for the tag, which must fit on one line of a phone, and a sentence that says what they mean.
REVIEWED = ("Reviewed", "Reviewed by people with lived experience of barriers to work.")
SUBMITTED = ("Waiting for review", "It has sent in a self-assessment. People with lived experience will review it.")
SIGNED_UP = ("Signed up", "")


@dataclass(frozen=True)
class Outcome:
    """Where a sign-up has got to, in the words the public register uses."""

    text: str
    explanation: str
    colour: str
    reviewed_on: object = None


def with_review_outcome(sign_ups):
    """Annotate each sign-up with the date of the latest finished review of its latest reviewed cycle.

    A cycle counts as reviewed once all its reviewers had finished (it has a `reviewed_at`), even if a coordinator
    later asked one more person to look at it.
    """
    latest_review = Review.objects.filter(
        assessment__sign_up=OuterRef("pk"),
        assessment__reviewed_at__isnull=False,
        status=ReviewStatus.COMPLETED,
    ).order_by("-assessment__number", "-completed_at")
    return sign_ups.annotate(
        last_reviewed_on=Subquery(latest_review.values("completed_at")[:1]),
        has_submitted=Exists(Assessment.objects.submitted().filter(sign_up=OuterRef("pk"))),
    )


def outcome_of(sign_up):
    """Needs a sign-up from `with_review_outcome`."""
    if sign_up.withdrawn_at is not None:
        left_on = date_format(timezone.localtime(sign_up.withdrawn_at), "j F Y")
        return Outcome("Withdrew", f"Withdrew on {left_on}. It has left this framework.", "grey")
    if sign_up.last_reviewed_on is not None:
        return Outcome(*REVIEWED, "green", sign_up.last_reviewed_on)
    if sign_up.has_submitted:
        return Outcome(*SUBMITTED, "blue")
    return Outcome(*SIGNED_UP, "grey")


def _of_active_organisations(sign_ups, sector=None):
    sign_ups = (
        sign_ups.filter(organisation__archived_at__isnull=True)
        .select_related("organisation", "framework_version__framework")
        .order_by("organisation__name", "framework_version__framework__name", "pk")
    )
    if sector:
        sign_ups = sign_ups.filter(organisation__sector=sector)
    return sign_ups


def signatories(partnership, *, sector=None, name=""):
    """The partnership's active sign-ups, each with its review outcome, by organisation name. Archived
    organisations are left out."""
    sign_ups = _of_active_organisations(SignUp.objects.for_partnership(partnership).active(), sector)
    return with_review_outcome(_named(sign_ups, name))


def on_the_register(partnership, *, sector=None):
    """What the public register lists: every sign-up with a statement the public may read, including those of
    organisations that left since (the register says when), but none of an archived organisation.

    Where the partnership approves statements, a sign-up whose first statement is still waiting is not listed."""
    sign_ups = SignUp.objects.for_partnership(partnership)
    if partnership.statements_need_approval:
        sign_ups = sign_ups.published()
    return with_review_outcome(_of_active_organisations(sign_ups, sector))


def public_statement(partnership, sign_up):
    """The words the register shows: the last approved ones where a coordinator approves statements."""
    return sign_up.approved_statement if partnership.statements_need_approval else sign_up.statement


def _named(queryset, name, path="organisation__name"):
    return queryset.filter(**{f"{path}__icontains": name}) if name else queryset


def cycles_in_progress(partnership, *, name=""):
    """Draft cycles, by organisation and framework only: coordinators never see what a draft says."""
    return _named(
        Assessment.objects.for_partnership(partnership)
        .filter(organisation__archived_at__isnull=True)
        .drafts()
        .order_by("organisation__name", "sign_up__framework_version__framework__name", "pk")
        .values("pk", "organisation__name", "sign_up__framework_version__framework__name"),
        name,
    )


def submitted_cycles(access, user, *, name=""):
    """Submitted cycles of `access.partnership` the person may see (`access` is their `access.rules.Access` there),
    newest first, each with how many reviewers were asked and finished."""
    return _named(
        Assessment.objects.visible_in(access, user)
        .filter(organisation__archived_at__isnull=True)
        .submitted()
        .select_related("organisation", "sign_up__framework_version__framework")
        .annotate(
            reviewers_asked=count_of(Review.objects.filter(assessment=OuterRef("pk"))),
            reviewers_finished=count_of(Review.objects.filter(assessment=OuterRef("pk")).finished()),
        )
        .order_by("-submitted_at", "-pk"),
        name,
    )


def waiting_reviews(partnership, *, name=""):
    """Reviews asked for and not finished, longest waiting first."""
    return _named(
        Review.objects.filter(
            assessment__organisation__partnership=partnership, assessment__organisation__archived_at__isnull=True
        )
        .waiting()
        .select_related("reviewer", "assessment__organisation", "assessment__sign_up__framework_version__framework")
        .order_by("created_at", "pk"),
        name,
        "assessment__organisation__name",
    )


def with_days_waiting(reviews, *, now=None):
    """The reviews, each with `days_waiting`."""
    now = now or timezone.now()
    reviews = list(reviews)
    for review in reviews:
        review.days_waiting = max((now - review.created_at).days, 0)
    return reviews


def reviews_waiting(partnership, *, now=None):
    """Reviews asked for and not finished, longest waiting first, each with `days_waiting`."""
    return with_days_waiting(waiting_reviews(partnership), now=now)


@dataclass(frozen=True)
class SectorCount:
    sector: str
    label: str
    members: int
    signatories: int


def sector_coverage(partnership):
    """Every sector, with its number of member organisations and of organisations that signed up.

    EMIF's checklist asks partnerships to include partners from every relevant sector and to record it, so the
    sectors with no member are listed too, not left out.
    """
    members = dict(
        Organisation.objects.for_partnership(partnership)
        .active()
        .order_by()
        .values_list("sector")
        .annotate(count=Count("pk"))
    )
    signed = dict(
        SignUp.objects.for_partnership(partnership)
        .active()
        .filter(organisation__archived_at__isnull=True)
        .order_by()
        .values_list("organisation__sector")
        .annotate(count=Count("organisation", distinct=True))
    )
    return [
        SectorCount(sector.value, sector.label, members.get(sector.value, 0), signed.get(sector.value, 0))
        for sector in Sector
    ]


def reviewed_cycles(sign_ups):
    """The reviewed cycles of these sign-ups, newest first, with counts the public may see.

    Each rating counts once, however many reviewers looked at it: `challenged` if any finished review challenged
    it, `agreed` if every finished review agreed, and `answered` if the organisation responded to every challenge.
    Only finished reviews count: a reviewer can change their mind until they finish.
    """
    finished = Q(items__review_comments__review__status=ReviewStatus.COMPLETED)
    challenge = finished & Q(items__review_comments__verdict=Verdict.CHALLENGE)
    cycles = list(
        Assessment.objects.filter(sign_up__in=sign_ups, reviewed_at__isnull=False)
        .annotate(
            reviewer_count=Count("items__review_comments__review", filter=finished, distinct=True),
            rated_items=Count("items", filter=finished, distinct=True),
            challenged=Count("items", filter=challenge, distinct=True),
            unanswered=Count("items", filter=challenge & Q(items__review_comments__response=""), distinct=True),
        )
        .order_by("sign_up_id", "-number")
    )
    for cycle in cycles:
        cycle.agreed = cycle.rated_items - cycle.challenged
        cycle.answered = cycle.challenged - cycle.unanswered
    return cycles
