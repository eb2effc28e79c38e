import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from included.core.models import TimeStampedModel

from . import inviter_message
from .enums import InvitationKind, InvitationStatus


def hash_token(token):
    return hashlib.sha256(token.encode()).hexdigest()


class InvitationQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(accepted_at__isnull=True, withdrawn_at__isnull=True, expires_at__gt=timezone.now())

    def for_token(self, token):
        return self.filter(token_hash=hash_token(token or ""))

    def for_partnership(self, partnership):
        return self.filter(partnership=partnership)

    def matching(self, text):
        """Invitations whose name, email address or organisation contains `text`; all of them if it is empty."""
        if not text:
            return self
        return self.filter(
            models.Q(name__icontains=text)
            | models.Q(email__icontains=text)
            | models.Q(organisation__name__icontains=text)
        )


class Invitation(TimeStampedModel):
    """An email link that lets one person join a partnership in one role. Only a hash of the token is stored.

    The table keeps the name it had when invitations lived in the `partnerships` app.
    """

    partnership = models.ForeignKey("partnerships.Partnership", on_delete=models.CASCADE, related_name="invitations")
    # Blank only for an assisted sign-up started without an address: the person claims it with a printed code.
    email = models.EmailField(blank=True)
    name = models.CharField(max_length=150, blank=True)
    kind = models.CharField(max_length=30, choices=InvitationKind.choices)
    organisation = models.ForeignKey(
        "organisations.Organisation", null=True, blank=True, on_delete=models.CASCADE, related_name="invitations"
    )
    message = models.TextField(blank=True)
    token_hash = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField()
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="invitations_sent"
    )
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    # An assisted sign-up (assisted.py): someone at the organisation helped start it, and the person claims it with
    # a printed code (only a keyed hash of it is kept) or, if an address was given, with the emailed link.
    assisted = models.BooleanField(default=False)
    claim_code_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        db_table = "partnerships_invitation"
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind__in=["organisation_admin", "organisation_member"])
                | models.Q(organisation__isnull=False),
                name="organisation_invitation_names_organisation",
            ),
            models.CheckConstraint(
                condition=~models.Q(email="") | models.Q(assisted=True), name="invitation_has_email_unless_assisted"
            ),
            models.CheckConstraint(
                condition=models.Q(assisted=False) | models.Q(kind="person", organisation__isnull=False),
                name="assisted_sign_up_is_for_a_person_from_an_organisation",
            ),
        ]
        indexes = [
            models.Index(Lower("email"), name="invitation_email_idx"),
            # The coordinators' list, newest first, a page at a time.
            models.Index(fields=["partnership", "created_at", "id"], name="invitation_list_idx"),
        ]

    def __str__(self):
        if self.assisted:
            return f"Assisted sign-up {self.pk}"
        return f"{self.get_kind_display()} invitation for {self.email}"

    @classmethod
    def new_token(cls):
        return secrets.token_urlsafe(32)

    @staticmethod
    def hash_token_value(token):
        return hash_token(token)

    @staticmethod
    def default_expiry():
        return timezone.now() + timedelta(days=settings.INVITATION_DAYS)

    @property
    def status(self):
        if self.accepted_at:
            return InvitationStatus.ACCEPTED
        if self.withdrawn_at:
            return InvitationStatus.WITHDRAWN
        if self.expires_at <= timezone.now():
            return InvitationStatus.EXPIRED
        return InvitationStatus.PENDING

    @property
    def is_usable(self):
        return self.status == InvitationStatus.PENDING

    @property
    def message_lines(self):
        """The inviter's message as lines of plain text, without links, however it was saved."""
        return inviter_message.tidy(self.message).splitlines()
