"""A person's own place: "Facts About Me", what they share and with whom, and who looked.

Everything the person writes is encrypted at rest (core/crypto.py). A share names sections by key (registry.py), so the
sections of other apps (wellbeing, and later peer connections) are shared, stopped and logged the same way.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from included.access.rules import organisations_of, partnerships_reviewed_by
from included.core.crypto import EncryptedTextField
from included.core.models import TimeStampedModel

from .enums import ConsentAction, FactSection, ShareRecipient

SECTION_KEY_PREFIX = "people."


class Fact(TimeStampedModel):
    """One section of "Facts About Me", in the person's own words. Private unless a share names it."""

    TEXT_LIMIT = 3000

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="facts")
    section = models.CharField(max_length=20, choices=FactSection.choices)
    text = EncryptedTextField()

    class Meta:
        ordering = ["person", "section"]
        constraints = [models.UniqueConstraint(fields=["person", "section"], name="one_fact_per_section")]

    def __str__(self):
        # Never the words themselves: this is what logs, the admin and error reports show.
        return f"{self.get_section_display()} (person {self.person_id})"

    @property
    def share_key(self):
        return SECTION_KEY_PREFIX + self.section


class ShareQuerySet(models.QuerySet):
    def current(self, now=None):
        """Shares that are open now: not stopped, and not past the end the person chose."""
        now = now or timezone.now()
        return self.filter(stopped_at__isnull=True, ends_at__gt=now)

    def visible_to(self, user, now=None):
        """Shares this person may read now: open, and either to an organisation they belong to (to everyone there
        or naming them), or to them as a reviewer of a partnership they still review for. Coordinators, other
        reviewers and other organisations see none of them (the rule is access.rules.can_read_share)."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        to_their_organisation = Q(recipient=ShareRecipient.ORGANISATION, organisation__in=organisations_of(user)) & (
            Q(everyone_there=True) | Q(only_people=user)
        )
        to_them_as_reviewer = Q(
            recipient=ShareRecipient.REVIEWER, reviewer=user, partnership__in=partnerships_reviewed_by(user)
        )
        return self.current(now).filter(to_their_organisation | to_them_as_reviewer).distinct()


class Share(TimeStampedModel):
    """The person lets someone read chosen sections, until a date they chose or until they stop it, whichever comes
    first. The recipient is an organisation (all its members, or only named people there) or one lived-experience
    reviewer of a partnership (only while they are a reviewer there)."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="shares")
    recipient = models.CharField(max_length=20, choices=ShareRecipient.choices, default=ShareRecipient.ORGANISATION)
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, null=True, blank=True, related_name="shares"
    )
    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, null=True, blank=True, related_name="reviewer_shares"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="shared_with_me_as_reviewer",
    )
    everyone_there = models.BooleanField(default=True)
    only_people = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="shared_with_me")
    sections = models.JSONField(default=list)
    ends_at = models.DateTimeField()
    stopped_at = models.DateTimeField(null=True, blank=True)

    objects = ShareQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    recipient=ShareRecipient.ORGANISATION,
                    organisation__isnull=False,
                    partnership__isnull=True,
                    reviewer__isnull=True,
                )
                | Q(
                    recipient=ShareRecipient.REVIEWER,
                    organisation__isnull=True,
                    partnership__isnull=False,
                    reviewer__isnull=False,
                    everyone_there=False,
                ),
                name="share_names_one_kind_of_recipient",
            ),
        ]

    def __str__(self):
        return f"Share {self.pk} from person {self.person_id}"

    @property
    def is_to_reviewer(self):
        return self.recipient == ShareRecipient.REVIEWER

    @property
    def recipient_name(self):
        """Who it is shared with, as the person's pages say it."""
        if self.is_to_reviewer:
            return f"{self.reviewer.name or 'A reviewer'}, lived-experience reviewer at {self.partnership.name}"
        return self.organisation.name

    def is_current(self, now=None):
        now = now or timezone.now()
        return self.stopped_at is None and self.ends_at > now


class ConsentRecord(models.Model):
    """What the person agreed to and when: written once, never changed. Only erasing the account removes it."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consent_records")
    share = models.ForeignKey(Share, on_delete=models.SET_NULL, null=True, related_name="consent_records")
    action = models.CharField(max_length=10, choices=ConsentAction.choices)
    sections = models.JSONField(default=list)
    shared_with = models.CharField(max_length=250)
    ends_at = models.DateTimeField(null=True, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.get_action_display()} ({self.at:%Y-%m-%d})"

    def save(self, *args, **kwargs):
        if self.pk is not None and not kwargs.get("force_insert"):
            raise ValidationError("Consent records are never changed once written.")
        super().save(*args, **kwargs)


class SectionViewQuerySet(models.QuerySet):
    def of_person(self, person):
        return (
            self.filter(person=person)
            .select_related("viewer", "share__organisation", "share__partnership", "share__reviewer")
            .order_by("-at", "-pk")
        )


class SectionView(models.Model):
    """Someone else read one of the person's shared sections: who, when, through which share."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="section_views")
    share = models.ForeignKey(Share, on_delete=models.CASCADE, related_name="views")
    viewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    section = models.CharField(max_length=60)
    at = models.DateTimeField(default=timezone.now)

    objects = SectionViewQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["person", "-at"])]

    def __str__(self):
        return f"Section {self.section} read {self.at:%Y-%m-%d}"
