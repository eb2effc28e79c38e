from django.db import models


class JoinRequestStatus(models.TextChoices):
    PENDING = "pending", "Waiting for a decision"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"


STATUS_TAG_COLOURS = {
    JoinRequestStatus.PENDING: "blue",
    JoinRequestStatus.ACCEPTED: "green",
    JoinRequestStatus.DECLINED: "grey",
}
