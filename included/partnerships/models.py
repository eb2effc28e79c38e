from django.db import models

from included.core.models import TimeStampedModel


class Partnership(TimeStampedModel):
    """The tenant: a local inclusive-employment partnership. Every record belongs to one."""

    name = models.CharField(max_length=150)
    slug = models.SlugField(max_length=60, unique=True)
    area = models.CharField(max_length=150, help_text="The place the partnership covers, like a county or city.")
    description = models.TextField(blank=True)
    short_notice_days = models.PositiveSmallIntegerField(
        default=14, help_text="Fewer days' notice than this counts as short notice for taking part."
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name
