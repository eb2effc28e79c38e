import hashlib

from django.conf import settings
from django.db import models

from included.core.models import TimeStampedModel

from .enums import Frequency, Kind, Status


class Preference(TimeStampedModel):
    """How one person wants one kind of email. Without a row, they get the kind's default (kinds.DEFAULTS)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="email_preferences")
    kind = models.CharField(max_length=40, choices=Kind.choices)
    frequency = models.CharField(max_length=10, choices=Frequency.choices)

    class Meta:
        ordering = ["user", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="one_email_preference_per_kind"),
            models.CheckConstraint(condition=models.Q(kind__in=Kind.values), name="email_preference_kind_known"),
            models.CheckConstraint(
                condition=models.Q(frequency__in=Frequency.values), name="email_preference_frequency_known"
            ),
        ]

    def __str__(self):
        return f"{self.user}: {self.get_kind_display()} – {self.get_frequency_display()}"


class StoppedAddressQuerySet(models.QuerySet):
    def stop(self, email, kind):
        """Record that an address without an account wants no more of one kind of email. The signed link in the
        email is the permission: there is nobody signed in to ask. Returns True if this is new."""
        _, created = self.get_or_create(email=email.strip().lower(), kind=kind)
        return created

    def has_stopped(self, email, kind):
        return self.filter(email=email.strip().lower(), kind=kind).exists()


class StoppedAddress(models.Model):
    """Someone with no account (a person who was invited) asked for no more of one kind of email."""

    email = models.EmailField()
    kind = models.CharField(max_length=40, choices=Kind.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = StoppedAddressQuerySet.as_manager()

    class Meta:
        ordering = ["email", "kind"]
        verbose_name_plural = "stopped addresses"
        constraints = [
            models.UniqueConstraint(fields=["email", "kind"], name="one_stop_per_address_and_kind"),
            models.CheckConstraint(condition=models.Q(kind__in=Kind.values), name="stopped_address_kind_known"),
        ]

    def __str__(self):
        return f"{self.email}: {self.get_kind_display()}"


class NotificationQuerySet(models.QuerySet):
    def waiting(self):
        return self.filter(status=Status.WAITING)


class Notification(models.Model):
    """One thing Included had to tell one person about, and what became of it.

    `key` names the event and the person, so nobody is told twice about the same thing, however often the event's
    signal or the reminder job runs. The row keeps no words: the email is written from the thing itself when it is
    sent, so it never says something that has changed since, and a weekly email can leave out what is already done.
    """

    kind = models.CharField(max_length=40, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField(help_text="The thing it is about; the kind says what that is.")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="notifications"
    )
    email = models.EmailField(help_text="Where it goes. For someone with no account yet, the only way to reach them.")
    key = models.CharField(max_length=120, unique=True)
    frequency = models.CharField(max_length=10, choices=Frequency.choices, help_text="What the person chose then.")
    status = models.CharField(max_length=10, choices=Status.choices)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    email_key = models.CharField(max_length=100, blank=True, help_text="The outbox email it went in.")

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["status", "user"], name="notification_waiting_idx")]
        constraints = [
            models.CheckConstraint(condition=models.Q(kind__in=Kind.values), name="notification_kind_known"),
            models.CheckConstraint(condition=models.Q(status__in=Status.values), name="notification_status_known"),
            models.CheckConstraint(
                condition=~models.Q(status=Status.WAITING) | models.Q(user__isnull=False),
                name="only_people_with_accounts_wait_for_the_weekly_email",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=Status.SENT) | models.Q(sent_at__isnull=False),
                name="sent_notification_has_sent_at",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.get_status_display().lower()})"

    @staticmethod
    def key_for(kind, object_id, *, user=None, email="", event=""):
        """The same event for the same person always has the same key. `event` tells apart two events about the
        same thing (kinds.KindOfEmail.event)."""
        who = (
            f"u{user.pk}" if user is not None else "e" + hashlib.sha256(email.strip().lower().encode()).hexdigest()[:20]
        )
        return f"{kind}:{object_id}{event}:{who}"
