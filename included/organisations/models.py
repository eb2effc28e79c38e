from django.db import models
from django.db.models import Value
from django.db.models.functions import Replace, Upper

from included.core.models import TimeStampedModel

from .enums import Sector, Size


class OrganisationQuerySet(models.QuerySet):
    def for_partnership(self, partnership):
        return self.filter(partnership=partnership)

    def active(self):
        """Organisations a coordinator has not archived: the ones the register and coordinators' lists show."""
        return self.filter(archived_at__isnull=True)

    def archived(self):
        return self.filter(archived_at__isnull=False)


class Organisation(TimeStampedModel):
    """A member of a partnership: a council, an employer, a charity, a college, a funder or a community group."""

    partnership = models.ForeignKey("partnerships.Partnership", on_delete=models.CASCADE, related_name="organisations")
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80)
    sector = models.CharField(max_length=20, choices=Sector.choices)
    size = models.CharField(max_length=10, choices=Size.choices)
    lived_experience_led = models.BooleanField(
        "Led by people with lived experience",
        default=False,
        help_text="Most of the people who run it have lived experience of barriers to work.",
    )
    local_area = models.CharField(max_length=150, blank=True)
    website = models.URLField(max_length=300, blank=True)
    registration_number = models.CharField(
        "Charity or company number",
        max_length=20,
        blank=True,
        help_text="Leave this empty if you do not have one. Small groups are welcome without one.",
    )
    # Archived by a coordinator: hidden from the register and from coordinators' usual lists. Nothing is deleted.
    archived_at = models.DateTimeField(null=True, blank=True)
    # Bumped on every change of the details, so two admins editing at once are told (core.versions).
    version = models.PositiveIntegerField(default=1)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "slug"], name="organisation_slug_unique_in_partnership"),
            models.CheckConstraint(condition=models.Q(sector__in=Sector.values), name="organisation_sector_known"),
            models.CheckConstraint(condition=models.Q(size__in=Size.values), name="organisation_size_known"),
        ]
        # Lists of a partnership's organisations (or of their sign-ups and cycles) by name walk this index a page at a
        # time, instead of sorting every member.
        indexes = [
            models.Index(fields=["partnership", "name"], name="organisation_name_idx"),
            # Requests to join are checked against members with the same charity or company number, written any
            # way (joining.duplicates compares it in capitals without spaces).
            models.Index(Upper(Replace("registration_number", Value(" "), Value(""))), name="organisation_number_idx"),
        ]

    def __str__(self):
        return self.name

    @property
    def is_archived(self):
        return self.archived_at is not None
