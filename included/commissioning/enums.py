from django.db import models


class RoundKind(models.TextChoices):
    GRANTS = "grants", "Grants programme"
    TENDER = "tender", "Tender with lots"


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", "Sent"
    AWARDED = "awarded", "Awarded"
    DECLINED = "declined", "Not funded"


STATUS_TAG_COLOURS = {
    ApplicationStatus.SUBMITTED: "blue",
    ApplicationStatus.AWARDED: "green",
    ApplicationStatus.DECLINED: "grey",
}


class PanelRole(models.TextChoices):
    OFFICER = "officer", "Officer of the funder"
    LIVED_EXPERIENCE = "lived_experience", "Panel member with lived experience"


class QuestionKind(models.TextChoices):
    QUESTION = "question", "A question"
    APPEAL = "appeal", "An appeal against the decision"
