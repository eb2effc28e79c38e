from django.db import models


class InvitationKind(models.TextChoices):
    ORGANISATION_ADMIN = "organisation_admin", "Organisation admin"
    ORGANISATION_MEMBER = "organisation_member", "Organisation member"
    REVIEWER = "reviewer", "Lived-experience reviewer"
    COORDINATOR = "coordinator", "Partnership coordinator"
    # Someone the organisation supports, invited to a place of their own (included.people). It gives no role in the
    # organisation or the partnership: they see nothing of the organisation's work, and it sees only what they share.
    PERSON = "person", "Person the organisation supports"


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
