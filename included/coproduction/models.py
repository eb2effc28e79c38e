"""Co-production: the activities people with lived experience took part in, what they said, and what changed.

An organisation records each activity (when people were invited, how they were paid, what access support it
offered, what it cost). Each contribution ("you said") gets responses ("we did"); every response is kept, and the
newest one is the current answer. Feedback records say how the contributor was told.
"""

import hashlib
import secrets
from decimal import Decimal

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from included.core import audit
from included.core.models import TimeStampedModel

from .enums import (
    AWAITING_RESPONSE,
    AccessSupport,
    ContributionSource,
    Decision,
    FeedbackMethod,
    LadderRung,
    Method,
    Recognition,
    Stage,
    WageArea,
)


def hash_link_token(token):
    return hashlib.sha256((token or "").encode()).hexdigest()


class RealLivingWageRateQuerySet(models.QuerySet):
    def in_force_on(self, area, day):
        """The rate that applied in this area on this day, or None if no rate that early is recorded."""
        return self.filter(area=area, in_force_from__lte=day).order_by("-in_force_from").first()


class RealLivingWageRate(models.Model):
    """The Living Wage Foundation's hourly rate, from the day it applies. A new rate is a new row."""

    area = models.CharField(max_length=10, choices=WageArea.choices)
    hourly_rate = models.DecimalField(max_digits=5, decimal_places=2)
    in_force_from = models.DateField(help_text="The first day employers were asked to pay this rate.")

    objects = RealLivingWageRateQuerySet.as_manager()

    class Meta:
        ordering = ["-in_force_from", "area"]
        verbose_name = "Real Living Wage rate"
        constraints = [
            models.UniqueConstraint(fields=["area", "in_force_from"], name="one_living_wage_rate_per_area_and_day"),
            models.CheckConstraint(condition=models.Q(area__in=WageArea.values), name="living_wage_area_known"),
            models.CheckConstraint(condition=models.Q(hourly_rate__gt=0), name="living_wage_rate_positive"),
        ]

    def __str__(self):
        return f"£{self.hourly_rate} an hour, {self.get_area_display()}, from {self.in_force_from:%-d %B %Y}"


class ActivityQuerySet(models.QuerySet):
    def for_organisation(self, organisation):
        return self.filter(organisation=organisation)

    def for_partnership(self, partnership):
        """The partnership's activities, leaving out those of organisations a coordinator archived."""
        return self.filter(organisation__partnership=partnership, organisation__archived_at__isnull=True)

    def newest_first(self):
        return self.order_by("-held_on", "-id")

    def evidence_for(self, framework_item):
        """Activities an organisation linked to a self-assessment item, so an assessment can cite them."""
        return self.filter(framework_items=framework_item)

    def with_contribution_counts(self):
        return self.annotate(contribution_count=models.Count("contributions", distinct=True))


class Activity(TimeStampedModel):
    """One piece of work in which people with lived experience took part: a workshop, a panel, a survey..."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="coproduction_activities"
    )
    title = models.CharField(max_length=200)
    purpose = models.TextField()
    stage = models.CharField(max_length=20, choices=Stage.choices)
    method = models.CharField(max_length=20, choices=Method.choices)
    ladder_rung = models.CharField(max_length=20, choices=LadderRung.choices)
    invited_on = models.DateField(help_text="The day people were first asked to take part.")
    held_on = models.DateField(help_text="The day it happened, or its first day.")
    ends_on = models.DateField(null=True, blank=True, help_text="Its last day, if it ran for more than one day.")

    participants = models.PositiveIntegerField(null=True, blank=True)
    hours_given = models.DecimalField(
        max_digits=8,
        decimal_places=1,
        null=True,
        blank=True,
        help_text="Hours given by everyone who took part, added together.",
    )
    recognition = models.CharField(max_length=20, choices=Recognition.choices, blank=True)
    hourly_rate = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    voucher_value = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    wage_area = models.CharField(max_length=10, choices=WageArea.choices, default=WageArea.UK)

    access_support = models.JSONField(default=list, blank=True, help_text="Values from AccessSupport.")
    access_support_other = models.CharField(max_length=200, blank=True)
    other_costs = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    staff_hours = models.DecimalField(max_digits=8, decimal_places=1, null=True, blank=True)

    framework_items = models.ManyToManyField(
        "frameworks.FrameworkItem", blank=True, related_name="coproduction_activities"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Bumped on every change to any section, so two people editing at once are told (core.versions).
    version = models.PositiveIntegerField(default=1)

    objects = ActivityQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name_plural = "activities"
        constraints = [
            models.CheckConstraint(condition=models.Q(stage__in=Stage.values), name="activity_stage_known"),
            models.CheckConstraint(condition=models.Q(method__in=Method.values), name="activity_method_known"),
            models.CheckConstraint(
                condition=models.Q(ladder_rung__in=LadderRung.values), name="activity_ladder_rung_known"
            ),
            models.CheckConstraint(
                condition=models.Q(recognition__in=[*Recognition.values, ""]), name="activity_recognition_known"
            ),
            models.CheckConstraint(condition=models.Q(wage_area__in=WageArea.values), name="activity_wage_area_known"),
            models.CheckConstraint(
                condition=models.Q(invited_on__lte=models.F("held_on")), name="activity_invited_before_held"
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=models.F("held_on")),
                name="activity_ends_after_it_starts",
            ),
            # A NULL would let a CHECK pass, so "isnull=False" is spelled out.
            models.CheckConstraint(
                condition=models.Q(recognition=Recognition.PAID_HOURLY, hourly_rate__isnull=False, hourly_rate__gt=0)
                | (~models.Q(recognition=Recognition.PAID_HOURLY) & models.Q(hourly_rate__isnull=True)),
                name="activity_hourly_rate_only_when_paid_hourly",
            ),
            models.CheckConstraint(
                condition=models.Q(recognition=Recognition.VOUCHERS, voucher_value__isnull=False, voucher_value__gte=0)
                | (~models.Q(recognition=Recognition.VOUCHERS) & models.Q(voucher_value__isnull=True)),
                name="activity_voucher_value_only_with_vouchers",
            ),
            models.CheckConstraint(
                condition=models.Q(participants__isnull=True) | models.Q(participants__gte=1),
                name="activity_participants_at_least_one",
            ),
            models.CheckConstraint(
                condition=models.Q(hours_given__isnull=True) | models.Q(hours_given__gte=0),
                name="activity_hours_given_not_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(other_costs__isnull=True) | models.Q(other_costs__gte=0),
                name="activity_other_costs_not_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(staff_hours__isnull=True) | models.Q(staff_hours__gte=0),
                name="activity_staff_hours_not_negative",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def partnership(self):
        return self.organisation.partnership

    @property
    def notice_days(self):
        return (self.held_on - self.invited_on).days

    def has_short_notice(self, threshold_days):
        return self.notice_days < threshold_days

    @property
    def ladder_group(self):
        return LadderRung(self.ladder_rung).group

    @property
    def paid_to_participants(self):
        """Money paid to people for their time: hourly pay, or the value of vouchers. Expenses are not pay."""
        if self.recognition == Recognition.PAID_HOURLY and self.hours_given is not None:
            return (self.hourly_rate * self.hours_given).quantize(Decimal("0.01"))
        if self.recognition == Recognition.VOUCHERS:
            return self.voucher_value
        return Decimal("0.00")

    @property
    def access_support_labels(self):
        labels = [AccessSupport(value).label for value in self.access_support if value in AccessSupport.values]
        if AccessSupport.OTHER in self.access_support and self.access_support_other:
            labels[labels.index(AccessSupport.OTHER.label)] = f"Something else: {self.access_support_other}"
        return labels


class ContributionLinkQuerySet(models.QuerySet):
    def for_activity(self, activity):
        return self.filter(activity=activity)

    def active(self):
        return self.filter(switched_off_at__isnull=True)

    def for_token(self, token):
        return self.filter(token_hash=hash_link_token(token))


class ContributionLink(TimeStampedModel):
    """A link an organisation shares so people can add what they said without an account.

    Only a hash of the token is stored: a copy of the database does not give anyone a working link.
    """

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="links")
    token_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    switched_off_at = models.DateTimeField(null=True, blank=True)

    objects = ContributionLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["activity"],
                condition=models.Q(switched_off_at__isnull=True),
                name="one_working_link_per_activity",
            ),
        ]

    def __str__(self):
        return f"Link for {self.activity}"

    @staticmethod
    def new_token():
        return secrets.token_urlsafe(24)

    @property
    def is_active(self):
        return self.switched_off_at is None


class ContributionQuerySet(models.QuerySet):
    def for_organisation(self, organisation):
        return self.filter(activity__organisation=organisation)

    def for_partnership(self, partnership):
        """What people said to the partnership's organisations, leaving out archived organisations."""
        return self.filter(
            activity__organisation__partnership=partnership, activity__organisation__archived_at__isnull=True
        )

    def published(self):
        """Only what people agreed we could publish. Every public page starts here."""
        return self.filter(consent_to_publish=True)

    def at_stage(self, stage):
        return self.filter(stage=stage)

    def answered(self):
        """Contributions with at least one response: the ones people can be told about."""
        return self.filter(models.Exists(Response.objects.filter(contribution=models.OuterRef("pk"))))

    def newest_first(self):
        return self.order_by("-given_on", "-created_at", "-id")

    def with_progress(self):
        """Each contribution's current decision, when it was first answered, and whether the person was told."""
        responses = Response.objects.filter(contribution=models.OuterRef("pk"))
        return self.annotate(
            current_decision=models.Subquery(responses.order_by("-created_at", "-id").values("decision")[:1]),
            first_response_at=models.Subquery(responses.order_by("created_at", "id").values("created_at")[:1]),
            was_told=models.Exists(FeedbackRecord.objects.filter(contribution=models.OuterRef("pk"))),
        )

    def with_status(self, status):
        """Filter `with_progress()` rows by current decision; AWAITING_RESPONSE means no response yet."""
        if status == AWAITING_RESPONSE:
            return self.filter(current_decision__isnull=True)
        return self.filter(current_decision=status)

    def with_responses(self):
        """Responses newest first, so `current_response` needs no query of its own."""
        return self.prefetch_related(
            models.Prefetch("responses", queryset=Response.objects.order_by("-created_at", "-id"))
        )


class Contribution(TimeStampedModel):
    """Something a person said ("you said"), with their choices about publishing, their name and hearing back."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="contributions")
    text = models.TextField()
    stage = models.CharField(max_length=20, choices=Stage.choices)
    given_on = models.DateField()
    source = models.CharField(
        max_length=20, choices=ContributionSource.choices, default=ContributionSource.ORGANISATION
    )
    consent_to_publish = models.BooleanField(default=False)
    contributor_name = models.CharField(max_length=150, blank=True)
    named_publicly = models.BooleanField(default=False, help_text="The person chose to have their name shown.")
    contact_email = models.EmailField(blank=True)
    wants_updates = models.BooleanField(default=False, help_text="The person agreed to hear back by email.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ContributionQuerySet.as_manager()

    class Meta:
        ordering = ["-given_on", "-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(stage__in=Stage.values), name="contribution_stage_known"),
            models.CheckConstraint(
                condition=models.Q(source__in=ContributionSource.values), name="contribution_source_known"
            ),
            models.CheckConstraint(
                condition=models.Q(named_publicly=False) | ~models.Q(contributor_name=""),
                name="contribution_named_only_with_a_name",
            ),
            models.CheckConstraint(
                condition=models.Q(wants_updates=False) | ~models.Q(contact_email=""),
                name="contribution_updates_only_with_an_email",
            ),
        ]

    def __str__(self):
        return self.text[:60]

    @property
    def public_name(self):
        """The name to show on public pages: only if the person chose to be named."""
        return self.contributor_name if self.named_publicly else ""

    @property
    def hears_back_by_email(self):
        """The person asked to be told what happened, and left an address: each response is emailed to them."""
        return self.wants_updates and bool(self.contact_email)

    @property
    def current_response(self):
        """The newest response. Uses the responses from `with_responses()` when they are there."""
        if "responses" in getattr(self, "_prefetched_objects_cache", {}):
            responses = self._prefetched_objects_cache["responses"]
            return responses[0] if responses else None
        return self.responses.order_by("-created_at", "-id").first()

    @property
    def earlier_responses(self):
        if "responses" in getattr(self, "_prefetched_objects_cache", {}):
            return list(self._prefetched_objects_cache["responses"])[1:]
        return list(self.responses.order_by("-created_at", "-id"))[1:]

    @property
    def status(self):
        response = self.current_response
        return response.decision if response else AWAITING_RESPONSE


class ResponseQuerySet(models.QuerySet):
    def for_organisation(self, organisation):
        return self.filter(contribution__activity__organisation=organisation)

    def for_partnership(self, partnership):
        """Responses to what people said to the partnership's organisations, leaving out archived organisations."""
        return self.filter(
            contribution__activity__organisation__partnership=partnership,
            contribution__activity__organisation__archived_at__isnull=True,
        )

    def first_to_each_contribution(self):
        """Only the first response to each contribution (the earliest; of two at the same moment, the first saved)."""
        earlier = Response.objects.filter(contribution=models.OuterRef("contribution")).filter(
            models.Q(created_at__lt=models.OuterRef("created_at"))
            | models.Q(created_at=models.OuterRef("created_at"), pk__lt=models.OuterRef("pk"))
        )
        return self.filter(~models.Exists(earlier))

    def current(self):
        """Only the newest response to each contribution."""
        newest = Response.objects.filter(contribution=models.OuterRef("contribution")).order_by("-created_at", "-id")
        return self.filter(pk=models.Subquery(newest.values("pk")[:1]))


class Response(TimeStampedModel):
    """What the organisation did about a contribution ("we did"). A change is a new row, so the history stays."""

    contribution = models.ForeignKey(Contribution, on_delete=models.CASCADE, related_name="responses")
    decision = models.CharField(max_length=20, choices=Decision.choices)
    what_changed = models.TextField(blank=True)
    reason = models.TextField(blank=True, help_text="Why it was not adopted.")
    changed_on = models.DateField(null=True, blank=True, help_text="When the change happened or will happen.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ResponseQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(decision__in=Decision.values), name="response_decision_known"),
            models.CheckConstraint(
                condition=~models.Q(decision=Decision.NOT_ADOPTED) | ~models.Q(reason=""),
                name="response_not_adopted_gives_a_reason",
            ),
            models.CheckConstraint(
                condition=models.Q(decision=Decision.NOT_ADOPTED) | ~models.Q(what_changed=""),
                name="response_says_what_changed",
            ),
        ]

    def __str__(self):
        return f"{self.get_decision_display()}: {self.what_changed or self.reason}"[:80]

    def record_email_sent(self):
        """Note that Included emailed the contributor about this response, which closes the loop.

        Lives on the model, not in services.py, because the task that sends the email calls it, and services.py
        queues that task: services -> tasks -> models, never back.
        """
        with transaction.atomic():
            record = FeedbackRecord.objects.create(
                contribution=self.contribution,
                response=self,
                method=FeedbackMethod.EMAIL,
                told_on=timezone.localdate(),
            )
            audit.record(
                "coproduction.contributor_emailed",
                obj=self,
                partnership=self.contribution.activity.organisation.partnership,
                summary=f"Emailed a contributor to “{self.contribution.activity.title}” about the response",
            )
        return record


class FeedbackRecordQuerySet(models.QuerySet):
    def for_organisation(self, organisation):
        return self.filter(contribution__activity__organisation=organisation)


class FeedbackRecord(TimeStampedModel):
    """The contributor was told about a response: by Included's email, or by the organisation another way."""

    contribution = models.ForeignKey(Contribution, on_delete=models.CASCADE, related_name="feedback")
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="feedback")
    method = models.CharField(max_length=20, choices=FeedbackMethod.choices)
    told_on = models.DateField()
    note = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Empty when Included sent the email itself.",
    )

    objects = FeedbackRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-told_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(method__in=FeedbackMethod.values), name="feedback_method_known"),
        ]

    def __str__(self):
        return f"{self.get_method_display()} on {self.told_on}"


class ReviewPaymentQuerySet(models.QuerySet):
    def for_partnership(self, partnership):
        return self.filter(review__assessment__organisation__partnership=partnership)


class ReviewPayment(TimeStampedModel):
    """The time a lived-experience reviewer gave to one review, and how they were paid or thanked for it, recorded
    by a coordinator. It counts in the partnership's co-production measures, checked against the Real Living Wage."""

    review = models.OneToOneField("assessments.Review", on_delete=models.CASCADE, related_name="payment")
    given_on = models.DateField(help_text="The day the review was done: the Real Living Wage of that day applies.")
    hours_given = models.DecimalField(max_digits=8, decimal_places=1)
    recognition = models.CharField(max_length=20, choices=Recognition.choices)
    hourly_rate = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    voucher_value = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    wage_area = models.CharField(max_length=10, choices=WageArea.choices, default=WageArea.UK)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    objects = ReviewPaymentQuerySet.as_manager()

    class Meta:
        ordering = ["-given_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(hours_given__gt=0), name="review_payment_hours_positive"),
            models.CheckConstraint(
                condition=models.Q(recognition__in=Recognition.values), name="review_payment_recognition_known"
            ),
            models.CheckConstraint(
                condition=models.Q(wage_area__in=WageArea.values), name="review_payment_wage_area_known"
            ),
            models.CheckConstraint(
                condition=models.Q(recognition=Recognition.PAID_HOURLY, hourly_rate__isnull=False, hourly_rate__gt=0)
                | (~models.Q(recognition=Recognition.PAID_HOURLY) & models.Q(hourly_rate__isnull=True)),
                name="review_payment_hourly_rate_only_when_paid_hourly",
            ),
            models.CheckConstraint(
                condition=models.Q(recognition=Recognition.VOUCHERS, voucher_value__isnull=False, voucher_value__gte=0)
                | (~models.Q(recognition=Recognition.VOUCHERS) & models.Q(voucher_value__isnull=True)),
                name="review_payment_voucher_value_only_with_vouchers",
            ),
        ]

    def __str__(self):
        return f"Time and pay for review {self.review_id}"
