from django.db import models


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", "In progress"
    SUBMITTED = "submitted", "Submitted"
    IN_REVIEW = "in_review", "Being reviewed"
    REVIEWED = "reviewed", "Reviewed"


class Involvement(models.TextChoices):
    YES = "yes", "Yes, people with lived experience took part"
    PARTLY = "partly", "Partly: we asked for their views"
    NO = "no", "No, not this time"


class ActionStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"


class ReviewStatus(models.TextChoices):
    ASSIGNED = "assigned", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETED = "completed", "Completed"


class Verdict(models.TextChoices):
    AGREE = "agree", "I agree with this rating"
    CHALLENGE = "challenge", "I challenge this rating"
