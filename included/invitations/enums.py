from django.db import models


class InvitationKind(models.TextChoices):
    ORGANISATION_ADMIN = "organisation_admin", "Organisation admin"
    ORGANISATION_MEMBER = "organisation_member", "Organisation member"
    REVIEWER = "reviewer", "Lived-experience reviewer"
    COORDINATOR = "coordinator", "Partnership coordinator"


class InvitationStatus(models.TextChoices):
    PENDING = "pending", "Waiting"
    ACCEPTED = "accepted", "Accepted"
    EXPIRED = "expired", "Expired"
    WITHDRAWN = "withdrawn", "Withdrawn"


STATUS_TAG_COLOURS = {
    InvitationStatus.PENDING: "blue",
    InvitationStatus.ACCEPTED: "green",
    InvitationStatus.EXPIRED: "grey",
    InvitationStatus.WITHDRAWN: "grey",
}
