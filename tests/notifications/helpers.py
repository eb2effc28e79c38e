"""Shared steps for the notification tests: the events people cause, through the same services they use."""

import datetime

from django.conf import settings
from django.core import mail
from django.test import Client
from django.utils import timezone

from included.assessments import services
from included.assessments.enums import Verdict
from included.notifications.enums import Frequency, Kind
from included.notifications.models import Preference
from tests.assessments.factories import AssessmentFactory, admin_of, coordinator_of, make_reviewer


def choose(user, kind, frequency):
    Preference.objects.update_or_create(user=user, kind=kind, defaults={"frequency": frequency})


def emails_to(user_or_address):
    address = getattr(user_or_address, "email", user_or_address)
    return [message for message in mail.outbox if message.to == [address]]


def submitted_cycle(**kwargs):
    """A cycle an organisation has sent for review. Its emails were not sent: the test's transaction never commits."""
    return AssessmentFactory(submitted=True, **kwargs)


def assign(cycle, reviewer=None):
    reviewer = reviewer or make_reviewer(cycle.organisation.partnership)
    review = services.assign_reviewer(cycle, reviewer, by=coordinator_of(cycle.organisation.partnership))
    return review


def finish(review, *, challenge=False):
    """The reviewer gives a view on every item, challenging the first if asked, and finishes."""
    for number, answer in enumerate(review.assessment.items.with_framework()):
        challenged = challenge and number == 0
        services.record_verdict(
            review,
            answer,
            verdict=Verdict.CHALLENGE if challenged else Verdict.AGREE,
            comment="Who did you ask about this?" if challenged else "",
            by=review.reviewer,
        )
    services.complete_review(review, summary="Thank you.", by=review.reviewer)
    review.refresh_from_db()
    return review


def answer_challenge(review, text="We asked our peer group and changed our plan."):
    comment = review.comments.get(verdict=Verdict.CHALLENGE)
    services.respond_to_comment(comment, response=text, by=admin_of(review.assessment.organisation))
    return comment


def stop_with_the_link_in(email):
    """What a mail program does with the one-click "stop these emails" link of an email (RFC 8058): a POST with no
    session and no CSRF token. Returns the response."""
    link = email.extra_headers["List-Unsubscribe"].strip("<>")
    return Client(enforce_csrf_checks=True).post(
        link.removeprefix(settings.SITE_URL), {"List-Unsubscribe": "One-Click"}
    )


def days_ago(days):
    return timezone.now() - datetime.timedelta(days=days)


__all__ = ["Frequency", "Kind"]
