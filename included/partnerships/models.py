from django.db import models
from django.db.models.functions import Now

from included.access.enums import PartnershipRole
from included.core.models import TimeStampedModel

from .enums import DataLicence

# What the settings a coordinator may change can be, so a typing slip cannot switch a reminder off or make it yearly.
LONGEST_DAYS = 365


class PartnershipQuerySet(models.QuerySet):
    def with_counts(self):
        """Each partnership with how many organisations and coordinators it has, and how many coordinators are
        invited and have not joined yet: for the host's list."""
        return self.annotate(
            organisation_count=models.Count("organisations", distinct=True),
            coordinator_count=models.Count(
                "roles", filter=models.Q(roles__role=PartnershipRole.COORDINATOR), distinct=True
            ),
            # An invitation to coordinate has the same kind value as the role it offers.
            coordinators_invited=models.Count(
                "invitations",
                filter=models.Q(
                    invitations__kind=PartnershipRole.COORDINATOR,
                    invitations__accepted_at__isnull=True,
                    invitations__withdrawn_at__isnull=True,
                    invitations__expires_at__gt=Now(),
                ),
                distinct=True,
            ),
        )


class Partnership(TimeStampedModel):
    """The tenant: a local inclusive-employment partnership. Every record belongs to one."""

    name = models.CharField(max_length=150)
    slug = models.SlugField(max_length=60, unique=True)
    area = models.CharField(max_length=150, help_text="The place the partnership covers, like a county or city.")
    description = models.TextField(blank=True)
    contact_email = models.EmailField(
        "Public contact email", blank=True, help_text="Where the public and members can write to the partnership."
    )
    privacy_contact_name = models.CharField(
        "Who to ask about personal data", max_length=150, blank=True, help_text="A person or a team."
    )
    privacy_contact_email = models.EmailField("Email for questions about personal data", blank=True)
    short_notice_days = models.PositiveSmallIntegerField(
        default=14, help_text="Fewer days' notice than this counts as short notice for taking part."
    )
    invitation_reminder_days = models.PositiveSmallIntegerField(
        default=7, help_text="Remind someone who has not answered an invitation after this many days."
    )
    contribution_reminder_days = models.PositiveSmallIntegerField(
        default=14, help_text="Remind an organisation to say what it did with people's views after this many days."
    )
    statements_need_approval = models.BooleanField(
        default=False,
        help_text="A new or changed statement only goes on the public register once a coordinator approves it.",
    )
    data_licence = models.CharField(
        "Licence for the open data",
        max_length=20,
        choices=DataLicence.choices,
        default=DataLicence.OGL_3,
        help_text="The open licence the partnership's downloads and API are published under.",
    )
    # Published figures about fewer organisations or people than this are hidden (core.suppression). Never below 3.
    suppression_k = models.PositiveSmallIntegerField(
        "Smallest group shown",
        default=5,
        help_text="Figures about fewer organisations or people than this are not published. It cannot be below 3.",
    )
    # Bumped on every change of the details, so two coordinators editing at once are told (core.versions).
    version = models.PositiveIntegerField(default=1)

    objects = PartnershipQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(short_notice_days__gte=1, short_notice_days__lte=LONGEST_DAYS),
                name="partnership_short_notice_days_in_range",
            ),
            models.CheckConstraint(
                condition=models.Q(invitation_reminder_days__gte=1, invitation_reminder_days__lte=LONGEST_DAYS),
                name="partnership_invitation_reminder_days_in_range",
            ),
            models.CheckConstraint(
                condition=models.Q(contribution_reminder_days__gte=1, contribution_reminder_days__lte=LONGEST_DAYS),
                name="partnership_contribution_reminder_days_in_range",
            ),
            models.CheckConstraint(
                condition=models.Q(data_licence__in=DataLicence.values), name="partnership_data_licence_known"
            ),
            models.CheckConstraint(
                condition=models.Q(suppression_k__gte=3),
                name="partnership_suppression_k_at_least_3",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def privacy_email(self):
        """Where to write about personal data: the privacy contact, or else the partnership's public address."""
        return self.privacy_contact_email or self.contact_email

    @property
    def licence(self):
        return DataLicence(self.data_licence)
