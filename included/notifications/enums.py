from django.db import models


class Kind(models.TextChoices):
    """The kinds of email Included sends when something waits for someone. Each person chooses how they get each."""

    REVIEWER_ASSIGNED = "reviewer_assigned", "You are asked to review a self-assessment"
    CYCLE_SUBMITTED = "cycle_submitted", "A self-assessment is ready for reviewers"
    REVIEW_FINISHED = "review_finished", "A reviewer has finished a review of your organisation"
    CHALLENGE_ANSWERED = "challenge_answered", "An organisation answered your challenge"
    INVITATION_REMINDER = "invitation_reminder", "An invitation you have not used yet"
    CONTRIBUTION_WAITING = "contribution_waiting", "What someone said is still waiting for a response"
    SERVICE_CHECK_DUE = "service_check_due", "A service in the directory is due a check"
    STORY_REVIEW_WAITING = "story_review_waiting", "A story waits for your review"
    STORY_CHANGES_ASKED = "story_changes_asked", "A reviewer asked for changes to your story"
    JOIN_REQUEST_WAITING = "join_request_waiting", "An organisation asks to join your partnership"
    STATEMENT_RETURNED = "statement_returned", "A coordinator sent your statement back"
    APPLICATION_DECIDED = "application_decided", "A decision on your application for funding is ready"
    QUESTION_ANSWERED = "question_answered", "Your question or appeal about funding has an answer"
    PANEL_PLACE = "panel_place", "You are asked to sit on a funding panel"
    ROUND_WITHDRAWN = "round_withdrawn", "A funding round you applied to was withdrawn"


class Frequency(models.TextChoices):
    AT_ONCE = "at_once", "Straight away"
    WEEKLY = "weekly", "In one email each week"
    NEVER = "never", "Never"


class Status(models.TextChoices):
    """What became of one thing Included had to tell one person."""

    WAITING = "waiting", "Waiting for the weekly email"
    SENT = "sent", "Emailed"
    SKIPPED = "skipped", "Not emailed: the person chose never"
    DROPPED = "dropped", "Not emailed: done before the weekly email"


# The "stop these emails" link in a weekly email stops the weekly email: every kind the person gets that way.
WEEKLY_EMAIL = "weekly"
