from django.conf import settings
from django.db import models

from included.core.models import TimeStampedModel
from included.organisations.enums import Sector, Size

from .enums import JoinRequestStatus


class JoinRequestQuerySet(models.QuerySet):
    def for_partnership(self, partnership):
        return self.filter(partnership=partnership)

    def pending(self):
        return self.filter(status=JoinRequestStatus.PENDING)

    def decided(self):
        return self.exclude(status=JoinRequestStatus.PENDING)

    def with_status(self, status):
        """Requests with this status; all of them for "" (or anything that is not a status)."""
        if status in JoinRequestStatus.values:
            return self.filter(status=status)
        return self

    def matching(self, text):
        """Requests whose organisation, area, number, contact name or email contains `text`; all for ""."""
        if not text:
            return self
        return self.filter(
            models.Q(organisation_name__icontains=text)
            | models.Q(local_area__icontains=text)
            | models.Q(registration_number__icontains="".join(text.split()))
            | models.Q(contact_name__icontains=text)
            | models.Q(contact_email__icontains=text)
        )

    def oldest_first(self):
        return self.order_by("created_at", "pk")

    def newest_first(self):
        return self.order_by("-created_at", "-pk")


class JoinRequest(TimeStampedModel):
    """An organisation asks to join a partnership, through the public form. A coordinator accepts or declines it.

    Accepting adds the organisation and invites the contact to be its first admin (organisations.services);
    the request keeps a link to both. The contact's details go after settings.RETAIN_DECIDED_JOIN_REQUESTS_DAYS
    once it is decided (joining.personal_data).
    """

    partnership = models.ForeignKey("partnerships.Partnership", on_delete=models.CASCADE, related_name="join_requests")
    organisation_name = models.CharField("Organisation name", max_length=200)
    sector = models.CharField(max_length=20, choices=Sector.choices)
    size = models.CharField(max_length=10, choices=Size.choices)
    local_area = models.CharField(max_length=150, blank=True)
    registration_number = models.CharField(
        "Charity or company number", max_length=20, blank=True, help_text="In capitals, without spaces."
    )
    # The person to reply to. Blank once their details are erased.
    contact_name = models.CharField(max_length=150, blank=True)
    contact_email = models.EmailField(blank=True)
    message = models.TextField("What they told us", blank=True)

    status = models.CharField(max_length=20, choices=JoinRequestStatus.choices, default=JoinRequestStatus.PENDING)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decline_reason = models.TextField(blank=True)
    organisation = models.ForeignKey(
        "organisations.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    invitation = models.ForeignKey(
        "invitations.Invitation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    contact_erased_at = models.DateTimeField(null=True, blank=True)

    objects = JoinRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=JoinRequestStatus.values), name="join_request_status_known"
            ),
            models.CheckConstraint(condition=models.Q(sector__in=Sector.values), name="join_request_sector_known"),
            models.CheckConstraint(condition=models.Q(size__in=Size.values), name="join_request_size_known"),
            # A decision has a date, and only a decision has one.
            models.CheckConstraint(
                condition=models.Q(status=JoinRequestStatus.PENDING, decided_at__isnull=True)
                | (~models.Q(status=JoinRequestStatus.PENDING) & models.Q(decided_at__isnull=False)),
                name="join_request_decided_when_decided",
            ),
        ]
        indexes = [models.Index(fields=["partnership", "status", "created_at"], name="join_request_list_idx")]

    def __str__(self):
        return f"Request to join from {self.organisation_name}"

    @property
    def is_pending(self):
        return self.status == JoinRequestStatus.PENDING

    @property
    def contact_erased(self):
        return self.contact_erased_at is not None
