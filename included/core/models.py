import datetime
import re
from email.utils import parseaddr

from django.apps import apps
from django.conf import settings
from django.db import connections, models
from django.utils import timezone

from .enums import EmailStatus


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


MENTION = re.compile(r"\{(\w+)\}")


def _mention_text(thing):
    """How a mentioned person reads today: their name, else their email address (an invitation's address)."""
    if thing is None:
        return "someone"
    return getattr(thing, "name", "") or getattr(thing, "email", "") or "someone"


class AuditEventQuerySet(models.QuerySet):
    def for_partnership(self, partnership):
        return self.filter(partnership=partnership)

    def about(self, obj):
        return self.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))

    def with_text(self):
        """The rows, each with `text` filled in, looking up everyone they mention in one query per kind."""
        events = list(self)
        wanted = {}
        for event in events:
            for label, pk in event.mentions.values():
                wanted.setdefault(label, set()).add(pk)
        found = {}
        for label, pks in wanted.items():
            model = apps.get_model(label)
            found.update({(label, thing.pk): thing for thing in model._default_manager.filter(pk__in=pks)})
        for event in events:
            event._mentioned = {key: found.get((label, pk)) for key, (label, pk) in event.mentions.items()}
        return events


class AuditEvent(models.Model):
    """One row per change that matters, and per view of sensitive data: who, what, when."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    partnership = models.ForeignKey(
        "partnerships.Partnership", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    action = models.CharField(max_length=80, db_index=True)
    object_type = models.CharField(max_length=100, blank=True)
    object_id = models.CharField(max_length=40, blank=True)
    summary = models.CharField(max_length=300, blank=True, help_text="People appear as {placeholders}: see text.")
    mentions = models.JSONField(
        default=dict, blank=True, help_text="Who each placeholder in the summary stands for: [model, id]."
    )
    details = models.JSONField(default=dict, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.text}"

    @property
    def text(self):
        """The summary as it reads today, with each mentioned person's current name filled in."""
        mentioned = getattr(self, "_mentioned", None)
        if mentioned is None:
            mentioned = {}
            for key, (label, pk) in self.mentions.items():
                mentioned[key] = apps.get_model(label)._default_manager.filter(pk=pk).first()
        return MENTION.sub(
            lambda match: _mention_text(mentioned[match[1]]) if match[1] in mentioned else match[0], self.summary
        )


class OutgoingEmailQuerySet(models.QuerySet):
    def due(self, now):
        """Waiting, and its time to be tried has come."""
        return self.filter(status=EmailStatus.WAITING, next_attempt_at__lte=now)

    def stale(self, now):
        """Claimed for sending so long ago that the send must have been cut off (the worker stopped mid-send)."""
        limit = now - datetime.timedelta(seconds=settings.EMAIL_SENDING_STALE_SECONDS)
        return self.filter(status=EmailStatus.SENDING, claimed_at__lt=limit)

    def failed(self):
        return self.filter(status=EmailStatus.FAILED)

    def to_address(self, address):
        return self.filter(recipient__iexact=address)


class OutgoingEmail(models.Model):
    """One email Included sends: the outbox. Only included/core/mail.py writes these rows.

    The row is written in the same transaction as the change that causes it, so an email exists exactly when its
    change does; a task sends it, and tries again later if the mail server is down.
    """

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    recipient = models.EmailField()
    from_email = models.CharField(max_length=320, blank=True, help_text="Empty: DEFAULT_FROM_EMAIL when sent.")
    subject = models.TextField()
    body = models.TextField()
    html_body = models.TextField(blank=True)
    key = models.CharField(
        max_length=100, blank=True, help_text="Names what the email is about, so the same email is never queued twice."
    )
    status = models.CharField(max_length=10, choices=EmailStatus.choices, default=EmailStatus.WAITING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    claimed_at = models.DateTimeField(null=True, blank=True, help_text="When the send under way began.")
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)

    objects = OutgoingEmailQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "outgoing email"
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outgoing_email_due_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=EmailStatus.values), name="outgoing_email_status_known"
            ),
            models.CheckConstraint(
                condition=~models.Q(status=EmailStatus.SENT) | models.Q(sent_at__isnull=False),
                name="sent_email_has_sent_at",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=EmailStatus.SENDING) | models.Q(claimed_at__isnull=False),
                name="email_being_sent_has_claimed_at",
            ),
            models.UniqueConstraint(fields=["key"], condition=~models.Q(key=""), name="outgoing_email_key_unique"),
        ]

    def __str__(self):
        return f"{self.subject} (to {self.recipient}, {self.get_status_display().lower()})"

    @property
    def message_id(self):
        """The same Message-ID on every try, so a mail program can tell a second copy for what it is."""
        domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "included.invalid"
        return f"<outbox.{self.pk}.{self.created_at:%Y%m%d%H%M%S}@{domain}>"


class FormReceipt(models.Model):
    """A form that was sent and acted on, by the one-time token it carried (see core.receipts).

    A second POST of the same form finds this receipt and gets the first result, instead of making a second row.
    """

    scope = models.CharField(max_length=100, help_text="Which form, for which record: 'assessments.action:42'.")
    token = models.CharField(max_length=64)
    object_id = models.CharField(max_length=40, blank=True, help_text="The row the first POST made.")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["scope", "token"], name="one_receipt_per_form_token")]

    def __str__(self):
        return f"{self.scope} {self.created_at:%Y-%m-%d %H:%M}"


# SQLite and PostgreSQL both take this "upsert"; the ORM has no way to add to a column and read the sum back.
_ADD_ONE = """
    INSERT INTO "core_ratecount" ("key", "count", "expires_at") VALUES (%s, 1, %s)
    ON CONFLICT ("key") DO UPDATE SET "count" = "core_ratecount"."count" + 1
    RETURNING "count"
"""


class RateCountQuerySet(models.QuerySet):
    def add_one(self, key, expires_at):
        """Add 1 to the count under `key`, starting it at 1 if there is none, and return the new count: one
        statement, so two requests counted at the same moment are both counted."""
        connection = connections[self.db]
        with connection.cursor() as cursor:
            cursor.execute(_ADD_ONE, [key, connection.ops.adapt_datetimefield_value(expires_at)])
            return cursor.fetchone()[0]

    def expired(self, now):
        return self.filter(expires_at__lt=now)


class RateCount(models.Model):
    """How many requests one visitor has made in one window of one rate limit (core/throttle.py).

    The counts have a table of their own rather than a place in the cache: the cache adds 1 by reading the count and
    writing it back, so requests sent at the same moment would each be counted as one; and a full cache may throw a
    count away to make room.
    """

    key = models.CharField(max_length=200, primary_key=True, help_text="The limit, who is counted, and the window.")
    count = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)

    objects = RateCountQuerySet.as_manager()

    def __str__(self):
        return f"{self.key}: {self.count}"
