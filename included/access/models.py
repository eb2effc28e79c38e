"""Who holds which role: a person's roles across a partnership, and their place in each organisation.

These rows are what every rule in `rules.py` reads. The tables keep the names they had when the models lived in
the `partnerships` and `organisations` apps, so moving them here changed no data.
"""

from django.conf import settings
from django.db import models

from included.core.models import TimeStampedModel

from .enums import MemberRole, PartnershipRole


class PartnershipRoleQuerySet(models.QuerySet):
    def coordinators(self):
        return self.filter(role=PartnershipRole.COORDINATOR)

    def reviewers(self):
        return self.filter(role=PartnershipRole.REVIEWER)


class PartnershipMember(TimeStampedModel):
    """A role a person holds across a whole partnership: coordinator or lived-experience reviewer."""

    partnership = models.ForeignKey("partnerships.Partnership", on_delete=models.CASCADE, related_name="roles")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="partnership_roles")
    role = models.CharField(max_length=20, choices=PartnershipRole.choices)

    objects = PartnershipRoleQuerySet.as_manager()

    class Meta:
        db_table = "partnerships_partnershipmember"
        ordering = ["partnership", "role", "user__name"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "user", "role"], name="one_role_row_per_person"),
            models.CheckConstraint(
                condition=models.Q(role__in=PartnershipRole.values), name="partnership_role_is_known"
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()} – {self.partnership}"


class OrganisationMember(TimeStampedModel):
    """A person's place in an organisation: an admin runs its pages and people, a member works on them."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="organisation_memberships"
    )
    role = models.CharField(max_length=10, choices=MemberRole.choices, default=MemberRole.MEMBER)

    class Meta:
        db_table = "organisations_organisationmember"
        ordering = ["organisation__name", "user__name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"], name="one_membership_per_person"),
            models.CheckConstraint(condition=models.Q(role__in=MemberRole.values), name="member_role_known"),
        ]

    def __str__(self):
        return f"{self.user} – {self.organisation} ({self.get_role_display()})"

    @property
    def is_admin(self):
        return self.role == MemberRole.ADMIN
