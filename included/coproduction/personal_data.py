"""What co-production records hold about a person: what they recorded for their organisation, and what they said
as a contributor, if they took part with the email address of their account.

Registered with the registry in included/core/personal_data.py. On erasure the records stay with the organisation,
with the person's name and email address taken out of their text. A contribution they made with their account's
email address keeps what was said, but loses their name, their email address and their wish to hear back.

A contributor's email address is only kept to tell them what happened: it is removed
settings.RETAIN_CONTACT_EMAILS_DAYS after they were emailed the current response, unless that response says the
work is still in progress (then more news is to come).
"""

import datetime

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, Subquery
from django.utils import timezone

from included.access.models import OrganisationMember
from included.core import public_cache
from included.core.personal_data import register_eraser, register_exporter, register_retention, scrub_rows

from .enums import Decision, FeedbackMethod
from .models import Activity, Contribution, ContributionLink, FeedbackRecord, Response, ReviewPayment

COVERS = [
    "coproduction.Activity",
    "coproduction.ContributionLink",
    "coproduction.Contribution",
    "coproduction.Response",
    "coproduction.FeedbackRecord",
]


def _activity(activity):
    return {"organisation": activity.organisation.name, "activity": activity.title}


def _response(response):
    return {
        "decision": response.get_decision_display(),
        "what_changed": response.what_changed,
        "why_not": response.reason,
        "when": response.changed_on,
        "written_at": response.created_at,
    }


@register_exporter(covers=COVERS)
def coproduction(user):
    activities = Activity.objects.filter(created_by=user).select_related("organisation")
    links = ContributionLink.objects.filter(created_by=user).select_related("activity__organisation")
    recorded = Contribution.objects.filter(created_by=user).select_related("activity__organisation")
    responses = Response.objects.filter(created_by=user).select_related("contribution__activity__organisation")
    feedback = FeedbackRecord.objects.filter(recorded_by=user).select_related("contribution__activity__organisation")
    said = (
        Contribution.objects.filter(contact_email__iexact=user.email)
        .select_related("activity__organisation")
        .with_responses()
    )
    return {
        "co_production_activities_you_recorded": [
            {**_activity(a), "purpose": a.purpose, "held_on": a.held_on, "recorded_at": a.created_at}
            for a in activities
        ],
        "contribution_links_you_made": [
            {**_activity(link.activity), "made_at": link.created_at, "switched_off_at": link.switched_off_at}
            for link in links
        ],
        "contributions_you_recorded": [
            {**_activity(c.activity), "what_was_said": c.text, "given_on": c.given_on, "recorded_at": c.created_at}
            for c in recorded
        ],
        "co_production_responses_you_wrote": [
            {**_activity(r.contribution.activity), "to_what_was_said": r.contribution.text, **_response(r)}
            for r in responses
        ],
        "feedback_you_recorded": [
            {
                **_activity(f.contribution.activity),
                "how_people_were_told": f.get_method_display(),
                "told_on": f.told_on,
                "note": f.note,
            }
            for f in feedback
        ],
        "what_you_said_in_co_production": [
            {
                **_activity(c.activity),
                "what_you_said": c.text,
                "given_on": c.given_on,
                "your_name": c.contributor_name,
                "name_shown_publicly": c.named_publicly,
                "may_be_published": c.consent_to_publish,
                "you_asked_to_hear_back": c.wants_updates,
                "responses": [_response(r) for r in c.responses.all()],
            }
            for c in said
        ],
    }


@register_eraser(covers=COVERS)
def forget_contributor_and_authors(user):
    """Clear the person's own contributions of their name and email, then take their name and email out of the
    records they wrote and their organisations' records."""
    Contribution.objects.filter(contact_email__iexact=user.email).update(
        contact_email="", wants_updates=False, contributor_name="", named_publicly=False
    )
    theirs = OrganisationMember.objects.filter(user=user).values("organisation_id")
    scrub_rows(
        Activity.objects.filter(Q(created_by=user) | Q(organisation__in=theirs)),
        ["title", "purpose", "access_support_other"],
        user,
    )
    in_their_activities = Q(activity__organisation__in=theirs)
    scrub_rows(
        Contribution.objects.filter(Q(created_by=user) | in_their_activities), ["text", "contributor_name"], user
    )
    in_their_contributions = Q(contribution__activity__organisation__in=theirs)
    scrub_rows(Response.objects.filter(Q(created_by=user) | in_their_contributions), ["what_changed", "reason"], user)
    scrub_rows(FeedbackRecord.objects.filter(Q(recorded_by=user) | in_their_contributions), ["note"], user)
    # Updates send no signals, and the names and words may be on "You said, we did" of any partnership.
    public_cache.bump_public_generation(None)


@register_retention("Contributors' email addresses removed")
def contact_emails_no_longer_needed(now):
    told_before = timezone.localdate(now) - datetime.timedelta(days=settings.RETAIN_CONTACT_EMAILS_DAYS)
    newest = Response.objects.filter(contribution=OuterRef("pk")).order_by("-created_at", "-id")
    emailed_long_ago = FeedbackRecord.objects.filter(
        response=OuterRef("current_response_id"), method=FeedbackMethod.EMAIL, told_on__lt=told_before
    )
    done_with = (
        Contribution.objects.exclude(contact_email="")
        .annotate(
            current_response_id=Subquery(newest.values("pk")[:1]),
            current_decision=Subquery(newest.values("decision")[:1]),
        )
        .exclude(current_decision=Decision.IN_PROGRESS)
        .filter(Exists(emailed_long_ago))
    )
    ids = list(done_with.values_list("pk", flat=True))
    return Contribution.objects.filter(pk__in=ids).update(contact_email="", wants_updates=False)


@register_exporter(covers=["coproduction.ReviewPayment"])
def review_time_and_pay(user):
    payments = ReviewPayment.objects.filter(review__reviewer=user).select_related("review__assessment__organisation")
    return {
        "time_and_pay_for_your_reviews": [
            {
                "review_of": payment.review.assessment.organisation.name,
                "done_on": payment.given_on,
                "hours_given": payment.hours_given,
                "how_you_were_paid_or_thanked": payment.get_recognition_display(),
                "hourly_rate": payment.hourly_rate,
                "voucher_value": payment.voucher_value,
            }
            for payment in payments
        ]
    }


@register_eraser(covers=["coproduction.ReviewPayment"])
def forget_who_recorded_review_time(user):
    # The time and pay stay in the partnership's figures: they hold no words, and the review they belong to loses
    # the reviewer's name with the account. Who recorded them is let go.
    ReviewPayment.objects.filter(recorded_by=user).update(recorded_by=None)
