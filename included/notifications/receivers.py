"""Listening to the apps whose events wait for someone. They send signals and know nothing of this app.

Each receiver runs inside the transaction of the change, and only asks for the emails once it commits: nothing is
sent for a change that was rolled back, and if making the emails goes wrong, the person's change still stands (the
error is logged).
"""

from functools import partial

from django.db import transaction
from django.dispatch import receiver

from included.assessments import signals
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
