from django.db import models


class PartnershipRole(models.TextChoices):
    COORDINATOR = "coordinator", "Partnership coordinator"
    REVIEWER = "reviewer", "Lived-experience reviewer"


class MemberRole(models.TextChoices):
    ADMIN = "admin", "Admin"
    MEMBER = "member", "Member"
