from django.db import models


class EmailStatus(models.TextChoices):
    """Where an email in the outbox has got to. See included/core/mail.py."""

    WAITING = "waiting", "Waiting to be sent"
    SENDING = "sending", "Being sent"
    SENT = "sent", "Sent"
    FAILED = "failed", "Not sent: Included gave up"
    CANCELLED = "cancelled", "Not sent: no longer wanted"
