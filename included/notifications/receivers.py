"""Listening to the apps whose events wait for someone. They send signals and know nothing of this app.

Each receiver runs inside the transaction of the change, and only asks for the emails once it commits: nothing is
sent for a change that was rolled back, and if making the emails goes wrong, the person's change still stands (the
error is logged).
"""

from functools import partial

from django.db import transaction
from django.dispatch import receiver

from included.assessments import signals
from included.commissioning import signals as commissioning_signals
from included.joining import signals as joining_signals
from included.stories import signals as story_signals

from .enums import Kind
from .sending import notify


def _after_commit(kind, ids):
    transaction.on_commit(partial(notify, kind, list(ids)), robust=True)


@receiver(signals.reviewers_assigned, dispatch_uid="notifications.reviewers_assigned")
def reviewers_assigned(sender, reviews, **kwargs):
    _after_commit(Kind.REVIEWER_ASSIGNED, [review.pk for review in reviews])


@receiver(signals.cycle_submitted, dispatch_uid="notifications.cycle_submitted")
def cycle_submitted(sender, assessment, **kwargs):
    _after_commit(Kind.CYCLE_SUBMITTED, [assessment.pk])


@receiver(signals.review_completed, dispatch_uid="notifications.review_completed")
def review_completed(sender, review, **kwargs):
    _after_commit(Kind.REVIEW_FINISHED, [review.pk])


@receiver(signals.challenges_answered, dispatch_uid="notifications.challenges_answered")
def challenges_answered(sender, review_comments, **kwargs):
    _after_commit(Kind.CHALLENGE_ANSWERED, [comment.pk for comment in review_comments])


@receiver(story_signals.story_sent_for_review, dispatch_uid="notifications.story_sent_for_review")
def story_sent_for_review(sender, story, note, **kwargs):
    _after_commit(Kind.STORY_REVIEW_WAITING, [note.pk])


@receiver(story_signals.story_changes_asked, dispatch_uid="notifications.story_changes_asked")
def story_changes_asked(sender, story, note, **kwargs):
    _after_commit(Kind.STORY_CHANGES_ASKED, [note.pk])


@receiver(signals.statement_returned, dispatch_uid="notifications.statement_returned")
def statement_returned(sender, sign_up, **kwargs):
    _after_commit(Kind.STATEMENT_RETURNED, [sign_up.pk])


@receiver(joining_signals.join_request_received, dispatch_uid="notifications.join_request_received")
def join_request_received(sender, join_request, **kwargs):
    _after_commit(Kind.JOIN_REQUEST_WAITING, [join_request.pk])


@receiver(commissioning_signals.application_decided, dispatch_uid="notifications.application_decided")
def application_decided(sender, application, **kwargs):
    _after_commit(Kind.APPLICATION_DECIDED, [application.pk])


@receiver(commissioning_signals.question_answered, dispatch_uid="notifications.question_answered")
def question_answered(sender, question, **kwargs):
    _after_commit(Kind.QUESTION_ANSWERED, [question.pk])


@receiver(commissioning_signals.panel_member_added, dispatch_uid="notifications.panel_member_added")
def panel_member_added(sender, place, **kwargs):
    _after_commit(Kind.PANEL_PLACE, [place.pk])


@receiver(commissioning_signals.round_withdrawn, dispatch_uid="notifications.round_withdrawn")
def round_withdrawn(sender, round, **kwargs):
    _after_commit(Kind.ROUND_WITHDRAWN, [round.pk])
