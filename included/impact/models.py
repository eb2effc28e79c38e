from django.conf import settings
from django.db import models

from included.core.models import TimeStampedModel

from .enums import FactKind, ReportSection, ReportStatus

EVIDENCE_URL_LENGTH = 500


class PartnershipFactQuerySet(models.QuerySet):
    def for_partnership(self, partnership):
        return self.filter(partnership=partnership)


class PartnershipFact(TimeStampedModel):
    """Something the partnership achieved that only a coordinator can know, dated, with a link to show it."""

    partnership = models.ForeignKey("partnerships.Partnership", on_delete=models.CASCADE, related_name="impact_facts")
    kind = models.CharField("What happened", max_length=30, choices=FactKind.choices)
    description = models.TextField("Say what it was", max_length=2000)
    happened_on = models.DateField("When it happened")
    evidence_url = models.URLField("A web page that shows it", max_length=EVIDENCE_URL_LENGTH)
    amount = models.DecimalField(
        "Amount in pounds (if there was one)", max_digits=12, decimal_places=2, null=True, blank=True
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    objects = PartnershipFactQuerySet.as_manager()

    class Meta:
        ordering = ["-happened_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(kind__in=FactKind.values), name="impact_fact_kind_known"),
            models.CheckConstraint(
                condition=models.Q(amount__isnull=True) | models.Q(amount__gte=0),
                name="impact_fact_amount_not_negative",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.happened_on})"


class SocialMobilityReturnQuerySet(models.QuerySet):
    def for_partnership(self, partnership):
        return self.filter(assessment__organisation__partnership=partnership)


class SocialMobilityReturn(TimeStampedModel):
    """An employer's counts of its workforce by socio-economic background, for one cycle, grouped as the Social
    Mobility Commission recommends. Only totals: Included never holds anyone's own answer."""

    assessment = models.OneToOneField(
        "assessments.Assessment", on_delete=models.CASCADE, related_name="social_mobility"
    )
    professional = models.PositiveIntegerField("Professional backgrounds")
    intermediate = models.PositiveIntegerField("Intermediate backgrounds")
    working_class = models.PositiveIntegerField("Working-class backgrounds")
    other = models.PositiveIntegerField("Other, or preferred not to say")
    collected_on = models.DateField("When you asked")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    objects = SocialMobilityReturnQuerySet.as_manager()

    class Meta:
        ordering = ["-collected_on", "-id"]

    def __str__(self):
        return f"Social mobility figures for {self.assessment}"

    @property
    def counts(self):
        return [self.professional, self.intermediate, self.working_class, self.other]

    @property
    def total(self):
        return sum(self.counts)


class AnnualReportQuerySet(models.QuerySet):
    def for_partnership(self, partnership):
        return self.filter(partnership=partnership)

    def published(self):
        return self.filter(status=ReportStatus.PUBLISHED)

    def drafts(self):
        return self.filter(status=ReportStatus.DRAFT)


class AnnualReport(TimeStampedModel):
    """One version of a partnership's report on one year. A published version never changes: a change is a new
    version, and the newest published one is the report the public sees."""

    partnership = models.ForeignKey("partnerships.Partnership", on_delete=models.CASCADE, related_name="reports")
    year = models.PositiveSmallIntegerField()
    number = models.PositiveSmallIntegerField(default=1, help_text="1 for the first version of a year's report.")
    status = models.CharField(max_length=20, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    introduction = models.TextField(ReportSection.INTRODUCTION.label, blank=True, max_length=20000)
    what_we_learnt = models.TextField(ReportSection.WHAT_WE_LEARNT.label, blank=True, max_length=20000)
    what_we_saw = models.TextField(ReportSection.WHAT_WE_SAW.label, blank=True, max_length=20000)
    # Bumped on every change of the words; the PDF remembers which words it was built from.
    version = models.PositiveIntegerField(default=1)
    # The published figures as they stood when the PDF was built: the report shows these, never live ones.
    figures = models.JSONField(default=dict, blank=True)
    pdf = models.BinaryField(null=True, blank=True, editable=False)
    pdf_version = models.PositiveIntegerField(null=True, blank=True)
    pdf_task_id = models.CharField(max_length=64, blank=True)
    pdf_built_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = AnnualReportQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "year", "number"], name="one_report_version_per_number"),
            models.UniqueConstraint(
                fields=["partnership", "year"], condition=models.Q(status="draft"), name="one_draft_report_per_year"
            ),
            models.CheckConstraint(condition=models.Q(status__in=ReportStatus.values), name="report_status_known"),
            models.CheckConstraint(
                condition=models.Q(status="draft")
                | (models.Q(published_at__isnull=False) & models.Q(pdf__isnull=False)),
                name="published_report_has_date_and_pdf",
            ),
            models.CheckConstraint(condition=models.Q(year__gte=2000, year__lte=2200), name="report_year_sensible"),
        ]

    def __str__(self):
        return f"{self.partnership} report for {self.year} (version {self.number})"

    @property
    def is_published(self):
        return self.status == ReportStatus.PUBLISHED

    @property
    def pdf_is_current(self):
        """The PDF was built from the words as they are now."""
        return self.pdf_built_at is not None and self.pdf_version == self.version

    def section_text(self, section):
        return getattr(self, section)

    @property
    def title(self):
        return f"{self.partnership.name}: annual report {self.year}"
