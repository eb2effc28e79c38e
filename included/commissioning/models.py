from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils import timezone

from included.coproduction.enums import Recognition
from included.core.models import TimeStampedModel

from . import scoring
from .enums import ApplicationStatus, PanelRole, QuestionKind, RoundKind

MONEY = {"max_digits": 12, "decimal_places": 2}


class ScoringFrameworkQuerySet(models.QuerySet):
    def usable_in(self, partnership):
        """The shipped frameworks, and those this partnership's members wrote."""
        return self.filter(models.Q(partnership__isnull=True) | models.Q(partnership=partnership))


class ScoringFramework(TimeStampedModel):
    """One version of a scoring framework, kept as the data of its file: a round scores against the version it chose,
    so a later version never changes the marks of a round already open. Shipped ones belong to no partnership."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    slug = models.SlugField(max_length=60)
    version = models.CharField(max_length=30)
    name = models.CharField(max_length=200)
    content = models.JSONField(help_text="The scoring file, as read. See docs/commissioning.md.")

    objects = ScoringFrameworkQuerySet.as_manager()

    class Meta:
        ordering = ["name", "slug", "version"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "version"], name="one_scoring_framework_per_slug_and_version")
        ]

    def __str__(self):
        return f"{self.name} (version {self.version})"

    @property
    def scheme(self):
        return scoring.parse(self.content)


class RoundQuerySet(models.QuerySet):
    def for_partnership(self, partnership):
        return self.filter(partnership=partnership)

    def open_on(self, day):
        return self.filter(opens_on__lte=day, closes_on__gte=day, withdrawn_at__isnull=True)

    def newest_first(self):
        return self.order_by("-opens_on", "-id")


class Round(TimeStampedModel):
    """A funding round: a grants programme or a tender with lots, opened by a funder, commissioner or council."""

    partnership = models.ForeignKey("partnerships.Partnership", on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="commissioning_rounds"
    )
    kind = models.CharField(max_length=10, choices=RoundKind.choices, default=RoundKind.GRANTS)
    title = models.CharField(max_length=200)
    purpose = models.TextField("What the money is for")
    eligibility = models.TextField("Who can apply")
    eligible_sectors = models.JSONField(default=list, blank=True, help_text="Values from Sector; empty for all.")
    total_amount = models.DecimalField("Money in the round", **MONEY)
    largest_award = models.DecimalField("Most one application can ask for", **MONEY)
    small_grant_limit = models.DecimalField(
        "Small grants up to",
        **MONEY,
        help_text="Applications asking for this much or less use the short form: no accounts, policies or turnover.",
    )
    minimum_turnover = models.DecimalField(
        "Income applicants must have", null=True, blank=True, **MONEY, help_text="Empty when none is asked."
    )
    insurance_required = models.DecimalField(
        "Insurance cover applicants must hold", null=True, blank=True, **MONEY, help_text="Empty when none is asked."
    )
    opens_on = models.DateField()
    closes_on = models.DateField()
    scoring_framework = models.ForeignKey(ScoringFramework, on_delete=models.PROTECT, related_name="rounds")
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    version = models.PositiveIntegerField(default=1, help_text="Goes up by one each time the round is changed.")
    # A round withdrawn before it was decided: it takes no more applications, and applicants read why.
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    withdrawal_reason = models.TextField(blank=True)

    objects = RoundQuerySet.as_manager()

    class Meta:
        ordering = ["-opens_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(total_amount__gt=0), name="round_has_money"),
            models.CheckConstraint(condition=models.Q(largest_award__gt=0), name="round_largest_award_positive"),
            models.CheckConstraint(condition=models.Q(small_grant_limit__gte=0), name="round_small_limit_not_negative"),
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")), name="round_closes_after_opening"
            ),
            models.CheckConstraint(condition=models.Q(kind__in=RoundKind.values), name="round_kind_known"),
            models.CheckConstraint(
                condition=models.Q(withdrawn_at__isnull=True) | ~models.Q(withdrawal_reason=""),
                name="withdrawn_round_has_a_reason",
            ),
        ]

    def __str__(self):
        return self.title

    def is_open_on(self, day):
        return not self.is_withdrawn and self.opens_on <= day <= self.closes_on

    @property
    def is_open(self):
        return self.is_open_on(timezone.localdate())

    @property
    def is_withdrawn(self):
        return self.withdrawn_at is not None

    @property
    def can_still_change(self):
        """Its dates, words and money can change until it closes, unless it was withdrawn."""
        return not self.is_withdrawn and timezone.localdate() <= self.closes_on

    def uses_short_form(self, amount):
        """Small grants get the short form: proportionate to what is asked for."""
        return amount is not None and amount <= self.small_grant_limit


class Lot(models.Model):
    """Part of a tender, so smaller organisations can bid for the part they can do."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="lots")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    amount = models.DecimalField(**MONEY)

    class Meta:
        ordering = ["id"]
        constraints = [models.CheckConstraint(condition=models.Q(amount__gt=0), name="lot_has_money")]

    def __str__(self):
        return self.title


class ApplicationQuerySet(models.QuerySet):
    def for_round(self, round):
        return self.filter(round=round)

    def for_organisations(self, organisation_ids):
        return self.filter(organisation__in=organisation_ids)

    def awarded(self):
        return self.filter(status=ApplicationStatus.AWARDED)

    def with_parts(self):
        return self.select_related("round", "round__organisation", "organisation", "lot")


class Application(TimeStampedModel):
    """What a member organisation asks for, and what became of it. Sent once, then read by the panel."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="applications")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="commissioning_applications"
    )
    lot = models.ForeignKey(Lot, null=True, blank=True, on_delete=models.PROTECT, related_name="applications")
    title = models.CharField("Name of your project", max_length=140)
    summary = models.TextField("What the money will pay for")
    amount_requested = models.DecimalField(**MONEY)
    answers = models.JSONField(default=dict, help_text="The answer to each criterion's question, by its key.")
    short_form = models.BooleanField(default=True)
    # Asked only in the full form, for larger amounts.
    annual_turnover = models.DecimalField(null=True, blank=True, **MONEY)
    policies = models.TextField(blank=True)
    evidence_consent = models.BooleanField(default=False)
    evidence = models.JSONField(default=dict, blank=True, help_text="What Included showed when it was sent.")
    evidence_taken_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    submitted_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=10, choices=ApplicationStatus.choices, default=ApplicationStatus.SUBMITTED)

    agreed_score = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    agreed_scores = models.JSONField(default=dict, blank=True)
    moderation_reasons = models.TextField(blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)

    amount_awarded = models.DecimalField(null=True, blank=True, **MONEY)
    decision_reasons = models.TextField(blank=True)
    feedback = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["submitted_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "organisation"], name="one_application_per_round"),
            models.CheckConstraint(condition=models.Q(amount_requested__gt=0), name="application_asks_for_money"),
            models.CheckConstraint(
                condition=models.Q(status__in=ApplicationStatus.values), name="application_status_known"
            ),
            models.CheckConstraint(
                condition=~models.Q(status=ApplicationStatus.AWARDED) | models.Q(amount_awarded__gt=0),
                name="award_has_an_amount",
            ),
            models.CheckConstraint(
                condition=models.Q(agreed_score__isnull=True) | models.Q(agreed_score__gte=0, agreed_score__lte=100),
                name="agreed_score_out_of_100",
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.organisation})"

    @property
    def is_moderated(self):
        return self.moderated_at is not None

    @property
    def is_decided(self):
        return self.status != ApplicationStatus.SUBMITTED


class PanelMember(TimeStampedModel):
    """Someone who scores a round's applications, and how they were paid or thanked (as co-production is recorded)."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="panel")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="panel_places")
    role = models.CharField(max_length=20, choices=PanelRole.choices)
    recognition = models.CharField(max_length=20, choices=Recognition.choices, blank=True)
    hours_given = models.DecimalField(max_digits=6, decimal_places=1, null=True, blank=True)
    hourly_rate = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    voucher_value = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)

    class Meta:
        ordering = ["role", "id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "user"], name="one_panel_place_per_person"),
            models.CheckConstraint(condition=models.Q(role__in=PanelRole.values), name="panel_role_known"),
        ]

    def __str__(self):
        return f"{self.user} on {self.round}"

    @property
    def paid(self):
        if self.recognition == Recognition.PAID_HOURLY and self.hourly_rate is not None and self.hours_given:
            return (self.hourly_rate * self.hours_given).quantize(Decimal("0.01"))
        if self.recognition == Recognition.VOUCHERS:
            return self.voucher_value
        return None


class Declaration(TimeStampedModel):
    """A panel member says, before scoring, whether they have a conflict of interest with one application."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="declarations")
    panel_member = models.ForeignKey(PanelMember, on_delete=models.CASCADE, related_name="declarations")
    has_conflict = models.BooleanField()
    details = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["application", "panel_member"], name="one_declaration_per_application")
        ]


class Score(TimeStampedModel):
    """One panel member's own scores for one application. Sent once; nobody else on the panel sees it before
    they have sent theirs (access.rules.can_see_scores)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="scores")
    panel_member = models.ForeignKey(PanelMember, on_delete=models.CASCADE, related_name="scores")
    scores = models.JSONField(help_text="The score for each criterion, by its key.")
    comments = models.TextField(blank=True)
    total = models.DecimalField(max_digits=4, decimal_places=1)

    class Meta:
        ordering = ["panel_member__role", "id"]
        constraints = [
            models.UniqueConstraint(fields=["application", "panel_member"], name="one_score_per_panel_member"),
            models.CheckConstraint(condition=models.Q(total__gte=0, total__lte=100), name="score_out_of_100"),
        ]


class Question(TimeStampedModel):
    """A question or an appeal from an applicant, and the funder's answer, kept on the record."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="questions")
    kind = models.CharField(max_length=10, choices=QuestionKind.choices, default=QuestionKind.QUESTION)
    text = models.TextField()
    asked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    answer = models.TextField(blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(kind__in=QuestionKind.values), name="question_kind_known")
        ]
